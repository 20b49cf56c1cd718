import type { Db } from '../store/db.ts';
import type { AuditAction, AuditEntry, Role, User } from './model.ts';

// The SQL of accounts: users, sessions and the audit log. Hashing and policy live in users.ts and sessions.ts.

function toUser(row: { id: number; email: string; role: string; disabled: number }): User {
  return { id: row.id, email: row.email, role: row.role as Role, disabled: row.disabled === 1 };
}

// --- users ---------------------------------------------------------------------------------------

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(
  db: Db,
  user: { email: string; passwordHash: string; role: Role; createdAt: string },
): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      password_hash: user.passwordHash,
      role: user.role,
      disabled: 0,
      created_at: user.createdAt,
    })
    .returning(['id', 'email', 'role', 'disabled'])
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** The account and its password hash, for checking a password only. */
export async function userWithHash(
  db: Db,
  email: string,
): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'disabled', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function userById(db: Db, id: number): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'disabled'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toUser(row);
}

/** A new password hash; every session of the account ends with it. */
export async function updatePasswordHash(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  await deleteSessionsOf(db, userId);
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'disabled'])
    .orderBy('email')
    .execute();
  return rows.map(toUser);
}

/** Changes a role or disables an account; a disabled account's sessions end at once. */
export async function updateUser(
  db: Db,
  id: number,
  change: { role?: Role; disabled?: boolean },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(change.role ? { role: change.role } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
    })
    .where('id', '=', id)
    .execute();
  if (change.disabled) await deleteSessionsOf(db, id);
}

// --- sessions ------------------------------------------------------------------------------------

export async function insertSession(
  db: Db,
  session: { idHash: string; userId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** A session and its account, by the hash of its token. */
export async function sessionByHash(
  db: Db,
  idHash: string,
): Promise<{ user: User; createdAt: string; expiresAt: string } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.email',
      'users.role',
      'users.disabled',
      'sessions.expires_at',
      'sessions.created_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  return row && { user: toUser(row), createdAt: row.created_at, expiresAt: row.expires_at };
}

export async function setSessionExpiry(db: Db, idHash: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOf(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

// --- audit ---------------------------------------------------------------------------------------

export async function audit(
  db: Db,
  actor: string,
  action: AuditAction,
  target: string,
  detail = '',
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor,
      action,
      target: target.slice(0, 300),
      detail: detail.slice(0, 500),
    })
    .execute();
}

export async function auditLog(db: Db, limit = 200): Promise<AuditEntry[]> {
  return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
