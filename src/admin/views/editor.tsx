/**
 * The structured guide editor: one server-rendered form that works with JavaScript off. Every button
 * submits the whole form; its `action` value says what to do (see guide-form.ts).
 */
import { plainText } from '../../guides/markdown.ts';
import {
  CONFIDENCES,
  SAFE_TO_USE,
  SAFE_TO_USE_MEANING,
  SEVERITIES,
  SEVERITY_MEANING,
} from '../../guides/schema.ts';
import type { ComponentChildren } from 'preact';
import type { User } from '../../accounts/model.ts';
import type { RevisionSummary } from '../../guides/editing.ts';
import { Layout } from '../../web/views/layout.tsx';
import {
  SCALAR_FIELDS,
  emptyFaq,
  emptySource,
  emptyStep,
  itemFieldName,
  lintFieldToFormField,
  type FormFields,
  type ListName,
} from '../guide-form.ts';
import { AutosaveOffer, EditorScript, MissingSummary, liveEditing } from './editor-live.tsx';
import { FaqItem, SourceItem, StepItem } from './editor-items.tsx';
import { GuidePanel, type GuideStanding } from './guide-panel.tsx';
import { AdminNav } from './layout.tsx';
import { CONFIDENCE_LABEL, SCALAR_LABEL, STATUS_LABEL } from './editor-labels.ts';
import {
  ErrorSummary,
  ListSection,
  REORDER_HINT,
  SelectField,
  TextField,
  TextListSection,
  WarningSummary,
  option,
  type FieldContext,
} from './fields.tsx';

export interface EditorWarning {
  /** Form field name (`steps.2.why`) or lint field (`steps[2].why`); '' for the whole guide. */
  field: string;
  message: string;
}

export type EditorState = GuideStanding;

/** The status line of an existing guide, in words. */
export function statusLine(state: EditorState): string {
  if (state.publicStatus === 'published' && state.pending)
    return `Published; an edit waits beside it (${STATUS_LABEL[state.status].toLowerCase()}) and the published text stays live until it is published.`;
  if (state.publicStatus === 'published') return 'Published: this is the text on the public site.';
  return `${STATUS_LABEL[state.status]}: not on the public site.`;
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
  /** The token of the stash this form was restored from. */
  stash?: string;
  /** Where the stored guide stands (edit mode). */
  state?: EditorState;
  /** The signed-in user, for the admin menu and sign-out. */
  user?: User;
  /** The stored guide's revisions, newest first (edit mode). */
  history?: readonly RevisionSummary[];
  /** The public page, while the guide is on the site. */
  liveHref?: string;
  /** The review section (comments, request changes, schedule), rendered outside the guide form. */
  review?: ComponentChildren;
  /** When this user's autosave of this guide was kept, offered for restoring (editor-live.tsx). */
  autosavedAt?: string;
  /** What still stops submitting or publishing a saved incomplete draft, by form field name. */
  missing?: Readonly<Record<string, string>>;
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
  stash,
  state,
  user,
  history,
  liveHref,
  review,
  autosavedAt,
  missing = {},
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
  const ctx: FieldContext = { errors, warnings: warningsByName };
  const errorList = Object.entries(errors);

  const name = plainText(form.title).trim() || form.id || 'guide';
  const heading = mode === 'edit' ? `Edit ${name}` : 'New guide';
  const title = `${errorList.length > 0 ? 'Error: ' : ''}${heading} | Errata`;
  const action = mode === 'edit' ? `/admin/guides/${encodeURIComponent(form.id)}` : '/admin/guides';

  return (
    <Layout origin={origin} title={title} description="Edit an Errata guide." noindex admin>
      <AdminNav ctx={{ origin, user, csrfToken }} />
      <div class={state && history ? 'editor with-panel' : 'editor'}>
        <h1>{heading}</h1>
        {state && history && (
          <GuidePanel guideId={form.id} standing={state} revisions={history} liveHref={liveHref} />
        )}
        <div class="editor-main">
          {notice && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          {autosavedAt !== undefined && (
            <AutosaveOffer
              guideId={mode === 'edit' ? form.id : ''}
              savedAt={autosavedAt}
              csrfToken={csrfToken}
            />
          )}
          <ErrorSummary errors={errorList} names={names} />
          <MissingSummary missing={missing} names={names} />
          <WarningSummary warnings={warningList} names={names} />
          {review}
          <p class="hint required-note">Every field is needed unless it says (optional).</p>
          <form
            method="post"
            action={action}
            novalidate
            class="editor-form"
            {...liveEditing(mode === 'edit' ? form.id : '')}
          >
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
            {stash && <input type="hidden" name="stash" value={stash} />}

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
                  {
                    value: 'family',
                    label: 'family — general guidance for a family of codes without a guide',
                  },
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
            <ListSection
              ctx={ctx}
              list="steps"
              hint={`Most likely fix first. ${REORDER_HINT}`}
              template={<StepItem ctx={ctx} step={emptyStep()} index={form.steps.length} />}
            >
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

            <ListSection
              ctx={ctx}
              list="faq"
              hint={REORDER_HINT}
              template={<FaqItem ctx={ctx} faq={emptyFaq()} index={form.faq.length} />}
            >
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
            <ListSection
              ctx={ctx}
              list="sources"
              hint={`Every guide cites at least one. ${REORDER_HINT}`}
              template={<SourceItem ctx={ctx} source={emptySource()} index={form.sources.length} />}
            >
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
              {state && (
                <p class="status-line">
                  <strong>{SCALAR_LABEL.status}:</strong> {statusLine(state)}
                </p>
              )}
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
                  {mode === 'new' ? 'Create and submit for review' : 'Submit for review'}
                </button>
                {canPublish && (
                  <button type="submit" name="action" value="publish" class="button-secondary">
                    {mode === 'new' ? 'Create and publish' : 'Publish'}
                  </button>
                )}
                {/* Only what applies: unpublish a public guide, archive one not archived yet. */}
                {canPublish && state?.publicStatus === 'published' && (
                  <button type="submit" name="action" value="unpublish" class="button-secondary">
                    Unpublish
                  </button>
                )}
                {canArchive && state !== undefined && state.publicStatus !== 'archived' && (
                  <button type="submit" name="action" value="archive" class="button-secondary button-danger">
                    Archive
                  </button>
                )}
              </div>
            </fieldset>
          </form>
        </div>
      </div>
      <EditorScript />
    </Layout>
  );
}
