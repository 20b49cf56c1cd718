/**
 * MRR@10 and recall@10 over test/relevance.yaml for the database index (src/search/index-db.ts) beside
 * MiniSearch (SearchEngine), on SQLite and PGlite (and PostgreSQL with BENCH_DATABASE_URL).
 * Usage: npm run bench:search-db [-- --misses]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/config.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { DbSearchEngine } from '../src/search/index-db.ts';
import { loadRelevanceSet, mean, scoreCase, type RelevanceCase } from '../src/search/relevance.ts';
import { listPublished } from '../src/store/guides.ts';
import { openStore } from '../src/store/open.ts';

const cases = loadRelevanceSet(join(PACKAGE_ROOT, 'test', 'relevance.yaml'));
const contentDir = join(PACKAGE_ROOT, 'content');
const showMisses = process.argv.includes('--misses');

async function score(name: string, rank: (q: string) => Promise<string[]> | string[]): Promise<void> {
  const byKind = new Map<string, { rr: number[]; recall: number[] }>();
  const all = { rr: [] as number[], recall: [] as number[] };
  const times: number[] = [];
  for (const c of cases as RelevanceCase[]) {
    const start = performance.now();
    const ranked = await rank(c.query);
    times.push(performance.now() - start);
    const s = scoreCase(ranked, c.expect);
    const group = byKind.get(c.kind) ?? { rr: [], recall: [] };
    byKind.set(c.kind, group);
    for (const g of [group, all]) {
      g.rr.push(s.reciprocalRank);
      g.recall.push(s.recall);
    }
    if (showMisses && s.missing.length > 0)
      console.log(`  ${name} miss ${JSON.stringify(c.query)}: ${s.missing.join(', ')}`);
  }
  times.sort((a, b) => a - b);
  const kinds = [...byKind]
    .sort()
    .map(([k, g]) => `${k} ${mean(g.rr).toFixed(3)}/${mean(g.recall).toFixed(3)}`);
  console.log(
    `${name.padEnd(22)} ${cases.length} queries  MRR@10 ${mean(all.rr).toFixed(3)}  recall@10 ${mean(all.recall).toFixed(3)}  ` +
      `median ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms\n    ${kinds.join(' · ')}`,
  );
}

const temp = mkdtempSync(join(tmpdir(), 'errata-search-db-'));
try {
  const catalog = bundledCatalog();
  const targets: [string, string | undefined, string][] = [
    ['db index, SQLite', undefined, join(temp, 'errata.db')],
  ];
  if (!process.env.SKIP_PG) targets.push(['db index, PGlite', 'pglite://memory', '']);
  if (process.env.BENCH_DATABASE_URL)
    targets.push(['db index, PostgreSQL', process.env.BENCH_DATABASE_URL, '']);
  let miniDone = false;
  for (const [name, databaseUrl, dbFile] of targets) {
    if (databaseUrl?.startsWith('postgres')) {
      const { db, close } = await openStore({ dbFile, contentDir, databaseUrl });
      await sql`drop schema public cascade`.execute(db);
      await sql`create schema public`.execute(db);
      await close();
    }
    const store = await openStore({ dbFile, contentDir, databaseUrl });
    const guides = (await listPublished(store.db)).map((s) => s.guide);
    if (!miniDone) {
      const engine = SearchEngine.build(catalog, guides);
      await score('MiniSearch (server)', (q) => engine.rank(q).map((r) => r.doc.url));
      miniDone = true;
    }
    const engine = new DbSearchEngine(store.db, store.dialect, catalog);
    engine.setGuides(guides);
    await score(name, async (q) => (await engine.rank(q)).map((r) => r.doc.url));
    await store.close();
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
