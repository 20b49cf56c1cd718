import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { bundledCatalog } from './catalog/load.ts';
import { importContent } from './guides/import.ts';
import { expandPaths } from './guides/load-files.ts';
import type { Config } from './base/config.ts';
import { migrate, openDatabase, withStartupLock, type Db, type SqlDialect } from './store/db.ts';
import { syncReferenceEntries } from './catalog/repository.ts';

export interface Store {
  db: Db;
  dialect: SqlDialect;
  close(): Promise<void>;
  /** What opening did, for the start-up log. */
  opened: OpenReport;
}

export interface OpenReport {
  /** Migrations that ran now, oldest first (all of them for a new database). */
  migrations: string[];
  /** The bundled guides were (re)loaded: a new database, or content changed by an upgrade. */
  contentLoaded: boolean;
  /** The catalog copy in reference_entries was (re)written. */
  referencesLoaded: boolean;
}

const BUNDLE_HASH = 'bundled_content_hash';

/** A fingerprint of the bundled content: every guide file's path and bytes. */
export function bundleHash(contentDir: string): string {
  const hash = createHash('sha256');
  for (const file of expandPaths([contentDir], 'yaml').files) {
    hash.update(relative(contentDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

/**
 * Brings the bundled content in when it differs from what the database last received: everything on
 * first use, then new and changed guides after an upgrade, never over a guide someone else changed.
 */
export async function syncBundledContent(db: Db, contentDir: string): Promise<boolean> {
  const hash = bundleHash(contentDir);
  const stored = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', BUNDLE_HASH)
    .executeTakeFirst();
  if (stored?.value === hash) return false;
  await importContent(db, [contentDir], { format: 'yaml', origin: 'bundle' });
  await db
    .insertInto('meta')
    .values({ key: BUNDLE_HASH, value: hash })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: hash }))
    .execute();
  return true;
}

/**
 * Opens the configured database (SQLite, or PostgreSQL when DATABASE_URL is set), creating and
 * migrating it as needed, and brings in the bundled content and catalogs. A failed load is retried on
 * the next start rather than left half done. On PostgreSQL the migrations and content sync hold an
 * advisory lock, so instances starting together take turns (see db.ts).
 */
export async function openStore(
  config: Pick<Config, 'dbFile' | 'contentDir' | 'databaseUrl'>,
): Promise<Store> {
  const { db, dialect, close } = await openDatabase(config);
  try {
    const opened = await withStartupLock(db, dialect, async (locked) => ({
      migrations: await migrate(locked, dialect),
      contentLoaded: await syncBundledContent(locked, config.contentDir),
      referencesLoaded: await syncReferenceEntries(locked, bundledCatalog()),
    }));
    return { db, dialect, close, opened };
  } catch (error) {
    await close();
    throw error;
  }
}
