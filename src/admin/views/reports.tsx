import type { Report, ReportStatus } from '../../feedback/reports.ts';
import { REPORT_STATUSES } from '../../feedback/reports.ts';
import { AdminLayout, Csrf, Notice, type AdminContext } from './layout.tsx';

export function ReportsPage({
  ctx,
  reports,
  status,
  message,
  fixChoices,
}: {
  ctx: AdminContext;
  reports: readonly Report[];
  status?: ReportStatus;
  message?: string;
  /** Per guide id, the revisions a fix can point to (published or archived ones). */
  fixChoices?: ReadonlyMap<string, readonly { number: number; status: string; createdAt: string }[]>;
}) {
  return (
    <AdminLayout ctx={ctx} title="Reports">
      <h1>Readers' reports</h1>
      <Notice message={message} />
      <p class="filters">
        Show: <a href="/admin/reports">all</a>
        {REPORT_STATUSES.map((s) => (
          <>
            {' · '}
            {status === s ? <strong>{s}</strong> : <a href={`/admin/reports?status=${s}`}>{s}</a>}
          </>
        ))}
      </p>
      {reports.length === 0 ? (
        <p>No reports.</p>
      ) : (
        <ul class="reports">
          {reports.map((r) => (
            <li>
              <p>
                <strong>#{r.id}</strong> on <a href={`/admin/guides/${r.guideId}/edit`}>{r.guideId}</a>{' '}
                (revision {r.guideRevision}) · {r.status}
                {r.fixedRevision !== null && ` in revision ${r.fixedRevision}`} ·{' '}
                <time dateTime={r.createdAt}>{r.createdAt.slice(0, 10)}</time>
              </p>
              <blockquote>{r.message}</blockquote>
              {r.contact && <p class="hint">Contact: {r.contact}</p>}
              <form method="post" action={`/admin/reports/${r.id}`} class="inline">
                <Csrf token={ctx.csrfToken} />
                <label for={`status-${r.id}`}>Status</label>
                <select id={`status-${r.id}`} name="status">
                  {REPORT_STATUSES.map((s) => (
                    <option value={s} selected={s === r.status}>
                      {s}
                    </option>
                  ))}
                </select>
                <label for={`fixed-${r.id}`}>Fixed in revision</label>
                <select id={`fixed-${r.id}`} name="fixedRevision">
                  <option value="" selected={r.fixedRevision === null}>
                    —
                  </option>
                  {(fixChoices?.get(r.guideId) ?? []).map((c) => (
                    <option value={String(c.number)} selected={c.number === r.fixedRevision}>
                      {c.number} ({c.status}, {c.createdAt.slice(0, 10)})
                    </option>
                  ))}
                </select>
                <button type="submit">Update</button>
              </form>
            </li>
          ))}
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
