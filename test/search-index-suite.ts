import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/config.ts';
import type { Guide } from '../src/guides/schema.ts';
import { BUDGET, DbSearchEngine, syncSearchGuides, syncSearchReferences } from '../src/search/index-db.ts';
import { loadRelevanceSet, mean, scoreCase } from '../src/search/relevance.ts';
import { listPublished } from '../src/store/guides.ts';
import type { Store } from '../src/store/open.ts';

const cases = loadRelevanceSet(join(PACKAGE_ROOT, 'test', 'relevance.yaml'));

/**
 * The database search index's behaviour on one dialect: SQLite and PGlite in npm test
 * (src/search/index-db.test.ts), a real PostgreSQL server in npm run test:pg.
 */
export function searchIndexSuite(dialect: string, open: () => Promise<Store>): void {
  describe(`database search index on ${dialect}`, () => {
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
}
