/**
 * The editor's widget kit: labelled text and select fields with their hint, error and warnings wired
 * to aria-describedby, list sections with reorder and remove controls, and the error and warning
 * summaries that link to the fields.
 */
import type { ComponentChildren } from 'preact';
import { FORM_ERROR_KEY, itemFieldName, type ListName, type TextList } from '../guide-form.ts';
import { LIST_TEXT, fieldId, fieldLabel } from './editor-labels.ts';

export interface FieldContext {
  errors: Readonly<Record<string, string>>;
  warnings: ReadonlyMap<string, readonly string[]>;
}

function errorOf(ctx: FieldContext, name: string): string | undefined {
  return Object.hasOwn(ctx.errors, name) ? ctx.errors[name] : undefined;
}

/** aria-describedby for a control: its hint, its error and its warnings, those that are shown. */
function describedBy(ctx: FieldContext, name: string, hint: boolean): string | undefined {
  const id = fieldId(name);
  const parts: string[] = [];
  if (hint) parts.push(`${id}-hint`);
  if (errorOf(ctx, name) !== undefined) parts.push(`${id}-error`);
  if (ctx.warnings.has(name)) parts.push(`${id}-warning`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function Messages({ ctx, name }: { ctx: FieldContext; name: string }) {
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
  ctx: FieldContext;
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

function fieldClass(ctx: FieldContext, name: string): string {
  return errorOf(ctx, name) !== undefined ? 'field has-error' : 'field';
}

export function TextField({
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
    // Marked before any error: the summary above the form says what unmarked fields mean.
    'aria-required': optional || readonly ? undefined : ('true' as const),
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

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
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
        aria-required={optional ? undefined : 'true'}
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

export function ListSection({
  ctx,
  list,
  hint,
  children,
  template,
}: {
  ctx: FieldContext;
  list: ListName;
  hint?: string;
  children: ComponentChildren;
  /** An empty item the page's script copies for "Add a …" without a reload. */
  template?: ComponentChildren;
}) {
  const text = LIST_TEXT[list];
  const id = fieldId(list);
  const error = errorOf(ctx, list);
  return (
    <section
      class={error !== undefined ? 'list has-error' : 'list'}
      id={id}
      data-list={list}
      data-item={text.item}
      aria-labelledby={`${id}-heading`}
      aria-describedby={describedBy(ctx, list, false)}
    >
      <h2 id={`${id}-heading`}>
        {text.heading}
        {text.optional && <span class="optional"> (optional)</span>}
      </h2>
      {hint && <ListHint hint={hint} />}
      <Messages ctx={ctx} name={list} />
      {children}
      {template && <template class="item-template">{template}</template>}
      <p class="add-row">
        <button type="submit" name="action" value={`add:${list}`} class="button-secondary">
          {text.add}
        </button>
      </p>
    </section>
  );
}

export const REORDER_HINT =
  'To reorder, change the positions; to delete, tick Remove. Both take effect when you press any button below.';

/** A list's hint; the reorder part in its own span, which the page's script rewords for its buttons. */
function ListHint({ hint }: { hint: string }) {
  if (!hint.endsWith(REORDER_HINT)) return <p class="hint">{hint}</p>;
  return (
    <p class="hint">
      {hint.slice(0, hint.length - REORDER_HINT.length)}
      <span class="reorder-hint">{REORDER_HINT}</span>
    </p>
  );
}

export function ItemFieldset({
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

export function TextListSection({
  ctx,
  list,
  values,
  multiline,
  code,
  hint,
}: {
  ctx: FieldContext;
  list: TextList;
  values: readonly string[];
  multiline?: boolean;
  code?: boolean;
  hint?: string;
}) {
  const item = (i: number, value: string) => (
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
  );
  return (
    <ListSection
      ctx={ctx}
      list={list}
      hint={hint ? `${hint} ${REORDER_HINT}` : REORDER_HINT}
      template={item(values.length, '')}
    >
      {values.map((value, i) => item(i, value))}
    </ListSection>
  );
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

export function ErrorSummary({ errors, names }: { errors: readonly [string, string][]; names: Set<string> }) {
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

export function WarningSummary({
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

export function option<T extends string>(values: readonly T[], label: (v: T) => string): Option[] {
  return values.map((value) => ({ value, label: label(value) }));
}
