import { sql } from 'kysely';
import { normaliseQuery } from './text.ts';
import type { Db } from '../store/db.ts';

/**
 * Searches that found nothing, counted per normalised query (folded words only: no addresses, no
 * times beyond the first and last day, nothing about who searched).
 */
export async function recordZeroResult(db: Db, query: string, day = new Date().toISOString().slice(0, 10)) {
  const normalised = normaliseQuery(query);
  if (normalised === '') return;
  await db
    .insertInto('search_misses')
    .values({ query: normalised, count: 1, first_seen: day, last_seen: day })
    .onConflict((oc) =>
      oc.column('query').doUpdateSet({ count: sql<number>`search_misses.count + 1`, last_seen: day }),
    )
    .execute();
}

export interface ZeroResultRow {
  query: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export async function zeroResults(db: Db, limit = 50): Promise<ZeroResultRow[]> {
  const rows = await db
    .selectFrom('search_misses')
    .selectAll()
    .orderBy('count', 'desc')
    .orderBy('last_seen', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    query: r.query,
    count: Number(r.count),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
}
