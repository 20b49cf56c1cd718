import { coverToLine } from '../guides/family.ts';
import { stepIds, type Guide, type Step } from '../guides/schema.ts';
import type { DraftGuide } from '../guides/draft.ts';

/** One piece of a word-level diff: text kept, added or deleted. */
export interface WordChange {
  op: 'same' | 'add' | 'del';
  text: string;
}

/** One changed field between two revisions of a guide. */
export interface FieldDiff {
  /** Path of the field, e.g. `title`, `causes[0]`, `steps[2].why`, `steps[0].commands[1]`. */
  field: string;
  /** Human label, e.g. `Title`, `Cause 1`, `Step 3 — why`. */
  label: string;
  /** `moved`: a step whose place among the other steps changed (`before`/`after` are its positions). */
  kind: 'added' | 'removed' | 'changed' | 'moved';
  /** The old text; absent when the field was added. */
  before?: string;
  /** The new text; absent when the field was removed. */
  after?: string;
  /** Word-level diff of `before` → `after`; present when `kind` is `changed`. */
  words?: WordChange[];
}

/** Past this many tokens on either side (after trimming a common prefix and suffix) a text is replaced whole. */
export const MAX_DIFF_TOKENS = 5000;
/** Past this many inserted plus deleted tokens the texts are too different to be worth a word diff. */
export const MAX_EDIT_DISTANCE = 2000;

const TOKEN = /[\p{L}\p{N}\p{M}_]+|\s+|[^\p{L}\p{N}\p{M}_\s]/gu;

/**
 * Words, whitespace runs and single punctuation characters, in order. Joining the tokens gives the
 * text back exactly.
 */
export function tokenizeForDiff(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Word-level diff (Myers' O(ND) algorithm over tokens). Applying the `same` and `add` pieces in
 * order gives `after`; the `same` and `del` pieces give `before`. Adjacent pieces never share an
 * op, and within each changed stretch deletions come before additions.
 */
export function diffWords(before: string, after: string): WordChange[] {
  if (before === after) return before === '' ? [] : [{ op: 'same', text: before }];
  const a = tokenizeForDiff(before);
  const b = tokenizeForDiff(after);

  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);

  const raw: WordChange[] = [];
  if (prefix > 0) raw.push({ op: 'same', text: a.slice(0, prefix).join('') });
  const middle =
    midA.length > MAX_DIFF_TOKENS || midB.length > MAX_DIFF_TOKENS
      ? null
      : myers(midA, midB, MAX_EDIT_DISTANCE);
  if (middle === null) {
    if (midA.length > 0) raw.push({ op: 'del', text: midA.join('') });
    if (midB.length > 0) raw.push({ op: 'add', text: midB.join('') });
  } else {
    raw.push(...middle);
  }
  if (suffix > 0) raw.push({ op: 'same', text: a.slice(a.length - suffix).join('') });
  return tidy(raw);
}

/**
 * Myers' shortest edit script between two token lists, as one piece per token, or null when more
 * than `maxD` insertions and deletions are needed. Memory is O(D²) for the trace.
 */
function myers(a: readonly string[], b: readonly string[], maxD: number): WordChange[] | null {
  // Compare small integers rather than strings in the hot loop.
  const ids = new Map<string, number>();
  const intern = (t: string) => {
    let id = ids.get(t);
    if (id === undefined) {
      id = ids.size;
      ids.set(t, id);
    }
    return id;
  };
  const ai = Int32Array.from(a, intern);
  const bi = Int32Array.from(b, intern);
  const n = ai.length;
  const m = bi.length;
  const limit = Math.min(n + m, maxD);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];

  let found = -1;
  for (let d = 0; d <= limit; d++) {
    // Keep V[-d-1 .. d+1] (what this round reads) for the backtrack.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && ai[x] === bi[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return null;

  const out: WordChange[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!; // V before round d: index k maps to vd[k + d + 1]
    const at = (k: number) => vd[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: 'same', text: a[--x]! });
      y--;
    }
    if (down) out.push({ op: 'add', text: b[--y]! });
    else out.push({ op: 'del', text: a[--x]! });
  }
  while (x > 0) {
    out.push({ op: 'same', text: a[--x]! });
    y--;
  }
  return out.reverse();
}

/**
 * Readable pieces: whitespace-only kept text between two changes is folded into both sides, each
 * changed stretch becomes one deletion then one addition, and neighbours with the same op merge.
 */
function tidy(pieces: readonly WordChange[]): WordChange[] {
  type Group = { kind: 'same'; text: string } | { kind: 'change'; del: string; add: string };
  // Kept text and changed stretches, alternating.
  const groups: Group[] = [];
  for (const p of pieces) {
    if (p.text === '') continue;
    const last = groups.at(-1);
    if (p.op === 'same') {
      if (last?.kind === 'same') last.text += p.text;
      else groups.push({ kind: 'same', text: p.text });
    } else {
      let change = last;
      if (change?.kind !== 'change') {
        change = { kind: 'change', del: '', add: '' };
        groups.push(change);
      }
      if (p.op === 'del') change.del += p.text;
      else change.add += p.text;
    }
  }

  // Fold whitespace between two changes into them: "<del>a b</del><ins>c d</ins>", not four pieces.
  const folded: Group[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const prev = folded.at(-1);
    const next = groups[i + 1];
    if (g.kind === 'same' && prev?.kind === 'change' && next?.kind === 'change' && /^\s+$/u.test(g.text)) {
      prev.del += g.text + next.del;
      prev.add += g.text + next.add;
      i++;
    } else {
      folded.push(g);
    }
  }

  const out: WordChange[] = [];
  for (const g of folded) {
    if (g.kind === 'same') {
      out.push({ op: 'same', text: g.text });
    } else {
      if (g.del !== '') out.push({ op: 'del', text: g.del });
      if (g.add !== '') out.push({ op: 'add', text: g.add });
    }
  }
  return out;
}

/** Field labels in schema order. */
export const FIELD_LABELS = {
  id: 'ID',
  code: 'Code',
  kind: 'Kind',
  covers: 'Covers',
  category: 'Category',
  brand: 'Brand',
  product: 'Product',
  severity: 'Severity',
  safeToUse: 'Safe to use',
  title: 'Title',
  summary: 'Summary',
  affected: 'Affected',
  causes: 'Cause',
  steps: 'Step',
  callAPro: 'When to call a pro',
  faq: 'FAQ',
  related: 'Related code',
  sources: 'Source',
  confidence: 'Confidence',
  reviewed: 'Reviewed',
  status: 'Status',
} as const satisfies Record<keyof Guide, string>;

type ScalarField = {
  [K in keyof Guide]-?: Guide[K] extends string ? K : never;
}[keyof Guide];

function compareText(
  out: FieldDiff[],
  field: string,
  label: string,
  before: string | undefined,
  after: string | undefined,
): void {
  if (before === after) return;
  if (before === undefined) out.push({ field, label, kind: 'added', after: after! });
  else if (after === undefined) out.push({ field, label, kind: 'removed', before });
  else out.push({ field, label, kind: 'changed', before, after, words: diffWords(before, after) });
}

/** Lists compare by index: extra items at the end are added or removed. */
function compareList<T>(
  out: FieldDiff[],
  before: readonly T[] | undefined,
  after: readonly T[] | undefined,
  each: (i: number, before: T | undefined, after: T | undefined) => void,
): void {
  const b = before ?? [];
  const a = after ?? [];
  for (let i = 0; i < Math.max(b.length, a.length); i++) each(i, b[i], a[i]);
}

function compareTextList(
  out: FieldDiff[],
  field: string,
  label: string,
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
): void {
  compareList(out, before, after, (i, b, a) => compareText(out, `${field}[${i}]`, `${label} ${i + 1}`, b, a));
}

function compareStep(
  out: FieldDiff[],
  i: number,
  b: Step | undefined,
  a: Step | undefined,
  field = `steps[${i}]`,
): void {
  const label = `${FIELD_LABELS.steps} ${i + 1} — `;
  compareText(out, `${field}.action`, `${label}action`, b?.action, a?.action);
  compareText(out, `${field}.why`, `${label}why`, b?.why, a?.why);
  compareList(out, b?.commands, a?.commands, (j, bc, ac) =>
    compareText(out, `${field}.commands[${j}]`, `${label}command ${j + 1}`, bc, ac),
  );
  compareText(out, `${field}.audience`, `${label}audience`, b?.audience, a?.audience);
}

/** The ids of the longest run that keeps its relative order from `before` to `after` (an LCS). */
function keptInOrder(before: readonly string[], after: readonly string[]): Set<string> {
  const n = before.length;
  const m = after.length;
  const table = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] =
        before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < n && j < m;) {
    if (before[i] === after[j]) {
      kept.add(before[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/**
 * Steps pair up by their stable ids, not by position: inserting a step shows one step added, not every
 * later step rewritten. A step whose place among the others changed shows as moved; steps that only
 * shift because another was added or removed do not. Steps are labelled by their new position
 * (removed ones by their old).
 */
function compareSteps(out: FieldDiff[], before: readonly Step[], after: readonly Step[]): void {
  const beforeIds = stepIds({ steps: [...before] });
  const afterIds = stepIds({ steps: [...after] });
  const common = new Set(afterIds.filter((id) => beforeIds.includes(id)));
  const kept = keptInOrder(
    beforeIds.filter((id) => common.has(id)),
    afterIds.filter((id) => common.has(id)),
  );
  afterIds.forEach((id, i) => {
    const was = beforeIds.indexOf(id);
    if (was !== -1 && !kept.has(id)) {
      out.push({
        field: `steps[${i}]`,
        label: `${FIELD_LABELS.steps} ${i + 1}`,
        kind: 'moved',
        before: `step ${was + 1}`,
        after: `step ${i + 1}`,
      });
    }
    compareStep(out, i, was === -1 ? undefined : before[was], after[i]);
  });
  beforeIds.forEach((id, i) => {
    if (!common.has(id)) compareStep(out, i, before[i], undefined, `steps.removed[${i}]`);
  });
}

/**
 * What changed from one revision of a guide to another, field by field in schema order. Unchanged
 * fields are left out, so identical guides give []. Steps compare by their stable ids (see
 * compareSteps); other lists by index. A step, question or source added or removed whole shows as
 * each of its parts added or removed.
 */
export function diffGuides(before: DraftGuide, after: DraftGuide): FieldDiff[] {
  const out: FieldDiff[] = [];
  const scalar = (key: ScalarField) => compareText(out, key, FIELD_LABELS[key], before[key], after[key]);

  scalar('id');
  scalar('code');
  compareText(out, 'kind', FIELD_LABELS.kind, before.kind, after.kind);
  compareTextList(
    out,
    'covers',
    FIELD_LABELS.covers,
    before.covers?.map(coverToLine),
    after.covers?.map(coverToLine),
  );
  for (const key of ['category', 'brand', 'product', 'severity', 'safeToUse'] as const) scalar(key);
  scalar('title');
  scalar('summary');
  compareTextList(out, 'affected', FIELD_LABELS.affected, before.affected, after.affected);
  compareTextList(out, 'causes', FIELD_LABELS.causes, before.causes, after.causes);

  compareSteps(out, before.steps, after.steps);

  scalar('callAPro');

  compareList(out, before.faq, after.faq, (i, b, a) => {
    const label = `${FIELD_LABELS.faq} ${i + 1} — `;
    compareText(out, `faq[${i}].question`, `${label}question`, b?.question, a?.question);
    compareText(out, `faq[${i}].answer`, `${label}answer`, b?.answer, a?.answer);
  });

  compareTextList(out, 'related', FIELD_LABELS.related, before.related, after.related);

  compareList(out, before.sources, after.sources, (i, b, a) => {
    const label = `${FIELD_LABELS.sources} ${i + 1} — `;
    compareText(out, `sources[${i}].title`, `${label}title`, b?.title, a?.title);
    compareText(out, `sources[${i}].url`, `${label}URL`, b?.url, a?.url);
    compareText(out, `sources[${i}].publisher`, `${label}publisher`, b?.publisher, a?.publisher);
  });

  scalar('confidence');
  scalar('reviewed');
  scalar('status');
  return out;
}
