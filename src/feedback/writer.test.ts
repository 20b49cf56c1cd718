import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openSqlite, type Db } from '../store/db.ts';
import { answerTotals } from './repository.ts';
import { FeedbackWriter } from './writer.ts';

const now = new Date('2026-11-26T12:00:00Z');
const answer = (fingerprint: string) => ({ guideId: 'g1', stepId: 's1', outcome: 'fixed', fingerprint });

describe('FeedbackWriter when the database refuses writes', () => {
  let db: Db;
  const refuse = () => sql`alter table feedback_counts rename to feedback_counts_away`.execute(db);
  const accept = () => sql`alter table feedback_counts_away rename to feedback_counts`.execute(db);

  beforeEach(async () => {
    db = openSqlite(':memory:').db;
    await migrate(db);
  });
  afterEach(() => db.destroy());

  it('keeps the answers, reports the failure, and writes them once it can', async () => {
    const errors: { pending: number; dropped: number }[] = [];
    const writer = new FeedbackWriter(db, 10_000, 1000, {
      retryMs: 60_000,
      onError: (_error, state) => errors.push(state),
    });
    await writer.add(answer('a'), now);
    await writer.add(answer('b'), now);
    await refuse();
    await expect(writer.flush()).resolves.toBeUndefined();
    expect(writer.pending).toBe(2);
    expect(errors).toEqual([{ pending: 2, dropped: 0 }]);
    await writer.add(answer('c'), now);
    await accept();
    await writer.flush();
    expect(writer.pending).toBe(0);
    expect((await answerTotals(db, 'g1')).get('s1')).toEqual({ fixed: 3 });
  });

  it('keeps at most maxPending answers, dropping the oldest', async () => {
    const errors: { pending: number; dropped: number }[] = [];
    const writer = new FeedbackWriter(db, 10_000, 1000, {
      maxPending: 2,
      retryMs: 60_000,
      onError: (_error, state) => errors.push(state),
    });
    for (const who of ['a', 'b', 'c']) await writer.add(answer(who), now);
    await refuse();
    await writer.flush();
    expect(errors).toEqual([{ pending: 2, dropped: 1 }]);
    await accept();
    await writer.close();
    expect((await answerTotals(db, 'g1')).get('s1')).toEqual({ fixed: 2 });
  });

  it('reports answers it could not write before closing', async () => {
    const errors: { pending: number; dropped: number }[] = [];
    const writer = new FeedbackWriter(db, 10_000, 1000, {
      retryMs: 60_000,
      onError: (_error, state) => errors.push(state),
    });
    await writer.add(answer('a'), now);
    await refuse();
    await writer.close();
    expect(errors).toEqual([
      { pending: 1, dropped: 0 },
      { pending: 0, dropped: 1 },
    ]);
    expect(writer.pending).toBe(0);
  });
});
