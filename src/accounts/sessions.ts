import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { User } from './model.ts';
import { deleteSession, insertSession, sessionByHash, setSessionExpiry } from './repository.ts';

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
  await insertSession(db, {
    idHash: sha256(token),
    userId,
    createdAt: now.toISOString(),
    // expires_at is the idle deadline, moved on by use but never past created_at + SESSION_MAX_MS.
    expiresAt: new Date(now.getTime() + Math.min(SESSION_IDLE_MS, SESSION_MAX_MS)).toISOString(),
  });
  return token;
}

/** The account a session token belongs to, if the session is still good; use moves its idle deadline. */
export async function userForSession(
  db: Db,
  token: string | undefined,
  now = new Date(),
): Promise<User | undefined> {
  if (!token || token.length > 100) return undefined;
  const idHash = sha256(token);
  const session = await sessionByHash(db, idHash);
  if (!session || session.user.disabled) return undefined;
  const absolute = new Date(session.createdAt).getTime() + SESSION_MAX_MS;
  if (session.expiresAt <= now.toISOString() || absolute <= now.getTime()) return undefined;
  const next = Math.min(absolute, now.getTime() + SESSION_IDLE_MS);
  if (next - new Date(session.expiresAt).getTime() > SESSION_TOUCH_MS) {
    await setSessionExpiry(db, idHash, new Date(next).toISOString());
  }
  return session.user;
}

export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await deleteSession(db, sha256(token));
}
