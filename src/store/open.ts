import type { Config } from '../config.ts';
import { bundledCatalog } from '../catalog/load.ts';
import { importContent } from '../guides/import.ts';
import { syncReferenceEntries } from './reference.ts';
import { migrate, openSqlite, type Db } from './db.ts';

export interface Store {
  db: Db;
  close(): Promise<void>;
}

const BOOTSTRAPPED = 'bundled_content_loaded_at';

/**
 * Opens the configured database, creating and migrating it as needed. The bundled content is loaded
 * once, on first use; a failed first load is retried on the next start rather than left half done.
 */
export async function openStore(
  config: Pick<Config, 'dbFile' | 'contentDir' | 'databaseUrl'>,
): Promise<Store> {
  if (config.databaseUrl) {
    throw new Error(
      'DATABASE_URL is set, but this version of Errata stores data in SQLite only; unset it and use ERRATA_DB.',
    );
  }
  const { db } = openSqlite(config.dbFile);
  try {
    await migrate(db);
    const loaded = await db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', BOOTSTRAPPED)
      .executeTakeFirst();
    if (!loaded) {
      await importContent(db, [config.contentDir], { format: 'yaml' });
      await db.insertInto('meta').values({ key: BOOTSTRAPPED, value: new Date().toISOString() }).execute();
    }
    await syncReferenceEntries(db, bundledCatalog());
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, close: () => db.destroy() };
}
