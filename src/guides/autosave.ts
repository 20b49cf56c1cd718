import type { Db } from '../store/db.ts';
import { STASH_TTL_MS, type StashKey } from './stash.ts';

/**
 * Autosaves: the editor's form as the browser last sent it, one per user and guide, kept in the form
 * stash table (not a revision) until a real save or a discard drops it, or a day passes. The row's key
 * is no token hash, so no `?draft=` link can ever name an autosave: only its owner's session reaches it.
 */
export const AUTOSAVE_MAX_BYTES = 512 * 1024;

const keyOf = (key: StashKey) => `autosave:${key.userId}:${key.guideId}`;

export interface Autosave {
  data: string;
  savedAt: string;
}

/** Keeps the latest form of this user for this guide, replacing the one before. */
export async function putAutosave(db: Db, key: StashKey, data: string, now = new Date()): Promise<string> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('form_stashes').where('token_hash', '=', keyOf(key)).execute();
    await trx
      .insertInto('form_stashes')
      .values({ token_hash: keyOf(key), user_id: key.userId, guide_id: key.guideId, data, updated_at: at })
      .execute();
  });
  return at;
}

/** This user's autosave of this guide, if there is one younger than a day. */
export async function getAutosave(db: Db, key: StashKey, now = new Date()): Promise<Autosave | undefined> {
  const row = await db
    .selectFrom('form_stashes')
    .select(['data', 'updated_at'])
    .where('token_hash', '=', keyOf(key))
    .where('user_id', '=', key.userId)
    .where('updated_at', '>=', new Date(now.getTime() - STASH_TTL_MS).toISOString())
    .executeTakeFirst();
  return row && { data: row.data, savedAt: row.updated_at };
}

/** A save or a discard ends the autosave. */
export async function dropAutosave(db: Db, key: StashKey): Promise<void> {
  await db.deleteFrom('form_stashes').where('token_hash', '=', keyOf(key)).execute();
}
