import { readQuery } from './src/codes/parse.ts';
import { bundledCatalog } from './src/catalog/load.ts';
const c = bundledCatalog();
for (const q of ['store_corruption', 'STORE_CORRUPTION', 'EXCEEDED_MAX']) { const r = readQuery(q); console.log(q, JSON.stringify(r), r.flatMap((x) => c.find(x)).slice(0, 8).map((h) => `${h.relation}:${h.entry.symbol}`)); }
