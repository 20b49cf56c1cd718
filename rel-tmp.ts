// Quick relevance check with the in-memory index (same ranking as the database): node --import tsx rel-tmp.ts [--misses]
import { join } from 'node:path';
import { bundledCatalog } from './src/catalog/load.ts';
import { PACKAGE_ROOT } from './src/base/config.ts';
import { loadContent } from './src/guides/load-files.ts';
import { SearchEngine } from './src/search/engine.ts';
import { MemorySource } from './src/search/memory-source.ts';
import { referenceDoc } from './src/search/documents.ts';
import { indexedGuide } from './src/search/service.ts';
import { loadRelevanceSet, mean, scoreCase } from './src/search/relevance.ts';
const cases = loadRelevanceSet(join(PACKAGE_ROOT, 'test', 'relevance.yaml'));
const { guides } = loadContent([join(PACKAGE_ROOT, 'content')], 'yaml', '2026-01-01');
const catalog = bundledCatalog();
const source = MemorySource.build([
  ...guides.map((g) => ({ doc: indexedGuide(catalog, g), corpus: 0 as const })),
  ...catalog.entries.map((e) => ({ doc: referenceDoc(e), corpus: 1 as const })),
]);
const engine = new SearchEngine(catalog, source, guides);
const rr: number[] = [], rc: number[] = [], old: number[] = [], neu: number[] = [];
for (const [i, c] of cases.entries()) {
  const urls = (await engine.rank(c.query)).map((r) => r.doc.url);
  const s = scoreCase(urls, c.expect);
  rr.push(s.reciprocalRank); rc.push(s.recall); (i < 85 ? old : neu).push(s.reciprocalRank);
  if (process.argv.includes('--misses') && (s.reciprocalRank < 1 || s.missing.length)) console.log(`${s.reciprocalRank.toFixed(2)} ${c.kind} "${c.query}" missing ${s.missing.join(' ')} | top: ${urls.slice(0, 3).join(' ')}`);
}
console.log('MRR', mean(rr).toFixed(3), 'recall', mean(rc).toFixed(3), 'old85', mean(old).toFixed(3), 'new', mean(neu).toFixed(3));
