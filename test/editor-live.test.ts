import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/users.ts';
import { LINT_PER_MINUTE } from '../src/admin/editor-live.ts';
import { guideToForm } from '../src/admin/guide-form.ts';
import { buildApp } from '../src/app.ts';
import { AUTOSAVE_MAX_BYTES } from '../src/guides/autosave.ts';
import { workingCopy } from '../src/guides/editing.ts';
import type { Guide } from '../src/guides/schema.ts';
import type { Db } from '../src/store/db.ts';
import { formBody, makeDb, makeGuide, ORIGIN, TestBrowser } from './helpers.ts';

// The editor's background requests: autosave (owner only, CSRF, bounded) and live lint.

const PASSWORD = 'a long enough password';
let app: FastifyInstance;
let db: Db;
const GUIDE: Guide = makeGuide({ id: 'live-widget-0x80070005', status: 'draft' });

beforeAll(async () => {
  db = await makeDb({ bundled: false, guides: [GUIDE] });
  app = await buildApp({ db, origin: ORIGIN, contentPollMs: 60_000 });
  await createUser(db, 'admin@example.org', PASSWORD, 'admin');
  await createUser(db, 'editor@example.org', PASSWORD, 'editor');
});
afterAll(() => app.close());

async function editorOf(email: string) {
  const browser = new TestBrowser(app);
  expect((await browser.signIn(email, PASSWORD)).statusCode).toBe(303);
  const page = await browser.get(`/admin/guides/${GUIDE.id}/edit`);
  expect(page.statusCode).toBe(200);
  const revision = Number(/name="expectedRevision" value="(\d+)"/.exec(page.body)![1]);
  return { browser, page, csrf: TestBrowser.csrf(page.body), revision };
}

const autosaveUrl = `/admin/autosave?guide=${GUIDE.id}`;

describe('autosave', () => {
  it('keeps the form for its owner only, offers it, restores it, and a save clears it', async () => {
    const admin = await editorOf('admin@example.org');
    const form = { ...guideToForm(GUIDE), summary: 'Typed but never saved.' };
    const kept = await admin.browser.post(
      autosaveUrl,
      formBody(form, { _csrf: admin.csrf, expectedRevision: admin.revision }),
    );
    expect(kept.statusCode).toBe(200);
    expect(Date.parse(kept.json<{ savedAt: string }>().savedAt)).not.toBeNaN();
    // Not a revision: the stored guide is as it was.
    expect((await workingCopy(db, GUIDE.id))!.revision).toBe(admin.revision);

    const offered = await admin.browser.get(`/admin/guides/${GUIDE.id}/edit`);
    expect(offered.body).toContain('class="autosave-offer"');
    expect(offered.body).toContain(`href="/admin/guides/${GUIDE.id}/edit?restore=autosave"`);
    const other = await editorOf('editor@example.org');
    expect(other.page.body).not.toContain('class="autosave-offer"');
    const stranger = await other.browser.get(`/admin/guides/${GUIDE.id}/edit?restore=autosave`);
    expect(stranger.body).not.toContain('Typed but never saved.');

    const restored = await admin.browser.get(`/admin/guides/${GUIDE.id}/edit?restore=autosave`);
    expect(restored.body).toContain('Typed but never saved.');
    expect(restored.body).toContain('Restored your unsaved changes from');
    expect(restored.body).not.toContain('class="autosave-offer"');

    const saved = await admin.browser.post(
      `/admin/guides/${GUIDE.id}`,
      formBody(form, { _csrf: admin.csrf, expectedRevision: admin.revision, action: 'save' }),
    );
    expect(saved.statusCode).toBe(303);
    expect((await admin.browser.get(`/admin/guides/${GUIDE.id}/edit`)).body).not.toContain(
      'class="autosave-offer"',
    );
  });

  it('is discarded by its owner', async () => {
    const admin = await editorOf('admin@example.org');
    const form = { ...guideToForm(GUIDE), summary: 'To be discarded.' };
    expect((await admin.browser.post(autosaveUrl, formBody(form, { _csrf: admin.csrf }))).statusCode).toBe(
      200,
    );
    const discarded = await admin.browser.post(`/admin/autosave/discard?guide=${GUIDE.id}`, {
      _csrf: admin.csrf,
    });
    expect(discarded.statusCode).toBe(303);
    expect(discarded.headers.location).toBe(`/admin/guides/${GUIDE.id}/edit`);
    expect((await admin.browser.get(`/admin/guides/${GUIDE.id}/edit`)).body).not.toContain(
      'class="autosave-offer"',
    );
  });

  it('refuses a post without the CSRF token, without a session, too large, or for no guide', async () => {
    const admin = await editorOf('admin@example.org');
    const form = formBody(guideToForm(GUIDE), {});
    expect((await admin.browser.post(autosaveUrl, form)).statusCode).toBe(403);
    const nobody = new TestBrowser(app);
    const page = await nobody.get('/admin/login');
    const anonymous = await nobody.post(autosaveUrl, { ...form, _csrf: TestBrowser.csrf(page.body) });
    expect(anonymous.statusCode).not.toBe(200);
    expect([302, 401]).toContain(anonymous.statusCode);
    const huge = await admin.browser.post(autosaveUrl, {
      ...form,
      _csrf: admin.csrf,
      summary: 'x'.repeat(AUTOSAVE_MAX_BYTES),
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('The request is not valid.');
    expect(huge.body).not.toMatch(/at .*\.ts:\d+/);
    const missing = await admin.browser.post('/admin/autosave?guide=no-such-guide', {
      ...form,
      _csrf: admin.csrf,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('live lint', () => {
  it('answers the lint warnings of a complete form, keyed by form field', async () => {
    const admin = await editorOf('admin@example.org');
    const form = {
      ...guideToForm(GUIDE),
      sources: [{ title: 'Plain page', url: 'http://example.org/page', publisher: 'Example' }],
    };
    const res = await admin.browser.post('/admin/lint', formBody(form, { _csrf: admin.csrf }));
    expect(res.statusCode).toBe(200);
    const answer = res.json<{ missing: unknown[]; warnings: { field: string; message: string }[] }>();
    expect(answer.missing).toEqual([]);
    expect(answer.warnings).toContainEqual({
      field: 'sources',
      message: 'cite at least one source by its https URL',
    });
  });

  it('names what an incomplete form still needs', async () => {
    const admin = await editorOf('admin@example.org');
    const form = { ...guideToForm(GUIDE), title: '', steps: [{ ...guideToForm(GUIDE).steps[0]!, why: '' }] };
    const res = await admin.browser.post('/admin/lint', formBody(form, { _csrf: admin.csrf }));
    const answer = res.json<{ missing: { field: string; text: string }[] }>();
    expect(answer.missing).toContainEqual({ field: 'title', text: 'Title: must not be empty' });
    expect(answer.missing.map((m) => m.field)).toContain('steps.0.why');
  });

  it('needs the CSRF token and is rate-limited per user', async () => {
    const admin = await editorOf('editor@example.org');
    const body = formBody(guideToForm(GUIDE), {});
    expect((await admin.browser.post('/admin/lint', body)).statusCode).toBe(403);
    let status = 200;
    for (let i = 0; i <= LINT_PER_MINUTE && status === 200; i++) {
      status = (await admin.browser.post('/admin/lint', { ...body, _csrf: admin.csrf })).statusCode;
    }
    expect(status).toBe(429);
  });
});
