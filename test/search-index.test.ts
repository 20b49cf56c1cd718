import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { migrate, openDatabase, type OpenDatabase } from '../src/store/db.ts';
import { searchIndexSuite } from './search-index-suite.ts';

// The search index's tests on every dialect Errata runs on without a server: SQLite (in memory, and a
// file two connections share) and PostgreSQL in-process (PGlite; real PostgreSQL: test/postgres.test.ts).
const temp = mkdtempSync(join(tmpdir(), 'errata-search-index-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function migrated(config: { dbFile: string; databaseUrl: string | undefined }): Promise<OpenDatabase> {
  const handle = await openDatabase(config);
  await migrate(handle.db, handle.dialect);
  return handle;
}

searchIndexSuite(
  'sqlite',
  () => migrated({ dbFile: ':memory:', databaseUrl: undefined }),
  async () => {
    const file = join(mkdtempSync(join(temp, 'two-')), 'errata.db');
    const one = await migrated({ dbFile: file, databaseUrl: undefined });
    return [one, await migrated({ dbFile: file, databaseUrl: undefined })];
  },
);
searchIndexSuite('pglite', () => migrated({ dbFile: '', databaseUrl: 'pglite://memory' }));
