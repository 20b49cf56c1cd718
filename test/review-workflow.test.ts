import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../src/accounts/repository.ts';
import { createUser } from '../src/accounts/users.ts';
import { guideToForm } from '../src/admin/guide-form.ts';
import { buildApp } from '../src/app.ts';
import { workingCopy } from '../src/guides/editing.ts';
import { saveGuides } from '../src/guides/repository.ts';
import { getSchedule, listComments } from '../src/guides/review.ts';
import { guideUrl, type Guide } from '../src/guides/schema.ts';
import type { Db } from '../src/store/db.ts';
import { formBody, makeDb, makeGuide, ORIGIN, TestBrowser } from './helpers.ts';

// The review workflow over HTTP: request changes, comments, live vs proposed, and scheduled publishing.

const PASSWORD = 'a long enough password';
const USERS = { admin: 'admin@example.org', reviewer: 'reviewer@example.org', editor: 'editor@example.org' };
let app: FastifyInstance;
let db: Db;
/** The time the app's scheduler believes it is. */
let clock = new Date('2026-12-03T12:00:00.000Z');

let serial = 0;
/** A fresh published guide per test, so tests do not share a standing. */
async function freshGuide(): Promise<Guide> {
  const guide = makeGuide({
    id: `review-widget-${++serial}`,
    code: `0x8007${String(serial).padStart(4, '0')}`,
    status: 'published',
  });
  await saveGuides(db, [guide]);
  return guide;
}

beforeAll(async () => {
  db = await makeDb({ bundled: false });
  app = await buildApp({
    db,
    origin: ORIGIN,
    contentPollMs: 60_000,
    publishScheduler: { intervalMs: 3_600_000, clock: () => clock },
  });
  for (const [role, email] of Object.entries(USERS)) {
    await createUser(db, email, PASSWORD, role as 'admin' | 'reviewer' | 'editor');
  }
});
afterAll(() => app.close());
beforeEach(() => {
  clock = new Date('2026-12-03T12:00:00.000Z');
});

async function as(role: keyof typeof USERS) {
  const browser = new TestBrowser(app);
  expect((await browser.signIn(USERS[role], PASSWORD)).statusCode).toBe(303);
  return browser;
}

async function editor(browser: TestBrowser, id: string) {
  const page = await browser.get(`/admin/guides/${id}/edit`);
  expect(page.statusCode).toBe(200);
  const revision = Number(/name="expectedRevision" value="(\d+)"/.exec(page.body)?.[1]);
  return { page, revision, csrf: TestBrowser.csrf(page.body) };
}

/** The editor's form posted with one button, the summary changed to `summary`. */
async function press(browser: TestBrowser, guide: Guide, action: string, summary: string) {
  const { revision, csrf } = await editor(browser, guide.id);
  const form = { ...guideToForm((await workingCopy(db, guide.id))!.guide), summary };
  const res = await browser.post(
    `/admin/guides/${guide.id}`,
    formBody(form, { _csrf: csrf, action, expectedRevision: revision }),
  );
  expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
  return res;
}

const status = async (id: string) => (await workingCopy(db, id))!.guide.status;

describe('request changes', () => {
  it('sends a guide in review back to its author as a draft, with the comment on the editor page', async () => {
    const guide = await freshGuide();
    const author = await as('editor');
    await press(author, guide, 'submit', 'A clearer summary for review.');
    expect(await status(guide.id)).toBe('review');

    const reviewer = await as('reviewer');
    const { page, revision, csrf } = await editor(reviewer, guide.id);
    expect(page.body).toContain('Request changes');
    const res = await reviewer.post(`/admin/guides/${guide.id}/request-changes`, {
      _csrf: csrf,
      expectedRevision: revision,
      comment: 'Step 1 needs a <b>source</b> & a "why".',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/guides/${guide.id}/edit?done=changes-requested#review-title`);
    const copy = (await workingCopy(db, guide.id))!;
    expect(copy).toMatchObject({ publicStatus: 'published', pendingDraft: true, revision: revision + 1 });
    expect(copy.guide.status).toBe('draft');
    expect(copy.guide.summary).toBe('A clearer summary for review.');

    const seen = (await editor(author, guide.id)).page.body;
    expect(seen).toContain('Changes requested</strong> by reviewer@example.org');
    expect(seen).toContain('Step 1 needs a &lt;b>source&lt;/b> &amp; a &quot;why&quot;.');
    expect(seen).not.toContain('<b>source</b>');
    // The author has no reviewer's forms.
    expect(seen).not.toContain('name="publishAt"');
    const entry = (await auditLog(db)).find(
      (e) => e.action === 'guide-changes-requested' && e.target === guide.id,
    );
    expect(entry).toMatchObject({ actor: USERS.reviewer, detail: `revision ${revision + 1}` });
  });

  it('is refused without CSRF, for an editor, without a comment, and for a guide not in review', async () => {
    const guide = await freshGuide();
    const author = await as('editor');
    await press(author, guide, 'submit', 'Submitted text.');
    const reviewer = await as('reviewer');
    const { revision, csrf } = await editor(reviewer, guide.id);
    const url = `/admin/guides/${guide.id}/request-changes`;

    const noCsrf = await reviewer.post(url, { expectedRevision: revision, comment: 'x' });
    expect(noCsrf.statusCode).toBe(403);
    const wrongRole = await author.post(url, {
      _csrf: (await editor(author, guide.id)).csrf,
      expectedRevision: revision,
      comment: 'x',
    });
    expect(wrongRole.statusCode).toBe(403);
    const empty = await reviewer.post(url, { _csrf: csrf, expectedRevision: revision, comment: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('comment: write a comment.');
    const long = await reviewer.post(url, {
      _csrf: csrf,
      expectedRevision: revision,
      comment: 'x'.repeat(2001),
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('comment: at most 2000 characters');
    const stale = await reviewer.post(url, { _csrf: csrf, expectedRevision: revision - 1, comment: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(await status(guide.id)).toBe('review');
    expect((await listComments(db, guide.id)).total).toBe(0);

    const other = await freshGuide();
    const notInReview = await reviewer.post(`/admin/guides/${other.id}/request-changes`, {
      _csrf: csrf,
      expectedRevision: (await editor(reviewer, other.id)).revision,
      comment: 'x',
    });
    expect(notInReview.statusCode).toBe(409);
    expect(notInReview.body).toContain('not in review');
  });
});

describe('comments on a draft', () => {
  it('lets anyone who edits comment; the thread shows who and when, newest last, escaped', async () => {
    const guide = await freshGuide();
    const author = await as('editor');
    const reviewer = await as('reviewer');
    const first = await author.post(`/admin/guides/${guide.id}/comments`, {
      _csrf: (await editor(author, guide.id)).csrf,
      comment: 'First: is <i>this</i> the right code?',
    });
    expect(first.statusCode).toBe(303);
    clock = new Date();
    await reviewer.post(`/admin/guides/${guide.id}/comments`, {
      _csrf: (await editor(reviewer, guide.id)).csrf,
      comment: 'Second: yes.',
    });
    const body = (await editor(author, guide.id)).page.body;
    const a = body.indexOf('First: is &lt;i>this&lt;/i> the right code?');
    const b = body.indexOf('Second: yes.');
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(body).toMatch(
      /editor@example\.org<\/span> · <time datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/time>/,
    );
    expect((await auditLog(db)).some((e) => e.action === 'guide-commented' && e.target === guide.id)).toBe(
      true,
    );
  });

  it('refuses an empty comment naming the field, and a missing CSRF token', async () => {
    const guide = await freshGuide();
    const author = await as('editor');
    const empty = await author.post(`/admin/guides/${guide.id}/comments`, {
      _csrf: (await editor(author, guide.id)).csrf,
      comment: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('comment: write a comment.');
    expect((await author.post(`/admin/guides/${guide.id}/comments`, { comment: 'x' })).statusCode).toBe(403);
    const missing = await author.post('/admin/guides/no-such-guide/comments', {
      _csrf: (await editor(author, guide.id)).csrf,
      comment: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('saving a guide in review', () => {
  it('keeps it in the review queue and says so', async () => {
    const guide = await freshGuide();
    const author = await as('editor');
    await press(author, guide, 'submit', 'For review.');
    const saved = await press(author, guide, 'save', 'For review, with a typo fixed.');
    expect(await status(guide.id)).toBe('review');
    const page = await author.get(String(saved.headers.location));
    expect(page.body).toMatch(/Saved as revision \d+: still in review\./);
    const queue = await author.get('/admin?status=review');
    expect(queue.body).toContain(`/admin/guides/${guide.id}/diff?from=queue`);
  });
});

describe("a reviewer's comparison", () => {
  it('opens live → proposed for a reviewer or from the queue, previous → newest otherwise', async () => {
    const guide = await freshGuide();
    const author = await as('editor');
    await press(author, guide, 'save', 'A first pass.');
    await press(author, guide, 'submit', 'The proposed text.');
    const url = `/admin/guides/${guide.id}/diff`;
    const reviewer = await as('reviewer');
    expect((await reviewer.get(url)).headers.location).toBe(`${url}?a=1&b=3`);
    expect((await author.get(`${url}?from=queue`)).headers.location).toBe(`${url}?a=1&b=3`);
    expect((await author.get(url)).headers.location).toBe(`${url}?a=2&b=3`);
    const diff = await reviewer.get(`${url}?a=1&b=3`);
    expect(diff.body).toContain('Changes from Live (revision 1) to Proposed (revision 3)');
    expect(diff.body).toContain('<ins class="diff-ins">proposed text</ins>');
    expect(diff.body).toContain(`href="${url}?a=2&amp;b=3"`);
    const panel = (await editor(reviewer, guide.id)).page.body;
    expect(panel).toContain(`href="${url}?a=1&amp;b=3">Compare the live version with the proposed one`);
  });
});

describe('scheduled publishing', () => {
  async function inReview() {
    const guide = await freshGuide();
    const author = await as('editor');
    await press(author, guide, 'submit', 'Text that goes live on time.');
    const reviewer = await as('reviewer');
    const { revision, csrf } = await editor(reviewer, guide.id);
    return { guide, author, reviewer, revision, csrf };
  }

  it('refuses a past time, a bad time, an editor and a missing token; a guide not in review', async () => {
    const { guide, author, reviewer, revision, csrf } = await inReview();
    const url = `/admin/guides/${guide.id}/schedule`;
    const past = await reviewer.post(url, {
      _csrf: csrf,
      expectedRevision: revision,
      publishAt: '2020-01-01T10:00',
    });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('publishAt: The time must be in the future');
    const bad = await reviewer.post(url, { _csrf: csrf, expectedRevision: revision, publishAt: 'soon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('publishAt: ');
    const wrongRole = await author.post(url, {
      _csrf: (await editor(author, guide.id)).csrf,
      expectedRevision: revision,
      publishAt: '2099-01-01T10:00',
    });
    expect(wrongRole.statusCode).toBe(403);
    expect(
      (await reviewer.post(url, { expectedRevision: revision, publishAt: '2099-01-01T10:00' })).statusCode,
    ).toBe(403);
    expect(await getSchedule(db, guide.id)).toBeUndefined();
    const other = await freshGuide();
    const notInReview = await reviewer.post(`/admin/guides/${other.id}/schedule`, {
      _csrf: csrf,
      expectedRevision: (await editor(reviewer, other.id)).revision,
      publishAt: new Date(Date.now() + 3_600_000).toISOString().slice(0, 16),
    });
    expect(notInReview.statusCode).toBe(409);
  });

  it('publishes the reviewed revision when its time comes, like a manual publish, and can be cancelled', async () => {
    const { guide, reviewer, revision, csrf } = await inReview();
    const at = new Date(Date.now() + 2 * 3_600_000);
    const local = at.toISOString().slice(0, 16);
    const res = await reviewer.post(`/admin/guides/${guide.id}/schedule`, {
      _csrf: csrf,
      expectedRevision: revision,
      publishAt: local,
    });
    expect(res.statusCode).toBe(303);
    const page = (await reviewer.get(String(res.headers.location))).body;
    expect(page).toContain('Publication scheduled');
    expect(page).toContain(
      `goes live at <time datetime="${local}:00.000Z">${local.replace('T', ' ')} UTC</time>`,
    );
    expect(page).toContain('The time is read as UTC');

    // Not due yet: nothing happens.
    clock = new Date(at.getTime() - 60_000);
    expect(await app.publishScheduler!.tick()).toEqual({ published: [], skipped: [] });
    const url = guideUrl(guide);
    expect((await app.inject(url)).body).not.toContain('Text that goes live on time.');

    clock = new Date(at.getTime() + 1000);
    expect(await app.publishScheduler!.tick()).toEqual({ published: [guide.id], skipped: [] });
    const copy = (await workingCopy(db, guide.id))!;
    expect(copy).toMatchObject({ publicStatus: 'published', pendingDraft: false, revision: revision + 1 });
    // The public-content event fired: the public page already shows the reviewed text.
    expect((await app.inject(url)).body).toContain('Text that goes live on time.');
    const entry = (await auditLog(db)).find((e) => e.action === 'guide-published' && e.target === guide.id);
    expect(entry).toMatchObject({ actor: USERS.reviewer, detail: expect.stringContaining('scheduled for') });
    expect(await getSchedule(db, guide.id)).toBeUndefined();
    expect(await app.publishScheduler!.tick()).toEqual({ published: [], skipped: [] });

    // Cancelling.
    const next = await inReview();
    await next.reviewer.post(`/admin/guides/${next.guide.id}/schedule`, {
      _csrf: next.csrf,
      expectedRevision: next.revision,
      publishAt: local,
    });
    const cancel = await next.reviewer.post(`/admin/guides/${next.guide.id}/schedule/cancel`, {
      _csrf: next.csrf,
    });
    expect(cancel.statusCode).toBe(303);
    expect(await getSchedule(db, next.guide.id)).toBeUndefined();
    expect(
      (await next.reviewer.post(`/admin/guides/${next.guide.id}/schedule/cancel`, { _csrf: next.csrf }))
        .statusCode,
    ).toBe(404);
    expect(
      (await auditLog(db)).some((e) => e.action === 'guide-schedule-cancelled' && e.target === next.guide.id),
    ).toBe(true);
  });

  it('is cancelled by an edit after scheduling, and the editor is told', async () => {
    const { guide, author, reviewer, revision, csrf } = await inReview();
    await reviewer.post(`/admin/guides/${guide.id}/schedule`, {
      _csrf: csrf,
      expectedRevision: revision,
      publishAt: new Date(Date.now() + 3_600_000).toISOString().slice(0, 16),
    });
    expect(await getSchedule(db, guide.id)).toMatchObject({ revision });
    const saved = await press(author, guide, 'save', 'Changed after the review.');
    expect(String(saved.headers.location)).toContain('unscheduled=1');
    const page = await author.get(String(saved.headers.location));
    expect(page.body).toContain('The scheduled publication was cancelled because the text changed');
    expect(await getSchedule(db, guide.id)).toBeUndefined();
    clock = new Date(Date.now() + 7_200_000);
    expect(await app.publishScheduler!.tick()).toEqual({ published: [], skipped: [] });
    expect((await workingCopy(db, guide.id))!.pendingDraft).toBe(true);
  });
});

describe('the review workflow as JSON', () => {
  async function token(browser: TestBrowser) {
    return (await browser.json('GET', '/api/v1/admin/csrf')).json().token as string;
  }

  it('comments, requests changes and schedules, with the same checks as the forms', async () => {
    const guide = await freshGuide();
    const author = await as('editor');
    await press(author, guide, 'submit', 'Submitted through the form.');
    const reviewer = await as('reviewer');
    const headers = { 'x-csrf-token': await token(reviewer) };
    const base = `/api/v1/admin/guides/${guide.id}`;
    const { revision } = (await reviewer.json('GET', base)).json();

    const commented = await reviewer.json('POST', `${base}/comments`, { comment: ' Looks close. ' }, headers);
    expect(commented.statusCode).toBe(201);
    expect(commented.json()).toMatchObject({
      total: 1,
      comments: [{ author: USERS.reviewer, kind: 'comment', body: 'Looks close.', revision }],
    });
    const empty = await reviewer.json('POST', `${base}/comments`, { comment: '  ' }, headers);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/^comment: /);
    expect((await reviewer.json('POST', `${base}/comments`, { comment: 'x' })).statusCode).toBe(403);

    const past = await reviewer.json(
      'PUT',
      `${base}/schedule`,
      { expectedRevision: revision, publishAt: '2001-01-01T00:00:00Z' },
      headers,
    );
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toMatch(/^publishAt: The time must be in the future/);
    const noField = await reviewer.json('PUT', `${base}/schedule`, { expectedRevision: revision }, headers);
    expect(noField.statusCode).toBe(400);
    expect(noField.json().error.message).toMatch(/^publishAt: /);
    const publishAt = new Date(Date.now() + 86_400_000).toISOString().slice(0, 19) + 'Z';
    const editorHeaders = { 'x-csrf-token': await token(author) };
    const wrongRole = await author.json(
      'PUT',
      `${base}/schedule`,
      { expectedRevision: revision, publishAt },
      editorHeaders,
    );
    expect(wrongRole.statusCode).toBe(403);
    const scheduled = await reviewer.json(
      'PUT',
      `${base}/schedule`,
      { expectedRevision: revision, publishAt },
      headers,
    );
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json()).toMatchObject({ guideId: guide.id, revision, scheduledBy: USERS.reviewer });
    expect((await author.json('GET', `${base}/schedule`)).json().schedule).toMatchObject({ revision });
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `${base}/schedule`,
          headers: { ...headers, cookie: [...reviewer.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        })
      ).json(),
    ).toEqual({
      cancelled: true,
    });
    expect((await author.json('GET', `${base}/schedule`)).json()).toEqual({ schedule: null });

    const refused = await author.json(
      'POST',
      `${base}/request-changes`,
      { expectedRevision: revision, comment: 'x' },
      editorHeaders,
    );
    expect(refused.statusCode).toBe(403);
    const missing = await reviewer.json(
      'POST',
      `${base}/request-changes`,
      { expectedRevision: revision },
      headers,
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/^comment: /);
    const sent = await reviewer.json(
      'POST',
      `${base}/request-changes`,
      { expectedRevision: revision, comment: 'Cite the vendor.' },
      headers,
    );
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({
      revision: revision + 1,
      guide: { status: 'draft' },
      scheduleCancelled: false,
    });
    const thread = (await author.json('GET', `${base}/comments`)).json();
    expect(thread.comments.at(-1)).toMatchObject({ kind: 'changes-requested', body: 'Cite the vendor.' });
  });
});

describe('limits on the review forms', () => {
  it('refuses oversized comments and more than 30 a minute with 429', async () => {
    const guide = await freshGuide();
    const author = await as('editor');
    const { csrf } = await editor(author, guide.id);
    const url = `/admin/guides/${guide.id}/comments`;
    const huge = await author.post(url, { _csrf: csrf, comment: 'x'.repeat(40_000) });
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('comment: at most 2000 characters');
    const token = (await author.json('GET', '/api/v1/admin/csrf')).json().token as string;
    const api = await author.json(
      'POST',
      `/api/v1/admin/guides/${guide.id}/comments`,
      { comment: 'x'.repeat(40_000) },
      { 'x-csrf-token': token },
    );
    // Refused by the route's body limit before parsing (the app answers oversized bodies with 400).
    expect(api.statusCode).toBe(400);
    expect(api.json().error.message).toBe('The request is not valid.');
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push((await author.post(url, { _csrf: csrf, comment: `note ${i}` })).statusCode);
    expect(codes.filter((c) => c === 303).length).toBeLessThanOrEqual(30);
    expect(codes.at(-1)).toBe(429);
  });
});
