import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/load.ts';
import { PACKAGE_ROOT } from '../config.ts';
import type { Guide } from '../guides/schema.ts';
import { listPublished } from '../store/guides.ts';
import { openStore, type Store } from '../store/open.ts';
import { CONTENT_DIR } from '../../test/helpers.ts';
import {
  BUDGET,
  DbSearchEngine,
  indexTerms,
  oneEditVariants,
  syncSearchGuides,
  syncSearchReferences,
  typoDistance,
} from './index-db.ts';
import { loadRelevanceSet, mean, scoreCase } from './relevance.ts';
import { processIndexTerm, tokenize } from './text.ts';

const temp = mkdtempSync(join(tmpdir(), 'errata-search-db-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const cases = loadRelevanceSet(join(PACKAGE_ROOT, 'test', 'relevance.yaml'));

describe('typo expansion helpers', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(typoDistance('misfier', 'misfire')).toBe(1);
    expect(typoDistance('catalitic', 'catalytic')).toBe(1);
    expect(typoDistance('sevice', 'service')).toBe(1);
    expect(typoDistance('abc', 'cab')).toBe(2);
  });

  it('folds index terms as the in-memory engine does', () => {
    const text = 'WU_E_PT_SOAPCLIENT_SOAPFAULT: the Código de error — Zündaussetzer, 0x80244007 and ÉCHEC';
    expect(indexTerms(text)).toEqual(
      tokenize(text)
        .map(processIndexTerm)
        .filter((t) => t !== null),
    );
    expect(indexTerms('The update of Windows')).toEqual(['update', 'windows']);
  });

  it('lists every one-edit variant and nothing further', () => {
    const variants = oneEditVariants('misfier');
    expect(variants).toContain('misfire');
    expect(variants).toContain('misfer');
    expect(variants).not.toContain('misfier');
    expect(variants.every((v) => typoDistance('misfier', v) === 1)).toBe(true);
  });
});

// The same behaviour on both dialects that run without a server (real PostgreSQL: npm run test:pg).
describe.each([
  [
    'sqlite',
    () => openStore({ dbFile: join(temp, 'errata.db'), contentDir: CONTENT_DIR, databaseUrl: undefined }),
  ],
  ['pglite', () => openStore({ dbFile: '', contentDir: CONTENT_DIR, databaseUrl: 'pglite://memory' })],
] as const)('database search index on %s', (dialect, open) => {
  let store: Store;
  let engine: DbSearchEngine;
  let guides: Guide[];

  beforeAll(async () => {
    store = await open();
    guides = (await listPublished(store.db)).map((s) => s.guide);
    engine = new DbSearchEngine(store.db, store.dialect, bundledCatalog());
    engine.setGuides(guides);
  }, 120_000);
  afterAll(() => store?.close());

  const top = async (q: string, n = 3) => (await engine.search(q)).results.slice(0, n).map((r) => r.url);

  it('was written when the store opened, once', async () => {
    expect(await syncSearchReferences(store.db, store.dialect, bundledCatalog())).toBe(false);
    expect(await syncSearchGuides(store.db, store.dialect, bundledCatalog(), guides)).toBe(0);
  });

  it('ranks exact code matches first, the guide before its reference entry', async () => {
    const { results } = await engine.search('windows update 0x80070005');
    expect(results[0]).toMatchObject({
      kind: 'guide',
      match: 'code',
      url: '/operating-systems/microsoft/windows-update/0x80070005',
    });
    expect(results[1]).toMatchObject({ kind: 'reference', symbol: 'E_ACCESSDENIED' });
  });

  it('finds symptoms, typos, transpositions, prefixes and parts of names', async () => {
    // PostgreSQL ranks it second: ts_rank has four weights for six fields.
    expect(await top('windows update soap fault')).toContain(
      '/operating-systems/microsoft/windows-update/0x80244007',
    );
    expect(await top('catalitic convertor', 2)).toContain('/vehicles/obd-ii/powertrain/p0420');
    expect(await top('misfier', 10)).toContain('/vehicles/obd-ii/powertrain/p0300');
    expect((await top('sevice unavalable'))[0]).toBe('/web/http/status-codes/503');
    expect(await top('SOAPCLIENT', 5)).toContain('/reference/hresult/wu_e_pt_soapclient_connect');
    expect(await top('service unavai', 3)).toContain('/web/http/status-codes/503');
  });

  it('gives facets with counts, pages, filters and highlighted snippets', async () => {
    const response = await engine.search('update');
    expect(response.total).toBeGreaterThan(10);
    expect(response.results).toHaveLength(10);
    expect(response.facets.kind.guide).toBeGreaterThan(0);
    expect(response.facets.kind.reference).toBeGreaterThan(0);
    expect(response.results.some((r) => r.snippet.includes('<mark>'))).toBe(true);
    const second = await engine.search('update', {}, 2);
    expect(second.results[0]!.url).not.toBe(response.results[0]!.url);
    const guidesOnly = await engine.search('update', { kind: 'guide' });
    expect(guidesOnly.results.every((r) => r.kind === 'guide')).toBe(true);
    expect(guidesOnly.total).toBe(response.facets.kind.guide);
  });

  it('suggests a correction for a near-miss, and none for known words or codes', async () => {
    expect((await engine.search('catalitic convertor')).didYouMean).toBe('catalytic converter');
    expect(await engine.didYouMean('catalytic converter')).toBeUndefined();
    expect(await engine.didYouMean('0x80244007')).toBeUndefined();
  });

  it('gives suggestions as you type', async () => {
    const suggestions = await engine.suggest('0x8024400', 5);
    expect(suggestions.length).toBeGreaterThan(0);
    expect((await engine.suggest('catalytic conv', 3)).map((s) => s.url)).toContain(
      '/vehicles/obd-ii/powertrain/p0420',
    );
  });

  it.each([
    '"quoted phrase"',
    'update AND proxy',
    'update*',
    '-proxy',
    'NEAR(update proxy)',
    "it's o'clock \\ '",
    '((((',
    '🔥💥',
    'خطأ في التحديث',
    '!!!???',
    'x'.repeat(10_000),
    Array.from({ length: 40 }, (_, i) => `wrod${i}x`).join(' '),
  ])('answers %j within its budget, without throwing', async (q) => {
    const response = await engine.search(q);
    expect(response.total).toBeGreaterThanOrEqual(0);
    expect(response.total).toBeLessThanOrEqual(BUDGET.candidates + 50);
    for (const r of response.results) expect(r.snippet).not.toMatch(/<(?!\/?mark>)/);
  });

  it('follows guides incrementally: unpublished, changed and published again', async () => {
    const target = guides.find((g) => g.code === 'P0420')!;
    const url = '/vehicles/obd-ii/powertrain/p0420';
    const others = guides.filter((g) => g !== target);
    expect(await syncSearchGuides(store.db, store.dialect, bundledCatalog(), others)).toBe(1);
    expect(await top('catalytic converter', 10)).not.toContain(url);
    const changed = { ...target, summary: `${target.summary} Zyxwvut marker.` };
    expect(await syncSearchGuides(store.db, store.dialect, bundledCatalog(), [...others, changed])).toBe(1);
    expect(await top('zyxwvut', 3)).toContain(url);
    expect(await syncSearchGuides(store.db, store.dialect, bundledCatalog(), guides)).toBe(1);
    expect(await top('zyxwvut', 3)).not.toContain(url);
    expect(await top('catalytic converter', 10)).toContain(url);
  });

  it('keeps the relevance set close to the in-memory engine (MRR@10, recall@10)', async () => {
    const scores = [];
    for (const c of cases)
      scores.push(
        scoreCase(
          (await engine.rank(c.query)).map((r) => r.doc.url),
          c.expect,
        ),
      );
    const mrr = mean(scores.map((s) => s.reciprocalRank));
    const recall = mean(scores.map((s) => s.recall));
    console.log(
      `${dialect}: ${cases.length} queries, MRR@10 ${mrr.toFixed(3)}, recall@10 ${recall.toFixed(3)}`,
    );
    expect(mrr).toBeGreaterThanOrEqual(0.85);
    expect(recall).toBeGreaterThanOrEqual(0.93);
  }, 60_000);
});
