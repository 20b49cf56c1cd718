import { beforeAll, describe, expect, it } from 'vitest';
import { indexedEngine } from '../../test/helpers.ts';
import type { SearchEngine } from './engine.ts';

let engine: SearchEngine;

beforeAll(async () => {
  ({ engine } = await indexedEngine());
});

const top = async (q: string, n = 3) => (await engine.search(q)).results.slice(0, n).map((r) => r.url);

describe('SearchEngine', async () => {
  it('ranks exact code matches first, the guide before its reference entry', async () => {
    const results = (await engine.search('windows update 0x80070005')).results;
    expect(results[0]).toMatchObject({
      kind: 'guide',
      match: 'code',
      url: '/operating-systems/microsoft/windows-update/0x80070005',
    });
    expect(results[1]).toMatchObject({ kind: 'reference', symbol: 'E_ACCESSDENIED' });
  });

  it('finds symptoms, typos and parts of names', async () => {
    expect((await top('windows update soap fault'))[0]).toBe(
      '/operating-systems/microsoft/windows-update/0x80244007',
    );
    expect(await top('catalitic convertor', 2)).toContain('/vehicles/obd-ii/powertrain/p0420');
    expect((await top('misfier'))[0]).toBe('/vehicles/obd-ii/powertrain/p0300');
    expect((await top('sevice unavalable'))[0]).toBe('/web/http/status-codes/503');
    expect(await top('SOAPCLIENT', 5)).toContain('/reference/hresult/wu_e_pt_soapclient_connect');
  });

  it('gives facets with counts, pages and highlighted snippets', async () => {
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

  it('suggests a correction for a near-miss', async () => {
    expect((await engine.search('catalitic convertor')).didYouMean).toBe('catalytic converter');
    expect((await engine.search('catalytic converter')).didYouMean).toBeUndefined();
    expect((await engine.search('0x80244007')).didYouMean).toBeUndefined();
  });

  it('proposes a correction only when it finds closer matches than the query did', async () => {
    const bosch = await engine.search('Bosch dishwasher E15');
    expect(bosch.didYouMean).toBeUndefined();
    expect(bosch.total).toBe(0);
    expect((await engine.search('acess denied')).didYouMean).toBe('access denied');
  });

  it('presents no match below the relevance floor', async () => {
    const catalytic = await engine.search('catalitic convertor');
    expect(
      catalytic.results
        .slice(0, 2)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['P0420', 'P0430']);
    const all = await engine.rank('catalitic convertor');
    expect(all.length).toBeGreaterThan(2);
    expect(all.filter((r) => r.doc.family === 'hresult').map((r) => r.doc.symbol)).toEqual([]);
    // Only "error" of three words matched: nothing close, not the first guide with the word error.
    expect(await engine.rank('xbox error 0x87e10bef')).toEqual([]);
    expect(await engine.rank('0x87e10bef')).toEqual([]);
  });

  it.each([
    '"quoted phrase"',
    'update AND proxy',
    'update*',
    '-proxy',
    'NEAR(update proxy)',
    '((((',
    '🔥💥',
    'خطأ في التحديث',
    '!!!???',
    'x'.repeat(10_000),
  ])('answers %j without throwing', async (q) => {
    const response = await engine.search(q.slice(0, 10_000));
    expect(response.total).toBeGreaterThanOrEqual(0);
    for (const r of response.results) expect(r.snippet).not.toMatch(/<(?!\/?mark>)/);
  });
});
