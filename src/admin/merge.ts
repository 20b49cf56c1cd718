/**
 * Three-way merge of editor forms, for a save refused because someone saved in between: the revision the
 * editor started from (base), the newer saved one (theirs) and the editor's unsaved form (mine). Pure; no
 * HTTP and no storage.
 *
 * A merge field is what an editor picks a side for: each scalar field (the id and status excepted: the id
 * cannot change and the lifecycle sets the status), each plain list and the FAQ and sources as a whole (their
 * items have no identity), each step by its stable id (added, removed or changed) and the order of the
 * steps. A field only one side changed since the base defaults to that side; one both changed differently
 * needs a choice. Without a base (it cannot be read) every difference needs a choice.
 */
import { plainText } from '../guides/markdown.ts';
import {
  SCALAR_FIELDS,
  splitCommands,
  type FaqFields,
  type FormFields,
  type ScalarField,
  type SourceFields,
  type StepFields,
} from './guide-form.ts';
import { LIST_TEXT, SCALAR_LABEL } from './views/editor-labels.ts';

export type Side = 'theirs' | 'mine';
export const SIDES: readonly Side[] = ['theirs', 'mine'];

/** What one side did to a field since the base. */
export type Change = 'unchanged' | 'added' | 'removed' | 'changed';

export interface MergeField {
  /** Stable name in the merge form (`pick.<key>`): `title`, `causes`, `step.s3`, `step.new.1`, `steps.order`. */
  key: string;
  label: string;
  /** Who changed it since the base: its default is that side; `both` needs the editor's choice. */
  changedBy: Side | 'both';
  theirChange: Change;
  myChange: Change;
  /** Each side as text, for the comparison; undefined where the side has no such step. */
  theirs?: string;
  mine?: string;
  base?: string;
}

/** The merge form's answer: a side per field key (fields without one take their default). */
export type Choices = Readonly<Record<string, Side>>;

export type MergeResult = { ok: true; form: FormFields } | { ok: false; missing: MergeField[] };

/** The scalar fields an editor merges. */
export const MERGED_SCALARS = SCALAR_FIELDS.filter((f) => f !== 'id' && f !== 'status');
type MergedScalar = Exclude<ScalarField, 'id' | 'status'>;
const WHOLE_LISTS = ['affected', 'causes', 'faq', 'related', 'sources'] as const;
type WholeList = (typeof WHOLE_LISTS)[number];
export const ORDER_KEY = 'steps.order';

type Step = Omit<StepFields, 'id'>;

/** A form reduced to what a merge compares: trimmed text, blank rows dropped, steps by key. */
interface View {
  scalars: Record<MergedScalar, string>;
  lists: {
    affected: string[];
    causes: string[];
    related: string[];
    faq: FaqFields[];
    sources: SourceFields[];
  };
  steps: Map<string, Step>;
  /** Step keys in display order. */
  order: string[];
}

const NEW_STEP = 'new.';

function view(form: FormFields): View {
  const scalars = {} as Record<MergedScalar, string>;
  for (const f of MERGED_SCALARS) scalars[f] = f === 'covers' ? lines(form[f]) : form[f].trim();
  const texts = (items: readonly string[]) => items.map((v) => v.trim()).filter((v) => v !== '');
  const steps = new Map<string, Step>();
  const order: string[] = [];
  let fresh = 0;
  for (const s of form.steps) {
    const step: Step = {
      action: s.action.trim(),
      why: s.why.trim(),
      commands: lines(s.commands),
      audience: s.audience.trim(),
      kind: s.kind.trim(),
    };
    if (Object.values(step).every((v) => v === '')) continue;
    const id = s.id.trim();
    // A step without an id is new; an id seen twice keeps its first step (the other is new).
    const key = id !== '' && !steps.has(`step.${id}`) ? `step.${id}` : `step.${NEW_STEP}${++fresh}`;
    steps.set(key, step);
    order.push(key);
  }
  return {
    scalars,
    lists: {
      affected: texts(form.affected),
      causes: texts(form.causes),
      related: texts(form.related),
      faq: form.faq
        .map((f) => ({ question: f.question.trim(), answer: f.answer.trim() }))
        .filter((f) => f.question !== '' || f.answer !== ''),
      sources: form.sources
        .map((s) => ({ title: s.title.trim(), url: s.url.trim(), publisher: s.publisher.trim() }))
        .filter((s) => s.title !== '' || s.url !== '' || s.publisher !== ''),
    },
    steps,
    order,
  };
}

function lines(text: string): string {
  return splitCommands(text).join('\n');
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function change(base: unknown, side: unknown): Change {
  if (same(base, side)) return 'unchanged';
  if (base === undefined) return 'added';
  if (side === undefined) return 'removed';
  return 'changed';
}

/** The ids of `order` that `other` also has, in `order`'s order. */
const common = (order: readonly string[], other: readonly string[]) => order.filter((k) => other.includes(k));

/** Whether `side` puts the steps it shares with `base` in another order. */
function reordered(base: readonly string[], side: readonly string[]): boolean {
  return !same(common(base, side), common(side, base));
}

function stepText(step: Step | undefined): string | undefined {
  if (!step) return undefined;
  const parts = [`What to do: ${step.action}`, `Why it helps: ${step.why}`];
  if (step.commands) parts.push(`Commands:\n${step.commands}`);
  if (step.audience) parts.push(`Who can do this: ${step.audience}`);
  if (step.kind) parts.push(`Kind of step: ${step.kind}`);
  return parts.join('\n');
}

function listText(list: WholeList, items: View['lists'][WholeList]): string {
  if (list === 'faq')
    return (items as FaqFields[]).map((f) => `Q: ${f.question}\nA: ${f.answer}`).join('\n\n');
  if (list === 'sources')
    return (items as SourceFields[]).map((s) => `${s.title} — ${s.publisher}\n${s.url}`).join('\n\n');
  return (items as string[]).map((v) => `• ${v}`).join('\n');
}

/** A step's name in labels: its action's first words, as plain text. */
function stepName(step: Step): string {
  const action = plainText(step.action).trim();
  return action.length > 60 ? `${action.slice(0, 59)}…` : action || '(no action)';
}

interface Planned {
  fields: MergeField[];
  /** Values to take for each key: the side's value (undefined: the side has no such step). */
  value: (key: string, side: Side) => unknown;
  theirs: View;
  mine: View;
}

function plan(base: FormFields | undefined, theirsForm: FormFields, mineForm: FormFields): Planned {
  const theirs = view(theirsForm);
  const mine = view(mineForm);
  const b = base && view(base);
  const fields: MergeField[] = [];
  const add = (
    key: string,
    label: string,
    values: [unknown, unknown, unknown],
    text: (v: unknown) => string | undefined,
  ) => {
    const [bv, tv, mv] = values;
    if (same(tv, mv)) return;
    const theirChange = b ? change(bv, tv) : tv === undefined ? 'removed' : 'changed';
    const myChange = b ? change(bv, mv) : mv === undefined ? 'removed' : 'changed';
    const changedBy = !b
      ? 'both'
      : theirChange === 'unchanged'
        ? 'mine'
        : myChange === 'unchanged'
          ? 'theirs'
          : 'both';
    fields.push({
      key,
      label,
      changedBy,
      theirChange,
      myChange,
      theirs: text(tv),
      mine: text(mv),
      ...(b ? { base: text(bv) } : {}),
    });
  };
  const asText = (v: unknown) => v as string;

  const scalar = (f: MergedScalar) =>
    add(f, SCALAR_LABEL[f], [b?.scalars[f], theirs.scalars[f], mine.scalars[f]], asText);
  const list = (l: WholeList) =>
    add(l, LIST_TEXT[l].heading, [b?.lists[l], theirs.lists[l], mine.lists[l]], (v) =>
      listText(l, v as View['lists'][WholeList]),
    );

  // The editor's order: where it is filed, what it means, then the lists, steps and review.
  for (const f of ['code', 'kind', 'covers', 'category', 'brand', 'product'] as const) scalar(f);
  for (const f of ['title', 'summary', 'severity', 'safeToUse'] as const) scalar(f);
  list('affected');
  list('causes');
  // Steps by key, in the order they appear on either side; then their order.
  const keys = [...new Set([...theirs.order, ...mine.order, ...(b?.order ?? [])])];
  for (const key of keys) {
    const step = theirs.steps.get(key) ?? mine.steps.get(key) ?? b?.steps.get(key);
    add(
      key,
      `Step: ${stepName(step!)}`,
      [b?.steps.get(key), theirs.steps.get(key), mine.steps.get(key)],
      (v) => stepText(v as Step | undefined),
    );
  }
  if (reordered(theirs.order, mine.order)) {
    const names = (v: View) => (keys: readonly string[]) =>
      keys
        .map((k, i) => `${i + 1}. ${stepName((v.steps.get(k) ?? theirs.steps.get(k) ?? mine.steps.get(k))!)}`)
        .join('\n');
    const label = 'Order of the steps';
    const [t, m] = [theirs.order, mine.order];
    const theirChange: Change = b && !reordered(b.order, t) ? 'unchanged' : 'changed';
    const myChange: Change = b && !reordered(b.order, m) ? 'unchanged' : 'changed';
    fields.push({
      key: ORDER_KEY,
      label,
      changedBy: theirChange === 'unchanged' ? 'mine' : myChange === 'unchanged' ? 'theirs' : 'both',
      theirChange,
      myChange,
      theirs: names(theirs)(t),
      mine: names(mine)(m),
      ...(b ? { base: names(b)(b.order) } : {}),
    });
  }

  scalar('callAPro');
  list('faq');
  list('related');
  list('sources');
  scalar('confidence');
  scalar('reviewed');

  const value = (key: string, side: Side): unknown => {
    const v = side === 'theirs' ? theirs : mine;
    if ((MERGED_SCALARS as readonly string[]).includes(key)) return v.scalars[key as MergedScalar];
    if ((WHOLE_LISTS as readonly string[]).includes(key)) return v.lists[key as WholeList];
    if (key === ORDER_KEY) return v.order;
    return v.steps.get(key);
  };
  return { fields, value, theirs, mine };
}

/** The fields in which theirs and mine differ, in the editor's order, each with who changed it. */
export function mergeFields(
  base: FormFields | undefined,
  theirs: FormFields,
  mine: FormFields,
): MergeField[] {
  return plan(base, theirs, mine).fields;
}

/** The side a field takes when the editor did not say: the side that changed it alone. */
export function defaultSide(field: MergeField): Side | undefined {
  return field.changedBy === 'both' ? undefined : field.changedBy;
}

/**
 * The merged form: each differing field from the side chosen (or its default), the rest as both sides
 * have it. Refused, naming them, when a field both sides changed has no choice.
 */
export function mergeForms(
  base: FormFields | undefined,
  theirsForm: FormFields,
  mineForm: FormFields,
  choices: Choices,
): MergeResult {
  const { fields, value, theirs, mine } = plan(base, theirsForm, mineForm);
  const missing = fields.filter((f) => choices[f.key] === undefined && defaultSide(f) === undefined);
  if (missing.length > 0) return { ok: false, missing };
  const pick = new Map(fields.map((f) => [f.key, choices[f.key] ?? defaultSide(f)!]));
  // Fields that do not differ are the same on both sides: read them from theirs.
  const take = (key: string) => value(key, pick.get(key) ?? 'theirs');

  const scalars = {} as Record<ScalarField, string>;
  for (const f of SCALAR_FIELDS) scalars[f] = theirsForm[f].trim();
  for (const f of MERGED_SCALARS) scalars[f] = take(f) as string;

  const orderSide = pick.get(ORDER_KEY) ?? 'mine';
  const keys = [...new Set([...theirs.order, ...mine.order])].filter((k) => take(k) !== undefined);
  const order = mergeOrder(
    orderSide === 'theirs' ? theirs.order : mine.order,
    orderSide === 'theirs' ? mine.order : theirs.order,
    new Set(keys),
  );
  const steps: StepFields[] = order.map((key) => {
    const step = take(key) as Step;
    const id = key.slice('step.'.length);
    return { id: id.startsWith(NEW_STEP) ? '' : id, ...step };
  });
  return {
    ok: true,
    form: {
      ...scalars,
      affected: [...(take('affected') as string[])],
      causes: [...(take('causes') as string[])],
      related: [...(take('related') as string[])],
      steps,
      faq: (take('faq') as FaqFields[]).map((f) => ({ ...f })),
      sources: (take('sources') as SourceFields[]).map((s) => ({ ...s })),
    },
  };
}

/**
 * The kept step keys in the order of `lead`; a key only `other` has goes right after the key before it
 * in `other` (or first when there is none), so a step added on one side keeps its neighbour.
 */
export function mergeOrder(
  lead: readonly string[],
  other: readonly string[],
  kept: ReadonlySet<string>,
): string[] {
  const out = lead.filter((k) => kept.has(k));
  let previous: string | undefined;
  for (const key of other) {
    if (!kept.has(key)) continue;
    if (!out.includes(key)) out.splice(previous === undefined ? 0 : out.indexOf(previous) + 1, 0, key);
    previous = key;
  }
  return out;
}

/** Every differing field set to one side: "take all theirs", "keep all mine". */
export function allFrom(fields: readonly MergeField[], side: Side): Record<string, Side> {
  return Object.fromEntries(fields.map((f) => [f.key, side]));
}

/** The merge form's `pick.<key>` answers; anything but theirs or mine is no answer. */
export function readChoices(
  body: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, Side> {
  const choices: Record<string, Side> = Object.create(null) as Record<string, Side>;
  for (const [name, raw] of Object.entries(body)) {
    if (!name.startsWith('pick.')) continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === 'theirs' || value === 'mine') choices[name.slice('pick.'.length)] = value;
  }
  return choices;
}
