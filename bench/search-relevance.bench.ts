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
await (await SearchService.open(store.db, catalog)).ready();
const published = new PublishedGuides(store.db, catalog);
await published.refresh();
const engine = new SearchEngine(
  catalog,
  new DbSource(store.db),
  published.all().map((s) => s.guide),
);
const showMisses = process.argv.includes('--misses');

const byKind = new Map<string, { rr: number[]; recall: number[] }>();
const all = { rr: [] as number[], recall: [] as number[] };
for (const c of cases) {
  const ranked = (await engine.rank(c.query)).map((r) => r.doc.url);
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
await store.close();
