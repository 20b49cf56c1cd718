import { sql } from 'kysely';
import type { Db } from '../store/db.ts';
import { BatchedWriter, CountBuffer } from '../store/batched-writer.ts';

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export interface UnguidedVisitOptions {
  /** How long counts gather in memory before one transaction writes them. */
  intervalMs?: number;
  /** Distinct (day, family, code) counts held at once; visits to further codes wait for the next batch. */
  maxKeys?: number;
  /** First wait before a retry after the database refused a batch; doubles up to 30 s. */
  retryMs?: number;
  onError?: (error: unknown, state: { pending: number; dropped: number }) => void;
}

/**
 * Visits to reference entries and lookups that ended without a guide for the code, counted per day,
 * family and code (nothing about who visited). Counts gather in memory and are written in one
 * transaction per interval, so a burst of visits costs one commit and never holds up a page; a batch
 * the database refuses is merged back and retried, within `maxKeys`.
 */
export class UnguidedVisitLog {
  private readonly counts: CountBuffer;
  private readonly writer: BatchedWriter<Map<string, number>>;

  constructor(
    private readonly db: Db,
    { intervalMs = 1000, maxKeys = 5000, retryMs = 1000, onError }: UnguidedVisitOptions = {},
  ) {
    this.counts = new CountBuffer(maxKeys);
    this.writer = new BatchedWriter(this.counts, (batch) => this.write(batch), {
      intervalMs,
      retryMs,
      onError,
      items: 'visit count(s)',
    });
  }

  /** Distinct codes counted and not written yet. */
  get pending(): number {
    return this.writer.pending;
  }

  /** Visits not counted because `maxKeys` distinct codes were already waiting. */
  get dropped(): number {
    return this.counts.dropped;
  }

  /** Counts one visit; family and code come from the catalog or a parsed code, so they are short. */
  add(family: string, code: string, now = new Date()): void {
    if (family === '' || code === '' || family.length > 40 || code.length > 60) return;
    if (this.counts.add(`${dayOf(now)}\n${family}\n${code}`)) this.writer.added();
  }

  /** Writes what has gathered; resolves once written or kept for a retry (never rejects). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  private async write(batch: Map<string, number>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const [key, n] of batch) {
        const [day = '', family = '', code = ''] = key.split('\n');
        await trx
          .insertInto('unguided_visits')
          .values({ day, family, code, count: n })
          .onConflict((oc) =>
            oc
              .columns(['day', 'family', 'code'])
              .doUpdateSet({ count: sql<number>`unguided_visits.count + ${n}` }),
          )
          .execute();
      }
    });
  }
}

export interface UnguidedCode {
  family: string;
  code: string;
  visits: number;
  /** Days with at least one visit, and the latest of them. */
  days: number;
  lastDay: string;
}

export interface UnguidedFamily {
  family: string;
  visits: number;
  codes: number;
}

/** The codes and families with the most visits without a guide since `since` (a day, inclusive). */
export async function unguidedTotals(
  db: Db,
  { since = '0000-00-00', limit = 50 }: { since?: string; limit?: number } = {},
): Promise<{ codes: UnguidedCode[]; families: UnguidedFamily[] }> {
  const codes = await db
    .selectFrom('unguided_visits')
    .select(({ fn }) => [
      'family',
      'code',
      fn.sum<number>('count').as('visits'),
      fn.count<number>('day').as('days'),
      fn.max('day').as('last_day'),
    ])
    .where('day', '>=', since)
    .groupBy(['family', 'code'])
    .orderBy('visits', 'desc')
    .orderBy('family')
    .orderBy('code')
    .limit(limit)
    .execute();
  const families = await db
    .selectFrom('unguided_visits')
    .select(({ fn }) => [
      'family',
      fn.sum<number>('count').as('visits'),
      sql<number>`count(distinct code)`.as('codes'),
    ])
    .where('day', '>=', since)
    .groupBy('family')
    .orderBy('visits', 'desc')
    .orderBy('family')
    .execute();
  return {
    // PostgreSQL returns sums and counts as strings.
    codes: codes.map((r) => ({
      family: r.family,
      code: r.code,
      visits: Number(r.visits),
      days: Number(r.days),
      lastDay: r.last_day,
    })),
    families: families.map((r) => ({ family: r.family, visits: Number(r.visits), codes: Number(r.codes) })),
  };
}
