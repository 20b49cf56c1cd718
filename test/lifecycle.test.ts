import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideToForm } from '../src/admin/guide-form.ts';
import { guideUrl, type Guide } from '../src/guides/schema.ts';
import type { Db } from '../src/store/db.ts';
import { publishedById } from '../src/guides/repository.ts';
import { formBody, makeAdminApp, ORIGIN, PASSWORD, TestBrowser } from './helpers.ts';

let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  // No background polling: the route itself must make the change visible.
  ({ app, db } = await makeAdminApp({
    contentPollMs: 3_600_000,
    accounts: { 'reviewer@example.org': 'reviewer' },
  }));
});
afterAll(() => app.close());

/** Everything the public sees of a guide: page, lookup (page and API), search, sitemap, JSON API. */
async function publicView(guide: Guide) {
  const url = guideUrl(guide);
  const page = await app.inject(url);
  const lookup = await app.inject(`/lookup?q=${encodeURIComponent(guide.code)}`);
  const apiLookup = (await app.inject(`/api/v1/lookup?q=${encodeURIComponent(guide.code)}`)).json();
  const search = (await app.inject(`/api/v1/search?q=${encodeURIComponent(guide.title)}`)).json();
  const sitemap = (await app.inject('/sitemap.xml')).body;
  const api = await app.inject(`/api/v1/guides/${guide.id}`);
  return {
    page: page.statusCode,
    lookupRedirect: lookup.headers.location === url,
    inApiLookup: apiLookup.matches.some((m: { url: string }) => m.url === url),
    inSearch: search.results.some((r: { url: string }) => r.url === url),
    inSitemap: sitemap.includes(`${ORIGIN}${url}<`),
    api: api.statusCode,
  };
}

const ON_SITE = {
  page: 200,
  lookupRedirect: true,
  inApiLookup: true,
  inSearch: true,
  inSitemap: true,
  api: 200,
};
const GONE = {
  page: 410,
  lookupRedirect: false,
  inApiLookup: false,
  inSearch: false,
  inSitemap: false,
  api: 404,
};

describe('taking a guide off the public site', () => {
  it('unpublish through the JSON API: the old address answers 410, lookup, search and sitemap drop it', async () => {
    const guide = (await publishedById(db, 'windows-update-0x8024402c'))!.guide;
    expect(await publicView(guide)).toEqual(ON_SITE);
    const reviewer = new TestBrowser(app);
    expect((await reviewer.signIn('reviewer@example.org', PASSWORD)).statusCode).toBe(303);
    const token = (await reviewer.json('GET', '/api/v1/admin/csrf')).json().token;
    const copy = (await reviewer.json('GET', `/api/v1/admin/guides/${guide.id}`)).json();
    const res = await reviewer.json(
      'POST',
      `/api/v1/admin/guides/${guide.id}/unpublish`,
      { expectedRevision: copy.revision },
      { 'x-csrf-token': token },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ publicStatus: 'draft', pendingDraft: false, publicChanged: true });
    expect(await publicView(guide)).toEqual(GONE);
    const gone = await app.inject(guideUrl(guide));
    expect(gone.body).toContain('taken off the site');
    expect(gone.headers['content-security-policy']).toBeDefined();

    // Unpublishing again is refused, and publishing brings it back everywhere.
    const again = await reviewer.json(
      'POST',
      `/api/v1/admin/guides/${guide.id}/unpublish`,
      { expectedRevision: copy.revision + 1 },
      { 'x-csrf-token': token },
    );
    expect(again.statusCode).toBe(409);
    const back = await reviewer.json(
      'POST',
      `/api/v1/admin/guides/${guide.id}/publish`,
      { expectedRevision: copy.revision + 1 },
      { 'x-csrf-token': token },
    );
    expect(back.statusCode).toBe(200);
    expect(await publicView(guide)).toEqual(ON_SITE);
  });

  it('unpublish and archive through the editor form do the same', async () => {
    const reviewer = new TestBrowser(app);
    await reviewer.signIn('reviewer@example.org', PASSWORD);
    for (const [id, action] of [
      ['windows-update-0x8000ffff', 'unpublish'],
      ['windows-update-0x80096004', 'archive'],
    ] as const) {
      const guide = (await publishedById(db, id))!.guide;
      expect(await publicView(guide)).toEqual(ON_SITE);
      const edit = await reviewer.get(`/admin/guides/${id}/edit`);
      const revision = Number(/name="expectedRevision" value="(\d+)"/.exec(edit.body)![1]);
      const res = await reviewer.post(
        `/admin/guides/${id}`,
        formBody(guideToForm(guide), {
          _csrf: TestBrowser.csrf(edit.body),
          action,
          expectedRevision: revision,
        }),
      );
      expect(res.statusCode).toBe(303);
      expect(await publicView(guide)).toEqual(GONE);
      const notice = await reviewer.get(String(res.headers.location));
      expect(notice.body).toContain('no longer on the public site');
    }
  });
});
