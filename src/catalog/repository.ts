import type { ReferenceCatalog } from './reference.ts';
import type { Db } from '../store/db.ts';

const VERSION_KEY = 'catalog_version';
const CHUNK = 500;

/**
 * Copies the reference catalogs into the database when their version differs from the stored one:
 * on first use and after an upgrade brings new catalogs. One transaction, so readers never see half.
 * `entries` is read only when the copy is written.
 */
export async function syncReferenceEntries(
  db: Db,
  catalog: Pick<ReferenceCatalog, 'version' | 'entries'>,
): Promise<boolean> {
  const stored = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', VERSION_KEY)
    .executeTakeFirst();
  if (stored?.value === catalog.version) return false;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('reference_entries').execute();
    const rows = catalog.entries.map((e) => ({
      family: e.family,
      symbol: e.symbol,
      value: e.value,
      code: e.code,
      catalog: e.catalog,
      title: e.title,
      source: e.provenance.source,
      file: e.provenance.file,
      line: e.provenance.line ?? null,
      licence: e.provenance.licence,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('reference_entries')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    }
    await trx
      .insertInto('meta')
      .values({ key: VERSION_KEY, value: catalog.version })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: catalog.version }))
      .execute();
  });
  return true;
}

/** A bigint column as a number: `pg` returns int8 as a string, PGlite and SQLite as a number. */
export function readReferenceValue(value: number | string | bigint): number {
  return Number(value);
}

/** Stored reference entries with one numeric value (as SQL users see them), by family and symbol. */
export async function referenceEntriesByValue(
  db: Db,
  value: number,
): Promise<{ family: string; symbol: string; value: number; code: string }[]> {
  const rows = await db
    .selectFrom('reference_entries')
    .select(['family', 'symbol', 'value', 'code'])
    .where('value', '=', value)
    .orderBy('family')
    .orderBy('symbol')
    .execute();
  return rows.map((r) => ({ ...r, value: readReferenceValue(r.value) }));
}
