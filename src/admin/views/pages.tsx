import type { ComponentChildren } from 'preact';
import { Layout } from '../../web/views/layout.tsx';
import type { RevisionSummary, EditorListRow } from '../../guides/editing.ts';
import type { Report, ReportStatus } from '../../feedback/reports.ts';
import { REPORT_STATUSES } from '../../feedback/reports.ts';
import { ROLES, type User } from '../auth.ts';

export interface AdminContext {
  origin: string;
  user?: User;
  csrfToken: string;
}

function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function AdminLayout({
  ctx,
  title,
  children,
}: {
  ctx: AdminContext;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <Layout origin={ctx.origin} title={`${title} | Errata admin`} description="Errata editors" noindex>
      {ctx.user && (
        <nav class="admin-nav" aria-label="Admin">
          <a href="/admin">Guides</a> · <a href="/admin/guides/new">New guide</a> ·{' '}
          <a href="/admin/reports">Reports</a> · <a href="/admin/unguided">Without a guide</a>
          {ctx.user.role === 'admin' && (
            <>
              {' '}
              · <a href="/admin/users">Users</a> · <a href="/admin/audit">Audit log</a>
            </>
          )}{' '}
          · <a href="/admin/password">Password</a>
          <form method="post" action="/admin/logout" class="inline">
            <Csrf token={ctx.csrfToken} />
            <button type="submit" class="link">
              Sign out ({ctx.user.email}, {ctx.user.role})
            </button>
          </form>
        </nav>
      )}
      {children}
    </Layout>
  );
}

export function Notice({ message, kind = 'info' }: { message?: string; kind?: 'info' | 'error' }) {
  if (!message) return null;
  return (
    <p
      class={`notice ${kind === 'error' ? 'notice-error' : ''}`}
      role={kind === 'error' ? 'alert' : 'status'}
    >
      {message}
    </p>
  );
}

export function LoginPage({
  ctx,
  error,
  next,
  email,
}: {
  ctx: AdminContext;
  error?: string;
  next: string;
  email?: string;
}) {
  return (
    <AdminLayout ctx={ctx} title="Sign in">
      <h1>Sign in</h1>
      <Notice message={error} kind="error" />
      <form method="post" action="/admin/login" class="stack">
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="next" value={next} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
    </AdminLayout>
  );
}

export interface GuideListFilters {
  status?: string;
  category?: string;
  brand?: string;
  lint?: string;
  stale?: string;
}

export interface ListedGuide extends EditorListRow {
  warnings: number;
  stale: boolean;
}

export function GuideListPage({
  ctx,
  guides,
  filters,
  categories,
  brands,
  staleMonths,
  message,
}: {
  ctx: AdminContext;
  guides: readonly ListedGuide[];
  filters: GuideListFilters;
  categories: readonly string[];
  brands: readonly string[];
  staleMonths: number;
  message?: string;
}) {
  const select = (
    name: keyof GuideListFilters,
    label: string,
    options: readonly (readonly [string, string])[],
  ) => (
    <>
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option value={value} selected={filters[name] === value}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <AdminLayout ctx={ctx} title="Guides">
      <h1>Guides</h1>
      <Notice message={message} />
      <form method="get" action="/admin" class="filters">
        {select(
          'status',
          'Status',
          ['draft', 'review', 'published', 'archived'].map((s) => [s, s] as const),
        )}
        {select(
          'category',
          'Category',
          categories.map((c) => [c, c] as const),
        )}
        {select(
          'brand',
          'Brand',
          brands.map((b) => [b, b] as const),
        )}
        {select('lint', 'Lint', [['warnings', 'With warnings']] as const)}
        {select('stale', 'Reviewed', [['yes', `More than ${staleMonths} months ago`]] as const)}
        <button type="submit">Filter</button>
      </form>
      <p class="hint">{guides.length} guide(s)</p>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Lint</th>
            <th scope="col">Reviewed</th>
          </tr>
        </thead>
        <tbody>
          {guides.map((g) => (
            <tr>
              <td>
                <code>{g.code}</code>
              </td>
              <td>
                <a href={`/admin/guides/${g.id}/edit`}>{g.title}</a>
                <br />
                <span class="hint">
                  {g.brand} {g.product} · revision {g.revision} ·{' '}
                  <a href={`/admin/guides/${g.id}/history`}>history</a> ·{' '}
                  <a href={`/admin/guides/${g.id}/stats`}>what worked</a>
                </span>
              </td>
              <td>
                {g.status}
                {g.pendingDraft && ' (published version live)'}
              </td>
              <td>{g.warnings > 0 ? `${g.warnings} warning(s)` : 'ok'}</td>
              <td class={g.stale ? 'stale' : undefined}>
                {g.reviewed}
                {g.stale && ' (stale)'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

export function HistoryPage({
  ctx,
  guideId,
  title,
  revisions,
  current,
}: {
  ctx: AdminContext;
  guideId: string;
  title: string;
  revisions: readonly RevisionSummary[];
  current: number;
}) {
  const [newest, previous] = revisions;
  return (
    <AdminLayout ctx={ctx} title={`History of ${guideId}`}>
      <h1>History: {title}</h1>
      <p>
        <a href={`/admin/guides/${guideId}/edit`}>Back to the editor</a> ·{' '}
        <a href={`/admin/guides/${guideId}/stats`}>What worked for readers</a>
      </p>
      <form method="get" action={`/admin/guides/${guideId}/diff`} class="filters">
        <label for="diff-a">Compare</label>
        <select id="diff-a" name="a">
          {revisions.map((r) => (
            <option value={r.number} selected={r.number === previous?.number}>
              Revision {r.number}
            </option>
          ))}
        </select>
        <label for="diff-b">with</label>
        <select id="diff-b" name="b">
          {revisions.map((r) => (
            <option value={r.number} selected={r.number === newest?.number}>
              Revision {r.number}
            </option>
          ))}
        </select>
        <button type="submit">Show changes</button>
      </form>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Status</th>
            <th scope="col">Author</th>
            <th scope="col">When</th>
            <th scope="col">Message</th>
            <th scope="col">Restore</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr>
              <td>
                <a href={`/admin/guides/${guideId}/revisions/${r.number}`}>{r.number}</a>
              </td>
              <td>{r.status}</td>
              <td>{r.author}</td>
              <td>
                <time dateTime={r.createdAt}>{r.createdAt.slice(0, 16).replace('T', ' ')}</time>
              </td>
              <td>{r.message}</td>
              <td>
                {r.number !== current && (
                  <form
                    method="post"
                    action={`/admin/guides/${guideId}/revisions/${r.number}/restore`}
                    class="inline"
                  >
                    <Csrf token={ctx.csrfToken} />
                    <input type="hidden" name="expectedRevision" value={current} />
                    <button type="submit">Restore as new revision</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

export function ReportsPage({
  ctx,
  reports,
  status,
  message,
}: {
  ctx: AdminContext;
  reports: readonly Report[];
  status?: ReportStatus;
  message?: string;
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
                <input
                  id={`fixed-${r.id}`}
                  name="fixedRevision"
                  type="number"
                  min="1"
                  value={r.fixedRevision ?? ''}
                />
                <button type="submit">Update</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}

export function UsersPage({
  ctx,
  users,
  message,
  error,
}: {
  ctx: AdminContext;
  users: readonly User[];
  message?: string;
  error?: string;
}) {
  return (
    <AdminLayout ctx={ctx} title="Users">
      <h1>Users</h1>
      <Notice message={message} />
      <Notice message={error} kind="error" />
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role and access</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <td>{u.email}</td>
              <td>
                <form method="post" action={`/admin/users/${u.id}`} class="inline">
                  <Csrf token={ctx.csrfToken} />
                  <label for={`role-${u.id}`} class="visually-hidden">
                    Role of {u.email}
                  </label>
                  <select id={`role-${u.id}`} name="role">
                    {ROLES.map((r) => (
                      <option value={r} selected={r === u.role}>
                        {r}
                      </option>
                    ))}
                  </select>
                  <label>
                    <input type="checkbox" name="disabled" value="on" checked={u.disabled} /> disabled
                  </label>
                  <button type="submit">Save</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <form method="post" action="/admin/users" class="stack">
        <Csrf token={ctx.csrfToken} />
        <label for="new-email">Email</label>
        <input id="new-email" name="email" type="email" required autocomplete="off" />
        <label for="new-password">Password (12 characters or more)</label>
        <input
          id="new-password"
          name="password"
          type="password"
          required
          minLength={12}
          autocomplete="new-password"
        />
        <label for="new-role">Role</label>
        <select id="new-role" name="role">
          {ROLES.map((r) => (
            <option value={r}>{r}</option>
          ))}
        </select>
        <button type="submit">Add user</button>
      </form>
    </AdminLayout>
  );
}

export function AuditPage({
  ctx,
  entries,
}: {
  ctx: AdminContext;
  entries: readonly {
    id: number;
    at: string;
    actor: string;
    action: string;
    target: string;
    detail: string;
  }[];
}) {
  return (
    <AdminLayout ctx={ctx} title="Audit log">
      <h1>Audit log</h1>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Target</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>
                <time dateTime={e.at}>{e.at.slice(0, 19).replace('T', ' ')}</time>
              </td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.target}</td>
              <td>{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

export function PasswordPage({
  ctx,
  message,
  error,
}: {
  ctx: AdminContext;
  message?: string;
  error?: string;
}) {
  return (
    <AdminLayout ctx={ctx} title="Change password">
      <h1>Change your password</h1>
      <Notice message={message} />
      <Notice message={error} kind="error" />
      <form method="post" action="/admin/password" class="stack">
        <Csrf token={ctx.csrfToken} />
        <label for="current">Current password</label>
        <input id="current" name="current" type="password" required autocomplete="current-password" />
        <label for="next-password">New password (12 characters or more)</label>
        <input
          id="next-password"
          name="password"
          type="password"
          required
          minLength={12}
          autocomplete="new-password"
        />
        <button type="submit">Change password</button>
      </form>
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
