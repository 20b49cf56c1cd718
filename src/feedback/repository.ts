import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';

const day = (date: Date) => date.toISOString().slice(0, 10);
const yesterday = (date: Date) => day(new Date(date.getTime() - 86_400_000));

/**
 * Today's salt for answer fingerprints. A new random salt each day, and yesterday's kept only to
 * finish the day; older salts and fingerprints are deleted, so nothing links answers across days.
 */
export async function dailySalt(db: Db, now: Date): Promise<string> {
  const key = `feedback_salt:${day(now)}`;
  const found = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  if (found) return found.value;
  await db
    .insertInto('meta')
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  await db
    .deleteFrom('meta')
    .where('key', 'like', 'feedback_salt:%')
    .where('key', '<', `feedback_salt:${yesterday(now)}`)
    .execute();
  await db.deleteFrom('feedback_seen').where('day', '<', yesterday(now)).execute();
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

export interface Answer {
  guideId: string;
  /** A step id, or '' for the page verdict. */
  stepId: string;
  /** fixed | next | cant for steps; yes | no, or no:<reason>, for the page. */
  outcome: string;
  /** Who is answering: the client address, hashed with today's salt, never stored as is. */
  fingerprint: string;
}

/** Totals per step and outcome for one guide, over all days. */
export async function answerTotals(db: Db, guideId: string): Promise<Map<string, Record<string, number>>> {
  const rows = await db
    .selectFrom('feedback_counts')
    .select(['step_id', 'outcome', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('guide_id', '=', guideId)
    .groupBy(['step_id', 'outcome'])
    .execute();
  const totals = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const entry = totals.get(r.step_id) ?? {};
    entry[r.outcome] = Number(r.n);
    totals.set(r.step_id, entry);
  }
  return totals;
}

/** A token for the answer forms of one guide: proves the answer came from a page Errata served. */
export function answerToken(secret: string, guideId: string, now = new Date()): string {
  return createHmac('sha256', secret)
    .update(`${guideId}\0${day(now)}`)
    .digest('base64url')
    .slice(0, 32);
}

/** Tokens from today's and yesterday's pages are accepted. */
export function validAnswerToken(secret: string, guideId: string, token: string, now = new Date()): boolean {
  return [now, new Date(now.getTime() - 86_400_000)].some((d) => answerToken(secret, guideId, d) === token);
}
