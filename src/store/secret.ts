import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';

/** A random secret kept in the database, so every instance signs cookies alike; made on first use. */
export async function appSecret(db: Db): Promise<string> {
  const candidate = randomBytes(32).toString('base64url');
  await db
    .insertInto('meta')
    .values({ key: 'cookie_secret', value: candidate })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'cookie_secret')
    .executeTakeFirstOrThrow();
  return row.value;
}
