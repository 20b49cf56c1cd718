import { describe, expect, it } from 'vitest';
import { makeDb } from '../../test/helpers.ts';
import { UnguidedVisitLog, unguidedTotals } from './unguided-visits.ts';

const day = new Date('2026-12-01T12:00:00Z');

describe('UnguidedVisitLog', () => {
  it('holds at most maxKeys distinct codes and drops visits to others until the next batch', async () => {
    const db = await makeDb({ bundled: false });
    const log = new UnguidedVisitLog(db, { intervalMs: 60_000, maxKeys: 2 });
    log.add('http', '404', day);
    log.add('http', '410', day);
    log.add('http', '404', day);
    log.add('http', '418', day);
    log.add('x'.repeat(41), '1', day); // too long to be a family
    expect(log.pending).toBe(2);
    expect(log.dropped).toBe(1);
    await log.close();
    expect((await unguidedTotals(db)).codes.map((c) => [c.code, c.visits])).toEqual([
      ['404', 2],
      ['410', 1],
    ]);
  });

  it('keeps a batch the database refused and writes it on the retry', async () => {
    const db = await makeDb({ bundled: false });
    let refuse = true;
    const flaky = new Proxy(db, {
      get(target, prop) {
        if (prop === 'transaction' && refuse) {
          return () => ({ execute: () => Promise.reject(new Error('SQLITE_FULL')) });
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const errors: number[] = [];
    const log = new UnguidedVisitLog(flaky, {
      intervalMs: 60_000,
      retryMs: 10,
      onError: (_e, { pending }) => errors.push(pending),
    });
    log.add('obd', 'P0171', day);
    await log.flush();
    expect(errors).toEqual([1]);
    expect(log.pending).toBe(1);
    refuse = false;
    log.add('obd', 'P0171', day);
    await log.close();
    expect((await unguidedTotals(db)).codes).toEqual([
      { family: 'obd', code: 'P0171', visits: 2, days: 1, lastDay: '2026-12-01' },
    ]);
  });
});
