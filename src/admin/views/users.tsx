import { ROLES, type AuditEntry, type User } from '../../accounts/model.ts';
import { AdminLayout, Csrf, Notice, type AdminContext } from './layout.tsx';

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
              <td data-label="Email">{u.email}</td>
              <td data-label="Role and access">
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

export function AuditPage({ ctx, entries }: { ctx: AdminContext; entries: readonly AuditEntry[] }) {
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
              <td data-label="When">
                <time dateTime={e.at}>{e.at.slice(0, 19).replace('T', ' ')}</time>
              </td>
              <td data-label="Who">{e.actor}</td>
              <td data-label="What">{e.action}</td>
              <td data-label="Target">{e.target}</td>
              <td data-label="Detail">{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
