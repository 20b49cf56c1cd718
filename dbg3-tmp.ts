import { join } from 'node:path';
import { bundledCatalog } from './src/catalog/load.ts';
import { PACKAGE_ROOT } from './src/base/config.ts';
import { loadContent } from './src/guides/load-files.ts';
import { SearchEngine } from './src/search/engine.ts';
import { MemorySource } from './src/search/memory-source.ts';
import { referenceDoc } from './src/search/documents.ts';
import { indexedGuide } from './src/search/service.ts';
import { planTextQuery, vocabularyQuery, expand } from './src/search/scoring.ts';
const { guides } = loadContent([join(PACKAGE_ROOT, 'content')], 'yaml', '2026-01-01');
const catalog = bundledCatalog();
const source = MemorySource.build([
  ...guides.map((g) => ({ doc: indexedGuide(catalog, g), corpus: 0 as const })),
  ...catalog.entries.map((e) => ({ doc: referenceDoc(e), corpus: 1 as const })),
]);
const engine = new SearchEngine(catalog, source, guides);
const [q, ...want] = process.argv.slice(2);
const plan = planTextQuery(q!);
const v = await source.vocabulary(vocabularyQuery(plan));
console.log(plan, expand(plan, v).map((e) => `${e.query}->${e.term}:${e.how}:${e.weight.toFixed(2)}`).join(' '));
const r = await engine.rank(q!);
r.slice(0, 12).forEach((x, i) => console.log(i + 1, x.score.toFixed(1), x.match, x.via ?? '', x.doc.url, x.terms.join(',')));
for (const w of want) { const i = r.findIndex((x) => x.doc.url === w); console.log('want', w, i + 1, r[i]?.score.toFixed(1), r[i]?.terms.join(',')); }
