/**
 * Search at scale: the real guides and reference entries plus generated documents up to 100,000, the
 * server's MiniSearch index and text query options, 2–3 word queries with one typo. Measures index build
 * time, memory growth, query latency (p50/p99) and recall@10 of the intended document, snapshot save and
 * load, and SQLite FTS5 on the same documents and queries as a reference line.
 *
 * Usage: npm run bench:search-scale [-- --size 100000 --queries 500 --seed 1 --guide-share 0.25 --extended]
 * --extended adds an FTS5 trigram table and an index built without guide bodies (about 4–5 minutes more).
 */
import Database from 'better-sqlite3';
import MiniSearch, { type SearchOptions } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { SearchDoc } from '../src/search/documents.ts';
import { INDEX_OPTIONS, RANKING, SearchEngine, TEXT_SEARCH_OPTIONS } from '../src/search/engine.ts';
import { processQueryTerm, tokenize } from '../src/search/text.ts';
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
const WARM_UP = 20;
const EXTENDED = process.argv.includes('--extended');

const TARGET = { p50: 2, p99: 10, buildS: 10, memoryMB: 300, loadS: 1 };

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

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

interface Run {
  name: string;
  p50: number;
  p90: number;
  p99: number;
  recall: number;
  /** Mean number of matching documents (MiniSearch) or -1 when not counted. */
  matches: number;
  times: number[];
  hits: boolean[];
  counts: number[];
}

/** Times each query after a warm-up; `search` returns the ranked ids (all of them or the top 10). */
function measure(
  name: string,
  queries: readonly TypoQuery[],
  warmUp: readonly TypoQuery[],
  search: (text: string) => { ids: string[]; total: number },
): Run {
  for (const q of warmUp) search(q.text);
  const times: number[] = [];
  const hits: boolean[] = [];
  const counts: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    const { ids, total } = search(q.text);
    times.push(performance.now() - start);
    hits.push(ids.slice(0, 10).includes(q.target));
    counts.push(total);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const run: Run = {
    name,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    recall: hits.filter(Boolean).length / hits.length,
    matches: counts.reduce((a, b) => a + b, 0) / counts.length,
    times,
    hits,
    counts,
  };
  const cols = [run.p50, run.p90, run.p99].map((t) => t.toFixed(2).padStart(8)).join('');
  const matches = run.matches >= 0 ? Math.round(run.matches).toString().padStart(9) : '        -';
  console.log(`${name.padEnd(46)}${cols}${run.recall.toFixed(3).padStart(9)}${matches}`);
  return run;
}

function header(title: string): void {
  console.log(`\n${title.padEnd(46)}  p50 ms  p90 ms  p99 ms recall@10  matches`);
}

const miniSearch = (index: MiniSearch<SearchDoc>, options: SearchOptions) => (text: string) => {
  const results = index.search(text, options);
  return { ids: results.slice(0, 10).map((r) => String(r.id)), total: results.length };
};

// ---------------------------------------------------------------------------------------------------
// Corpus and queries

let t = performance.now();
const corpus = buildCorpus({ size: SIZE, seed: SEED, guideShare: GUIDE_SHARE });
const corpusMs = performance.now() - t;
t = performance.now();
const queries = typoQueries(corpus, QUERIES, SEED + 1);
const warmUp = typoQueries(corpus, WARM_UP, SEED + 1000);
const queriesMs = performance.now() - t;
const { docs } = corpus;

console.log(`Search at ${docs.length.toLocaleString('en')} documents — npm run bench:search-scale`);
console.log(
  `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? '?'}), ${MB(totalmem())} RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  `real: ${corpus.realGuides} guides + ${corpus.realReferences} reference entries; generated (seed ${SEED}): ` +
    `${corpus.syntheticGuides} guide-like + ${corpus.syntheticReferences} reference-like, ${corpus.vocabulary.length}-word vocabulary (${seconds(corpusMs)})`,
);
console.log(
  `${queries.length} queries of 2–3 words with one typo, ${WARM_UP} warm-up queries (${seconds(queriesMs)}); e.g. ` +
    queries
      .slice(0, 4)
      .map((q) => JSON.stringify(q.text))
      .join(', '),
);

// ---------------------------------------------------------------------------------------------------
// MiniSearch: build, memory

settle();
const before = process.memoryUsage();
t = performance.now();
let index: MiniSearch<SearchDoc> | undefined = new MiniSearch<SearchDoc>(INDEX_OPTIONS);
index.addAll(docs);
const buildMs = performance.now() - t;
settle();
const after = process.memoryUsage();
const heapGrowth = after.heapUsed - before.heapUsed;
const rssGrowth = after.rss - before.rss;

console.log(`\nMiniSearch (INDEX_OPTIONS), ${index.termCount.toLocaleString('en')} terms`);
console.log(
  `index build       ${seconds(buildMs).padStart(9)}   target <= ${TARGET.buildS} s  ${verdict(buildMs <= TARGET.buildS * 1000)}`,
);
console.log(
  `memory growth     heap ${MB(heapGrowth)}, RSS ${MB(rssGrowth)}   target <= ${TARGET.memoryMB} MB  ${verdict(Math.max(heapGrowth, rssGrowth) <= TARGET.memoryMB * 1e6)}`,
);

// ---------------------------------------------------------------------------------------------------
// SQLite FTS5 on the same documents: the same fields, bm25() with the same field weights. Built here so
// that its vocabulary (the index's words, for typo expansion) also serves a MiniSearch alternative.

const dir = mkdtempSync(join(tmpdir(), 'errata-search-scale-'));
const COLUMNS = ['codes', 'names', 'title', 'summary', 'body', 'place'] as const;
const WEIGHTS = ['0', ...COLUMNS.map((c) => String(RANKING.boost[c]))].join(', ');
const db = new Database(join(dir, 'fts.db'));
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');

/** Creates, fills and optimizes an FTS5 table; returns the time taken. */
function ftsTable(name: string, tokenizer: string): number {
  const start = performance.now();
  db.exec(
    `CREATE VIRTUAL TABLE ${name} USING fts5(id UNINDEXED, ${COLUMNS.join(', ')}, tokenize = '${tokenizer}')`,
  );
  const insert = db.prepare(`INSERT INTO ${name} (id, ${COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const d of docs) insert.run(d.id, ...COLUMNS.map((c) => d[c]));
  })();
  db.exec(`INSERT INTO ${name}(${name}) VALUES ('optimize')`);
  return performance.now() - start;
}

const ftsBuildMs = ftsTable('docs', 'unicode61 remove_diacritics 2');
const ftsBytes = statSync(join(dir, 'fts.db')).size;
t = performance.now();
db.exec(`CREATE VIRTUAL TABLE docs_vocab USING fts5vocab(docs, 'row')`);
/** Every word in the index (unicode61 folds as text.ts does) with its document count. */
const vocabulary = new SearchableMap<number>();
for (const row of db.prepare('SELECT term, doc FROM docs_vocab').iterate() as Iterable<{
  term: string;
  doc: number;
}>) {
  vocabulary.set(row.term, row.doc);
}
const vocabularyMs = performance.now() - t;
console.log(
  `\nSQLite FTS5 (unicode61): build ${seconds(ftsBuildMs)} (insert + optimize), file ${MB(ftsBytes)}; ` +
    `its vocabulary, ${vocabulary.size.toLocaleString('en')} words, read in ${seconds(vocabularyMs)}`,
);

// ---------------------------------------------------------------------------------------------------
// MiniSearch: queries, the server's options and alternatives

const lastWordOnly = (term: string, i: number, terms: string[]) => i === terms.length - 1 && term.length >= 3;
const WITHOUT_BODY = ['codes', 'names', 'title', 'summary', 'place'];
/** Typo tolerance only where it is needed: words the index does not contain. */
const fuzzyIfUnknown = (term: string) => (term.length >= 4 && !vocabulary.has(term) ? RANKING.fuzzy : false);

header('MiniSearch, one index of every document');
const server = measure('server TEXT_SEARCH_OPTIONS', queries, warmUp, miniSearch(index, TEXT_SEARCH_OPTIONS));
const alt = measure(
  'A: maxFuzzy 1, prefix on the last word only',
  queries,
  warmUp,
  miniSearch(index, { ...TEXT_SEARCH_OPTIONS, maxFuzzy: 1, prefix: lastWordOnly }),
);
measure(
  'B: A, and the body field not searched',
  queries,
  warmUp,
  miniSearch(index, { ...TEXT_SEARCH_OPTIONS, maxFuzzy: 1, prefix: lastWordOnly, fields: WITHOUT_BODY }),
);
const best = measure(
  'C: fuzzy only for unknown words, AND, last-word',
  queries,
  warmUp,
  miniSearch(index, {
    ...TEXT_SEARCH_OPTIONS,
    fuzzy: fuzzyIfUnknown,
    prefix: lastWordOnly,
    combineWith: 'AND',
    fields: WITHOUT_BODY,
  }),
);
measure(
  'floor: exact words only (no fuzzy, no prefix)',
  queries,
  warmUp,
  miniSearch(index, { boost: RANKING.boost }),
);
console.log(
  '  (C: prefix on the last word only, body not searched; floor: server boosts, no typo tolerance)',
);

// Where the time goes: latency grows with the number of matching documents.
console.log('\nserver options by number of matching documents');
const buckets: [string, number, number][] = [
  ['< 1,000', 0, 1_000],
  ['1,000–10,000', 1_000, 10_000],
  ['10,000–30,000', 10_000, 30_000],
  ['>= 30,000', 30_000, Infinity],
];
for (const [label, lo, hi] of buckets) {
  const times = server.times
    .filter((_, i) => server.counts[i]! >= lo && server.counts[i]! < hi)
    .sort((a, b) => a - b);
  if (times.length === 0) continue;
  console.log(
    `  ${label.padEnd(14)} ${String(times.length).padStart(4)} queries  p50 ${percentile(times, 0.5).toFixed(1).padStart(7)} ms  p99 ${percentile(times, 0.99).toFixed(1).padStart(7)} ms`,
  );
}
console.log('  slowest:');
for (const i of server.times
  .map((time, i) => [time, i] as const)
  .sort((a, b) => b[0] - a[0])
  .slice(0, 5)
  .map(([, i]) => i)) {
  const q = queries[i]!;
  const expanded = new Set(index.search(q.text, TEXT_SEARCH_OPTIONS).flatMap((r) => Object.keys(r.match)));
  console.log(
    `    ${server.times[i]!.toFixed(0).padStart(5)} ms  ${JSON.stringify(q.text).padEnd(36)} ${server.counts[i]} matches, ${expanded.size} index terms matched`,
  );
}

console.log('\nrecall@10 by typo and by target               server      A      C');
const recallOf = (run: Run, keep: (q: TypoQuery) => boolean) => {
  const picked = run.hits.filter((_, i) => keep(queries[i]!));
  return (picked.filter(Boolean).length / picked.length).toFixed(3).padStart(7);
};
const breakdown: [string, (q: TypoQuery) => boolean][] = [
  ...EDITS.map((edit): [string, (q: TypoQuery) => boolean] => [edit, (q) => q.edit === edit]),
  ...(['real guide', 'real reference', 'synthetic guide', 'synthetic reference'] as const).map(
    (group): [string, (q: TypoQuery) => boolean] => [group, (q) => q.group === group],
  ),
];
for (const [label, keep] of breakdown) {
  const n = queries.filter(keep).length;
  console.log(
    `  ${label.padEnd(20)} ${String(n).padStart(4)} queries     ${recallOf(server, keep)}${recallOf(alt, keep)}${recallOf(best, keep)}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// SQLite FTS5 queries

const fts = (name: string, makeQuery: (words: string[]) => string) => {
  const statement = db.prepare(
    `SELECT id FROM ${name} WHERE ${name} MATCH ? ORDER BY bm25(${name}, ${WEIGHTS}) LIMIT 10`,
  );
  return (text: string) => {
    const words = tokenize(text)
      .map((w) => processQueryTerm(w))
      .filter((w): w is string => !!w);
    const match = words.length === 0 ? '' : makeQuery(words);
    if (match === '') return { ids: [], total: -1 };
    return { ids: (statement.all(match) as { id: string }[]).map((r) => r.id), total: -1 };
  };
};
const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;
const prefixed = (w: string) => quote(w) + (w.length >= 3 ? '*' : '');
/** A word (with its prefix) or any of the vocabulary's words within the server's fuzzy distance. */
const expanded = (w: string) => {
  const variants = [prefixed(w)];
  if (w.length >= 4) {
    const distance = Math.min(RANKING.maxFuzzy, Math.round(w.length * RANKING.fuzzy));
    for (const term of vocabulary.fuzzyGet(w, distance).keys()) if (term !== w) variants.push(quote(term));
  }
  return `(${variants.join(' OR ')})`;
};
const expandedIfUnknown = (w: string) => (vocabulary.has(w) ? prefixed(w) : expanded(w));
const withoutBody = (match: string) => `{${WITHOUT_BODY.join(' ')}} : (${match})`;

header(`SQLite FTS5, bm25(${WEIGHTS})`);
const ftsRuns = [
  measure(
    'FTS5: words OR-ed, prefix (3+ letters)',
    queries,
    warmUp,
    fts('docs', (w) => w.map(prefixed).join(' OR ')),
  ),
  measure(
    'FTS5: words AND-ed, prefix (3+ letters)',
    queries,
    warmUp,
    fts('docs', (w) => w.map(prefixed).join(' AND ')),
  ),
  measure(
    'FTS5 + fuzzy expansion (vocabulary), AND',
    queries,
    warmUp,
    fts('docs', (w) => w.map(expanded).join(' AND ')),
  ),
  measure(
    'FTS5 + expansion of unknown words, AND, no body',
    queries,
    warmUp,
    fts('docs', (w) => withoutBody(w.map(expandedIfUnknown).join(' AND '))),
  ),
];

if (EXTENDED) {
  const triMs = ftsTable('tri', 'trigram remove_diacritics 1');
  console.log(
    `\nSQLite FTS5 (trigram): build ${seconds(triMs)}, file now ${MB(statSync(join(dir, 'fts.db')).size)}`,
  );
  const trigrams = (words: string[]) => {
    const grams = new Set<string>();
    for (const w of words) for (let i = 0; i + 3 <= w.length; i++) grams.add(quote(w.slice(i, i + 3)));
    return [...grams].join(' OR ');
  };
  header('SQLite FTS5 trigram');
  ftsRuns.push(
    measure('FTS5 trigram: every trigram of the words OR-ed', queries, warmUp, fts('tri', trigrams)),
  );
}
db.close();

// ---------------------------------------------------------------------------------------------------
// Snapshot: what src/search/service.ts writes and reads

const snapshotFile = join(dir, 'search-references.json');
const topIds = (searchIndex: MiniSearch<SearchDoc>) =>
  queries.slice(0, 20).map((q) => String(searchIndex.search(q.text, TEXT_SEARCH_OPTIONS)[0]?.id));
const builtTop = topIds(index);
t = performance.now();
writeFileSync(snapshotFile, JSON.stringify(index));
const saveMs = performance.now() - t;
const snapshotBytes = statSync(snapshotFile).size;
index = undefined;
settle();
const beforeLoad = process.memoryUsage();
t = performance.now();
let loaded: MiniSearch<SearchDoc> | undefined = SearchEngine.loadReferences(
  readFileSync(snapshotFile, 'utf8'),
);
const loadMs = performance.now() - t;
settle();
const afterLoad = process.memoryUsage();
const same = topIds(loaded).every((id, i) => id === builtTop[i]);
console.log(
  `\nsnapshot save     ${seconds(saveMs).padStart(9)}   ${MB(snapshotBytes)} (JSON.stringify + write)`,
);
console.log(
  `snapshot load     ${seconds(loadMs).padStart(9)}   target <= ${TARGET.loadS} s  ${verdict(loadMs <= TARGET.loadS * 1000)}` +
    `  (read + SearchEngine.loadReferences; heap +${MB(afterLoad.heapUsed - beforeLoad.heapUsed)}; ` +
    `same top hits as the built index: ${same ? 'yes' : 'NO'})`,
);
loaded = undefined;
rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------------
// Extended: the same documents indexed without guide bodies

if (EXTENDED) {
  settle();
  const b = process.memoryUsage();
  t = performance.now();
  const slim = new MiniSearch<SearchDoc>({ ...INDEX_OPTIONS, fields: WITHOUT_BODY });
  slim.addAll(docs);
  const ms = performance.now() - t;
  settle();
  const a = process.memoryUsage();
  console.log(
    `\nMiniSearch without the body field: build ${seconds(ms)}, heap +${MB(a.heapUsed - b.heapUsed)}, RSS +${MB(a.rss - b.rss)}`,
  );
  header('MiniSearch, index without body');
  measure('server TEXT_SEARCH_OPTIONS', queries, warmUp, miniSearch(slim, TEXT_SEARCH_OPTIONS));
  measure(
    'C: fuzzy only for unknown words, AND, last-word',
    queries,
    warmUp,
    miniSearch(slim, {
      ...TEXT_SEARCH_OPTIONS,
      fuzzy: fuzzyIfUnknown,
      prefix: lastWordOnly,
      combineWith: 'AND',
    }),
  );
}

// ---------------------------------------------------------------------------------------------------

console.log(`\ntargets at ${docs.length.toLocaleString('en')} documents (MiniSearch, server options)`);
const rows: [string, string, string, boolean][] = [
  ['query p50', `${server.p50.toFixed(2)} ms`, `<= ${TARGET.p50} ms`, server.p50 <= TARGET.p50],
  ['query p99', `${server.p99.toFixed(2)} ms`, `<= ${TARGET.p99} ms`, server.p99 <= TARGET.p99],
  ['index build', seconds(buildMs), `<= ${TARGET.buildS} s`, buildMs <= TARGET.buildS * 1000],
  [
    'memory growth',
    `${MB(heapGrowth)} heap, ${MB(rssGrowth)} RSS`,
    `<= ${TARGET.memoryMB} MB`,
    Math.max(heapGrowth, rssGrowth) <= TARGET.memoryMB * 1e6,
  ],
  ['snapshot load', seconds(loadMs), `<= ${TARGET.loadS} s`, loadMs <= TARGET.loadS * 1000],
];
for (const [label, value, target, ok] of rows) {
  console.log(`  ${label.padEnd(15)} ${value.padStart(24)}   ${target.padEnd(10)} ${verdict(ok)}`);
}
console.log(
  `  recall@10 ${server.recall.toFixed(3)}; MiniSearch C ${best.recall.toFixed(3)} (p50 ${best.p50.toFixed(2)}, p99 ${best.p99.toFixed(2)} ms); ` +
    `FTS5 OR ${ftsRuns[0]!.recall.toFixed(3)}; FTS5 + expansion of unknown words ${ftsRuns[3]!.recall.toFixed(3)} ` +
    `(p50 ${ftsRuns[3]!.p50.toFixed(2)}, p99 ${ftsRuns[3]!.p99.toFixed(2)} ms)`,
);
