import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { bundledCatalog, bundledCatalogVersion } from './catalog/load.ts';
import { expandPaths } from './guides/paths.ts';
import { packageVersion, type Config } from './base/config.ts';
import { migrate, openDatabase, withStartupLock, type Db, type SqlDialect } from './store/db.ts';
import { syncReferenceEntries } from './catalog/repository.ts';
import { writeSearchIndex } from './search/service.ts';

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
const BUNDLE_STAT = 'bundled_content_stat';

/** A fingerprint of the bundled content: every guide file's path and bytes. */
export function bundleHash(contentDir: string): string {
  const hash = createHash('sha256');
  for (const file of expandPaths([contentDir], 'yaml').files) {
    hash.update(relative(contentDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

/**
 * A cheap stand-in for bundleHash, from metadata only: the package version and every guide file's
 * path, size and modification time. Editing a file moves its time, an upgrade moves the version (npm
 * gives every installed file the same time), so only an edit that keeps size and time (cp -p of
 * another copy) goes unseen; `errata import content/` loads such a file.
 */
export function bundleStat(contentDir: string, version: string): string {
  const hash = createHash('sha256').update(version).update('\0');
  for (const file of expandPaths([contentDir], 'yaml').files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(contentDir, file)}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 24);
}

/**
 * Brings the bundled content in when it differs from what the database last received: everything on
 * first use, then new and changed guides after an upgrade, never over a guide someone else changed.
 * When the files' metadata is as last time nothing is read; the importer (YAML, Markdown, lint) is
 * loaded only when the content really changed.
 */
export async function syncBundledContent(db: Db, contentDir: string): Promise<boolean> {
  const stat = bundleStat(contentDir, packageVersion());
  const rows = await db
    .selectFrom('meta')
    .select(['key', 'value'])
    .where('key', 'in', [BUNDLE_HASH, BUNDLE_STAT])
    .execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  if (stored.get(BUNDLE_STAT) === stat && stored.has(BUNDLE_HASH)) return false;
  const hash = bundleHash(contentDir);
  const changed = stored.get(BUNDLE_HASH) !== hash;
  if (changed) {
    const { importContent } = await import('./guides/import.ts');
    await importContent(db, [contentDir], { format: 'yaml', origin: 'bundle' });
  }
  for (const [key, value] of [
    [BUNDLE_HASH, hash],
    [BUNDLE_STAT, stat],
  ] as const) {
    await db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
  return changed;
}

export interface OpenOptions {
  /**
   * Brings the search index in line too (the server): a new or upgraded database gets it here, under
   * the start-up lock, so no long index write competes with a running server's writers. Commands
   * that do not search leave it; a search writes what is missing when it first runs.
   */
  searchIndex?: boolean;
}

/**
 * Opens the configured database (SQLite, or PostgreSQL when DATABASE_URL is set), creating and
 * migrating it as needed, and brings in the bundled content and catalogs. A failed load is retried on
 * the next start rather than left half done. On PostgreSQL the migrations and content sync hold an
 * advisory lock, so instances starting together take turns (see db.ts).
 */
export async function openStore(
  config: Pick<Config, 'dbFile' | 'contentDir' | 'databaseUrl'>,
  { searchIndex = false }: OpenOptions = {},
): Promise<Store> {
  const { db, dialect, close } = await openDatabase(config);
  try {
    const opened = await withStartupLock(db, dialect, async (locked) => ({
      migrations: await migrate(locked, dialect),
      contentLoaded: await syncBundledContent(locked, config.contentDir),
      // The catalog index is built only when its copy must be written (or later, by a command that needs it).
      referencesLoaded: await syncReferenceEntries(locked, {
        version: bundledCatalogVersion(),
        get entries() {
          return bundledCatalog().entries;
        },
      }),
    }));
    // The search index (a new or upgraded database: seconds, once), before anything serves.
    if (searchIndex)
      await withStartupLock(db, dialect, (locked) => writeSearchIndex(locked, bundledCatalog()));
    return { db, dialect, close, opened };
  } catch (error) {
    await close();
    throw error;
  }
}
