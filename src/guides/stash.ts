import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';

/**
 * Form stashes: an editor's unsaved form kept on the server between requests, so a preview, an
 * "Add a …" or signing in again can redirect to a page that Back and reload fetch safely. A stash is
 * found by a random token (only its hash is stored) and answers only its owner, for one guide, for a day.
 */
export const STASH_TTL_MS = 24 * 60 * 60 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export interface StashKey {
  userId: number;
  /** The guide's id, or '' for a new guide. */
  guideId: string;
}

/**
 * Keeps `data` under `token` when the caller owns that stash, else under a new token; returns the token.
 * Stashes older than a day are dropped on the way.
 */
export async function putStash(
  db: Db,
  key: StashKey,
  data: string,
  token?: string,
  now = new Date(),
): Promise<string> {
  const at = now.toISOString();
  await db
    .deleteFrom('form_stashes')
    .where('updated_at', '<', new Date(now.getTime() - STASH_TTL_MS).toISOString())
    .execute();
  if (token !== undefined && TOKEN.test(token)) {
    const updated = await db
      .updateTable('form_stashes')
      .set({ data, updated_at: at })
      .where('token_hash', '=', hash(token))
      .where('user_id', '=', key.userId)
      .where('guide_id', '=', key.guideId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return token;
  }
  const fresh = randomBytes(24).toString('base64url');
  await db
    .insertInto('form_stashes')
    .values({ token_hash: hash(fresh), user_id: key.userId, guide_id: key.guideId, data, updated_at: at })
    .execute();
  return fresh;
}

/** The stash's data if the token is its owner's, for this guide, and not older than a day. */
export async function getStash(
  db: Db,
  key: StashKey,
  token: string,
  now = new Date(),
): Promise<string | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const row = await db
    .selectFrom('form_stashes')
    .select('data')
    .where('token_hash', '=', hash(token))
    .where('user_id', '=', key.userId)
    .where('guide_id', '=', key.guideId)
    .where('updated_at', '>=', new Date(now.getTime() - STASH_TTL_MS).toISOString())
    .executeTakeFirst();
  return row?.data;
}

/** A stash whose form was saved is no longer needed. */
export async function dropStash(db: Db, token: string): Promise<void> {
  if (TOKEN.test(token)) await db.deleteFrom('form_stashes').where('token_hash', '=', hash(token)).execute();
}

/** Where a stash with this token is found: its guide's id, for links that carry only the token. */
export async function stashGuide(db: Db, userId: number, token: string): Promise<string | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const row = await db
    .selectFrom('form_stashes')
    .select('guide_id')
    .where('token_hash', '=', hash(token))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.guide_id;
}
