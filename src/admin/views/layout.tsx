import type { ComponentChildren } from 'preact';
import type { User } from '../../accounts/model.ts';
import { Layout } from '../../web/views/layout.tsx';

export interface AdminContext {
  origin: string;
  user?: User;
  csrfToken: string;
  /** Reports nobody has looked at yet, for the menu. */
  newReports?: number;
}

export function Csrf({ token }: { token: string }) {
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
    <Layout origin={ctx.origin} title={`${title} | Errata admin`} description="Errata editors" noindex admin>
      <AdminNav ctx={ctx} />
      {children}
    </Layout>
  );
}

/** The admin menu and sign-out, for a signed-in user. */
export function AdminNav({ ctx }: { ctx: AdminContext }) {
  return (
    <>
      {ctx.user && (
        <nav class="admin-nav" aria-label="Admin">
          <a href="/admin">Guides</a> · <a href="/admin/guides/new">New guide</a> ·{' '}
          <a href="/admin/reports">
            Reports
            {ctx.newReports ? (
              <span class="count" aria-label={`${ctx.newReports} new`}>
                {ctx.newReports}
              </span>
            ) : null}
          </a>{' '}
          · <a href="/admin/unguided">Without a guide</a>
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
    </>
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
