import { AdminLayout, Csrf, Notice, type AdminContext } from './layout.tsx';

export function LoginPage({
  ctx,
  error,
  next,
  email,
  carried,
}: {
  ctx: AdminContext;
  error?: string;
  next: string;
  email?: string;
  /** An editor's unsaved form (JSON), kept through the sign-in and restored after it. */
  carried?: string;
}) {
  return (
    <AdminLayout ctx={ctx} title="Sign in">
      <h1>Sign in</h1>
      {carried && (
        <Notice message="You were signed out, so your changes are not saved yet. Sign in again to go back to the editor with your text." />
      )}
      <Notice message={error} kind="error" />
      <form method="post" action="/admin/login" class="stack">
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="next" value={next} />
        {carried && <input type="hidden" name="carried" value={carried} />}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
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
