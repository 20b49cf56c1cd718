import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/accounts/repository.ts';
import { createUser } from '../src/accounts/users.ts';
import { schedulePublication } from '../src/admin/review.ts';
import { buildApp } from '../src/app.ts';
import { saveGuides } from '../src/guides/repository.ts';
import { guideUrl } from '../src/guides/schema.ts';
import { migrate, openSqlite } from '../src/store/db.ts';
import { makeGuide, ORIGIN } from './helpers.ts';

// Scheduled publishing when several instances share one database: the schedule is claimed once.

const REVIEWER = 'reviewer@example.org';

describe('scheduled publishing with two instances on one SQLite file', () => {
  it('publishes a due guide exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errata-schedule-'));
    const file = join(dir, 'errata.db');
    const first = openSqlite(file).db;
    await migrate(first);
    const second = openSqlite(file).db;
    const now = new Date('2026-12-03T12:00:00.000Z');
    const guide = makeGuide({ id: 'twin-widget-0x80070005', status: 'review' });
    await saveGuides(first, [guide]);
    await createUser(first, REVIEWER, 'a long enough password', 'reviewer');
    const options = {
      origin: ORIGIN,
      contentPollMs: 60_000,
      publishScheduler: { intervalMs: 3_600_000, clock: () => now },
    };
    const [a, b] = await Promise.all([
      buildApp({ db: first, ...options }),
      buildApp({ db: second, ...options }),
    ]);
    try {
      const reviewer = { id: 1, email: REVIEWER, role: 'reviewer' as const, disabled: false };
      await schedulePublication(first, reviewer, {
        id: guide.id,
        expectedRevision: 1,
        when: '2026-12-03T11:00',
        now: new Date('2026-12-03T10:00:00.000Z'),
      });
      const reports = await Promise.all([a.publishScheduler!.tick(), b.publishScheduler!.tick()]);
      expect(reports.flatMap((r) => r.published)).toEqual([guide.id]);
      expect(reports.flatMap((r) => r.skipped)).toEqual([]);
      const revisions = await first
        .selectFrom('revisions')
        .select(['number', 'status'])
        .where('guide_id', '=', guide.id)
        .execute();
      expect(revisions).toEqual([
        { number: 1, status: 'review' },
        { number: 2, status: 'published' },
      ]);
      const published = (await auditLog(first)).filter((e) => e.action === 'guide-published');
      expect(published).toHaveLength(1);
      // Both instances serve it: the other one through its poll of the content version.
      expect((await a.inject(guideUrl(guide))).statusCode).toBe(200);
    } finally {
      await a.close();
      await b.close();
      await first.destroy();
      await second.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
