import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../src/store/db.ts';
import { countGuides } from '../src/guides/repository.ts';
import { openStore } from '../src/open.ts';
import { CONTENT_DIR } from './helpers.ts';
import { copySuite } from './copy-suite.ts';
import { searchIndexSuite } from './search-index-suite.ts';
import { storeSuite } from './store-suite.ts';
import { migrationProvider } from '../src/store/migrations.ts';

/*
 * The store tests against a real PostgreSQL server: `TEST_DATABASE_URL=postgres://… npm run test:pg`.
 * The database's `public` schema is dropped and re-created: never point this at data you want to keep.
 */
const url = process.env.TEST_DATABASE_URL;

async function emptyDatabase(databaseUrl: string) {
  const handle = await openDatabase({ dbFile: '', databaseUrl });
  await sql`drop schema if exists public cascade`.execute(handle.db);
  await sql`create schema public`.execute(handle.db);
  return handle;
}

if (!url) {
  console.warn(
    'test/postgres.test.ts skipped: set TEST_DATABASE_URL=postgres://user:password@host/db to run it.',
  );
  describe('store on postgres', () => {
    it.skip('needs TEST_DATABASE_URL (a PostgreSQL server whose public schema may be emptied)', () => {});
  });
} else {
  storeSuite('postgres', async () => {
    await (await emptyDatabase(url)).close();
    return openStore({ dbFile: '', contentDir: CONTENT_DIR, databaseUrl: url });
  });

  copySuite('PostgreSQL 15', async () => {
    await (await emptyDatabase(url)).close();
    return openStore({ dbFile: '', contentDir: CONTENT_DIR, databaseUrl: url });
  });

  searchIndexSuite(
    'PostgreSQL 15',
    async () => {
      const handle = await emptyDatabase(url);
      await migrate(handle.db, handle.dialect);
      return handle;
    },
    // Two more pools on the database the suite migrated, as two instances hold them.
    async () => [
      await openDatabase({ dbFile: '', databaseUrl: url }),
      await openDatabase({ dbFile: '', databaseUrl: url }),
    ],
  );

  describe('instances starting together on postgres', () => {
    it('migrate and load the bundle once between them', async () => {
      await (await emptyDatabase(url)).close();
      const config = { dbFile: '', contentDir: CONTENT_DIR, databaseUrl: url };
      const stores = await Promise.all([openStore(config), openStore(config), openStore(config)]);
      try {
        const first = stores[0]!;
        const guides = await countGuides(first.db);
        expect(guides).toBeGreaterThan(10);
        const revisions = await first.db
          .selectFrom('revisions')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(revisions.n)).toBe(guides);
        const migrations = await first.db
          .selectFrom('kysely_migration')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        const defined = Object.keys(await migrationProvider('postgres').getMigrations()).length;
        expect(defined).toBeGreaterThanOrEqual(10);
        expect(Number(migrations.n)).toBe(defined);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    }, 60_000);
  });
}
