/**
 * The database search index (src/search/index-db.ts) at 100,000 documents: the synthetic corpus of
 * bench/search-scale.bench.ts written to SQLite (a file) and, with BENCH_DATABASE_URL, to PostgreSQL
 * (its public schema is dropped). Measures indexing time, query latency (p50/p99) and recall@10 of
 * 2–3 word queries with one typo, memory growth of this process while querying, and start-up with
 * the index already built (open, migrations checked, first query answered).
 *
 * Usage: npm run bench:search-db-scale [-- --size 100000 --queries 300 --seed 1 --only sqlite|postgres]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { bundledCatalog } from '../src/catalog/load.ts';
import { DbSearchEngine, writeSearchDocuments } from '../src/search/index-db.ts';
import { migrate, openDatabase, type OpenDatabase } from '../src/store/db.ts';
import { buildCorpus, typoQueries } from './synthetic.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const SIZE = option('size', 100_000);
const QUERIES = option('queries', 300);
const SEED = option('seed', 1);
const TARGET = { p50: 2, p99: 10, recall: 0.95, indexS: 10, memoryMB: 50, startS: 0.5 };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;

const corpus = buildCorpus({ size: SIZE, seed: SEED, guideShare: 0.25 });
const queries = typoQueries(corpus, QUERIES, SEED + 1);
const warmUp = typoQueries(corpus, 20, SEED + 1000);
const catalog = bundledCatalog();
console.log(
  `Database search index at ${corpus.docs.length.toLocaleString('en')} documents — npm run bench:search-db-scale`,
);
console.log(
  `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? '?'}), ${MB(totalmem())} RAM, Node ${process.version}, ` +
    `load average ${loadavg()[0]!.toFixed(1)} at start, ${new Date().toISOString().slice(0, 16)}Z; ${queries.length} queries of 2–3 words with one typo`,
);

async function run(
  name: string,
  open: () => Promise<OpenDatabase>,
  fresh: (o: OpenDatabase) => Promise<void>,
) {
  let opened = await open();
  await fresh(opened);
  await migrate(opened.db, opened.dialect);
  let t = performance.now();
  await writeSearchDocuments(opened.db, opened.dialect, corpus.docs);
  const indexMs = performance.now() - t;
  await opened.close();

  gc();
  const before = process.memoryUsage();
  t = performance.now();
  opened = await open();
  await migrate(opened.db, opened.dialect);
  const engine = new DbSearchEngine(opened.db, opened.dialect, catalog);
  await engine.search(warmUp[0]!.text);
  const startMs = performance.now() - t;
  for (const q of warmUp) await engine.search(q.text);
  const times: number[] = [];
  let found = 0;
  for (const q of queries) {
    const start = performance.now();
    const response = await engine.search(q.text);
    times.push(performance.now() - start);
    if (response.results.some((r) => r.url === q.target)) found++;
  }
  gc();
  const after = process.memoryUsage();
  await opened.close();
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 0.5);
  const p99 = percentile(times, 0.99);
  const recall = found / queries.length;
  const growth = Math.max(after.heapUsed - before.heapUsed, after.rss - before.rss);
  console.log(`\n${name}`);
  const rows: [string, string, string, boolean][] = [
    ['search p50', `${p50.toFixed(2)} ms`, `<= ${TARGET.p50} ms`, p50 <= TARGET.p50],
    ['search p99', `${p99.toFixed(2)} ms`, `<= ${TARGET.p99} ms`, p99 <= TARGET.p99],
    ['recall@10', recall.toFixed(3), `>= ${TARGET.recall}`, recall >= TARGET.recall],
    [
      'indexing',
      `${(indexMs / 1000).toFixed(1)} s`,
      `<= ${TARGET.indexS} s`,
      indexMs <= TARGET.indexS * 1000,
    ],
    [
      'memory growth',
      `heap ${MB(after.heapUsed - before.heapUsed)}, RSS ${MB(after.rss - before.rss)}`,
      `<= ${TARGET.memoryMB} MB`,
      growth <= TARGET.memoryMB * 1e6,
    ],
    [
      'start-up',
      `${(startMs / 1000).toFixed(2)} s`,
      `<= ${TARGET.startS} s`,
      startMs <= TARGET.startS * 1000,
    ],
  ];
  for (const [label, value, target, ok] of rows) {
    console.log(`  ${label.padEnd(14)} ${value.padStart(24)}   ${target.padEnd(10)} ${verdict(ok)}`);
  }
  console.log(
    `  (search = SearchResponse: code readings, text, facets, snippets, did-you-mean; p90 ${percentile(times, 0.9).toFixed(2)} ms)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'errata-search-db-scale-'));
try {
  const file = join(dir, 'errata.db');
  if (only !== 'postgres') {
    await run(
      'SQLite (FTS5, better-sqlite3, WAL)',
      () => openDatabase({ dbFile: file, databaseUrl: undefined }),
      async () => {},
    );
    console.log(
      `  database file ${MB(statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0))}`,
    );
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url && only !== 'sqlite') {
    await run(
      'PostgreSQL (tsvector + GIN, pg_trgm)',
      () => openDatabase({ dbFile: '', databaseUrl: url }),
      async ({ db }) => {
        await sql`drop schema public cascade`.execute(db);
        await sql`create schema public`.execute(db);
      },
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
