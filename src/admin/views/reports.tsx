import type { Report, ReportStatus } from '../../feedback/reports.ts';
import { REPORT_STATUSES } from '../../feedback/reports.ts';
import { replyMailto } from '../mailto.ts';
import { AdminLayout, Csrf, Notice, type AdminContext } from './layout.tsx';

export function ReportsPage({
  ctx,
  reports,
  status,
  counts,
  fixes,
  message,
  error,
}: {
  ctx: AdminContext;
  reports: readonly Report[];
  status?: ReportStatus;
  counts: Record<ReportStatus, number>;
  /** Each reported guide's published revisions, newest first: the fixes a report can point to. */
  fixes: ReadonlyMap<string, readonly number[]>;
  message?: string;
  error?: string;
}) {
  return (
    <AdminLayout ctx={ctx} title="Reports">
      <h1>Readers' reports</h1>
      <Notice message={message} />
      <Notice message={error} kind="error" />
      <p class="filters">
        Show: {status ? <a href="/admin/reports">all</a> : <strong>all</strong>}
        {REPORT_STATUSES.map((s) => (
          <>
            {' · '}
            {status === s ? (
              <strong>
                {s} ({counts[s]})
              </strong>
            ) : (
              <a href={`/admin/reports?status=${s}`}>
                {s} ({counts[s]})
              </a>
            )}
          </>
        ))}
      </p>
      {reports.length === 0 ? (
        <p>No reports.</p>
      ) : (
        <ul class="reports">
          {reports.map((r) => {
            const published = fixes.get(r.guideId) ?? [];
            const reply = replyMailto(r.contact, `Your report about "${r.guideTitle ?? r.guideId}"`);
            return (
              <li>
                <p>
                  <strong class={`report-status report-${r.status}`}>{r.status}</strong> ·{' '}
                  <a href={`/admin/guides/${r.guideId}/edit`}>{r.guideTitle ?? r.guideId}</a> · read in{' '}
                  <a href={`/admin/guides/${r.guideId}/revisions/${r.guideRevision}`}>
                    revision {r.guideRevision}
                  </a>
                  {r.fixedRevision !== null && (
                    <>
                      {' '}
                      · fixed in{' '}
                      <a href={`/admin/guides/${r.guideId}/revisions/${r.fixedRevision}`}>
                        revision {r.fixedRevision}
                      </a>
                    </>
                  )}{' '}
                  · <time dateTime={r.createdAt}>{r.createdAt.slice(0, 10)}</time> · #{r.id}
                </p>
                <blockquote>{r.message}</blockquote>
                {r.contact && (
                  <p class="hint">
                    Contact: {r.contact}
                    {reply && (
                      <>
                        {' '}
                        · <a href={reply}>Reply by email</a>
                      </>
                    )}
                  </p>
                )}
                <form method="post" action={`/admin/reports/${r.id}`} class="inline filters">
                  <Csrf token={ctx.csrfToken} />
                  <span class="field">
                    <label for={`status-${r.id}`}>Status</label>
                    <select id={`status-${r.id}`} name="status">
                      {REPORT_STATUSES.map((s) => (
                        <option value={s} selected={s === r.status}>
                          {s}
                        </option>
                      ))}
                    </select>
                  </span>
                  <span class="field">
                    <label for={`fixed-${r.id}`}>Fixed in</label>
                    <select id={`fixed-${r.id}`} name="fixedRevision">
                      <option value="">No fix yet</option>
                      {published.map((n) => (
                        <option value={n} selected={n === r.fixedRevision}>
                          Published revision {n}
                        </option>
                      ))}
                    </select>
                  </span>
                  <button type="submit">Update</button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </AdminLayout>
  );
}

export function ReportFormPage({
  ctx,
  guideId,
  title,
  guideHref,
  error,
  sent,
}: {
  ctx: AdminContext;
  guideId: string;
  title: string;
  /** The public page of the guide the report is about. */
  guideHref: string;
  error?: string;
  sent?: boolean;
}) {
  return (
    <AdminLayout ctx={ctx} title="Report a problem">
      <h1>Report a problem</h1>
      <p>
        With the guide <a href={guideHref}>{title}</a>. Editors read every report.
      </p>
      {sent ? (
        <p class="notice" role="status">
          Thank you. Your report reached the editors.
        </p>
      ) : (
        <>
          <Notice message={error} kind="error" />
          <form method="post" action={`/guides/${guideId}/report`} class="stack">
            <Csrf token={ctx.csrfToken} />
            <label for="report-message">What is wrong? (required)</label>
            <textarea id="report-message" name="message" required minLength={10} maxLength={4000} rows={6} />
            <label for="report-contact">Email, if you would like an answer (optional)</label>
            <input id="report-contact" name="contact" type="email" maxLength={254} autocomplete="email" />
            <div class="hp" aria-hidden="true">
              <label for="report-website">Leave this empty</label>
              <input id="report-website" name="website" type="text" tabIndex={-1} autocomplete="off" />
            </div>
            <button type="submit">Send report</button>
          </form>
        </>
      )}
    </AdminLayout>
  );
}
