import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { saveWorkingCopy, workingCopy } from '../src/guides/editing.ts';
import type { LifecycleAction } from '../src/guides/lifecycle.ts';
import { saveGuides } from '../src/guides/repository.ts';
import { guideUrl } from '../src/guides/schema.ts';
import type { Db } from '../src/store/db.ts';
import { makeDb, makeGuide, ORIGIN } from './helpers.ts';

let app: FastifyInstance;
let db: Db;
const shown = makeGuide({ id: 'shown' });
const waiting = makeGuide({ id: 'waiting', code: '0x80244007', title: 'Soap fault', status: 'draft' });
const section = '/test-category/test-brand/test-product';

beforeAll(async () => {
  db = await makeDb({ bundled: false, guides: [shown, waiting] });
  // No background polling: the event alone must make each change visible on the next request.
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

const status = async (url: string) => (await app.inject(url)).statusCode;
const body = async (url: string) => (await app.inject(url)).body;

describe('the read model of published content', () => {
  it('serves guide and browse pages with official entries and related guides from memory', async () => {
    const page = await body(guideUrl(shown));
    expect(page).toContain('E_ACCESSDENIED');
    expect(page).toContain('ERROR_ACCESS_DENIED');
    expect(await body(section)).toContain(guideUrl(shown));
    expect(await status(guideUrl(waiting))).toBe(404);
  });

  it('reflects each lifecycle action on the next request', async () => {
    await act('waiting', 'publish');
    expect(await status(guideUrl(waiting))).toBe(200);
    expect(await body(section)).toContain(guideUrl(waiting));
    expect(await body('/sitemap.xml')).toContain(guideUrl(waiting));
    const lookup = await app.inject('/lookup?q=0x80244007');
    expect(lookup.headers.location).toBe(guideUrl(waiting));

    await act('waiting', 'unpublish');
    expect(await status(guideUrl(waiting))).toBe(410);
    expect(await body(section)).not.toContain(guideUrl(waiting));
    expect(await body('/sitemap.xml')).not.toContain(guideUrl(waiting));

    await act('waiting', 'publish');
    await act('waiting', 'archive');
    expect(await status(guideUrl(waiting))).toBe(410);
    expect(await status(`${guideUrl(waiting)}/fix/1`)).toBe(410);
  });

  it('reflects an import on the next request, related links included', async () => {
    const added = makeGuide({
      id: 'added',
      code: '0x80070002',
      title: 'File not found',
      summary: 'The system cannot find the file. The code is `ERROR_FILE_NOT_FOUND`.',
      related: ['0x80070005'],
    });
    await saveGuides(db, [added]);
    const page = await body(guideUrl(added));
    expect(page).toContain('ERROR_FILE_NOT_FOUND');
    expect(page).toContain(guideUrl(shown)); // the related guide
    expect(await body(section)).toContain(guideUrl(added));

    await saveGuides(db, [{ ...shown, title: 'Access denied, retitled' }]);
    expect(await body(guideUrl(shown))).toContain('Access denied, retitled');
  });
});
