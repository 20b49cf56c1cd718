/**
 * The same app on SQLite and on PostgreSQL, under the same load from a separate process: a guide page,
 * many different searches (at about a fixed rate), and a guide's readers' statistics (read from the database on every
 * request). Load from wrk (bench/wrk.ts).
 * Usage: BENCH_DATABASE_URL=postgres://… npm run bench:dialects [-- --seconds 20 --connections 50]
 * The PostgreSQL database's `public` schema is dropped and re-created.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { openDatabase } from '../src/store/db.ts';
import { openStore } from '../src/open.ts';
import { distinctQueries } from './queries.ts';
import { machineLine, requireWrk, runWrk } from './wrk.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, connections: { type: 'string', default: '50' } },
});
requireWrk();
const postgresUrl = process.env.BENCH_DATABASE_URL;
const folder = mkdtempSync(join(tmpdir(), 'errata-dialects-'));
const catalog = bundledCatalog();
const searches = distinctQueries(catalog, 20_000).map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`);
/** Name, paths, and an offered rate (requests/s over all connections) or none: as fast as answered. */
const TARGETS: [string, string[], number?][] = [
  ['guide page', ['/operating-systems/microsoft/windows-update/0x80244007']],
  // Below what one process answers (see bench:saturation for beyond it).
  [`search, ${searches.length} queries at 40/s`, searches, 40],
  ["readers' stats (database)", ['/api/v1/guides/windows-update-0x80244007/stats']],
];

async function run(name: string, databaseUrl: string | undefined): Promise<void> {
  if (databaseUrl) {
    const handle = await openDatabase({ dbFile: '', databaseUrl });
    await sql`drop schema if exists public cascade`.execute(handle.db);
    await sql`create schema public`.execute(handle.db);
    await handle.close();
  }
  const dbFile = join(folder, `${name}.db`);
  const store = await openStore(
    { dbFile, contentDir: join(PACKAGE_ROOT, 'content'), databaseUrl },
    { searchIndex: true },
  );
  const app = await buildApp({
    db: store.db,
    origin: 'http://localhost',
    catalog,
    searchesPerMinute: 1_000_000,
  });
  const base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  for (const [target, paths, rate] of TARGETS) {
    await app.inject(paths[0]!);
    const r = await runWrk({
      base,
      connections: Number(values.connections),
      seconds: Number(values.seconds),
      paths,
      rate,
    });
    console.log(
      `${name.padEnd(10)} ${target.padEnd(32)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors} (timeouts ${r.timeouts})  4xx/5xx ${r.bad}`,
    );
  }
  await app.close();
  await store.close();
}

console.log(`wrk -t1 -c${values.connections} -d${values.seconds}s each; ${machineLine()}`);
await run('sqlite', undefined);
if (postgresUrl) await run('postgresql', postgresUrl);
else console.log('postgresql skipped: set BENCH_DATABASE_URL=postgres://… to compare');
rmSync(folder, { recursive: true, force: true });
