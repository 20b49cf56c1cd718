import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { saveWorkingCopy, workingCopy } from '../src/guides/editing.ts';
import type { LifecycleAction } from '../src/guides/lifecycle.ts';
import { guideUrl } from '../src/guides/schema.ts';
import { unguidedTotals } from '../src/lookup/unguided-visits.ts';
import type { Db } from '../src/store/db.ts';
import { SECURITY_HEADERS } from '../src/web/security.ts';
import { PUBLIC_PAGE_CACHE_CONTROL } from '../src/web/page-cache.ts';
import { makeDb, makeGuide, ORIGIN } from './helpers.ts';

let app: FastifyInstance;
let db: Db;
const shown = makeGuide({ id: 'shown' });
const waiting = makeGuide({ id: 'waiting', code: '0x80244007', title: 'Soap fault', status: 'draft' });
const REFERENCE = '/reference/hresult/wu_e_pt_soapclient_soapfault';

beforeAll(async () => {
  db = await makeDb({ bundled: false, guides: [shown, waiting] });
  // No background polling: the content event alone must empty each cache.
  app = await buildApp({ db, origin: ORIGIN, admin: false, contentPollMs: 3_600_000 });
});
afterAll(() => app.close());

async function act(id: string, action: LifecycleAction) {
  const copy = (await workingCopy(db, id))!;
  await saveWorkingCopy(db, {
    guide: copy.guide,
    action,
    expectedRevision: copy.revision,
    author: 'editor@example.com',
    message: action,
  });
}

async function answerCacheCount(cache: string, result: 'hit' | 'miss'): Promise<number> {
  const text = (await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).body;
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`errata_answer_cache_lookups_total{cache="${cache}",result="${result}"}`));
  return Number(line?.split(' ').at(-1) ?? 0);
}

function expectSecurityHeaders(headers: Record<string, unknown>) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name]).toBe(value);
}

describe('cached public answers', () => {
  it('a repeated lookup redirects from memory, and follows publish and unpublish at once', async () => {
    const hitsBefore = await answerCacheCount('lookup', 'hit');
    const first = await app.inject('/lookup?q=0x80244007');
    const again = await app.inject('/lookup?q=0x80244007');
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe(REFERENCE);
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe(REFERENCE);
    expectSecurityHeaders(again.headers);
    expect(await answerCacheCount('lookup', 'hit')).toBe(hitsBefore + 1);

    await act('waiting', 'publish');
    expect((await app.inject('/lookup?q=0x80244007')).headers.location).toBe(guideUrl(waiting));
    expect((await app.inject('/lookup?q=0x80244007')).headers.location).toBe(guideUrl(waiting));

    await act('waiting', 'unpublish');
    expect((await app.inject('/lookup?q=0x80244007')).headers.location).toBe(REFERENCE);
  });

  it('a repeated search page comes from memory, and follows publish and unpublish at once', async () => {
    const url = '/search?q=soap+fault';
    const before = await app.inject(url);
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain(guideUrl(waiting));
    const hitsBefore = await answerCacheCount('search_page', 'hit');
    const again = await app.inject(url);
    expect(again.body).toBe(before.body);
    expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(again.headers);
    expect(await answerCacheCount('search_page', 'hit')).toBe(hitsBefore + 1);

    await act('waiting', 'publish');
    expect((await app.inject(url)).body).toContain(guideUrl(waiting));
    expect((await app.inject(url)).body).toContain(guideUrl(waiting));
    await act('waiting', 'unpublish');
    expect((await app.inject(url)).body).not.toContain(guideUrl(waiting));
  });

  it('a search without results is never kept: each one is counted for editors', async () => {
    const url = '/search?q=zzqqxxnothing';
    for (let i = 0; i < 3; i++) expect((await app.inject(url)).statusCode).toBe(404);
    const misses = await db
      .selectFrom('search_misses')
      .selectAll()
      .where('query', '=', 'zzqqxxnothing')
      .execute();
    expect(misses.map((m) => Number(m.count))).toEqual([3]);
  });

  it('cached pages keep the security headers, their validator and caching policy, for GET and HEAD', async () => {
    for (const url of [guideUrl(shown), REFERENCE, '/reference/hresult', '/']) {
      const rendered = await app.inject(url);
      const cached = await app.inject(url);
      expect(cached.statusCode).toBe(200);
      expect(cached.body).toBe(rendered.body);
      expectSecurityHeaders(cached.headers);
      expect(cached.headers['cache-control']).toBe(PUBLIC_PAGE_CACHE_CONTROL);
      expect(cached.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(cached.headers.etag).toBe(rendered.headers.etag);

      const head = await app.inject({ method: 'HEAD', url });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
      expect(head.headers.etag).toBe(rendered.headers.etag);
      expectSecurityHeaders(head.headers);

      const conditional = await app.inject({ url, headers: { 'if-none-match': rendered.headers.etag! } });
      expect(conditional.statusCode).toBe(304);
      expect(conditional.body).toBe('');
      expectSecurityHeaders(conditional.headers);
    }
  });

  it('any other spelling of a cached address still meets the route: redirects, queries, trailing slash', async () => {
    const url = guideUrl(shown);
    await app.inject(url);
    const upper = await app.inject(url.replace('test-category', 'Test-Category'));
    expect(upper.statusCode).toBe(301);
    expect(upper.headers.location).toBe(url);
    expect((await app.inject(`${url}?utm=x`)).statusCode).toBe(200);
    expect((await app.inject(`${url}/`)).statusCode).toBe(200);
    expect((await app.inject(url.replace('test-category', 'test%2Dcategory'))).statusCode).toBe(200);
  });

  it('a page published after it was cached as missing shows at once, and one unpublished answers 410', async () => {
    expect((await app.inject(guideUrl(waiting))).statusCode).toBe(410);
    await act('waiting', 'publish');
    expect((await app.inject(guideUrl(waiting))).statusCode).toBe(200);
    expect((await app.inject(guideUrl(waiting))).statusCode).toBe(200);
    await act('waiting', 'unpublish');
    expect((await app.inject(guideUrl(waiting))).statusCode).toBe(410);
  });
});

describe('visits without a guide', () => {
  it('are counted on every visit of a reference page, from the cache too', async () => {
    const ownDb = await makeDb({ bundled: false });
    const own = await buildApp({ db: ownDb, origin: ORIGIN, admin: false, contentPollMs: 3_600_000 });
    for (let i = 0; i < 3; i++) expect((await own.inject(REFERENCE)).statusCode).toBe(200);
    await own.close(); // writes the counts
    const { codes } = await unguidedTotals(ownDb);
    expect(codes.map((c) => [c.family, c.visits])).toEqual([['hresult', 3]]);
  });
});
