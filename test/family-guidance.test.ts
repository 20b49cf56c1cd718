import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/users.ts';
import { buildApp } from '../src/app.ts';
import { bundledCatalog } from '../src/catalog/load.ts';
import { lookup, storeGuides } from '../src/lookup/lookup.ts';
import type { Db } from '../src/store/db.ts';
import { unguidedTotals } from '../src/lookup/unguided-visits.ts';
import { makeApp, makeDb, makeGuide, ORIGIN, TestBrowser } from './helpers.ts';

const wuFamily = makeGuide({
  id: 'windows-update-errors',
  code: '0x8024xxxx',
  kind: 'family',
  covers: [{ family: 'hresult', range: [0x80240000, 0x8024ffff] }],
  category: 'Operating systems',
  brand: 'Microsoft',
  product: 'Windows Update',
  title: 'Windows Update client errors (0x8024xxxx): general guide',
});
const soapFault = makeGuide({
  id: 'windows-update-0x80244007',
  code: '0x80244007',
  category: 'Operating systems',
  brand: 'Microsoft',
  product: 'Windows Update',
  title: 'Windows Update SOAP fault',
  summary: 'The server sent a SOAP client fault: `WU_E_PT_SOAPCLIENT_SOAPFAULT`.',
});

let app: FastifyInstance;
let db: Db;
beforeAll(async () => {
  ({ app, db } = await makeApp({ bundled: false, guides: [wuFamily, soapFault] }));
});
afterAll(() => app.close());

describe('family guidance', () => {
  it('shows the family guide on a reference entry without a guide of its own', async () => {
    const res = await app.inject('/reference/hresult/wu_e_no_update');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('General guidance for this family of codes');
    expect(res.body).toContain('href="/operating-systems/microsoft/windows-update/0x8024xxxx"');
  });

  it('shows the entry’s own guide, not the family guide, when it has one', async () => {
    const res = await app.inject('/reference/hresult/wu_e_pt_soapclient_soapfault');
    expect(res.body).toContain('href="/operating-systems/microsoft/windows-update/0x80244007"');
    expect(res.body).not.toContain('General guidance for this family of codes');
  });

  it('leaves entries no family guide covers as they were', async () => {
    const res = await app.inject('/reference/hresult/e_accessdenied');
    expect(res.body).not.toContain('family-guidance');
    expect(res.body).toContain('no troubleshooting guide for this code yet');
  });

  it('gives API reference matches guidance only when they have no guide', async () => {
    const noGuide = (await app.inject('/api/v1/lookup?q=0x80240024')).json();
    expect(noGuide.matches).toEqual([
      expect.objectContaining({
        kind: 'reference',
        symbol: 'WU_E_NO_UPDATE',
        guidance: {
          title: wuFamily.title,
          url: '/operating-systems/microsoft/windows-update/0x8024xxxx',
        },
      }),
    ]);
    const guided = (await app.inject('/api/v1/lookup?q=0x80244007')).json();
    expect(guided.matches.map((m: { kind: string }) => m.kind)).toEqual(['guide', 'reference']);
    expect(guided.matches[1].guidance).toBeUndefined();
  });

  it('offers the family guide on the lookup page of a code no catalog has', async () => {
    const res = await app.inject('/lookup?q=0x8024FFF0');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('General help for this family:');
    expect(res.body).toContain('href="/operating-systems/microsoft/windows-update/0x8024xxxx"');
    expect((await app.inject('/lookup?q=0xC1900223')).body).not.toContain('family-guidance');
  });

  it('does not say of a family guide that no catalog has its code', async () => {
    const res = await app.inject('/operating-systems/microsoft/windows-update/0x8024xxxx');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('No reference catalog of Errata has this code');
  });

  it('never answers a lookup with the family guide itself', async () => {
    const result = (await app.inject('/api/v1/lookup?q=0x8024xxxx')).json();
    expect(result.matches.some((m: { kind: string }) => m.kind === 'guide')).toBe(false);
  });

  it('marks the family guide page as general', async () => {
    const res = await app.inject('/operating-systems/microsoft/windows-update/0x8024xxxx');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No specific guide exists yet for your code');
  });

  it('gives the same guidance when lookup reads guides from the store (CLI)', async () => {
    const result = await lookup(storeGuides(db), bundledCatalog(), '0x80240024');
    expect(result.matches[0]?.guidance?.url).toBe('/operating-systems/microsoft/windows-update/0x8024xxxx');
  });
});

describe('visits without a guide', () => {
  it('counts reference pages and lookups that found no guide, and shows editors the totals', async () => {
    const store = await makeDb({ bundled: false, guides: [wuFamily, soapFault] });
    const site = await buildApp({ db: store, origin: ORIGIN });
    for (const url of [
      '/reference/hresult/wu_e_no_update',
      '/reference/hresult/wu_e_no_update', // the cached page counts too
      '/reference/hresult/wu_e_pt_soapclient_soapfault', // has a guide
      '/api/v1/lookup?q=0x80244007', // found its guide
      '/api/v1/lookup?q=0xC1900223', // no catalog has it
      '/lookup?q=P0304', // one reference entry: counted on the page it redirects to
      '/reference/obd/p0304',
    ]) {
      expect((await site.inject(url)).statusCode).toBeLessThan(400);
    }
    await site.close(); // writes the counts
    const { codes, families } = await unguidedTotals(store);
    expect(codes.map((c) => [c.family, c.code, c.visits])).toEqual([
      ['hresult', '0x80240024', 2],
      ['obd', 'P0304', 1],
      ['unknown', '0xC1900223', 1],
    ]);
    expect(families.map((f) => f.family)).toEqual(['hresult', 'obd', 'unknown']);

    const admin = await buildApp({ db: store, origin: ORIGIN });
    try {
      await createUser(store, 'editor@example.org', 'a long enough password', 'editor');
      const browser = new TestBrowser(admin);
      expect((await browser.signIn('editor@example.org', 'a long enough password')).statusCode).toBe(303);
      const page = await browser.get('/admin/unguided?days=all');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<a href="/reference/hresult/wu_e_no_update">0x80240024</a>');
      expect(page.body).toContain('href="/operating-systems/microsoft/windows-update/0x8024xxxx"');
      expect(page.body).toContain('no guide at all');
      expect((await admin.inject('/admin/unguided')).statusCode).toBe(302);
    } finally {
      await admin.close();
    }
  });
});
