/** MRR@10 and recall@10 of search over test/relevance.yaml, by kind of query. Usage: npm run bench:search */
import { join } from 'node:path';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { loadContent } from '../src/guides/load-files.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { loadRelevanceSet, mean, scoreCase } from '../src/search/relevance.ts';

const cases = loadRelevanceSet(join(PACKAGE_ROOT, 'test', 'relevance.yaml'));
const { guides } = loadContent([join(PACKAGE_ROOT, 'content')], 'yaml', '2026-01-01');
const engine = SearchEngine.build(bundledCatalog(), guides);

const byKind = new Map<string, { rr: number[]; recall: number[] }>();
const all = { rr: [] as number[], recall: [] as number[] };
for (const c of cases) {
  const ranked = engine.rank(c.query).map((r) => r.doc.url);
  const score = scoreCase(ranked, c.expect);
  const group = byKind.get(c.kind) ?? { rr: [], recall: [] };
  byKind.set(c.kind, group);
  for (const g of [group, all]) {
    g.rr.push(score.reciprocalRank);
    g.recall.push(score.recall);
  }
  if (score.missing.length > 0)
    console.log(`  miss  ${JSON.stringify(c.query)}: ${score.missing.join(', ')}`);
}
console.log(`\n${'kind'.padEnd(16)} queries  MRR@10  recall@10`);
for (const [kind, g] of [...byKind].sort()) {
  console.log(
    `${kind.padEnd(16)} ${String(g.rr.length).padStart(7)}  ${mean(g.rr).toFixed(3)}   ${mean(g.recall).toFixed(3)}`,
  );
}
console.log(
  `${'all'.padEnd(16)} ${String(all.rr.length).padStart(7)}  ${mean(all.rr).toFixed(3)}   ${mean(all.recall).toFixed(3)}  (target MRR@10 >= 0.9)`,
);
