/**
 * The page of a refused save: who saved since the editor opened the guide and when, their version and
 * the editor's side by side for every field that differs, and a plain form to merge them field by field.
 */
import type { RevisionSummary } from '../../guides/editing.ts';
import { diffWords } from '../diff.ts';
import { defaultSide, type Change, type MergeField, type Side } from '../merge.ts';
import { AdminLayout, Csrf, type AdminContext } from './layout.tsx';

export interface MergePageProps {
  ctx: AdminContext;
  guideId: string;
  title: string;
  /** The revision the editor started from. */
  baseRevision: number;
  /** The newest revision, the one a merge is saved on top of. */
  theirRevision: number;
  /** The saves after the base, newest first. */
  saves: readonly RevisionSummary[];
  fields: readonly MergeField[];
  /** The stash holding the editor's text. */
  stash: string;
  /** What the editor picked so far (after a refused merge). */
  choices?: Readonly<Record<string, Side>>;
  /** Fields that still need a choice: the page says so at the top and beside each. */
  missing?: readonly MergeField[];
  message: string;
  /** Why the page is shown again, when it is. */
  notice?: string;
}

/** The time of a save in words a person reads: 2026-12-03 at 15:04 UTC. */
export function savedAt(iso: string): string {
  return `${iso.slice(0, 10)} at ${iso.slice(11, 16)} UTC`;
}

const THEIR_WORDS: Record<Change, string> = {
  unchanged: 'they left it as it was',
  added: 'they added it',
  removed: 'they removed it',
  changed: 'they changed it',
};
const MY_WORDS: Record<Change, string> = {
  unchanged: 'you left it as it was',
  added: 'you added it',
  removed: 'you removed it',
  changed: 'you changed it',
};

/** Who changed a field, in a sentence. */
export function whoChanged(field: MergeField): string {
  const sentence = `${THEIR_WORDS[field.theirChange]}; ${MY_WORDS[field.myChange]}`;
  const text = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return field.changedBy === 'both' ? `${text}. Choose one.` : `${text}.`;
}

export const mergeFieldId = (key: string) => `merge-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function Value({ text, change, side }: { text?: string; change: Change; side: Side }) {
  if (text === undefined)
    return (
      <p class="merge-absent">
        {side === 'theirs'
          ? change === 'removed'
            ? 'Removed in their version.'
            : 'Not in their version.'
          : change === 'removed'
            ? 'Removed in your version.'
            : 'Not in your version.'}
      </p>
    );
  if (text === '') return <p class="merge-absent">(empty)</p>;
  return <div class="merge-value">{text}</div>;
}

function FieldChoice({
  field,
  picked,
  missing,
  theirRevision,
}: {
  field: MergeField;
  picked?: Side;
  missing: boolean;
  theirRevision: number;
}) {
  const id = mergeFieldId(field.key);
  const name = `pick.${field.key}`;
  const words =
    field.theirs !== undefined && field.mine !== undefined ? diffWords(field.theirs, field.mine) : [];
  return (
    <fieldset
      class={`merge-field${field.changedBy === 'both' ? ' merge-conflict' : ''}${missing ? ' has-error' : ''}`}
      id={id}
      data-field={field.key}
      data-changed-by={field.changedBy}
      aria-describedby={missing ? `${id}-error` : undefined}
    >
      <legend>
        {field.label}
        {field.changedBy === 'both' && <strong class="merge-tag"> Changed by both</strong>}
      </legend>
      <p class="hint">{whoChanged(field)}</p>
      {missing && (
        <p class="field-error" id={`${id}-error`}>
          Choose their version or yours.
        </p>
      )}
      <div class="merge-sides">
        <div class="merge-side">
          <label class="merge-pick">
            <input type="radio" name={name} value="theirs" checked={picked === 'theirs'} />{' '}
            <strong>Theirs</strong> (revision {theirRevision})
          </label>
          <Value text={field.theirs} change={field.theirChange} side="theirs" />
        </div>
        <div class="merge-side">
          <label class="merge-pick">
            <input type="radio" name={name} value="mine" checked={picked === 'mine'} /> <strong>Yours</strong>{' '}
            (not saved)
          </label>
          <Value text={field.mine} change={field.myChange} side="mine" />
        </div>
      </div>
      {words.some((w) => w.op !== 'same') && (
        <details class="merge-words">
          <summary>Show the words that differ (struck: theirs only; underlined: yours only)</summary>
          <div class="merge-value">
            {words.map((w) =>
              w.op === 'del' ? (
                <del class="diff-del">{w.text}</del>
              ) : w.op === 'add' ? (
                <ins class="diff-ins">{w.text}</ins>
              ) : (
                w.text
              ),
            )}
          </div>
        </details>
      )}
    </fieldset>
  );
}

export function MergePage(props: MergePageProps) {
  const { ctx, guideId, title, baseRevision, theirRevision, saves, fields, stash, message, notice } = props;
  const missing = new Set((props.missing ?? []).map((f) => f.key));
  const base = `/admin/guides/${encodeURIComponent(guideId)}`;
  const conflicts = fields.filter((f) => f.changedBy === 'both').length;
  return (
    <AdminLayout ctx={ctx} title={`${missing.size > 0 ? 'Error: ' : ''}Merge your edit of ${title}`}>
      <div class="merge">
        <h1>Someone saved this guide while you were editing</h1>
        <div class="notice notice-error" role="alert">
          <p>
            Your changes to <strong>{title}</strong> ({guideId}) are not saved yet, and nothing is lost: they
            are kept on this page.
          </p>
          <p>
            Since you opened revision {baseRevision}
            {saves.length === 0
              ? `, the guide moved to revision ${theirRevision}.`
              : saves.length === 1
                ? ', there is one newer save:'
                : `, there are ${saves.length} newer saves:`}
          </p>
          {saves.length > 0 && (
            <ul class="merge-saves">
              {saves.map((r) => (
                <li>
                  <a href={`${base}/revisions/${r.number}`}>Revision {r.number}</a> saved by{' '}
                  <strong>{r.author}</strong> on <time dateTime={r.createdAt}>{savedAt(r.createdAt)}</time>
                  {r.message && <> — “{r.message}”</>}
                </li>
              ))}
            </ul>
          )}
        </div>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {missing.size > 0 && (
          <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="merge-error-title">
            <h2 id="merge-error-title">
              Choose their version or yours for{' '}
              {missing.size === 1 ? 'this field' : `these ${missing.size} fields`}
            </h2>
            <ul>
              {fields
                .filter((f) => missing.has(f.key))
                .map((f) => (
                  <li>
                    <a href={`#${mergeFieldId(f.key)}`}>{f.label}</a>
                  </li>
                ))}
            </ul>
          </div>
        )}
        <p>
          {fields.length === 0
            ? 'Their version and yours are the same: save to keep it.'
            : `${fields.length} field${fields.length === 1 ? '' : 's'} differ${fields.length === 1 ? 's' : ''} between their version and yours${conflicts > 0 ? `; you both changed ${conflicts}, choose for ${conflicts === 1 ? 'it' : 'them'}` : ''}. Where only one of you changed a field, that change is already chosen.`}{' '}
          <a href={`${base}/diff?a=${baseRevision}&b=${theirRevision}`}>What they changed</a> ·{' '}
          <a href={`${base}/revisions/${theirRevision}`}>Their version as a page</a>
        </p>
        <form method="post" action={`${base}/merge`} class="merge-form" novalidate>
          {/* Enter in the message box saves the merge, the button listed first. */}
          <button
            type="submit"
            name="action"
            value="save"
            class="default-action"
            tabindex={-1}
            aria-hidden="true"
          >
            Save the merge
          </button>
          <Csrf token={ctx.csrfToken} />
          <input type="hidden" name="stash" value={stash} />
          <input type="hidden" name="theirs" value={String(theirRevision)} />
          {fields.map((field) => (
            <FieldChoice
              field={field}
              picked={props.choices?.[field.key] ?? defaultSide(field)}
              missing={missing.has(field.key)}
              theirRevision={theirRevision}
            />
          ))}
          <div class="field">
            <label for="merge-message">Revision message</label>
            <input id="merge-message" name="message" type="text" value={message} maxLength={500} />
          </div>
          <div class="actions">
            <button type="submit" name="action" value="save" class="button">
              Save the merge
            </button>
            <button type="submit" name="action" value="edit" class="button-secondary">
              Open the merge in the editor
            </button>
          </div>
          <p class="hint">Or settle every field at once (saved straight away):</p>
          <div class="actions">
            <button type="submit" name="action" value="all-theirs" class="button-secondary">
              Take all theirs
            </button>
            <button type="submit" name="action" value="all-mine" class="button-secondary">
              Keep all mine
            </button>
          </div>
        </form>
      </div>
    </AdminLayout>
  );
}
