import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullGuide } from './guide-form.fixtures.ts';
import { guideToForm, type FormFields, type StepFields } from './guide-form.ts';
import {
  allFrom,
  defaultSide,
  mergeFields,
  mergeForms,
  mergeOrder,
  ORDER_KEY,
  readChoices,
  type Choices,
  type MergeField,
} from './merge.ts';

const base = guideToForm(fullGuide());
const step = (id: string, action: string): StepFields => ({
  id,
  action,
  why: `Why ${action}`,
  commands: '',
  audience: '',
  kind: '',
});

function merged(theirs: FormFields, mine: FormFields, choices: Choices = {}, from = base): FormFields {
  const result = mergeForms(from, theirs, mine, choices);
  if (!result.ok) throw new Error(`missing: ${result.missing.map((f) => f.key).join(', ')}`);
  return result.form;
}
const byKey = (fields: MergeField[]) => Object.fromEntries(fields.map((f) => [f.key, f]));

describe('mergeFields', () => {
  it('lists nothing when both sides are the same, whitespace and blank rows aside', () => {
    const mine = { ...base, title: `  ${base.title} `, causes: [...base.causes, '  '] };
    expect(mergeFields(base, base, mine)).toEqual([]);
  });

  it('says who changed each field: theirs alone, mine alone, or both', () => {
    const theirs = { ...base, title: 'Their title', severity: 'serious' };
    const mine = { ...base, summary: 'My summary.', severity: 'critical' };
    const fields = byKey(mergeFields(base, theirs, mine));
    expect(Object.keys(fields)).toEqual(['title', 'summary', 'severity']);
    expect(fields.title).toMatchObject({
      changedBy: 'theirs',
      theirChange: 'changed',
      myChange: 'unchanged',
    });
    expect(fields.summary).toMatchObject({ changedBy: 'mine', mine: 'My summary.' });
    expect(fields.severity).toMatchObject({ changedBy: 'both', theirs: 'serious', mine: 'critical' });
    expect(defaultSide(fields.title!)).toBe('theirs');
    expect(defaultSide(fields.summary!)).toBe('mine');
    expect(defaultSide(fields.severity!)).toBeUndefined();
  });

  it('compares steps by id: added, removed and changed on either side, and their order', () => {
    const [s1, s2, s3] = base.steps as [StepFields, StepFields, StepFields];
    // They insert a step at the top and delete s3; I reword s2 and add a step at the end.
    const theirs = { ...base, steps: [step('s9', 'Their new first step.'), s1, s2] };
    const mine = { ...base, steps: [s1, { ...s2, action: 'Restart twice.' }, s3, step('', 'My new step.')] };
    const fields = byKey(mergeFields(base, theirs, mine));
    expect(fields['step.s9']).toMatchObject({ changedBy: 'theirs', theirChange: 'added', mine: undefined });
    expect(fields['step.s3']).toMatchObject({
      changedBy: 'theirs',
      theirChange: 'removed',
      theirs: undefined,
    });
    expect(fields['step.s2']).toMatchObject({ changedBy: 'mine', myChange: 'changed' });
    expect(fields['step.s2']!.mine).toContain('Restart twice.');
    expect(fields['step.new.1']).toMatchObject({ changedBy: 'mine', myChange: 'added' });
    expect(fields['step.s1']).toBeUndefined();
    // Inserting and deleting is not reordering.
    expect(fields[ORDER_KEY]).toBeUndefined();

    const form = merged(theirs, mine);
    expect(form.steps.map((s) => [s.id, s.action])).toEqual([
      ['s9', 'Their new first step.'],
      ['s1', s1.action],
      ['s2', 'Restart twice.'],
      ['', 'My new step.'],
    ]);
  });

  it('a step one side removed and the other changed is a conflict', () => {
    const [s1, s2, s3] = base.steps as [StepFields, StepFields, StepFields];
    const theirs = { ...base, steps: [s1, s3] };
    const mine = { ...base, steps: [s1, { ...s2, why: 'It frees the lock.' }, s3] };
    const field = byKey(mergeFields(base, theirs, mine))['step.s2']!;
    expect(field).toMatchObject({ changedBy: 'both', theirChange: 'removed', myChange: 'changed' });
    expect(merged(theirs, mine, { 'step.s2': 'theirs' }).steps.map((s) => s.id)).toEqual(['s1', 's3']);
    expect(merged(theirs, mine, { 'step.s2': 'mine' }).steps.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
  });

  it('moves: the order is a field of its own; a conflict when both reordered differently', () => {
    const [s1, s2, s3] = base.steps as [StepFields, StepFields, StepFields];
    const theirs = { ...base, steps: [s3, s1, s2] };
    const mine = { ...base, steps: [s2, s1, s3] };
    const order = byKey(mergeFields(base, theirs, mine))[ORDER_KEY]!;
    expect(order.changedBy).toBe('both');
    expect(order.theirs).toMatch(/^1\. Check the owner/);
    expect(merged(theirs, mine, { [ORDER_KEY]: 'theirs' }).steps.map((s) => s.id)).toEqual([
      's3',
      's1',
      's2',
    ]);
    expect(merged(theirs, mine, { [ORDER_KEY]: 'mine' }).steps.map((s) => s.id)).toEqual(['s2', 's1', 's3']);

    const onlyTheirs = byKey(mergeFields(base, theirs, base))[ORDER_KEY]!;
    expect(onlyTheirs.changedBy).toBe('theirs');
    expect(merged(theirs, base).steps.map((s) => s.id)).toEqual(['s3', 's1', 's2']);
  });

  it('FAQ, sources and the plain lists merge as whole fields', () => {
    const theirs = { ...base, faq: [...base.faq, { question: 'Is it safe?', answer: 'Yes.' }] };
    const mine = {
      ...base,
      sources: [{ title: 'Mine', url: 'https://example.org/mine', publisher: 'Me' }],
      related: ['0x80070003'],
    };
    const fields = byKey(mergeFields(base, theirs, mine));
    expect(Object.keys(fields)).toEqual(['faq', 'related', 'sources']);
    expect(fields.faq!.theirs).toContain('Q: Is it safe?');
    const form = merged(theirs, mine);
    expect(form.faq).toEqual(theirs.faq);
    expect(form.sources).toEqual(mine.sources);
    expect(form.related).toEqual(['0x80070003']);
  });

  it('without a base every difference needs a choice', () => {
    const theirs = { ...base, title: 'Theirs' };
    const result = mergeForms(undefined, theirs, base, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing.map((f) => f.key)).toEqual(['title']);
  });

  it('refuses a merge with no choice for a field both changed, naming it', () => {
    const result = mergeForms(base, { ...base, title: 'A' }, { ...base, title: 'B', summary: 'S' }, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing.map((f) => f.label)).toEqual(['Title']);
  });
});

describe('mergeOrder', () => {
  it('puts a key only the other side has after its neighbour there', () => {
    const kept = new Set(['a', 'b', 'c', 'x', 'y']);
    expect(mergeOrder(['c', 'b', 'a'], ['x', 'a', 'y', 'b', 'c'], kept)).toEqual(['x', 'c', 'b', 'a', 'y']);
    expect(mergeOrder(['a', 'b'], ['a', 'b'], new Set(['b']))).toEqual(['b']);
  });
});

describe('readChoices', () => {
  it('reads pick.<key> answers and ignores anything else', () => {
    expect(
      readChoices({
        'pick.title': 'theirs',
        'pick.step.s2': ['mine', 'theirs'],
        'pick.x': 'both',
        other: 'mine',
      }),
    ).toEqual({ title: 'theirs', 'step.s2': 'mine' });
    expect(Object.getPrototypeOf(readChoices({ 'pick.__proto__': 'mine' }))).toBeNull();
  });
});

// Random edits of the fixture: a property holds for any pair of them.
const text = fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.trim() || 'x');
const edit = fc.record(
  {
    title: text,
    summary: text,
    severity: fc.constantFrom('minor', 'moderate', 'serious', 'critical'),
    causes: fc.array(text, { maxLength: 3 }),
    faq: fc.array(fc.record({ question: text, answer: text }), { maxLength: 2 }),
    reviewed: fc.constantFrom('2026-01-01', '2026-12-03'),
    steps: fc
      .tuple(
        fc.shuffledSubarray(['s1', 's2', 's3']),
        fc.array(text, { maxLength: 2 }),
        fc.array(fc.tuple(fc.constantFrom('s1', 's2', 's3'), text), { maxLength: 2 }),
      )
      .map(([ids, added, reworded]) => ({ ids, added, reworded })),
  },
  { requiredKeys: [] },
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(e: Edit, fresh: string): FormFields {
  const { steps, ...rest } = e;
  let list = base.steps;
  if (steps) {
    list = steps.ids.map((id) => base.steps.find((s) => s.id === id)!);
    list = list.map((s) => {
      const change = steps.reworded.find(([id]) => id === s.id);
      return change ? { ...s, action: change[1] } : s;
    });
    list = [...list, ...steps.added.map((a, i) => step(fresh === 'theirs' ? `t${i + 1}` : '', a))];
  }
  return { ...base, ...rest, steps: list };
}

describe('merge properties', () => {
  it('"keep all mine" gives mine; "take all theirs" gives theirs', () => {
    fc.assert(
      fc.property(edit, edit, (t, m) => {
        const theirs = apply(t, 'theirs');
        const mine = apply(m, 'mine');
        const fields = mergeFields(base, theirs, mine);
        expect(merged(theirs, mine, allFrom(fields, 'mine'))).toEqual(merged(mine, mine));
        expect(merged(theirs, mine, allFrom(fields, 'theirs'))).toEqual(merged(theirs, theirs));
      }),
    );
  });

  it('a field only one side changed comes from that side; an untouched one stays as it was', () => {
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    const stepsById = (form: FormFields) => new Map(form.steps.filter((s) => s.id).map((s) => [s.id, s]));
    fc.assert(
      fc.property(edit, edit, (t, m) => {
        const theirs = apply(t, 'theirs');
        const mine = apply(m, 'mine');
        // Where both changed a field, pick mine: every other field must follow the rule on its own.
        const conflicts = mergeFields(base, theirs, mine).filter((f) => f.changedBy === 'both');
        const form = merged(theirs, mine, allFrom(conflicts, 'mine'));
        for (const key of ['title', 'summary', 'severity', 'reviewed', 'causes', 'faq'] as const) {
          const [b, tv, mv] = [base[key], theirs[key], mine[key]];
          expect(form[key]).toEqual(same(tv, b) ? mv : same(mv, b) ? tv : mv);
        }
        const [b, tv, mv, out] = [base, theirs, mine, form].map(stepsById) as [
          Map<string, StepFields>,
          Map<string, StepFields>,
          Map<string, StepFields>,
          Map<string, StepFields>,
        ];
        for (const id of ['s1', 's2', 's3']) {
          const expected = same(tv.get(id), b.get(id))
            ? mv.get(id)
            : same(mv.get(id), b.get(id))
              ? tv.get(id)
              : mv.get(id);
          expect(out.get(id)).toEqual(expected);
        }
        // Steps added on either side are kept.
        expect(form.steps.length).toBe([...out.keys()].length + mine.steps.filter((s) => s.id === '').length);
      }),
    );
  });

  it('merging with no differences gives the form back', () => {
    fc.assert(
      fc.property(edit, (m) => {
        const mine = apply(m, 'mine');
        expect(mergeFields(base, mine, mine)).toEqual([]);
        expect(mergeForms(base, mine, mine, {}).ok).toBe(true);
      }),
    );
  });
});
