import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsers } from '../src/accounts/repository.ts';
import { guideToForm } from '../src/admin/guide-form.ts';
import { getRevision, workingCopy } from '../src/guides/editing.ts';
import type { Guide } from '../src/guides/schema.ts';
import type { Db } from '../src/store/db.ts';
import {
  formBody,
  makeAdminApp,
  makeGuide,
  openEditor,
  PASSWORD,
  TestBrowser,
  type AdminApp,
} from './helpers.ts';

// The editors' workbench: the editor keeps people's text through sign-in, Back and every button.

let app: FastifyInstance;
let db: Db;
let fixture: AdminApp;

const GUIDE: Guide = makeGuide({ id: 'bench-widget-0x80070005', status: 'published' });

beforeAll(async () => {
  fixture = await makeAdminApp({
    bundled: false,
    guides: [GUIDE],
    accounts: { 'admin@example.org': 'admin', 'editor@example.org': 'editor' },
  });
  ({ app, db } = fixture);
});
afterAll(() => app.close());

/** The hidden inputs and values of a page's forms, as a browser would post them back. */
function hidden(html: string, name: string): string | undefined {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  return m?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** A browser signed in, as the admin unless told. */
const signedIn = (email = 'admin@example.org') => fixture.signedIn(email);

describe('an ended session keeps the edit (bug 2)', () => {
  it('signs in again with the form carried, restores the text and saves it', async () => {
    const browser = await signedIn();
    const { revision, csrf } = await openEditor(browser, GUIDE.id);
    // Another tab signs out: the session ends, the CSRF cookie stays.
    const logout = await browser.post('/admin/logout', { _csrf: csrf });
    expect(logout.statusCode).toBe(303);

    const typed = 'Text typed <while> the session "ended" & more.';
    const form = { ...guideToForm(GUIDE), summary: typed };
    const save = await browser.post(
      `/admin/guides/${GUIDE.id}`,
      formBody(form, { _csrf: csrf, action: 'save', expectedRevision: revision, message: 'late save' }),
    );
    expect(save.statusCode).toBe(401);
    expect(save.body).toContain('Sign in');
    expect(save.body).toContain('your changes are not saved yet');
    const carried = hidden(save.body, 'carried');
    expect(carried).toContain('Text typed <while>');
    // Escaped in the page: the carried text cannot break out of its attribute.
    expect(save.body).not.toContain('<while>');

    const signIn = await browser.post('/admin/login', {
      _csrf: TestBrowser.csrf(save.body),
      email: 'admin@example.org',
      password: PASSWORD,
      next: hidden(save.body, 'next')!,
      carried: carried!,
    });
    expect(signIn.statusCode).toBe(303);
    const location = String(signIn.headers.location);
    expect(location).toMatch(new RegExp(`^/admin/guides/${GUIDE.id}/edit\\?draft=[\\w-]{32}&from=sign-in$`));

    const restored = await browser.get(location);
    expect(restored.statusCode).toBe(200);
    expect(restored.body).toContain('your text is back');
    expect(restored.body).toContain('Text typed &lt;while> the session &quot;ended&quot; &amp; more.');
    expect(hidden(restored.body, 'expectedRevision')).toBe(String(revision));
    expect(hidden(restored.body, 'message')).toBeUndefined();
    expect(restored.body).toContain('value="late save"');

    const saved = await browser.post(
      `/admin/guides/${GUIDE.id}`,
      formBody(form, {
        _csrf: TestBrowser.csrf(restored.body),
        action: 'save',
        expectedRevision: revision,
        message: 'late save',
        stash: hidden(restored.body, 'stash')!,
      }),
    );
    expect(saved.statusCode).toBe(303);
    const copy = await workingCopy(db, GUIDE.id);
    expect(copy?.guide.summary).toBe(typed);
    expect(copy?.revision).toBe(revision + 1);
    // The stash is gone once saved: its link now says so instead of showing old text.
    const again = await browser.get(location);
    expect(again.body).toContain('no longer kept');
  });

  it('keeps a new guide through sign-in too, and a wrong password keeps carrying it', async () => {
    const browser = await signedIn('editor@example.org');
    const blank = await browser.get('/admin/guides/new');
    const csrf = TestBrowser.csrf(blank.body);
    await browser.post('/admin/logout', { _csrf: csrf });
    const form = { ...guideToForm(makeGuide({ id: 'bench-new-0x80070006' })), title: 'A brand new title' };
    const save = await browser.post('/admin/guides', formBody(form, { _csrf: csrf, action: 'save' }));
    expect(save.statusCode).toBe(401);
    expect(hidden(save.body, 'next')).toBe('/admin/guides/new');

    const wrong = await browser.post('/admin/login', {
      _csrf: TestBrowser.csrf(save.body),
      email: 'editor@example.org',
      password: 'not the password',
      next: '/admin/guides/new',
      carried: hidden(save.body, 'carried')!,
    });
    expect(wrong.statusCode).toBe(401);
    const signIn = await browser.post('/admin/login', {
      _csrf: TestBrowser.csrf(wrong.body),
      email: 'editor@example.org',
      password: PASSWORD,
      next: '/admin/guides/new',
      carried: hidden(wrong.body, 'carried')!,
    });
    const restored = await browser.get(String(signIn.headers.location));
    expect(restored.statusCode).toBe(200);
    expect(restored.body).toContain('A brand new title');
  });

  it("never shows one person's stash to another", async () => {
    const owner = await signedIn();
    const { csrf, revision } = await openEditor(owner, GUIDE.id);
    await owner.post('/admin/logout', { _csrf: csrf });
    const save = await owner.post(
      `/admin/guides/${GUIDE.id}`,
      formBody(
        { ...guideToForm(GUIDE), title: 'Owner only text' },
        { _csrf: csrf, expectedRevision: revision },
      ),
    );
    const signIn = await owner.post('/admin/login', {
      _csrf: TestBrowser.csrf(save.body),
      email: 'admin@example.org',
      password: PASSWORD,
      next: hidden(save.body, 'next')!,
      carried: hidden(save.body, 'carried')!,
    });
    const other = await signedIn('editor@example.org');
    const page = await other.get(String(signIn.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Owner only text');
    expect(page.body).toContain('no longer kept');
  });

  it('sends a signed-out form post elsewhere than a 404 after sign-in', async () => {
    const browser = new TestBrowser(app);
    const login = await browser.get('/admin/login');
    const res = await browser.post(`/admin/guides/${GUIDE.id}/revisions/1/restore`, {
      _csrf: TestBrowser.csrf(login.body),
      expectedRevision: 1,
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin');
    expect(await getRevision(db, GUIDE.id, 1)).toBeDefined();
  });
});

describe('Back after "Add a …" and Preview (bug 3)', () => {
  it('answers both with a redirect to a page Back fetches again, with the latest text', async () => {
    const browser = await signedIn();
    const { revision, csrf } = await openEditor(browser, GUIDE.id);
    const form = { ...guideToForm(GUIDE), title: 'Typed before adding' };
    const add = await browser.post(
      `/admin/guides/${GUIDE.id}`,
      formBody(form, { _csrf: csrf, action: 'add:steps', expectedRevision: revision }),
    );
    expect(add.statusCode).toBe(303);
    const added = String(add.headers.location);
    expect(added).toMatch(
      new RegExp(`^/admin/guides/${GUIDE.id}/edit\\?draft=[\\w-]{32}#field-steps-1-action$`),
    );
    const withRow = await browser.get(added.split('#')[0]!);
    expect(withRow.statusCode).toBe(200);
    expect(withRow.body).toContain('value="Typed before adding"');
    expect(withRow.body).toContain('id="field-steps-1-action"');
    const stash = hidden(withRow.body, 'stash')!;
    expect(added).toContain(stash);

    const later = { ...form, title: 'Typed after adding' };
    const preview = await browser.post(
      `/admin/guides/${GUIDE.id}`,
      formBody(later, {
        _csrf: TestBrowser.csrf(withRow.body),
        action: 'preview',
        expectedRevision: revision,
        stash,
      }),
    );
    expect(preview.statusCode).toBe(303);
    expect(preview.headers.location).toBe(`/admin/drafts/${stash}/preview`);
    const shown = await browser.get(String(preview.headers.location));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Typed after adding');
    expect(shown.body).toContain('has not been published');
    expect(shown.body).toContain(`href="/admin/guides/${GUIDE.id}/edit?draft=${stash}"`);

    // Back from the preview fetches the editor's address again: the text typed after adding is there.
    const back = await browser.get(added.split('#')[0]!);
    expect(back.body).toContain('value="Typed after adding"');
    expect(hidden(back.body, 'expectedRevision')).toBe(String(revision));
    // Nothing was saved by adding or previewing.
    expect((await workingCopy(db, GUIDE.id))?.revision).toBe(revision);

    const stranger = await signedIn('editor@example.org');
    expect((await stranger.get(String(preview.headers.location))).statusCode).toBe(404);
  });

  it('does the same for a new guide', async () => {
    const browser = await signedIn();
    const blank = await browser.get('/admin/guides/new');
    const form = guideToForm(makeGuide({ id: 'bench-new-0x80070007', title: 'A new guide in the making' }));
    const add = await browser.post(
      '/admin/guides',
      formBody(form, { _csrf: TestBrowser.csrf(blank.body), action: 'add:faq' }),
    );
    expect(add.statusCode).toBe(303);
    expect(String(add.headers.location)).toMatch(
      /^\/admin\/guides\/new\?draft=[\w-]{32}#field-faq-0-question$/,
    );
    const page = await browser.get(String(add.headers.location).split('#')[0]!);
    expect(page.body).toContain('A new guide in the making');
    const preview = await browser.post(
      '/admin/guides',
      formBody(form, {
        _csrf: TestBrowser.csrf(page.body),
        action: 'preview',
        stash: hidden(page.body, 'stash')!,
      }),
    );
    expect(preview.statusCode).toBe(303);
    const shown = await browser.get(String(preview.headers.location));
    expect(shown.body).toContain('A new guide in the making');
    expect(shown.body).toContain('href="/admin/guides/new?draft=');
  });
});

describe('new-guide buttons do what they say (bug 4)', () => {
  const fresh = (id: string, code: string) =>
    makeGuide({ id, code, product: `Product ${code}`, title: `Fresh guide ${code}`, status: 'draft' });

  it('offers no status control, and only the buttons that apply', async () => {
    const browser = await signedIn();
    const blank = await browser.get('/admin/guides/new');
    expect(blank.body).not.toContain('name="status"');
    expect(blank.body).toContain('Create and submit for review');
    expect(blank.body).toContain('Create and publish');
    expect(blank.body).not.toContain('value="unpublish"');
    expect(blank.body).not.toContain('value="archive"');
    const published = await browser.get(`/admin/guides/${GUIDE.id}/edit`);
    expect(published.body).not.toContain('name="status"');
    expect(published.body).toContain('value="unpublish"');
    expect(published.body).toMatch(/<strong>Status:<\/strong> Published[:;]/);
  });

  it('"Create and submit for review" creates the guide in review', async () => {
    const browser = await signedIn('editor@example.org');
    const blank = await browser.get('/admin/guides/new');
    const guide = fresh('bench-submit-0x80070010', '0x80070010');
    const res = await browser.post(
      '/admin/guides',
      formBody(guideToForm(guide), { _csrf: TestBrowser.csrf(blank.body), action: 'submit' }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/guides/${guide.id}/edit?done=created-submit`);
    const copy = await workingCopy(db, guide.id);
    expect(copy?.guide.status).toBe('review');
    expect(copy?.revision).toBe(1);
    const page = await browser.get(String(res.headers.location));
    expect(page.body).toContain('Guide created and submitted for review.');
    expect(page.body).toContain('In review: not on the public site.');
    expect(page.body).not.toContain('value="unpublish"');
  });

  it('"Create and publish" puts it on the public site; an editor may not and nothing is created', async () => {
    const editor = await signedIn('editor@example.org');
    const blankE = await editor.get('/admin/guides/new');
    expect(blankE.body).not.toContain('Create and publish');
    const guide = fresh('bench-publish-0x80070011', '0x80070011');
    const refused = await editor.post(
      '/admin/guides',
      formBody(guideToForm(guide), { _csrf: TestBrowser.csrf(blankE.body), action: 'publish' }),
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('cannot publish');
    expect(refused.body).toContain(`value="${guide.title}"`);
    expect(await workingCopy(db, guide.id)).toBeUndefined();

    const admin = await signedIn();
    const blank = await admin.get('/admin/guides/new');
    const res = await admin.post(
      '/admin/guides',
      formBody(guideToForm(guide), { _csrf: TestBrowser.csrf(blank.body), action: 'publish' }),
    );
    expect(res.statusCode).toBe(303);
    expect((await workingCopy(db, guide.id))?.publicStatus).toBe('published');
    const live = await app.inject('/test-category/test-brand/product-0x80070011/0x80070011');
    expect(live.statusCode).toBe(200);
  });

  it('ignores a posted status and refuses unpublish or archive for a guide not created', async () => {
    const admin = await signedIn();
    const blank = await admin.get('/admin/guides/new');
    const guide = fresh('bench-status-0x80070012', '0x80070012');
    const saved = await admin.post(
      '/admin/guides',
      formBody(
        { ...guideToForm(guide), status: 'published' },
        { _csrf: TestBrowser.csrf(blank.body), action: 'save' },
      ),
    );
    expect(saved.statusCode).toBe(303);
    expect((await workingCopy(db, guide.id))?.publicStatus).toBe('draft');
    const other = fresh('bench-archive-0x80070013', '0x80070013');
    const archive = await admin.post(
      '/admin/guides',
      formBody(guideToForm(other), { _csrf: TestBrowser.csrf(blank.body), action: 'archive' }),
    );
    expect(archive.statusCode).toBe(400);
    expect(await workingCopy(db, other.id)).toBeUndefined();
  });
});

describe('"Fixed in revision" (bug 5)', () => {
  it('accepts only a published or archived revision of the guide, and offers those in a pick list', async () => {
    const admin = await signedIn();
    const id = GUIDE.id;
    // A revision in review on top of the published one.
    const { revision, csrf } = await openEditor(admin, GUIDE.id);
    const submitted = await admin.post(
      `/admin/guides/${id}`,
      formBody(guideToForm(GUIDE), { _csrf: csrf, action: 'submit', expectedRevision: revision }),
    );
    expect(submitted.statusCode).toBe(303);
    const inReview = revision + 1;
    const reportForm = await admin.get(`/guides/${id}/report`);
    await admin.post(`/guides/${id}/report`, {
      _csrf: TestBrowser.csrf(reportForm.body),
      message: 'The first step does not say where to click.',
    });
    const inbox = await admin.get('/admin/reports');
    const reportId = /action="\/admin\/reports\/(\d+)"/.exec(inbox.body)![1]!;
    expect(inbox.body).toMatch(new RegExp(`<select id="fixed-${reportId}" name="fixedRevision">`));
    expect(inbox.body).toContain('<option value="1">Published revision 1</option>');
    expect(inbox.body).not.toContain(`<option value="${inReview}">`);

    const post = (fixedRevision: string) =>
      admin.post(`/admin/reports/${reportId}`, {
        _csrf: TestBrowser.csrf(inbox.body),
        status: 'fixed',
        fixedRevision,
      });
    const beyond = await post('999');
    expect(beyond.statusCode).toBe(400);
    expect(beyond.body).toContain('Revision 999');
    expect((await post(String(inReview))).statusCode).toBe(400);
    expect((await post('abc')).statusCode).toBe(400);
    expect((await post('1')).statusCode).toBe(303);
    expect((await post('')).statusCode).toBe(303);

    const token = (await admin.json('GET', '/api/v1/admin/csrf')).json().token as string;
    const api = await admin.json(
      'POST',
      `/api/v1/admin/reports/${reportId}`,
      { status: 'fixed', fixedRevision: 999 },
      { 'x-csrf-token': token },
    );
    expect(api.statusCode).toBe(400);
    expect(api.json().error.message).toContain('never published');
  });
});

describe('the editor page finds its way around (item 1)', () => {
  it('has the admin menu, sign-out, the live page, stats and the history with live and in-review marked', async () => {
    const admin = await signedIn();
    // By now GUIDE is published (revision 1) with an edit in review on top.
    const { page } = await openEditor(admin, GUIDE.id);
    const html = page.body;
    expect(html).toContain('<nav class="admin-nav" aria-label="Admin">');
    expect(html).toContain('action="/admin/logout"');
    expect(html).toContain('href="/test-category/test-brand/test-product/0x80070005">The live page</a>');
    expect(html).toContain(`href="/admin/guides/${GUIDE.id}/stats"`);
    expect(html).toContain(`href="/admin/guides/${GUIDE.id}/history"`);
    const copy = (await workingCopy(db, GUIDE.id))!;
    expect(copy.guide.status).toBe('review');
    expect(html).toMatch(
      new RegExp(`Revision ${copy.revision}</a><strong class="mark mark-review"> in review</strong>`),
    );
    expect(html).toMatch(/Revision 1<\/a><strong class="mark mark-live"> live<\/strong>/);

    const history = await admin.get(`/admin/guides/${GUIDE.id}/history`);
    expect(history.body).toContain('mark-live');
    expect(history.body).toContain('mark-review');

    // A draft never published: no live page, no live mark.
    const draftPage = await admin.get('/admin/guides/bench-submit-0x80070010/edit');
    expect(draftPage.body).toContain('Not on the public site');
    expect(draftPage.body).not.toContain('mark-live');
  });
});

describe('users and the audit log (item 8)', () => {
  it('confirms user changes with a message and names people, not ids, in the audit log', async () => {
    const admin = await signedIn();
    const users = await admin.get('/admin/users');
    const csrf = TestBrowser.csrf(users.body);
    const added = await admin.post('/admin/users', {
      _csrf: csrf,
      email: 'new.reviewer@example.org',
      password: 'another long enough password',
      role: 'reviewer',
    });
    expect(added.statusCode).toBe(303);
    const afterAdd = await admin.get(String(added.headers.location));
    expect(afterAdd.body).toContain('Added new.reviewer@example.org as reviewer.');

    const target = (await listUsers(db)).find((u) => u.email === 'new.reviewer@example.org')!.id;
    const changed = await admin.post(`/admin/users/${target}`, {
      _csrf: csrf,
      role: 'editor',
      disabled: 'on',
    });
    expect(changed.statusCode).toBe(303);
    const afterChange = await admin.get(String(changed.headers.location));
    expect(afterChange.body).toContain('Saved new.reviewer@example.org: editor, disabled');

    const log = await admin.get('/admin/audit');
    expect(log.body).toContain(
      '<td data-label="What">user-changed</td><td data-label="Target">new.reviewer@example.org</td>',
    );
    expect(log.body).not.toMatch(/user-changed<\/td><td data-label="Target">\d+<\/td>/);
  });
});

describe('the editor page gets its own assets and form hints (item 2)', () => {
  it('loads admin.css and admin.js on admin pages only, and marks required fields up front', async () => {
    const admin = await signedIn();
    const blank = await admin.get('/admin/guides/new');
    expect(blank.body).toContain('<link rel="stylesheet" href="/assets/admin.css"/>');
    expect(blank.body).toContain('<script src="/assets/admin.js" defer></script>');
    expect(blank.body).toContain('Every field is needed unless it says (optional).');
    expect(blank.body).toMatch(/<input id="field-code" name="code"[^>]* aria-required="true"/);
    expect(blank.body).not.toMatch(/name="message"[^>]* aria-required/);
    // Sensible defaults for a new guide: moderate, low confidence, reviewed today.
    expect(blank.body).toMatch(/<option value="moderate" selected>/);
    expect(blank.body).toMatch(/<option value="low" selected>/);
    expect(blank.body).toContain(`value="${new Date().toISOString().slice(0, 10)}"`);
    const publicPage = await app.inject('/test-category/test-brand/test-product/0x80070005');
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).not.toContain('admin.css');
    expect(publicPage.body).not.toContain('admin.js');
    for (const asset of ['/assets/admin.css', '/assets/admin.js'])
      expect((await app.inject(asset)).statusCode).toBe(200);
  });
});
