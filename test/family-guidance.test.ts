import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../src/catalog/load.ts';
import { lookup, storeGuides } from '../src/lookup/lookup.ts';
import type { Db } from '../src/store/db.ts';
import { makeApp, makeGuide } from './helpers.ts';

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
