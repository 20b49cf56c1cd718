/**
 * One fresh start for bench/search-scale.bench.ts: loads the store and search modules, opens the database
 * (its index already built), migrates (up to date: one read) and runs one text search with its shown
 * documents, then prints the times as JSON. Usage: node --import tsx bench/search-start.ts <dbFile>
 * <databaseUrl or ''> <query>
 */
const started = performance.now();
const { migrate, openDatabase } = await import('../src/store/db.ts');
const { DbSource } = await import('../src/search/db-source.ts');
const { planTextQuery } = await import('../src/search/scoring.ts');
const { searchText } = await import('../src/search/text-search.ts');
const loaded = performance.now();

const [dbFile = '', databaseUrl = '', query = ''] = process.argv.slice(2);
const opened = await openDatabase({ dbFile, databaseUrl: databaseUrl || undefined });
const ran = await migrate(opened.db, opened.dialect);
const migrated = performance.now();
const { matches } = await searchText(new DbSource(opened.db), planTextQuery(query));
const done = performance.now();
await opened.close();

console.log(
  JSON.stringify({
    /** Since the process began: Node and the tsx loader, before this script's first line. */
    boot: started,
    modules: loaded - started,
    openMigrate: migrated - loaded,
    firstQuery: done - migrated,
    migrations: ran.length,
    results: matches.length,
  }),
);
