/**
 * The editor's parts for working without reloads: where its script sends autosaves and lint requests,
 * the offer to restore an autosave, and what a saved incomplete draft still needs before review.
 */
import { editorPath } from '../http.ts';
import { AdminLayout, type AdminContext } from './layout.tsx';
import { fieldId, fieldLabel } from './editor-labels.ts';

/** Query string naming the guide ('' for a new one) for the autosave routes. */
export function autosaveQuery(guideId: string): string {
  return `?guide=${encodeURIComponent(guideId)}`;
}

/** The form's data attributes that turn on autosave and live lint in public/admin-editor.js. */
export function liveEditing(guideId: string): Record<string, string> {
  return {
    'data-autosave': `/admin/autosave${autosaveQuery(guideId)}`,
    'data-lint': '/admin/lint',
  };
}

/** The script of the in-place editor, a module file (CSP: no inline script). */
export function EditorScript() {
  return <script type="module" src="/assets/admin-editor.js" />;
}

/** "2026-12-03 16:05 UTC" until the script shows it in the reader's own time. */
function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Restore or discard the form the browser kept for this user and guide; both work without script. */
export function AutosaveOffer({
  guideId,
  savedAt,
  csrfToken,
}: {
  guideId: string;
  savedAt: string;
  csrfToken: string;
}) {
  const when = (
    <time datetime={savedAt} class="local-time">
      {utcText(savedAt)}
    </time>
  );
  return (
    <section class="autosave-offer" aria-labelledby="autosave-offer-title">
      <h2 id="autosave-offer-title">Unsaved changes</h2>
      <p>Your changes from {when} were never saved. Restore them to keep working on them, or discard them.</p>
      <div class="actions">
        <a class="button" href={`${editorPath(guideId)}?restore=autosave`}>
          Restore unsaved changes from {when}
        </a>
        <form method="post" action={`/admin/autosave/discard${autosaveQuery(guideId)}`}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <button type="submit" class="button-secondary">
            Discard
          </button>
        </form>
      </div>
    </section>
  );
}

/** What a saved draft still needs before it can be submitted or published, linked to the fields. */
export function MissingSummary({
  missing,
  names,
}: {
  missing: Readonly<Record<string, string>>;
  names: Set<string>;
}) {
  const entries = Object.entries(missing);
  return (
    <section
      class="missing-summary"
      aria-labelledby="missing-summary-title"
      hidden={entries.length === 0 ? true : undefined}
    >
      <h2 id="missing-summary-title">Still needed before review</h2>
      <p class="hint">A draft saves without them; submitting for review and publishing wait for them.</p>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            {names.has(name) ? (
              <a href={`#${fieldId(name)}`}>
                {fieldLabel(name)}: {message}
              </a>
            ) : (
              `${fieldLabel(name)}: ${message}`
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A revision saved before everything a page needs was filled in: no page, a way to compare it. */
export function IncompleteRevision({
  ctx,
  guideId,
  number,
}: {
  ctx: AdminContext;
  guideId: string;
  number: number;
}) {
  return (
    <AdminLayout ctx={ctx} title={`Revision ${number} of ${guideId}`}>
      <h1>Revision {number} is an incomplete draft</h1>
      <p>It was saved before everything a page needs was filled in, so it has no page to show.</p>
      <p>
        <a href={`/admin/guides/${guideId}/history`}>Compare it in the history</a>
      </p>
    </AdminLayout>
  );
}
