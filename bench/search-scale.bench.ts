/**
 * Search at scale: the real guides and reference entries plus generated documents up to 100,000, indexed
 * in the database as the server indexes them (guide-like documents in the guide collection, reference-like
 * ones in the reference collection), searched with 2–3 word queries with one typo. Per dialect (SQLite in
 * a temporary file; PostgreSQL when BENCH_DATABASE_URL is set): indexing time, memory growth of this
 * process, query latency and recall@10 of the intended document, a fresh process's start-up with the
 * index built, and the worst of crafted 200-character queries in server time.
 *
 * Usage: [BENCH_DATABASE_URL=postgres://…] npm run bench:search-scale [-- --size 100000 --queries 500
 * --seed 1 --guide-share 0.25 --starts 5 --dialect sqlite|postgres]
 * The PostgreSQL database's public schema is dropped and created again: give it a database of its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { loadContent } from '../src/guides/load-files.ts';
import { syncGuideIndex, syncReferenceIndex } from '../src/search/db-index.ts';
import { DbSource } from '../src/search/db-source.ts';
import type { SearchDoc } from '../src/search/documents.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { QUERY_BOUNDS, planTextQuery } from '../src/search/scoring.ts';
import { searchText } from '../src/search/text-search.ts';
import { migrate, openDatabase, openSqlite, type Db, type SqlDialect } from '../src/store/db.ts';
import { CRAFTED } from './queries.ts';
import { buildCorpus, EDITS, typoQueries, type TypoQuery } from './synthetic.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

const SIZE = option('size', 100_000);
const QUERIES = option('queries', 500);
const SEED = option('seed', 1);
const GUIDE_SHARE = option('guide-share', 0.25);
const STARTS = option('starts', 5);
/**
 * Queries run before the timed ones, none of them among them: a server answers searches for
 * hours, so its code is compiled and its hot pages read; after 20 the median was still ~20% above
 * where it settles.
 */
const WARM_UP = 200;
/** Idle time before the second memory readings. */
const IDLE_MS = 10_000;
const DATABASE_URL = process.env.BENCH_DATABASE_URL?.trim() || undefined;
const only = process.argv.indexOf('--dialect');
const DIALECTS: SqlDialect[] =
  only >= 0 ? [process.argv[only + 1] as SqlDialect] : DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (DIALECTS.some((d) => d !== 'sqlite' && d !== 'postgres')) throw new Error('--dialect sqlite|postgres');
if (DIALECTS.includes('postgres') && !DATABASE_URL) throw new Error('postgres needs BENCH_DATABASE_URL');

const TARGET = { p50: 2, p99: 10, recall: 0.95, indexS: 10, memoryMB: 50, startS: 0.5, craftedMs: 20 };

const CRAFTED_RUNS = 5;

// A full collection before each memory reading, without asking for a node flag.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const settle = () => {
  gc();
  gc();
};

const MB = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const load = () => `load average ${loadavg()[0]!.toFixed(1)}`;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}
const median = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

// ---------------------------------------------------------------------------------------------------
// Corpus and queries

let t = performance.now();
const corpus = buildCorpus({ size: SIZE, seed: SEED, guideShare: GUIDE_SHARE });
const corpusMs = performance.now() - t;
t = performance.now();
const queries = typoQueries(corpus, QUERIES, SEED + 1);
const timed = new Set(queries.map((q) => q.text));
const warmUp = typoQueries(corpus, 2 * WARM_UP, SEED + 1000)
  .filter((q) => !timed.has(q.text))
  .slice(0, WARM_UP);
const queriesMs = performance.now() - t;
const guideDocs: SearchDoc[] = corpus.docs.filter((d) => d.kind === 'guide');
const referenceDocs: SearchDoc[] = corpus.docs.filter((d) => d.kind === 'reference');
// The real guides, for the engine's code matches (crafted queries run through the whole engine).
const realGuides = loadContent([join(PACKAGE_ROOT, 'content')], 'yaml', '2026-01-01').guides;
const VERSION = `bench-${SIZE}-${SEED}-${GUIDE_SHARE}`;

console.log(`Search at ${corpus.docs.length.toLocaleString('en')} documents — npm run bench:search-scale`);
console.log(
  `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? '?'}), ${MB(totalmem())} RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${load()}`,
);
console.log(
  `real: ${corpus.realGuides} guides + ${corpus.realReferences} reference entries; generated (seed ${SEED}): ` +
    `${corpus.syntheticGuides} guide-like + ${corpus.syntheticReferences} reference-like, ${corpus.vocabulary.length}-word vocabulary (${seconds(corpusMs)})`,
);
console.log(
  `guide collection ${guideDocs.length.toLocaleString('en')}, reference collection ${referenceDocs.length.toLocaleString('en')}`,
);
console.log(
  `${queries.length} queries of 2–3 words with one typo, ${WARM_UP} warm-up queries (${seconds(queriesMs)}); e.g. ` +
    queries
      .slice(0, 4)
      .map((q) => JSON.stringify(q.text))
      .join(', '),
);

// ---------------------------------------------------------------------------------------------------
// One dialect

interface Target {
  label: string;
  value: string;
  target: string;
  ok: boolean;
}

interface Opened {
  db: Db;
  close(): Promise<void>;
  /** The probe's arguments to open the same database: dbFile, databaseUrl. */
  probe: [string, string];
  size(): Promise<number>;
  cleanUp(): Promise<void>;
}

async function openFresh(dialect: SqlDialect): Promise<Opened> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'errata-search-scale-'));
    const file = join(dir, 'errata.db');
    const { db } = openSqlite(file);
    await migrate(db, 'sqlite');
    return {
      db,
      close: () => db.destroy(),
      probe: [file, ''],
      size: () => {
        const bytes = (name: string) => {
          try {
            return statSync(name).size;
          } catch {
            return 0;
          }
        };
        return Promise.resolve(bytes(file) + bytes(`${file}-wal`));
      },
      cleanUp: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const url = DATABASE_URL!;
  const opened = await openDatabase({ dbFile: '', databaseUrl: url });
  await sql`drop schema if exists public cascade`.execute(opened.db);
  await sql`create schema public`.execute(opened.db);
  await migrate(opened.db, 'postgres');
  return {
    db: opened.db,
    close: () => opened.close(),
    probe: ['', url],
    size: async () => {
      const { rows } = await sql<{ bytes: string }>`
        select sum(pg_total_relation_size(c.oid))::text as bytes from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.relname like 'search\_%'`.execute(opened.db);
      return Number(rows[0]?.bytes ?? 0);
    },
    cleanUp: () => Promise.resolve(),
  };
}

interface QueryRun {
  times: number[];
  hits: boolean[];
  results: number[];
}

/** Times each query after the warm-up; `search` returns the ranked urls (at least the top 10) and a total. */
async function measure(
  search: (text: string) => Promise<{ top: string[]; total: number }>,
): Promise<QueryRun> {
  for (const q of warmUp) await search(q.text);
  const run: QueryRun = { times: [], hits: [], results: [] };
  for (const q of queries) {
    const start = performance.now();
    const { top, total } = await search(q.text);
    run.times.push(performance.now() - start);
    run.hits.push(top.slice(0, 10).includes(q.target));
    run.results.push(total);
  }
  return run;
}

function latencyLine(name: string, run: QueryRun): { p50: number; p90: number; p99: number; recall: number } {
  const sorted = [...run.times].sort((a, b) => a - b);
  const row = {
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    recall: run.hits.filter(Boolean).length / run.hits.length,
  };
  const cols = [row.p50, row.p90, row.p99, sorted.at(-1)!].map((v) => v.toFixed(2).padStart(8)).join('');
  console.log(`${name.padEnd(44)}${cols}${row.recall.toFixed(3).padStart(10)}`);
  return row;
}

/**
 * What the query budget costs in recall, against what the queries allow: the same ranking with every
 * posting of every term read (no list cut, so nothing to complete), and how many of the misses then
 * have at least 10 matches covering every query word (documents the words alone cannot tell apart).
 */
async function boundsCost(source: DbSource, bounded: QueryRun): Promise<void> {
  const limits = QUERY_BOUNDS as unknown as Record<string, number>;
  const saved = { ...limits };
  for (const key of ['postingsExact', 'postingsPrefix', 'postingsFuzzy']) limits[key] = 1e9;
  let hits = 0;
  let misses = 0;
  let alike = 0;
  try {
    for (const q of queries) {
      const { plan, matches } = await searchText(source, planTextQuery(q.text));
      const rank = matches.findIndex((m) => m.shown.url === q.target);
      if (rank >= 0 && rank < 10) {
        hits++;
        continue;
      }
      misses++;
      if (matches.filter((m) => m.queryTerms.length === plan.terms.length).length >= 10) alike++;
    }
  } finally {
    Object.assign(limits, saved);
  }
  const boundedRecall = bounded.hits.filter(Boolean).length / bounded.hits.length;
  console.log(
    `without list cuts (every posting read): recall@10 ${(hits / queries.length).toFixed(3)} (with the budget ` +
      `${boundedRecall.toFixed(3)}); of its ${misses} misses, ${alike} have 10 or more matches covering every word`,
  );
}

async function runDialect(dialect: SqlDialect): Promise<Target[]> {
  console.log(
    `\n=== ${dialect === 'sqlite' ? 'SQLite (a file in a temporary directory, WAL)' : 'PostgreSQL'} ===`,
  );
  const opened = await openFresh(dialect);
  const { db } = opened;

  settle();
  const before = process.memoryUsage();
  console.log(`before indexing: ${load()}`);
  t = performance.now();
  await syncReferenceIndex(db, { version: VERSION, entries: referenceDocs });
  const referenceMs = performance.now() - t;
  t = performance.now();
  await syncGuideIndex(db, VERSION, () => guideDocs);
  const guideMs = performance.now() - t;
  const indexMs = referenceMs + guideMs;
  settle();
  const afterIndex = process.memoryUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const counts = await sql<{
    postings: number | string;
    blocks: number | string;
    terms: number | string;
    fuzzy: number | string;
  }>`
    select (select sum(df) from search_terms) as postings, (select count(*) from search_blocks) as blocks,
      (select count(*) from search_terms) as terms,
      (select count(*) from search_fuzzy) as fuzzy`.execute(db);
  const c = counts.rows[0]!;
  console.log(
    `indexing          ${seconds(indexMs).padStart(7)}  (reference collection ${seconds(referenceMs)}, guide collection ${seconds(guideMs)}); ` +
      `${Number(c.postings).toLocaleString('en')} postings in ${Number(c.blocks).toLocaleString('en')} blocks, ${Number(c.terms).toLocaleString('en')} vocabulary rows, ` +
      `${Number(c.fuzzy).toLocaleString('en')} typo keys, ${MB(await opened.size())} on disk; ${load()}`,
  );
  console.log(
    `memory growth     heap ${MB(afterIndex.heapUsed - before.heapUsed)}, RSS ${MB(afterIndex.rss - before.rss)} after indexing ` +
      `(peak RSS of the process so far ${MB(peakRss)})`,
  );
  // What a server keeps: V8 and the allocator give memory back to the system over the next seconds
  // (at 31,000 documents RSS went from +65 MB at once to +20 MB 3 s later and below the start at 10 s).
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  settle();
  const indexSettled = process.memoryUsage();
  console.log(
    `memory growth     heap ${MB(indexSettled.heapUsed - before.heapUsed)}, RSS ${MB(indexSettled.rss - before.rss)} ` +
      `${IDLE_MS / 1000} s after indexing, idle`,
  );

  // Queries: one source for every query, as the server keeps one.
  const source = new DbSource(db);
  console.log(`\n${''.padEnd(44)}  p50 ms  p90 ms  p99 ms  max ms recall@10`);
  const textRun = await measure(async (text) => {
    const { matches } = await searchText(source, planTextQuery(text));
    return { top: matches.slice(0, 10).map((m) => m.shown.url), total: matches.length };
  });
  const text = latencyLine('searchText + shown documents', textRun);
  const engine = new SearchEngine(corpus.catalog, source, realGuides);
  const engineRun = await measure(async (text) => {
    const response = await engine.search(text);
    return { top: response.results.map((r) => r.url), total: response.total };
  });
  latencyLine('engine.search (page, facets, did-you-mean)', engineRun);

  console.log('\nrecall@10 by typo and by target          searchText');
  const breakdown: [string, (q: TypoQuery) => boolean][] = [
    ...EDITS.map((edit): [string, (q: TypoQuery) => boolean] => [edit, (q) => q.edit === edit]),
    ...(['real guide', 'real reference', 'synthetic guide', 'synthetic reference'] as const).map(
      (group): [string, (q: TypoQuery) => boolean] => [group, (q) => q.group === group],
    ),
  ];
  for (const [label, keep] of breakdown) {
    const picked = textRun.hits.filter((_, i) => keep(queries[i]!));
    console.log(
      `  ${label.padEnd(20)} ${String(picked.length).padStart(4)} queries   ${(picked.filter(Boolean).length / picked.length).toFixed(3).padStart(7)}`,
    );
  }
  await boundsCost(source, textRun);
  console.log('slowest searchText:');
  for (const i of textRun.times
    .map((time, i) => [time, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5)
    .map(([, i]) => i)) {
    console.log(
      `  ${textRun.times[i]!.toFixed(1).padStart(6)} ms  ${JSON.stringify(queries[i]!.text).padEnd(40)} ${textRun.results[i]} matches`,
    );
  }

  // Crafted queries through the whole engine (what the server does per search, without HTTP).
  console.log(`\ncrafted 200-character queries, engine.search, ${CRAFTED_RUNS} runs each: median / max ms`);
  const crafted: { query: string; median: number; max: number }[] = [];
  for (const query of CRAFTED) {
    const times: number[] = [];
    for (let r = 0; r < CRAFTED_RUNS; r++) {
      const start = performance.now();
      await engine.search(query);
      times.push(performance.now() - start);
    }
    crafted.push({ query, median: median(times), max: Math.max(...times) });
    console.log(
      `  ${median(times).toFixed(1).padStart(6)} / ${Math.max(...times)
        .toFixed(1)
        .padStart(6)}  ${JSON.stringify(query.slice(0, 48))}`,
    );
  }
  const worst = crafted.reduce((a, b) => (b.median > a.median ? b : a));

  settle();
  const afterQueries = process.memoryUsage();
  console.log(
    `memory growth     heap ${MB(afterQueries.heapUsed - before.heapUsed)}, RSS ${MB(afterQueries.rss - before.rss)} after the queries`,
  );
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  settle();
  const queriesSettled = process.memoryUsage();
  console.log(
    `memory growth     heap ${MB(queriesSettled.heapUsed - before.heapUsed)}, RSS ${MB(queriesSettled.rss - before.rss)} ` +
      `${IDLE_MS / 1000} s after the queries, idle`,
  );
  await opened.close();

  // Start-up: fresh processes against the built index.
  const probe = join(PACKAGE_ROOT, 'bench', 'search-start.ts');
  const starts: { wall: number; boot: number; modules: number; openMigrate: number; firstQuery: number }[] =
    [];
  for (let i = 0; i < STARTS; i++) {
    const query = queries[(i * 7) % queries.length]!.text;
    const start = performance.now();
    const out = execFileSync(process.execPath, ['--import', 'tsx', probe, ...opened.probe, query], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
    });
    const wall = performance.now() - start;
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
      boot: number;
      modules: number;
      openMigrate: number;
      firstQuery: number;
      migrations: number;
      results: number;
    };
    if (r.migrations !== 0) throw new Error('the start-up probe ran migrations');
    starts.push({ wall, ...r });
  }
  const start = {
    wall: median(starts.map((s) => s.wall)),
    boot: median(starts.map((s) => s.boot)),
    modules: median(starts.map((s) => s.modules)),
    openMigrate: median(starts.map((s) => s.openMigrate)),
    firstQuery: median(starts.map((s) => s.firstQuery)),
    ready: median(starts.map((s) => s.openMigrate + s.firstQuery)),
  };
  console.log(
    `\nstart-up, median of ${STARTS} fresh processes (node --import tsx bench/search-start.ts): open + migrate ${start.openMigrate.toFixed(0)} ms, ` +
      `first query ${start.firstQuery.toFixed(0)} ms; before them: Node + tsx ${start.boot.toFixed(0)} ms, ` +
      `store and search modules ${start.modules.toFixed(0)} ms; spawn to exit ${start.wall.toFixed(0)} ms`,
  );
  await opened.cleanUp();

  const growth = (m: NodeJS.MemoryUsage) => Math.max(m.heapUsed - before.heapUsed, m.rss - before.rss);
  const memory = (m: NodeJS.MemoryUsage) =>
    `heap ${MB(m.heapUsed - before.heapUsed)}, RSS ${MB(m.rss - before.rss)}`;
  return [
    {
      label: 'indexing',
      value: seconds(indexMs),
      target: `<= ${TARGET.indexS} s`,
      ok: indexMs <= TARGET.indexS * 1000,
    },
    {
      label: 'memory after indexing, at once',
      value: memory(afterIndex),
      target: `<= ${TARGET.memoryMB} MB`,
      ok: growth(afterIndex) <= TARGET.memoryMB * 1e6,
    },
    {
      label: `memory ${IDLE_MS / 1000} s after indexing`,
      value: memory(indexSettled),
      target: `<= ${TARGET.memoryMB} MB`,
      ok: growth(indexSettled) <= TARGET.memoryMB * 1e6,
    },
    {
      label: 'memory after queries, at once',
      value: memory(afterQueries),
      target: `<= ${TARGET.memoryMB} MB`,
      ok: growth(afterQueries) <= TARGET.memoryMB * 1e6,
    },
    {
      label: `memory ${IDLE_MS / 1000} s after queries`,
      value: memory(queriesSettled),
      target: `<= ${TARGET.memoryMB} MB`,
      ok: growth(queriesSettled) <= TARGET.memoryMB * 1e6,
    },
    {
      label: 'query p50',
      value: `${text.p50.toFixed(2)} ms`,
      target: `<= ${TARGET.p50} ms`,
      ok: text.p50 <= TARGET.p50,
    },
    { label: 'query p90', value: `${text.p90.toFixed(2)} ms`, target: '', ok: true },
    {
      label: 'query p99',
      value: `${text.p99.toFixed(2)} ms`,
      target: `<= ${TARGET.p99} ms`,
      ok: text.p99 <= TARGET.p99,
    },
    {
      label: 'recall@10',
      value: text.recall.toFixed(3),
      target: `>= ${TARGET.recall}`,
      ok: text.recall >= TARGET.recall,
    },
    {
      label: 'start-up',
      value: `${start.ready.toFixed(0)} ms`,
      target: `<= ${TARGET.startS * 1000} ms`,
      ok: start.ready <= TARGET.startS * 1000,
    },
    {
      label: 'worst crafted query',
      value: `${worst.median.toFixed(1)} ms`,
      target: `<= ${TARGET.craftedMs} ms`,
      ok: worst.median <= TARGET.craftedMs,
    },
  ];
}

const summary = new Map<SqlDialect, Target[]>();
for (const dialect of DIALECTS) summary.set(dialect, await runDialect(dialect));

console.log(`\ntargets at ${corpus.docs.length.toLocaleString('en')} documents (${load()})`);
for (const [dialect, rows] of summary) {
  console.log(`  ${dialect}`);
  for (const { label, value, target, ok } of rows) {
    console.log(
      `    ${label.padEnd(32)} ${value.padStart(22)}   ${target.padEnd(10)} ${target ? verdict(ok) : ''}`,
    );
  }
}
