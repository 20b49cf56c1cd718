/**
 * The structured guide editor: one server-rendered form that works with JavaScript off. Every button
 * submits the whole form; its `action` value says what to do (see guide-form.ts).
 */
import type { ComponentChildren } from 'preact';
import { plainText } from '../../guides/markdown.ts';
import {
  AUDIENCES,
  CONFIDENCES,
  SAFE_TO_USE,
  SAFE_TO_USE_MEANING,
  SEVERITIES,
  SEVERITY_MEANING,
  STATUSES,
} from '../../guides/schema.ts';
import { Layout } from '../../web/views/layout.tsx';
import {
  FORM_ERROR_KEY,
  SCALAR_FIELDS,
  emptySource,
  emptyStep,
  itemFieldName,
  lintFieldToFormField,
  type FaqFields,
  type FormFields,
  type ListName,
  type ScalarField,
  type SourceFields,
  type StepFields,
  type TextList,
} from '../guide-form.ts';

export interface EditorWarning {
  /** Form field name (`steps.2.why`) or lint field (`steps[2].why`); '' for the whole guide. */
  field: string;
  message: string;
}

export interface GuideEditorProps {
  /** Public origin, for the layout. */
  origin: string;
  csrfToken: string;
  form: FormFields;
  /** Messages keyed by form field name, as validateDraft returns them; FORM_ERROR_KEY for the whole form. */
  errors?: Readonly<Record<string, string>>;
  warnings?: readonly EditorWarning[];
  /** The stored revision the form was opened at; sent back as expectedRevision. */
  revision?: number;
  mode: 'new' | 'edit';
  canPublish?: boolean;
  canArchive?: boolean;
  /** The revision message typed so far. */
  message?: string;
  /** A status line above the form, such as "Draft saved as revision 4." */
  notice?: string;
}

/** The id of the input for a form field name: `steps.2.why` → `field-steps-2-why`. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

const SCALAR_LABEL: Record<ScalarField, string> = {
  id: 'Guide id',
  code: 'Code as people see it',
  kind: 'Kind of guide',
  covers: 'Codes a family guide covers',
  category: 'Category',
  brand: 'Brand',
  product: 'Product',
  severity: 'Severity',
  safeToUse: 'Safe to keep using?',
  title: 'Title',
  summary: 'Summary',
  callAPro: 'When to call a professional',
  confidence: 'Confidence',
  reviewed: 'Last reviewed',
  status: 'Status',
};

interface ListText {
  heading: string;
  item: string;
  add: string;
  remove: string;
  optional: boolean;
}

const LIST_TEXT: Record<ListName, ListText> = {
  affected: {
    heading: 'Affected products and versions',
    item: 'Affected product',
    add: 'Add an affected product',
    remove: 'Remove this product',
    optional: true,
  },
  causes: {
    heading: 'Causes',
    item: 'Cause',
    add: 'Add a cause',
    remove: 'Remove this cause',
    optional: false,
  },
  steps: { heading: 'Steps', item: 'Step', add: 'Add a step', remove: 'Remove this step', optional: false },
  faq: {
    heading: 'Questions and answers',
    item: 'Question',
    add: 'Add a question',
    remove: 'Remove this question',
    optional: true,
  },
  related: {
    heading: 'Related codes',
    item: 'Related code',
    add: 'Add a related code',
    remove: 'Remove this code',
    optional: true,
  },
  sources: {
    heading: 'Sources',
    item: 'Source',
    add: 'Add a source',
    remove: 'Remove this source',
    optional: false,
  },
};

const ITEM_KEY_LABEL: Record<string, string> = {
  action: 'What to do',
  why: 'Why it helps',
  commands: 'Commands',
  audience: 'Who can do this',
  kind: 'Kind of step',
  question: 'Question',
  answer: 'Answer',
  title: 'Title',
  url: 'Address (URL)',
  publisher: 'Publisher',
  order: 'Position',
  remove: 'Remove',
};

const AUDIENCE_LABEL: Record<(typeof AUDIENCES)[number], string> = {
  everyone: 'Anyone',
  'it-pro': 'IT staff',
  technician: 'A technician',
};

const CONFIDENCE_LABEL: Record<(typeof CONFIDENCES)[number], string> = {
  high: 'High — the vendor documents this meaning and fix',
  medium: 'Medium — the meaning is documented; fixes come from established practice',
  low: 'Low — not yet checked against authoritative sources',
};

const STATUS_LABEL: Record<(typeof STATUSES)[number], string> = {
  draft: 'Draft',
  review: 'In review',
  published: 'Published',
  archived: 'Archived',
};

/** A readable name for a form field name, for the error and warning summaries. */
export function fieldLabel(name: string): string {
  if (name === 'message') return 'Revision message';
  if ((SCALAR_FIELDS as readonly string[]).includes(name)) return SCALAR_LABEL[name as ScalarField];
  const [list, index, key] = name.split('.');
  if (list === undefined || !Object.hasOwn(LIST_TEXT, list)) return name;
  const text = LIST_TEXT[list as ListName];
  if (index === undefined) return text.heading;
  const item = `${text.item} ${Number(index) + 1}`;
  if (key === undefined) return item;
  const label = ITEM_KEY_LABEL[key] ?? key;
  return `${item}, ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

interface Context {
  errors: Readonly<Record<string, string>>;
  warnings: ReadonlyMap<string, readonly string[]>;
}

function errorOf(ctx: Context, name: string): string | undefined {
  return Object.hasOwn(ctx.errors, name) ? ctx.errors[name] : undefined;
}

/** aria-describedby for a control: its hint, its error and its warnings, those that are shown. */
function describedBy(ctx: Context, name: string, hint: boolean): string | undefined {
  const id = fieldId(name);
  const parts: string[] = [];
  if (hint) parts.push(`${id}-hint`);
  if (errorOf(ctx, name) !== undefined) parts.push(`${id}-error`);
  if (ctx.warnings.has(name)) parts.push(`${id}-warning`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function Messages({ ctx, name }: { ctx: Context; name: string }) {
  const id = fieldId(name);
  const error = errorOf(ctx, name);
  const warnings = ctx.warnings.get(name);
  return (
    <>
      {error !== undefined && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {warnings && (
        <div class="field-warning" id={`${id}-warning`}>
          {warnings.map((w) => (
            <p>
              <span class="visually-hidden">Warning: </span>
              {w}
            </p>
          ))}
        </div>
      )}
    </>
  );
}

interface FieldProps {
  ctx: Context;
  name: string;
  label: string;
  hint?: string;
  optional?: boolean;
}

/** Hidden words that tell one list item's inputs from the next one's: " 2" or " (step 2)". */
function itemContext(name: string): string | undefined {
  const [list, index, key] = name.split('.');
  if (list === undefined || index === undefined || !Object.hasOwn(LIST_TEXT, list)) return undefined;
  const item = `${LIST_TEXT[list as ListName].item.toLowerCase()} ${Number(index) + 1}`;
  return key === undefined ? ` ${Number(index) + 1}` : ` (${item})`;
}

function Label({ name, label, optional }: { name: string; label: string; optional?: boolean }) {
  const context = itemContext(name);
  return (
    <label for={fieldId(name)}>
      {label}
      {context && <span class="visually-hidden">{context}</span>}
      {optional && <span class="optional"> (optional)</span>}
    </label>
  );
}

function Hint({ name, hint }: { name: string; hint?: string }) {
  return hint ? (
    <p class="hint" id={`${fieldId(name)}-hint`}>
      {hint}
    </p>
  ) : null;
}

function fieldClass(ctx: Context, name: string): string {
  return errorOf(ctx, name) !== undefined ? 'field has-error' : 'field';
}

function TextField({
  ctx,
  name,
  label,
  hint,
  optional,
  value,
  multiline,
  rows = 3,
  type = 'text',
  readonly,
  code,
}: FieldProps & {
  value: string;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'url' | 'date';
  readonly?: boolean;
  /** Identifiers, codes and commands: no spell checking, monospace. */
  code?: boolean;
}) {
  const common = {
    id: fieldId(name),
    name,
    'aria-describedby': describedBy(ctx, name, hint !== undefined),
    'aria-invalid': errorOf(ctx, name) !== undefined ? ('true' as const) : undefined,
    spellcheck: code ? false : undefined,
    class: code ? 'code-input' : undefined,
  };
  return (
    <div class={fieldClass(ctx, name)}>
      <Label name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <Messages ctx={ctx} name={name} />
      {multiline ? (
        <textarea {...common} rows={rows} value={value} />
      ) : type === 'date' ? (
        <input {...common} type="date" value={value} readonly={readonly} />
      ) : type === 'url' ? (
        <input {...common} type="url" value={value} readonly={readonly} autocomplete="off" />
      ) : (
        <input {...common} type="text" value={value} readonly={readonly} autocomplete="off" />
      )}
    </div>
  );
}

interface Option {
  value: string;
  label: string;
}

function SelectField({
  ctx,
  name,
  label,
  hint,
  optional,
  value,
  options,
  blank,
}: FieldProps & {
  value: string;
  options: readonly Option[];
  /** Text of the '' option: always offered when given, else only while the value is not an option. */
  blank?: string;
}) {
  const known = options.some((o) => o.value === value);
  const blankOption = blank ?? (known ? undefined : 'Choose…');
  return (
    <div class={fieldClass(ctx, name)}>
      <Label name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <Messages ctx={ctx} name={name} />
      <select
        id={fieldId(name)}
        name={name}
        aria-describedby={describedBy(ctx, name, hint !== undefined)}
        aria-invalid={errorOf(ctx, name) !== undefined ? 'true' : undefined}
      >
        {blankOption !== undefined && (
          <option value="" selected={!known}>
            {blankOption}
          </option>
        )}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function ItemControls({ list, index }: { list: ListName; index: number }) {
  const order = itemFieldName(list, index, 'order');
  const remove = itemFieldName(list, index, 'remove');
  return (
    <div class="item-controls">
      <div class="order-control">
        <Label name={order} label="Position" />
        <input
          id={fieldId(order)}
          name={order}
          type="number"
          inputmode="numeric"
          min={1}
          step={1}
          value={String(index + 1)}
          class="order-input"
        />
      </div>
      <div class="remove-control">
        <input id={fieldId(remove)} name={remove} type="checkbox" value="on" />
        <Label name={remove} label={LIST_TEXT[list].remove} />
      </div>
    </div>
  );
}

function ListSection({
  ctx,
  list,
  hint,
  children,
}: {
  ctx: Context;
  list: ListName;
  hint?: string;
  children: ComponentChildren;
}) {
  const text = LIST_TEXT[list];
  const id = fieldId(list);
  const error = errorOf(ctx, list);
  return (
    <section
      class={error !== undefined ? 'list has-error' : 'list'}
      id={id}
      aria-labelledby={`${id}-heading`}
      aria-describedby={describedBy(ctx, list, false)}
    >
      <h2 id={`${id}-heading`}>
        {text.heading}
        {text.optional && <span class="optional"> (optional)</span>}
      </h2>
      {hint && <p class="hint">{hint}</p>}
      <Messages ctx={ctx} name={list} />
      {children}
      <p class="add-row">
        <button type="submit" name="action" value={`add:${list}`} class="button-secondary">
          {text.add}
        </button>
      </p>
    </section>
  );
}

const REORDER_HINT =
  'To reorder, change the positions; to delete, tick Remove. Both take effect when you press any button below.';

function ItemFieldset({
  list,
  index,
  children,
}: {
  list: ListName;
  index: number;
  children: ComponentChildren;
}) {
  return (
    <fieldset class="item">
      <legend>
        {LIST_TEXT[list].item} {index + 1}
      </legend>
      {children}
      <ItemControls list={list} index={index} />
    </fieldset>
  );
}

function TextListSection({
  ctx,
  list,
  values,
  multiline,
  code,
  hint,
}: {
  ctx: Context;
  list: TextList;
  values: readonly string[];
  multiline?: boolean;
  code?: boolean;
  hint?: string;
}) {
  return (
    <ListSection ctx={ctx} list={list} hint={hint ? `${hint} ${REORDER_HINT}` : REORDER_HINT}>
      {values.map((value, i) => (
        <ItemFieldset list={list} index={i}>
          <TextField
            ctx={ctx}
            name={itemFieldName(list, i)}
            label={LIST_TEXT[list].item}
            value={value}
            multiline={multiline}
            code={code}
          />
        </ItemFieldset>
      ))}
    </ListSection>
  );
}

function StepItem({ ctx, step, index }: { ctx: Context; step: StepFields; index: number }) {
  const name = (key: keyof StepFields) => itemFieldName('steps', index, key);
  return (
    <ItemFieldset list="steps" index={index}>
      <TextField
        ctx={ctx}
        name={name('action')}
        label="What to do"
        value={step.action}
        multiline
        hint="One clear action. Inline Markdown: `code`, *emphasis*, [links](https://…)."
      />
      <TextField ctx={ctx} name={name('why')} label="Why it helps" value={step.why} multiline />
      <input type="hidden" name={name('id')} value={step.id} />
      <TextField
        ctx={ctx}
        name={name('commands')}
        label="Commands"
        optional
        value={step.commands}
        multiline
        code
        hint="One command per line, exactly as typed."
      />
      <SelectField
        ctx={ctx}
        name={name('audience')}
        label="Who can do this"
        optional
        value={step.audience}
        blank="Not specified"
        options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABEL[a] }))}
      />
      <SelectField
        ctx={ctx}
        name={name('kind')}
        label="Kind of step"
        optional
        value={step.kind}
        blank="Fix (changes something)"
        options={[{ value: 'check', label: 'Check (only finds something out: a log, a name)' }]}
      />
    </ItemFieldset>
  );
}

function FaqItem({ ctx, faq, index }: { ctx: Context; faq: FaqFields; index: number }) {
  return (
    <ItemFieldset list="faq" index={index}>
      <TextField
        ctx={ctx}
        name={itemFieldName('faq', index, 'question')}
        label="Question"
        value={faq.question}
      />
      <TextField
        ctx={ctx}
        name={itemFieldName('faq', index, 'answer')}
        label="Answer"
        value={faq.answer}
        multiline
        rows={4}
      />
    </ItemFieldset>
  );
}

function SourceItem({ ctx, source, index }: { ctx: Context; source: SourceFields; index: number }) {
  return (
    <ItemFieldset list="sources" index={index}>
      <TextField
        ctx={ctx}
        name={itemFieldName('sources', index, 'title')}
        label="Title"
        value={source.title}
      />
      <TextField
        ctx={ctx}
        name={itemFieldName('sources', index, 'url')}
        label="Address (URL)"
        type="url"
        code
        value={source.url}
      />
      <TextField
        ctx={ctx}
        name={itemFieldName('sources', index, 'publisher')}
        label="Publisher"
        value={source.publisher}
        hint="For example Microsoft Learn."
      />
    </ItemFieldset>
  );
}

/** The form with one blank row in each list a guide cannot do without, so there is a place to start. */
function withStarterRows(form: FormFields): FormFields {
  return {
    ...form,
    causes: form.causes.length > 0 ? form.causes : [''],
    steps: form.steps.length > 0 ? form.steps : [emptyStep()],
    sources: form.sources.length > 0 ? form.sources : [emptySource()],
  };
}

/** Every field name the form renders, so the summaries link only to fields that exist. */
function renderedNames(form: FormFields): Set<string> {
  const names = new Set<string>([...SCALAR_FIELDS, 'message']);
  const add = (list: ListName, count: number, keys: readonly string[] = []) => {
    names.add(list);
    for (let i = 0; i < count; i++) {
      if (keys.length === 0) names.add(itemFieldName(list, i));
      for (const key of keys) names.add(itemFieldName(list, i, key));
    }
  };
  add('affected', form.affected.length);
  add('causes', form.causes.length);
  add('related', form.related.length);
  add('steps', form.steps.length, ['id', 'action', 'why', 'commands', 'audience', 'kind']);
  add('faq', form.faq.length, ['question', 'answer']);
  add('sources', form.sources.length, ['title', 'url', 'publisher']);
  return names;
}

function SummaryItem({ name, message, linked }: { name: string; message: string; linked: boolean }) {
  if (!linked) return <li>{name === FORM_ERROR_KEY ? message : `${fieldLabel(name)}: ${message}`}</li>;
  return (
    <li>
      <a href={`#${fieldId(name)}`}>
        {fieldLabel(name)}: {message}
      </a>
    </li>
  );
}

function ErrorSummary({ errors, names }: { errors: readonly [string, string][]; names: Set<string> }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">
        {errors.length === 1 ? 'There is a problem' : `There are ${errors.length} problems`}
      </h2>
      <ul>
        {errors.map(([name, message]) => (
          <SummaryItem name={name} message={message} linked={names.has(name)} />
        ))}
      </ul>
    </div>
  );
}

function WarningSummary({
  warnings,
  names,
}: {
  warnings: readonly { name: string; message: string }[];
  names: Set<string>;
}) {
  if (warnings.length === 0) return null;
  return (
    <section class="warning-summary" aria-labelledby="warning-summary-title">
      <h2 id="warning-summary-title">
        {warnings.length === 1 ? '1 thing to check' : `${warnings.length} things to check`}
      </h2>
      <ul>
        {warnings.map((w) => (
          <SummaryItem name={w.name} message={w.message} linked={names.has(w.name)} />
        ))}
      </ul>
    </section>
  );
}

function option<T extends string>(values: readonly T[], label: (v: T) => string): Option[] {
  return values.map((value) => ({ value, label: label(value) }));
}

export function GuideEditor({
  origin,
  csrfToken,
  form: submitted,
  errors = {},
  warnings = [],
  revision,
  mode,
  canPublish = false,
  canArchive = false,
  message = '',
  notice,
}: GuideEditorProps) {
  const form = withStarterRows(submitted);
  const names = renderedNames(form);
  const warningList = warnings.map((w) => ({ name: lintFieldToFormField(w.field), message: w.message }));
  const warningsByName = new Map<string, string[]>();
  for (const w of warningList) {
    if (!names.has(w.name)) continue;
    const list = warningsByName.get(w.name) ?? [];
    list.push(w.message);
    warningsByName.set(w.name, list);
  }
  const ctx: Context = { errors, warnings: warningsByName };
  const errorList = Object.entries(errors);

  const name = plainText(form.title).trim() || form.id || 'guide';
  const heading = mode === 'edit' ? `Edit ${name}` : 'New guide';
  const title = `${errorList.length > 0 ? 'Error: ' : ''}${heading} | Errata`;
  const action = mode === 'edit' ? `/admin/guides/${encodeURIComponent(form.id)}` : '/admin/guides';

  return (
    <Layout origin={origin} title={title} description="Edit an Errata guide." noindex>
      <div class="editor">
        <h1>{heading}</h1>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <ErrorSummary errors={errorList} names={names} />
        <WarningSummary warnings={warningList} names={names} />
        <form method="post" action={action} novalidate class="editor-form">
          {/* The first submit button is what Enter in a text box presses: make that Save, not an Add. */}
          <button
            type="submit"
            name="action"
            value="save"
            class="default-action"
            tabindex={-1}
            aria-hidden="true"
          >
            Save draft
          </button>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input
            type="hidden"
            name="expectedRevision"
            value={revision === undefined ? '' : String(revision)}
          />

          <fieldset class="group">
            <legend>Where the guide is filed</legend>
            <TextField
              ctx={ctx}
              name="id"
              label={SCALAR_LABEL.id}
              value={form.id}
              code
              readonly={mode === 'edit'}
              hint={
                mode === 'edit'
                  ? 'The id cannot change once the guide exists.'
                  : 'A lowercase slug such as windows-update-0x80244007.'
              }
            />
            <TextField
              ctx={ctx}
              name="code"
              label={SCALAR_LABEL.code}
              value={form.code}
              code
              hint="Hex such as 0x80244007, OBD-II such as P0300, an HTTP status such as 503, or a symbolic name."
            />
            <SelectField
              ctx={ctx}
              name="kind"
              label={SCALAR_LABEL.kind}
              value={form.kind}
              optional
              blank="the guide for one code (the usual)"
              options={[
                { value: 'code', label: 'code — the guide for one code' },
                { value: 'family', label: 'family — general guidance for a family of codes without a guide' },
              ]}
            />
            <TextField
              ctx={ctx}
              name="covers"
              label={SCALAR_LABEL.covers}
              value={form.covers}
              code
              multiline
              rows={3}
              hint="Family guides only, one per line: a family id, then optionally prefix=… and range=from..to, e.g. hresult range=0x80240000..0x8024FFFF or obd prefix=P03."
            />
            <TextField ctx={ctx} name="category" label={SCALAR_LABEL.category} value={form.category} />
            <TextField ctx={ctx} name="brand" label={SCALAR_LABEL.brand} value={form.brand} />
            <TextField ctx={ctx} name="product" label={SCALAR_LABEL.product} value={form.product} />
          </fieldset>

          <fieldset class="group">
            <legend>What it means</legend>
            <TextField
              ctx={ctx}
              name="title"
              label={SCALAR_LABEL.title}
              value={form.title}
              hint="Inline Markdown: `code`, *emphasis*."
            />
            <TextField
              ctx={ctx}
              name="summary"
              label={SCALAR_LABEL.summary}
              value={form.summary}
              multiline
              rows={6}
              hint="What the code means and what it does not. Inline Markdown: `code`, *emphasis*, [links](https://…)."
            />
            <SelectField
              ctx={ctx}
              name="severity"
              label={SCALAR_LABEL.severity}
              value={form.severity}
              options={option(SEVERITIES, (s) => `${s} — ${SEVERITY_MEANING[s]}`)}
            />
            <SelectField
              ctx={ctx}
              name="safeToUse"
              label={SCALAR_LABEL.safeToUse}
              value={form.safeToUse}
              options={option(SAFE_TO_USE, (s) => SAFE_TO_USE_MEANING[s])}
            />
          </fieldset>

          <TextListSection ctx={ctx} list="affected" values={form.affected} />
          <TextListSection ctx={ctx} list="causes" values={form.causes} multiline />
          <ListSection ctx={ctx} list="steps" hint={`Most likely fix first. ${REORDER_HINT}`}>
            {form.steps.map((step, i) => (
              <StepItem ctx={ctx} step={step} index={i} />
            ))}
          </ListSection>

          <fieldset class="group">
            <legend>Beyond the steps</legend>
            <TextField
              ctx={ctx}
              name="callAPro"
              label={SCALAR_LABEL.callAPro}
              value={form.callAPro}
              multiline
              rows={4}
            />
          </fieldset>

          <ListSection ctx={ctx} list="faq" hint={REORDER_HINT}>
            {form.faq.map((faq, i) => (
              <FaqItem ctx={ctx} faq={faq} index={i} />
            ))}
          </ListSection>
          <TextListSection
            ctx={ctx}
            list="related"
            values={form.related}
            code
            hint="Codes of other guides, as people see them."
          />
          <ListSection ctx={ctx} list="sources" hint={`Every guide cites at least one. ${REORDER_HINT}`}>
            {form.sources.map((source, i) => (
              <SourceItem ctx={ctx} source={source} index={i} />
            ))}
          </ListSection>

          <fieldset class="group">
            <legend>Review</legend>
            <SelectField
              ctx={ctx}
              name="confidence"
              label={SCALAR_LABEL.confidence}
              value={form.confidence}
              options={option(CONFIDENCES, (c) => CONFIDENCE_LABEL[c])}
            />
            <TextField
              ctx={ctx}
              name="reviewed"
              label={SCALAR_LABEL.reviewed}
              type="date"
              value={form.reviewed}
              hint="A date such as 2026-11-26."
            />
            <SelectField
              ctx={ctx}
              name="status"
              label={SCALAR_LABEL.status}
              value={form.status}
              options={option(STATUSES, (s) => STATUS_LABEL[s])}
            />
          </fieldset>

          <fieldset class="group">
            <legend>Save</legend>
            <TextField
              ctx={ctx}
              name="message"
              label="Revision message"
              optional
              value={message}
              hint="What you changed and why, for the history."
            />
            <div class="actions">
              <button type="submit" name="action" value="save" class="button">
                Save draft
              </button>
              <button type="submit" name="action" value="preview" class="button-secondary">
                Preview
              </button>
              <button type="submit" name="action" value="submit" class="button-secondary">
                Submit for review
              </button>
              {canPublish && (
                <button type="submit" name="action" value="publish" class="button-secondary">
                  Publish
                </button>
              )}
              {canPublish && mode === 'edit' && (
                <button type="submit" name="action" value="unpublish" class="button-secondary">
                  Unpublish
                </button>
              )}
              {canArchive && mode === 'edit' && (
                <button type="submit" name="action" value="archive" class="button-secondary button-danger">
                  Archive
                </button>
              )}
            </div>
          </fieldset>
        </form>
      </div>
    </Layout>
  );
}
