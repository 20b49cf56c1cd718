import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/users.ts';
import { migrate, openDatabase, type Db } from '../src/store/db.ts';
import { migrationProvider } from '../src/store/migrations.ts';
import { openStore } from '../src/open.ts';
import { counts } from './copy-suite.ts';
import { CONTENT_DIR } from './helpers.ts';
import { PG_BIN } from './processes.ts';

/*
 * The operator's path on a real PostgreSQL server, as docs/deploy.md writes it (npm run test:pg):
 * back up with pg_dump and a password file (no password on any command line), upgrade to a release
 * with a newer schema, roll back by restoring the backup into an emptied schema, and upgrade again.
 * The database's public schema is dropped: never point TEST_DATABASE_URL at data you want to keep.
 */
const url = process.env.TEST_DATABASE_URL;

/** The next release's schema: everything this release has, plus one more migration. */
function nextRelease(): MigrationProvider {
  return {
    async getMigrations() {
      return {
        ...(await migrationProvider('postgres').getMigrations()),
        '9999_next_release': {
          async up(db: Kysely<unknown>) {
            await db.schema.createTable('next_release_notes').addColumn('id', 'integer').execute();
          },
        },
      };
    },
  };
}

async function upgrade(db: Db): Promise<void> {
  const { error } = await new Migrator({ db, provider: nextRelease() }).migrateToLatest();
  if (error) throw error;
}

/** The libpq settings docs/deploy.md puts in the environment, and a password file beside them. */
function libpqEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const u = new URL(databaseUrl);
  const passfile = join(mkdtempSync(join(tmpdir(), 'errata-ops-')), 'pgpass');
  writeFileSync(
    passfile,
    `${u.hostname}:${u.port || 5432}:*:${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}\n`,
  );
  chmodSync(passfile, 0o600);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGDATABASE: u.pathname.slice(1),
    PGPASSFILE: passfile,
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(join(PG_BIN, command), args, { env, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.error}`);
  // No connection URL (with its password) as an argument, where `ps` shows it to every user.
  expect(args.filter((a) => /^postgres(ql)?:|password=/i.test(a))).toEqual([]);
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from information_schema.tables where table_schema = 'public' and table_name = ${name}`.execute(
    db,
  );
  return Number(rows[0]!.n) > 0;
}

if (!url) {
  describe('operations on postgres', () => {
    it.skip('needs TEST_DATABASE_URL (a PostgreSQL server whose public schema may be emptied)', () => {});
  });
} else {
  describe('PostgreSQL: backup → upgrade → roll back → upgrade again', () => {
    it('leaves exactly the backup after a rollback, so the next upgrade runs cleanly', async () => {
      const env = libpqEnv(url);
      const reset = await openDatabase({ dbFile: '', databaseUrl: url });
      await sql`drop schema if exists public cascade`.execute(reset.db);
      await sql`create schema public`.execute(reset.db);
      await reset.close();

      const store = await openStore({ dbFile: '', contentDir: CONTENT_DIR, databaseUrl: url });
      await createUser(store.db, 'ops@example.org', 'Amber-Kettle-Orbit-58', 'admin');
      const before = await counts(store.db);
      const dump = join(mkdtempSync(join(tmpdir(), 'errata-ops-')), 'errata.dump');
      run('pg_dump', ['-Fc', '-f', dump], env);

      await upgrade(store.db);
      expect(await tableExists(store.db, 'next_release_notes')).toBe(true);
      await createUser(store.db, 'after-upgrade@example.org', 'Copper-Lagoon-Tiger-93', 'editor');
      await store.close();

      // Roll back as docs/deploy.md says: empty the schema, then restore the dump into it.
      run(
        'psql',
        ['-v', 'ON_ERROR_STOP=1', '-q', '-c', 'drop schema public cascade; create schema public;'],
        env,
      );
      run('pg_restore', ['--no-owner', '--exit-on-error', '-d', env.PGDATABASE!, dump], env);

      const restored = await openDatabase({ dbFile: '', databaseUrl: url });
      try {
        expect(await tableExists(restored.db, 'next_release_notes')).toBe(false);
        expect(await counts(restored.db)).toEqual(before);
        expect(await migrate(restored.db, 'postgres')).toEqual([]); // this release: nothing to do
        await upgrade(restored.db); // the next release again: no "relation already exists"
        expect(await tableExists(restored.db, 'next_release_notes')).toBe(true);
      } finally {
        await restored.close();
      }
    }, 120_000);
  });
}
