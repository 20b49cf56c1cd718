import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { AppError } from '../base/errors.ts';
import type { Db } from '../store/db.ts';
import { passwordProblem } from '../accounts/password.ts';

export const ROLES = ['editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do; each role can do everything the one before it can. */
export const PERMISSIONS = {
  edit: ['editor', 'reviewer', 'admin'],
  publish: ['reviewer', 'admin'],
  manageUsers: ['admin'],
  readAudit: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

// argon2id (algorithm 2) at OWASP's baseline: 19 MiB, two passes, one lane.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const emailSchema = z
  .email({ error: 'must be an email address' })
  .max(254)
  .transform((e) => e.toLowerCase());
export const passwordSchema = z
  .string()
  .min(12, { error: 'must be at least 12 characters' })
  .max(200, { error: 'must be at most 200 characters' });

export interface User {
  id: number;
  email: string;
  role: Role;
  disabled: boolean;
}

function toUser(row: { id: number; email: string; role: string; disabled: number }): User {
  return { id: row.id, email: row.email, role: row.role as Role, disabled: row.disabled === 1 };
}

/** The one spelling of an email address: sign-in limits, look-ups and accounts all use it. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function checkNewPassword(password: string, email: string): Promise<void> {
  const problem = await passwordProblem(password, [email, ...email.split(/[@.]/)]);
  if (problem) throw new AppError('INVALID_REQUEST', problem);
}

export async function createUser(db: Db, email: string, password: string, role: Role): Promise<User> {
  const address = emailSchema.parse(normaliseEmail(email));
  passwordSchema.parse(password);
  await checkNewPassword(password, address);
  const existing = await db.selectFrom('users').select('id').where('email', '=', address).executeTakeFirst();
  if (existing) throw new AppError('EDIT_CONFLICT', `An account for ${address} already exists.`);
  const row = await db
    .insertInto('users')
    .values({
      email: address,
      password_hash: await hash(password, ARGON2),
      role,
      disabled: 0,
      created_at: new Date().toISOString(),
    })
    .returning(['id', 'email', 'role', 'disabled'])
    .executeTakeFirstOrThrow();
  return toUser(row);
}

// Verifying against a fixed hash when the account is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | undefined;

/**
 * The user for an email and password, or undefined: unknown accounts and wrong passwords look alike.
 * `email` is compared as given: callers normalise it once (normaliseEmail) for the limiter too.
 */
export async function checkPassword(db: Db, email: string, password: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'disabled', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!row) {
    dummyHash ??= hash('not a real password, only for timing', ARGON2);
    await verify(await dummyHash, password).catch(() => false);
    return undefined;
  }
  const ok = await verify(row.password_hash, password).catch(() => false);
  return ok && row.disabled === 0 ? toUser(row) : undefined;
}

export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  passwordSchema.parse(password);
  const row = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
  await checkNewPassword(password, row?.email ?? '');
  await db
    .updateTable('users')
    .set({ password_hash: await hash(password, ARGON2) })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'disabled'])
    .orderBy('email')
    .execute();
  return rows.map(toUser);
}

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
  if (change.disabled) await db.deleteFrom('sessions').where('user_id', '=', id).execute();
}

// --- sessions ------------------------------------------------------------------------------------

export const SESSION_COOKIE = 'errata_session';
/** A session ends 7 days after sign-in whatever the use… */
export const SESSION_MAX_MS = 7 * 86_400_000;
/** …and after 12 hours without a request. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** The idle deadline is written again at most this often, not at every request. */
const SESSION_TOUCH_MS = 5 * 60_000;
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session; the token goes in the cookie, only its hash in the database. */
export async function createSession(db: Db, userId: number, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      user_id: userId,
      created_at: now.toISOString(),
      // expires_at is the idle deadline, moved on by use but never past created_at + SESSION_MAX_MS.
      expires_at: new Date(now.getTime() + Math.min(SESSION_IDLE_MS, SESSION_MAX_MS)).toISOString(),
    })
    .execute();
  return token;
}

export async function userForSession(
  db: Db,
  token: string | undefined,
  now = new Date(),
): Promise<User | undefined> {
  if (!token || token.length > 100) return undefined;
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
    .where('sessions.id_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled === 1) return undefined;
  const absolute = new Date(row.created_at).getTime() + SESSION_MAX_MS;
  if (row.expires_at <= now.toISOString() || absolute <= now.getTime()) return undefined;
  const next = Math.min(absolute, now.getTime() + SESSION_IDLE_MS);
  if (next - new Date(row.expires_at).getTime() > SESSION_TOUCH_MS) {
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(next).toISOString() })
      .where('id_hash', '=', sha256(token))
      .execute();
  }
  return toUser(row);
}

export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
}

// --- sign-in limits --------------------------------------------------------------------------------

/**
 * Failed sign-ins counted per account and per address in a sliding window, in memory: addresses are
 * hashed and never written anywhere.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perAccount = 5,
    private readonly perAddress = 20,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** `email` as normaliseEmail gives it: every spelling of an account shares one count. */
  blocked(email: string, address: string, now = Date.now()): boolean {
    return (
      this.recent(`a:${email}`, now).length >= this.perAccount ||
      this.recent(`i:${sha256(address)}`, now).length >= this.perAddress
    );
  }

  fail(email: string, address: string, now = Date.now()): void {
    for (const key of [`a:${email}`, `i:${sha256(address)}`]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  succeed(email: string): void {
    this.failures.delete(`a:${email}`);
  }
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// --- audit ---------------------------------------------------------------------------------------

export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'password-changed'
  | 'guide-created'
  | 'guide-published'
  | 'guide-unpublished'
  | 'guide-archived'
  | 'guide-restored'
  | 'user-created'
  | 'user-changed';

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

export async function auditLog(db: Db, limit = 200) {
  return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
