import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWithHash } from '../src/accounts/repository.ts';
import { createUser } from '../src/accounts/users.ts';
import {
  emptyGuideForm,
  formToGuideDraft,
  guideToForm,
  validateForAction,
  type FormFields,
} from '../src/admin/guide-form.ts';
import { act, bulkAct } from '../src/admin/workflow.ts';
import { buildApp } from '../src/app.ts';
import { completeGuide } from '../src/guides/draft.ts';
import { workingCopy } from '../src/guides/editing.ts';
import { exportContent } from '../src/guides/export.ts';
import { guideUrl, type Guide } from '../src/guides/schema.ts';
import type { Db } from '../src/store/db.ts';
import { formBody, makeDb, makeGuide, ORIGIN, TestBrowser } from './helpers.ts';

// Incomplete drafts: saving keeps them; submitting, publishing and the public site need complete guides.

const PASSWORD = 'a long enough password';
let app: FastifyInstance;
let db: Db;
const LIVE: Guide = makeGuide({ id: 'draft-widget-0x80070005', status: 'published' });
const COMPLETE: Guide = makeGuide({ id: 'draft-widget-0x80070002', code: '0x80070002', status: 'draft' });

beforeAll(async () => {
  db = await makeDb({ bundled: false, guides: [LIVE, COMPLETE] });
  app = await buildApp({ db, origin: ORIGIN, contentPollMs: 60_000 });
  await createUser(db, 'admin@example.org', PASSWORD, 'admin');
});
afterAll(() => app.close());

async function signedIn() {
  const browser = new TestBrowser(app);
  expect((await browser.signIn('admin@example.org', PASSWORD)).statusCode).toBe(303);
  const page = await browser.get('/admin/guides/new');
  return { browser, csrf: TestBrowser.csrf(page.body) };
}

/** A new guide with only an id, a title and a step without its why. */
const sketch = (id: string): FormFields => ({
  ...emptyGuideForm('2026-12-03'),
  id,
  title: 'Half-written guide',
  steps: [{ id: '', action: 'Restart the service.', why: '', commands: '', audience: '', kind: '' }],
});

describe('validation for saving and for review (pure)', () => {
  it('lets Save keep blanks and a step without its why, and names them for Submit', () => {
    const body = {
      ...formToGuideDraft({ ...sketch('half-guide'), causes: [], sources: [] }),
      status: 'draft',
    };
    const saved = validateForAction('save', body);
    expect(saved.ok).toBe(true);
    const submitted = validateForAction('submit', body);
    expect(submitted.ok).toBe(false);
    if (!submitted.ok) {
      expect(submitted.errors['steps.0.why']).toBe('must not be empty');
      expect(submitted.errors.summary).toBe('must not be empty');
      expect(submitted.errors.sources).toBe('a guide needs at least one source');
    }
    expect(validateForAction('publish', body).ok).toBe(false);
  });

  it('refuses on Save only what cannot be kept', () => {
    const result = validateForAction('save', { ...formToGuideDraft(sketch('Not A Slug')), status: 'draft' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['id']);
  });
});

describe('incomplete drafts in the editor', () => {
  it('saves a new incomplete draft, lists what it still needs, and refuses to submit it', async () => {
    const { browser, csrf } = await signedIn();
    const saved = await browser.post(
      '/admin/guides',
      formBody(sketch('half-guide'), { _csrf: csrf, action: 'save' }),
    );
    expect(saved.statusCode).toBe(303);
    const copy = await workingCopy(db, 'half-guide');
    expect(copy!.guide.title).toBe('Half-written guide');
    expect(copy!.guide.steps[0]!.why).toBe('');
    expect(completeGuide(copy!.guide)).toBeUndefined();

    const editor = await browser.get('/admin/guides/half-guide/edit');
    expect(editor.statusCode).toBe(200);
    expect(editor.body).toContain('Still needed before review');
    expect(editor.body).toContain('href="#field-steps-0-why"');
    expect((await browser.get('/admin')).body).toContain('incomplete draft');
    // A second draft without an address yet does not collide with the first one.
    const second = await browser.post(
      '/admin/guides',
      formBody(sketch('half-guide-two'), { _csrf: csrf, action: 'save' }),
    );
    expect(second.statusCode).toBe(303);

    const form = guideToForm(copy!.guide);
    const submitted = await browser.post(
      '/admin/guides/half-guide',
      formBody(form, { _csrf: csrf, action: 'submit', expectedRevision: copy!.revision }),
    );
    expect(submitted.statusCode).toBe(422);
    expect(submitted.body).toContain('Why it helps');
    expect(submitted.body).toMatch(/Step 1, why it helps: must not be empty/);
    expect((await workingCopy(db, 'half-guide'))!.revision).toBe(copy!.revision);

    const preview = await browser.post(
      '/admin/guides/half-guide',
      formBody(form, { _csrf: csrf, action: 'preview', expectedRevision: copy!.revision }),
    );
    expect(preview.statusCode).toBe(422);

    // Saving it again (a second revision) keeps it incomplete and readable by history, diff and revision view.
    const again = await browser.post(
      '/admin/guides/half-guide',
      formBody(
        { ...form, summary: 'Now with a summary.' },
        { _csrf: csrf, action: 'save', expectedRevision: copy!.revision },
      ),
    );
    expect(again.statusCode).toBe(303);
    expect((await browser.get('/admin/guides/half-guide/history')).statusCode).toBe(200);
    const diff = await browser.get('/admin/guides/half-guide/diff?a=1&b=2');
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toContain('Now with a summary.');
    const revision = await browser.get('/admin/guides/half-guide/revisions/2');
    expect(revision.statusCode).toBe(200);
    expect(revision.body).toContain('is an incomplete draft');
  });

  it('keeps the public page on the published text while an incomplete edit waits, and will not publish it', async () => {
    const { browser, csrf } = await signedIn();
    const copy = (await workingCopy(db, LIVE.id))!;
    const form = { ...guideToForm(copy.guide), summary: '', causes: [] };
    const saved = await browser.post(
      `/admin/guides/${LIVE.id}`,
      formBody(form, { _csrf: csrf, action: 'save', expectedRevision: copy.revision }),
    );
    expect(saved.statusCode).toBe(303);
    const pending = (await workingCopy(db, LIVE.id))!;
    expect(pending.pendingDraft).toBe(true);
    expect(pending.guide.summary).toBe('');

    const page = await app.inject({ method: 'GET', url: guideUrl(LIVE) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('E_ACCESSDENIED');

    const admin = (await userWithHash(db, 'admin@example.org'))!.user;
    const bulk = await bulkAct(db, admin, {
      action: 'publish',
      guides: [{ id: LIVE.id, expectedRevision: pending.revision }],
    });
    expect(bulk.done).toEqual([]);
    expect(bulk.refused[0]!.reason).toContain('incomplete draft');
    expect((await app.inject({ method: 'GET', url: guideUrl(LIVE) })).body).toContain('E_ACCESSDENIED');

    // Taking it off the site never waits for the edit to be complete.
    const off = await act(db, admin, {
      id: LIVE.id,
      action: 'unpublish',
      expectedRevision: pending.revision,
    });
    expect(off.publicStatus).toBe('draft');
    await expect
      .poll(async () => (await app.inject({ method: 'GET', url: guideUrl(LIVE) })).statusCode)
      .toBe(410);
  });

  it('exports complete guides and names the incomplete drafts it left out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'errata-incomplete-'));
    try {
      const summary = await exportContent(db, dir);
      expect(summary.incomplete.sort()).toEqual([LIVE.id, 'half-guide', 'half-guide-two'].sort());
      expect(summary.guides).toBe(1);
      expect(summary.pending).toBe(0);
      const files = await readdir(join(dir, 'test-category'));
      expect(files).toEqual([`${COMPLETE.id}.yaml`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
