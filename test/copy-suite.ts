import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/accounts/repository.ts';
import { createUser } from '../src/accounts/users.ts';
import { copyDatabase, CopyRefused } from '../src/store/copy.ts';
import type { Db } from '../src/store/db.ts';
import { saveWorkingCopy, workingCopy } from '../src/guides/editing.ts';
import { openStore, type Store } from '../src/open.ts';
import { addReport } from '../src/feedback/reports.ts';
import { recordZeroResult } from '../src/search/log.ts';
import { CONTENT_DIR } from './helpers.ts';

// errata db copy's core against a target database: PGlite in npm test, a real server in test:pg.

const GUIDE_ID = 'windows-update-0x80244007';
const TABLES = [
  'users',
  'guides',
  'revisions',
  'reports',
  'audit_log',
  'search_misses',
  'feedback_counts',
  'meta',
];

export async function counts(db: Db): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const t of TABLES) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    result[t] = Number(rows[0]!.n);
  }
  return result;
}

/** A SQLite installation someone has used: an account, an edit in progress, answers, a report. */
export async function usedSqlite(): Promise<Store & { file: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'errata-copy-')), 'errata.db');
  const store = await openStore({ dbFile: file, contentDir: CONTENT_DIR, databaseUrl: undefined });
  const user = await createUser(store.db, 'editor@example.org', 'Plum-Harbour-Lantern-42', 'editor');
  await audit(store.db, 'cli', 'user-created', user.email, 'editor');
  const copy = (await workingCopy(store.db, GUIDE_ID))!;
  await saveWorkingCopy(store.db, {
    guide: { ...copy.guide, title: `${copy.guide.title} (edited)` },
    action: 'save',
    expectedRevision: copy.revision,
    author: user.email,
    message: 'a pending edit',
  });
  await addReport(store.db, {
    guideId: GUIDE_ID,
    guideRevision: 1,
    message: 'Step 2 is unclear',
    contact: null,
  });
  await recordZeroResult(store.db, 'dishwasher e15');
  await store.db
    .insertInto('feedback_counts')
    .values({ guide_id: GUIDE_ID, step_id: 's1', outcome: 'fixed', day: '2026-12-01', count: 7 })
    .execute();
  return { ...store, file };
}

export function copySuite(name: string, openTarget: () => Promise<Store>) {
  describe(`copying an installation from SQLite to ${name}`, () => {
    let source: Store & { file: string };
    let target: Store;
    beforeAll(async () => {
      source = await usedSqlite();
      target = await openTarget();
    });
    afterAll(async () => {
      await source?.close();
      await target?.close();
    });

    it('moves every row with equal counts', async () => {
      const result = await copyDatabase(source.db, target.db, target.dialect);
      expect(await counts(target.db)).toEqual(await counts(source.db));
      expect(result.tables.find((t) => t.name === 'users')?.rows).toBe(1);
      // The pending edit travels as the editor's working copy; the public text stays as it was.
      const copied = (await workingCopy(target.db, GUIDE_ID))!;
      expect(copied.guide.title).toMatch(/\(edited\)$/);
      const hash = (db: Db) =>
        db
          .selectFrom('users')
          .select('password_hash')
          .where('email', '=', 'editor@example.org')
          .executeTakeFirst();
      expect(await hash(target.db)).toEqual(await hash(source.db));
    });

    it('lets the target generate new ids after the copied ones', async () => {
      const user = await createUser(target.db, 'second@example.org', 'Quiet-Meadow-Compass-17', 'reviewer');
      expect(user.id).toBeGreaterThan(1);
    });

    it('refuses to overwrite a target that holds data unless told to, and then replaces it', async () => {
      await expect(copyDatabase(source.db, target.db, target.dialect)).rejects.toBeInstanceOf(CopyRefused);
      expect((await counts(target.db)).users).toBe(2); // nothing was touched
      await copyDatabase(source.db, target.db, target.dialect, { replace: true });
      expect(await counts(target.db)).toEqual(await counts(source.db));
    });
  });
}
