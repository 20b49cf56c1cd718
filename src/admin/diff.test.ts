import fc from 'fast-check';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Guide } from '../guides/schema.ts';
import { MAX_DIFF_TOKENS, diffGuides, diffWords, tokenizeForDiff, type WordChange } from './diff.ts';
import { GuideDiff } from './views/diff.tsx';

const join = (words: readonly WordChange[], ops: readonly WordChange['op'][]) =>
  words
    .filter((w) => ops.includes(w.op))
    .map((w) => w.text)
    .join('');
const beforeOf = (words: readonly WordChange[]) => join(words, ['same', 'del']);
const afterOf = (words: readonly WordChange[]) => join(words, ['same', 'add']);

function guide(overrides: Partial<Guide> = {}): Guide {
  return {
    id: 'windows-update-0x80244007',
    code: '0x80244007',
    category: 'Operating systems',
    brand: 'Microsoft',
    product: 'Windows Update',
    severity: 'moderate',
    safeToUse: 'yes',
    title: 'Windows Update error 0x80244007',
    summary: 'The update server rejected the request.',
    affected: ['Windows 10', 'Windows 11'],
    causes: ['A stale update cache.', 'A proxy that rewrites requests.'],
    steps: [
      { action: 'Restart the computer.', why: 'It clears a stuck session.' },
      {
        action: 'Reset the update cache.',
        why: 'A damaged cache is the usual cause.',
        commands: ['net stop wuauserv', 'net start wuauserv'],
        audience: 'it-pro',
      },
      { action: 'Check the proxy.', why: 'Some proxies break SOAP.' },
    ],
    callAPro: 'If the error persists after a cache reset.',
    faq: [{ question: 'Is my data at risk?', answer: 'No.' }],
    related: ['0x80244008'],
    sources: [
      { title: 'Windows Update error codes', url: 'https://learn.microsoft.com/x', publisher: 'Microsoft' },
    ],
    confidence: 'high',
    reviewed: '2026-11-26',
    status: 'published',
    ...overrides,
  };
}

describe('tokenizeForDiff', () => {
  it('splits into words, whitespace and punctuation', () => {
    expect(tokenizeForDiff('Reset  the cache, now!')).toEqual([
      'Reset',
      '  ',
      'the',
      ' ',
      'cache',
      ',',
      ' ',
      'now',
      '!',
    ]);
    expect(tokenizeForDiff('')).toEqual([]);
  });

  it('loses nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => tokenizeForDiff(s).join('') === s),
      { numRuns: 1000 },
    );
  });
});

describe('diffWords', () => {
  it('marks changed words', () => {
    expect(diffWords('Restart the computer.', 'Restart the router.')).toEqual([
      { op: 'same', text: 'Restart the ' },
      { op: 'del', text: 'computer' },
      { op: 'add', text: 'router' },
      { op: 'same', text: '.' },
    ]);
    expect(diffWords('a c', 'a b c')).toEqual([
      { op: 'same', text: 'a ' },
      { op: 'add', text: 'b ' },
      { op: 'same', text: 'c' },
    ]);
  });

  it('keeps whole words and folds a lone space between two changes into them', () => {
    expect(diffWords('stop the service now', 'start a service now')).toEqual([
      { op: 'del', text: 'stop the' },
      { op: 'add', text: 'start a' },
      { op: 'same', text: ' service now' },
    ]);
  });

  it('handles empty and equal texts', () => {
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('same', 'same')).toEqual([{ op: 'same', text: 'same' }]);
    expect(diffWords('', 'new text')).toEqual([{ op: 'add', text: 'new text' }]);
    expect(diffWords('old text', '')).toEqual([{ op: 'del', text: 'old text' }]);
  });

  const words = fc.constantFrom(
    'a',
    'b',
    'c',
    'the',
    'cache',
    ' ',
    '  ',
    '\n',
    ',',
    '.',
    '<',
    '>',
    'é',
    '😀',
  );
  const text = fc.oneof(
    fc.array(words, { maxLength: 40 }).map((w) => w.join('')),
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );

  it('reconstructs both texts, with tidy pieces (property)', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const d = diffWords(before, after);
        expect(beforeOf(d)).toBe(before);
        expect(afterOf(d)).toBe(after);
        for (const [i, w] of d.entries()) {
          expect(w.text).not.toBe('');
          const next = d[i + 1];
          if (next) {
            expect(next.op).not.toBe(w.op);
            expect(w.op === 'add' && next.op === 'del').toBe(false);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a minimal edit for small token lists (property)', () => {
    // Length of a longest common subsequence, by plain dynamic programming.
    const lcs = (a: string[], b: string[]) => {
      const row = new Array<number>(b.length + 1).fill(0);
      for (const x of a) {
        let diag = 0;
        for (let j = 1; j <= b.length; j++) {
          const up = row[j]!;
          row[j] = x === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1]!);
          diag = up;
        }
      }
      return row[b.length]!;
    };
    // No whitespace, so no folding: the kept tokens must be exactly a longest common subsequence.
    const short = fc
      .array(fc.constantFrom('a', 'b', 'c', ',', '.', '-'), { maxLength: 16 })
      .map((w) => w.join(''));
    fc.assert(
      fc.property(short, short, (before, after) => {
        const kept = diffWords(before, after)
          .filter((w) => w.op === 'same')
          .reduce((n, w) => n + tokenizeForDiff(w.text).length, 0);
        expect(kept).toBe(lcs(tokenizeForDiff(before), tokenizeForDiff(after)));
      }),
      { numRuns: 2000 },
    );
  });

  it('replaces very long texts whole', () => {
    const long = (w: string) => Array.from({ length: MAX_DIFF_TOKENS }, (_, i) => `${w}${i % 7}`).join(' ');
    const d = diffWords(long('x'), long('y'));
    expect(d.map((w) => w.op)).toEqual(['del', 'add']);
    expect(beforeOf(d)).toBe(long('x'));
    expect(afterOf(d)).toBe(long('y'));
  });

  it('still diffs a small change in a long text', () => {
    const base = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' ');
    const changed = base.replace('w10000 ', 'w10000 extra ');
    const d = diffWords(base, changed);
    expect(d.filter((w) => w.op !== 'same')).toEqual([{ op: 'add', text: 'extra ' }]);
  });

  it('gives up on a word diff when the texts share almost nothing', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
    const d = diffWords(`start ${a} end`, `start ${b} end`);
    expect(d.map((w) => w.op)).toEqual(['same', 'del', 'add', 'same']);
  });
});

describe('diffGuides', () => {
  it('returns [] for identical guides', () => {
    expect(diffGuides(guide(), guide())).toEqual([]);
    expect(diffGuides(guide(), structuredClone(guide()))).toEqual([]);
  });

  it('labels top-level fields and keeps schema order', () => {
    const d = diffGuides(
      guide(),
      guide({ status: 'archived', title: 'Windows Update error 0x80244007 explained', safeToUse: 'no' }),
    );
    expect(d.map((f) => [f.field, f.label, f.kind])).toEqual([
      ['safeToUse', 'Safe to use', 'changed'],
      ['title', 'Title', 'changed'],
      ['status', 'Status', 'changed'],
    ]);
    expect(d[1]).toEqual({
      field: 'title',
      label: 'Title',
      kind: 'changed',
      before: 'Windows Update error 0x80244007',
      after: 'Windows Update error 0x80244007 explained',
      words: [
        { op: 'same', text: 'Windows Update error 0x80244007' },
        { op: 'add', text: ' explained' },
      ],
    });
  });

  it('diffs nested step fields', () => {
    const before = guide();
    const after = structuredClone(before);
    after.steps[2]!.why = 'Some proxies break SOAP requests.';
    after.steps[1]!.commands = ['net stop wuauserv', 'net start bits'];
    delete after.steps[1]!.audience;
    after.steps[0]!.audience = 'everyone';
    const d = diffGuides(before, after);
    expect(d.map((f) => [f.field, f.label, f.kind])).toEqual([
      ['steps[0].audience', 'Step 1 — audience', 'added'],
      ['steps[1].commands[1]', 'Step 2 — command 2', 'changed'],
      ['steps[1].audience', 'Step 2 — audience', 'removed'],
      ['steps[2].why', 'Step 3 — why', 'changed'],
    ]);
    expect(d[0]).toEqual({
      field: 'steps[0].audience',
      label: 'Step 1 — audience',
      kind: 'added',
      after: 'everyone',
    });
    expect(d[2]).toEqual({
      field: 'steps[1].audience',
      label: 'Step 2 — audience',
      kind: 'removed',
      before: 'it-pro',
    });
    expect(d[3]?.words?.filter((w) => w.op !== 'same')).toEqual([{ op: 'add', text: ' requests' }]);
  });

  it('shows items appended or removed at the end of a list as added or removed', () => {
    const before = guide();
    const after = guide({
      causes: [...before.causes, 'A clock far off the real time.'],
      affected: ['Windows 10'],
      steps: [
        ...before.steps,
        { action: 'Run the troubleshooter.', why: 'It resets more.', commands: ['msdt'] },
      ],
      faq: [],
      sources: [...before.sources, { title: 'KB', url: 'https://support.example/kb', publisher: 'Example' }],
    });
    const d = diffGuides(before, after);
    expect(d.map((f) => [f.field, f.label, f.kind])).toEqual([
      ['affected[1]', 'Affected 2', 'removed'],
      ['causes[2]', 'Cause 3', 'added'],
      ['steps[3].action', 'Step 4 — action', 'added'],
      ['steps[3].why', 'Step 4 — why', 'added'],
      ['steps[3].commands[0]', 'Step 4 — command 1', 'added'],
      ['faq[0].question', 'FAQ 1 — question', 'removed'],
      ['faq[0].answer', 'FAQ 1 — answer', 'removed'],
      ['sources[1].title', 'Source 2 — title', 'added'],
      ['sources[1].url', 'Source 2 — URL', 'added'],
      ['sources[1].publisher', 'Source 2 — publisher', 'added'],
    ]);
    expect(d[0]).toEqual({
      field: 'affected[1]',
      label: 'Affected 2',
      kind: 'removed',
      before: 'Windows 11',
    });
    expect(d[1]).toEqual({
      field: 'causes[2]',
      label: 'Cause 3',
      kind: 'added',
      after: 'A clock far off the real time.',
    });
  });

  it('compares lists by index: an insertion in the middle changes the items after it', () => {
    const before = guide({ related: ['0x80244008', '0x80244009'] });
    const after = guide({ related: ['0x80244008', '0x8024400A', '0x80244009'] });
    expect(diffGuides(before, after).map((f) => [f.field, f.label, f.kind])).toEqual([
      ['related[1]', 'Related code 2', 'changed'],
      ['related[2]', 'Related code 3', 'added'],
    ]);
  });

  it('treats a missing command list like an empty one', () => {
    const before = guide();
    const after = structuredClone(before);
    after.steps[1]!.commands = [];
    expect(diffGuides(before, after).map((f) => f.field)).toEqual([
      'steps[1].commands[0]',
      'steps[1].commands[1]',
    ]);
    const noCommands = structuredClone(before);
    delete noCommands.steps[1]!.commands;
    expect(diffGuides(after, noCommands)).toEqual([]);
  });
});

describe('<GuideDiff>', () => {
  const render = (before: Guide, after: Guide) =>
    renderToString(
      h(GuideDiff, { diffs: diffGuides(before, after), beforeLabel: 'Revision 3', afterLabel: 'Revision 5' }),
    );

  it('renders labels with <del> and <ins>', () => {
    const html = render(guide(), guide({ title: 'Windows Update error 0x80244007 explained' }));
    expect(html).toContain('class="diff"');
    expect(html).toContain('class="diff-field"');
    expect(html).toContain('Revision 3');
    expect(html).toContain('Revision 5');
    expect(html).toContain('<th scope="row">Title</th>');
    expect(html).toContain('Windows Update error 0x80244007<ins class="diff-ins"> explained</ins>');
  });

  it('says when nothing changed', () => {
    expect(render(guide(), guide())).toContain('No changes between Revision 3 and Revision 5.');
  });

  it('keeps markup in guide text inert', () => {
    const script = '<script>alert(1)</script>';
    const img = '"><img src=x onerror=alert(1)>';
    const before = guide({ summary: `Before ${script} text`, callAPro: img, causes: [script] });
    const after = guide({
      summary: `After ${img} text ${script}`,
      title: `${script}${img}`,
      causes: [script, img],
      steps: [...guide().steps, { action: img, why: script }],
    });
    const html = render(before, after);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    // Every tag in the output is one the component writes.
    const tags = new Set([...html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['caption', 'del', 'ins', 'table', 'tbody', 'td', 'th', 'thead', 'tr']);
  });
});

describe('diffGuides on steps with ids', () => {
  const withIds = () => {
    const g = guide();
    return { ...g, steps: g.steps.map((s, i) => ({ id: `s${i + 1}`, ...s })) };
  };

  it('shows a step inserted in the middle as one step added, not every later step rewritten', () => {
    const before = withIds();
    const inserted = { id: 's9', action: 'Check the clock.', why: 'TLS needs the right time.' };
    const after = { ...before, steps: [before.steps[0]!, inserted, ...before.steps.slice(1)] };
    expect(diffGuides(before, after).map((f) => [f.field, f.label, f.kind])).toEqual([
      ['steps[1].action', 'Step 2 — action', 'added'],
      ['steps[1].why', 'Step 2 — why', 'added'],
    ]);
  });

  it('shows a reordered step as moved, with its text unchanged', () => {
    const before = withIds();
    const after = { ...before, steps: [before.steps[2]!, before.steps[0]!, before.steps[1]!] };
    expect(diffGuides(before, after)).toEqual([
      { field: 'steps[0]', label: 'Step 1', kind: 'moved', before: 'step 3', after: 'step 1' },
    ]);
  });

  it('shows a moved step that was also edited as moved and changed', () => {
    const before = withIds();
    const moved = { ...before.steps[0]!, why: 'It clears a stuck update session.' };
    const after = { ...before, steps: [before.steps[1]!, before.steps[2]!, moved] };
    expect(diffGuides(before, after).map((f) => [f.field, f.kind])).toEqual([
      ['steps[2]', 'moved'],
      ['steps[2].why', 'changed'],
    ]);
  });

  it('labels a removed step by its old position, apart from the steps that stay', () => {
    const before = withIds();
    const after = { ...before, steps: [before.steps[0]!, before.steps[2]!] };
    expect(diffGuides(before, after).map((f) => [f.field, f.label, f.kind])).toEqual([
      ['steps.removed[1].action', 'Step 2 — action', 'removed'],
      ['steps.removed[1].why', 'Step 2 — why', 'removed'],
      ['steps.removed[1].commands[0]', 'Step 2 — command 1', 'removed'],
      ['steps.removed[1].commands[1]', 'Step 2 — command 2', 'removed'],
      ['steps.removed[1].audience', 'Step 2 — audience', 'removed'],
    ]);
  });
});
