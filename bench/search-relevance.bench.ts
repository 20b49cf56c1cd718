/**
 * MRR@10 and recall@10 of search over test/relevance.yaml, by kind of query: the server's search, from
 * the index in a SQLite database (in memory) or, with DATABASE_URL, in that PostgreSQL database.
 * Usage: npm run bench:search [-- --misses]
 */
import { join } from 'node:path';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { openStore } from '../src/open.ts';
import { PublishedGuides } from '../src/guides/published.ts';
import { DbSource } from '../src/search/db-source.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { SearchService } from '../src/search/service.ts';
import { loadRelevanceSet, mean, scoreCase } from '../src/search/relevance.ts';

const cases = loadRelevanceSet(join(PACKAGE_ROOT, 'test', 'relevance.yaml'));
const catalog = bundledCatalog();
const store = await openStore({
  dbFile: ':memory:',
  contentDir: join(PACKAGE_ROOT, 'content'),
  databaseUrl: process.env.DATABASE_URL,
});
const indexing = performance.now();
await (await SearchService.open(store.db, catalog)).ready();
console.log(
  `index written in ${((performance.now() - indexing) / 1000).toFixed(1)} s (guides and ${catalog.size.toLocaleString('en')} reference entries)`,
);
const published = new PublishedGuides(store.db, catalog);
await published.refresh();
const engine = new SearchEngine(
  catalog,
  new DbSource(store.db),
  published.all().map((s) => s.guide),
);
const showMisses = process.argv.includes('--misses');
const times: number[] = [];

const byKind = new Map<string, { rr: number[]; recall: number[] }>();
const all = { rr: [] as number[], recall: [] as number[] };
for (const c of cases) {
  const ranked = (await engine.rank(c.query)).map((r) => r.doc.url);
  // A whole search as a page asks for it (facets, snippets, did-you-mean), timed after the ranking warmed up.
  const start = performance.now();
  await engine.search(c.query);
  times.push(performance.now() - start);
  const score = scoreCase(ranked, c.expect);
  const group = byKind.get(c.kind) ?? { rr: [], recall: [] };
  byKind.set(c.kind, group);
  for (const g of [group, all]) {
    g.rr.push(score.reciprocalRank);
    g.recall.push(score.recall);
  }
  if (showMisses && (score.missing.length > 0 || score.reciprocalRank < 1))
    console.log(
      `  ${score.reciprocalRank.toFixed(2)}  ${JSON.stringify(c.query)}: first ${ranked[0] ?? '(none)'}` +
        (score.missing.length > 0 ? `; missing ${score.missing.join(', ')}` : ''),
    );
}
console.log(`\n${'kind'.padEnd(16)} queries  MRR@10  recall@10`);
for (const [kind, g] of [...byKind].sort()) {
  console.log(
    `${kind.padEnd(16)} ${String(g.rr.length).padStart(7)}  ${mean(g.rr).toFixed(3)}   ${mean(g.recall).toFixed(3)}`,
  );
}
console.log(
  `${'all'.padEnd(16)} ${String(all.rr.length).padStart(7)}  ${mean(all.rr).toFixed(3)}   ${mean(all.recall).toFixed(3)}  (targets MRR@10 >= 0.98, recall@10 >= 0.97)`,
);
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(2);
console.log(
  `engine.search over the set (${store.dialect}): p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
);
await store.close();
