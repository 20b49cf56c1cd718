/**
 * The guide editor's HTML form, as plain data: a guide as form fields, the flat body a browser posts back
 * as a draft, and schema problems as messages keyed by form field name. Pure; no HTTP and no storage.
 *
 * Field names are flat so any urlencoded body parser works: `title`, `causes.3`, `steps.0.why`,
 * `steps.0.order`, `steps.0.remove`. The submit button's `action` value says what the user asked for.
 */
import { z } from 'zod';
import { coverToLine, lineToCover } from '../guides/family.ts';
import { guideSchema, type Guide } from '../guides/schema.ts';
import { draftGuideSchema, type DraftGuide } from '../guides/draft.ts';

export const SCALAR_FIELDS = [
  'id',
  'code',
  'kind',
  'covers',
  'category',
  'brand',
  'product',
  'severity',
  'safeToUse',
  'title',
  'summary',
  'callAPro',
  'confidence',
  'reviewed',
  'status',
] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];

/** Lists of plain strings: one input per item. */
export const TEXT_LISTS = ['affected', 'causes', 'related'] as const;
export type TextList = (typeof TEXT_LISTS)[number];

/** Lists of objects and the keys of each item's inputs. */
export const OBJECT_LIST_KEYS = {
  steps: ['id', 'action', 'why', 'commands', 'audience', 'kind'],
  faq: ['question', 'answer'],
  sources: ['title', 'url', 'publisher'],
} as const;
export type ObjectList = keyof typeof OBJECT_LIST_KEYS;

export type ListName = TextList | ObjectList;
export const LIST_NAMES: readonly ListName[] = ['affected', 'causes', 'steps', 'faq', 'related', 'sources'];

export interface StepFields {
  action: string;
  why: string;
  /** One command per line. */
  commands: string;
  /** The step's stable id (hidden in the form), '' for a new step. */
  id: string;
  /** An audience, or '' for none. */
  audience: string;
  /** 'check', 'fix', or '' for the default (fix). */
  kind: string;
}

export interface FaqFields {
  question: string;
  answer: string;
}

export interface SourceFields {
  title: string;
  url: string;
  publisher: string;
}

/** Everything the editor shows, as the strings its inputs hold. Lists are in display order. */
export type FormFields = Record<ScalarField, string> &
  Record<TextList, string[]> & {
    steps: StepFields[];
    faq: FaqFields[];
    sources: SourceFields[];
  };

export type FormAction =
  'save' | 'preview' | 'submit' | 'publish' | 'unpublish' | 'archive' | `add:${ListName}`;

const PLAIN_ACTIONS: readonly FormAction[] = ['save', 'preview', 'submit', 'publish', 'unpublish', 'archive'];

export type FormBody = Record<string, string | string[] | undefined>;

export interface FormSubmission {
  /** The guide as submitted, for validateDraft: lists sorted, removed and empty rows dropped. */
  draft: unknown;
  /** The button pressed; 'save' when none or an unknown one was (Enter in a text input). */
  action: FormAction;
  /** The revision the editor was opened at, or undefined (a new guide or no number). */
  expectedRevision: number | undefined;
  /** The revision message, trimmed; '' when none. */
  message: string;
  /**
   * The form to show again: same rows in the same order as the draft, so error keys line up, plus one
   * empty row at the end of the list an `add:` action names.
   */
  form: FormFields;
}

export type DraftResult = { ok: true; guide: Guide } | { ok: false; errors: Record<string, string> };
export type SaveResult = { ok: true; draft: DraftGuide } | { ok: false; errors: Record<string, string> };

/** Key of errors that belong to no single field. */
export const FORM_ERROR_KEY = '_form';

/** Form field name of one input in a list item: `causes.2`, `steps.0.why`, `faq.1.order`. */
export function itemFieldName(list: ListName, index: number, key?: string): string {
  return key === undefined ? `${list}.${index}` : `${list}.${index}.${key}`;
}

export function emptyStep(): StepFields {
  return { id: '', action: '', why: '', commands: '', audience: '', kind: '' };
}

export function emptyFaq(): FaqFields {
  return { question: '', answer: '' };
}

export function emptySource(): SourceFields {
  return { title: '', url: '', publisher: '' };
}

/**
 * The form for a new guide: a draft with one empty row in each list a guide needs, and defaults an
 * editor changes only when they know better: moderate severity, low confidence (nothing checked yet),
 * reviewed today.
 */
export function emptyGuideForm(today = new Date().toISOString().slice(0, 10)): FormFields {
  return {
    id: '',
    code: '',
    kind: '',
    covers: '',
    category: '',
    brand: '',
    product: '',
    severity: 'moderate',
    safeToUse: '',
    title: '',
    summary: '',
    callAPro: '',
    confidence: 'low',
    reviewed: today,
    status: 'draft',
    affected: [''],
    causes: [''],
    steps: [emptyStep()],
    faq: [],
    related: [],
    sources: [emptySource()],
  };
}

export function guideToForm(guide: DraftGuide): FormFields {
  return {
    id: guide.id,
    code: guide.code,
    kind: guide.kind ?? '',
    covers: (guide.covers ?? []).map(coverToLine).join('\n'),
    category: guide.category,
    brand: guide.brand,
    product: guide.product,
    severity: guide.severity,
    safeToUse: guide.safeToUse,
    title: guide.title,
    summary: guide.summary,
    callAPro: guide.callAPro,
    confidence: guide.confidence,
    reviewed: guide.reviewed,
    status: guide.status,
    affected: [...guide.affected],
    causes: [...guide.causes],
    steps: guide.steps.map((s, i) => ({
      id: s.id ?? `s${i + 1}`,
      action: s.action,
      why: s.why,
      commands: (s.commands ?? []).join('\n'),
      audience: s.audience ?? '',
      kind: s.kind ?? '',
    })),
    faq: guide.faq.map((f) => ({ question: f.question, answer: f.answer })),
    related: [...guide.related],
    sources: guide.sources.map((s) => ({ title: s.title, url: s.url, publisher: s.publisher })),
  };
}

/** The form with one more empty row at the end of `list`. */
export function addRow(form: FormFields, list: ListName): FormFields {
  switch (list) {
    case 'steps':
      return { ...form, steps: [...form.steps, emptyStep()] };
    case 'faq':
      return { ...form, faq: [...form.faq, emptyFaq()] };
    case 'sources':
      return { ...form, sources: [...form.sources, emptySource()] };
    default:
      return { ...form, [list]: [...form[list], ''] };
  }
}

/** One value of a body field: the first of repeated ones, line breaks as \n. */
function one(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return (v ?? '').replace(/\r\n?/g, '\n');
}

interface Row {
  index: number;
  values: Map<string, string>;
  order: string;
  remove: boolean;
}

const ITEM_NAME = /^(affected|causes|related|steps|faq|sources)\.(\d{1,4})(?:\.(\w+))?$/;

/** Rows of each list by index, from names such as `steps.3.why` and `causes.1`. */
function collectRows(body: FormBody): Map<ListName, Map<number, Row>> {
  const lists = new Map<ListName, Map<number, Row>>();
  for (const [name, raw] of Object.entries(body)) {
    const match = ITEM_NAME.exec(name);
    if (!match) continue;
    const list = match[1] as ListName;
    const index = Number(match[2]);
    const key = match[3];
    const allowed: readonly string[] = list in OBJECT_LIST_KEYS ? OBJECT_LIST_KEYS[list as ObjectList] : [];
    if (key !== undefined && key !== 'order' && key !== 'remove' && !allowed.includes(key)) continue;
    if (key === undefined && allowed.length > 0) continue;
    let rows = lists.get(list);
    if (!rows) lists.set(list, (rows = new Map()));
    let row = rows.get(index);
    if (!row) rows.set(index, (row = { index, values: new Map(), order: '', remove: false }));
    const value = one(raw);
    if (key === 'order') row.order = value.trim();
    else if (key === 'remove') row.remove = value !== '';
    else row.values.set(key ?? '', value);
  }
  return lists;
}

/**
 * The kept rows of one list in display order: sorted by their order number (a row without a usable one
 * keeps its place), ties in the order they were in; removed rows and rows with every input blank dropped.
 */
function orderedRows(rows: Map<number, Row> | undefined): Row[] {
  if (!rows) return [];
  const byIndex = [...rows.values()].sort((a, b) => a.index - b.index);
  const ranked = byIndex.map((row, position) => {
    const order = row.order === '' ? NaN : Number(row.order);
    return { row, rank: Number.isFinite(order) ? order : position + 1 };
  });
  ranked.sort((a, b) => a.rank - b.rank);
  return ranked
    .map((r) => r.row)
    .filter((row) => !row.remove && [...row.values].some(([key, v]) => key !== 'id' && v.trim() !== ''));
}

function textList(rows: Map<number, Row> | undefined): string[] {
  return orderedRows(rows).map((row) => row.values.get('') ?? '');
}

function objectList<K extends string>(rows: Map<number, Row> | undefined, keys: readonly K[]) {
  return orderedRows(rows).map((row) => {
    const item = {} as Record<K, string>;
    for (const key of keys) item[key] = row.values.get(key) ?? '';
    return item;
  });
}

/** The submitted form as fields: sorted, with removed and empty rows dropped. */
export function bodyToForm(body: FormBody): FormFields {
  const lists = collectRows(body);
  const scalars = {} as Record<ScalarField, string>;
  for (const field of SCALAR_FIELDS) scalars[field] = one(body[field]);
  return {
    ...scalars,
    affected: textList(lists.get('affected')),
    causes: textList(lists.get('causes')),
    related: textList(lists.get('related')),
    steps: objectList(lists.get('steps'), OBJECT_LIST_KEYS.steps),
    faq: objectList(lists.get('faq'), OBJECT_LIST_KEYS.faq),
    sources: objectList(lists.get('sources'), OBJECT_LIST_KEYS.sources),
  };
}

/** Commands from a textarea: one per line, blank lines ignored. */
export function splitCommands(text: string): string[] {
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The guide-shaped value of a form, for the schema to judge. Every field is present (as '' when blank) so
 * problems read "must not be empty" rather than "missing"; optional step parts are left out when blank.
 */
export function formToGuideDraft(form: FormFields): Record<string, unknown> {
  const draft: Record<string, unknown> = {};
  for (const field of SCALAR_FIELDS) draft[field] = form[field].trim();
  // A code guide's file has neither field; a family guide's covers are one per line.
  if (draft.kind === '') delete draft.kind;
  const covers = splitCommands(form.covers);
  if (covers.length > 0) draft.covers = covers.map(lineToCover);
  else delete draft.covers;
  for (const list of TEXT_LISTS) draft[list] = form[list].map((v) => v.trim());
  draft.steps = form.steps.map((s) => {
    const step: Record<string, unknown> = {};
    if (s.id.trim() !== '') step.id = s.id.trim();
    step.action = s.action.trim();
    step.why = s.why.trim();
    const commands = splitCommands(s.commands);
    if (commands.length > 0) step.commands = commands;
    if (s.audience.trim() !== '') step.audience = s.audience.trim();
    if (s.kind.trim() !== '') step.kind = s.kind.trim();
    return step;
  });
  draft.faq = form.faq.map((f) => ({ question: f.question.trim(), answer: f.answer.trim() }));
  draft.sources = form.sources.map((s) => ({
    title: s.title.trim(),
    url: s.url.trim(),
    publisher: s.publisher.trim(),
  }));
  return draft;
}

/** The guide a form describes, for the schema; an existing guide keeps its id. */
export function draftFor(form: FormFields, guideId: string): unknown {
  // The status comes from the button pressed (the lifecycle), never from the form.
  const draft = { ...formToGuideDraft(form), status: 'draft' };
  return guideId === '' ? draft : { ...draft, id: guideId };
}

export function parseAction(value: string | string[] | undefined): FormAction {
  const action = one(value).trim();
  if ((PLAIN_ACTIONS as readonly string[]).includes(action)) return action as FormAction;
  if (action.startsWith('add:')) {
    const list = action.slice(4);
    if ((LIST_NAMES as readonly string[]).includes(list)) return `add:${list as ListName}`;
  }
  return 'save';
}

function parseRevision(value: string | string[] | undefined): number | undefined {
  const text = one(value).trim();
  if (!/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

/** Reads a posted editor form: the draft guide, the action, the expected revision and the message. */
export function formToDraft(body: FormBody): FormSubmission {
  const action = parseAction(body.action);
  const form = bodyToForm(body);
  return {
    draft: formToGuideDraft(form),
    action,
    expectedRevision: parseRevision(body.expectedRevision),
    message: one(body.message).trim(),
    form: action.startsWith('add:') ? addRow(form, action.slice(4) as ListName) : form,
  };
}

/**
 * Form field name for a schema path: ['steps', 2, 'why'] → 'steps.2.why'. A command's problem belongs
 * to its step's commands textarea; a problem with the whole guide to FORM_ERROR_KEY.
 */
export function formFieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return FORM_ERROR_KEY;
  if (path[0] === 'steps' && path[2] === 'commands') return path.slice(0, 3).map(String).join('.');
  if (path[0] === 'covers') return 'covers';
  return path.map(String).join('.');
}

/** A lint field (`steps[2].action`, `related[0]`) or form field name as a form field name. */
export function lintFieldToFormField(field: string): string {
  const name = field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
  if (name === '') return FORM_ERROR_KEY;
  const commands = /^(steps\.\d+\.commands)\.\d+$/.exec(name);
  return commands?.[1] ?? name;
}

/** Zod's default messages in the words the rest of Errata uses; the schema's own messages as they are. */
function issueMessage(issue: z.core.$ZodIssue): string {
  let message = issue.message;
  if (issue.code === 'too_big' && message.startsWith('Too big')) {
    message = `must be at most ${String(issue.maximum)} characters`;
  } else if (issue.code === 'too_small' && message.startsWith('Too small')) {
    message =
      issue.origin === 'array'
        ? `add at least ${Number(issue.minimum) === 1 ? 'one' : String(issue.minimum)}`
        : `must be at least ${String(issue.minimum)} characters`;
  } else if (issue.code === 'invalid_value') {
    message = 'choose one of the options';
  } else if (issue.code === 'invalid_format' && issue.format === 'url') {
    message = 'must be a full web address such as https://learn.microsoft.com/…';
  } else if (issue.code === 'invalid_type' && message.endsWith('received undefined')) {
    message = 'required field is missing';
  }
  if (issue.path[0] === 'covers' && typeof issue.path[1] === 'number') {
    const line = `line ${issue.path[1] + 1}`;
    message =
      issue.code === 'invalid_type'
        ? `${line}: write a family id, then optionally prefix=… and range=from..to`
        : `${line}: ${message}`;
  }
  if (issue.path[0] === 'steps' && issue.path[2] === 'commands' && typeof issue.path[3] === 'number') {
    message = `command ${issue.path[3] + 1}: ${message}`;
  }
  return message;
}

/** Schema problems keyed by form field name, the first per field. */
function errorsOf(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const name = formFieldName(issue.path);
    if (!Object.hasOwn(errors, name)) errors[name] = issueMessage(issue);
  }
  return errors;
}

/**
 * Checks a draft against the guide schema: what submitting for review and publishing need (and a
 * preview, which shows a page).
 */
export function validateDraft(draft: unknown): DraftResult {
  const result = guideSchema.safeParse(draft);
  return result.success
    ? { ok: true, guide: result.data }
    : { ok: false, errors: errorsOf(result.error.issues) };
}

/**
 * Checks a draft for saving: blanks and missing parts are allowed (draft.ts), only values that cannot
 * be kept are refused (an id that is no slug, text over its length, a date that is no date).
 */
export function validateForSave(draft: unknown): SaveResult {
  const result = draftGuideSchema.safeParse(draft);
  return result.success
    ? { ok: true, draft: result.data }
    : { ok: false, errors: errorsOf(result.error.issues) };
}

/** What a button needs: Save keeps a draft as it is, every other action a complete guide. */
export function validateForAction(action: FormAction, draft: unknown): SaveResult {
  if (action === 'save') return validateForSave(draft);
  const result = validateDraft(draft);
  return result.ok ? { ok: true, draft: result.guide } : result;
}

const text = z.string().max(100_000);
const fieldsSchema = z.object({
  ...(Object.fromEntries(SCALAR_FIELDS.map((f) => [f, text])) as Record<ScalarField, typeof text>),
  affected: z.array(text).max(10_000),
  causes: z.array(text).max(10_000),
  related: z.array(text).max(10_000),
  steps: z
    .array(
      z.object({ id: text, action: text, why: text, commands: text, audience: text, kind: text.default('') }),
    )
    .max(10_000),
  faq: z.array(z.object({ question: text, answer: text })).max(10_000),
  sources: z.array(z.object({ title: text, url: text, publisher: text })).max(10_000),
});

/** An editor's form kept between requests: what it shows, the message and the revision it was opened at. */
export const stashedFormSchema = z.object({
  form: fieldsSchema,
  message: text,
  expectedRevision: z.number().int().positive().optional(),
});
export type StashedForm = z.infer<typeof stashedFormSchema>;

/** A stash's JSON as a form, or undefined when it is not one. */
export function readStashedForm(json: string): StashedForm | undefined {
  try {
    const parsed = stashedFormSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What a submission keeps in a stash. */
export function stashOf(submission: FormSubmission): StashedForm {
  return {
    form: submission.form,
    message: submission.message,
    ...(submission.expectedRevision ? { expectedRevision: submission.expectedRevision } : {}),
  };
}
