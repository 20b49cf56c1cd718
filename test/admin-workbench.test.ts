import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/accounts/repository.ts';
import { workingCopy } from '../src/guides/editing.ts';
import type { Db } from '../src/store/db.ts';
import { makeAdminApp, makeGuide, TestBrowser, type AdminApp } from './helpers.ts';

// Finding work on the guide list: text search, filters in the address, the review queue, bulk actions.

let app: FastifyInstance;
let db: Db;
let signedIn: AdminApp['signedIn'];

const draft = (n: number, overrides = {}) =>
  makeGuide({
    id: `bulk-product-0x8000000${n}`,
    code: `0x8000000${n}`,
    title: `Bulk test guide number ${n}`,
    status: 'draft',
    ...overrides,
  });

beforeAll(async () => {
  ({ app, db, signedIn } = await makeAdminApp({
    bundled: false,
    guides: [
      draft(1, { summary: 'A summary that mentions the flux capacitor and `E_FLUX`.' }),
      draft(2),
      draft(3, {
        steps: [{ action: 'Restart the quantum router.', why: 'It clears <b>its</b> cache.' }],
      }),
      makeGuide(),
    ],
  }));
});
afterAll(() => app.close());

/** The rows of the list page: each guide's checkbox value (id@revision). */
const picked = (html: string) => [...html.matchAll(/name="guide" value="([^"]+)"/g)].map((m) => m[1]!);

describe('searching the guide list', () => {
  it('finds guides in any status by summary and step text, and keeps the filters in the form', async () => {
    const editor = await signedIn('editor@example.org');
    const bySummary = await editor.get('/admin?q=FLUX+capacitor');
    expect(bySummary.statusCode).toBe(200);
    expect(picked(bySummary.body)).toEqual(['bulk-product-0x80000001@1']);
    expect(bySummary.body).toContain('value="FLUX capacitor"');

    const byStep = await editor.get('/admin?q=quantum%20router&status=draft');
    expect(picked(byStep.body)).toEqual(['bulk-product-0x80000003@1']);
    expect(byStep.body).toMatch(/<option value="draft" selected/);

    expect(picked((await editor.get('/admin?q=quantum%20router&status=published')).body)).toEqual([]);
    expect(picked((await editor.get('/admin?q=0x80070005')).body)).toEqual(['test-product-0x80070005@1']);
    // Wildcards are literal: "%" is not "anything".
    expect(picked((await editor.get('/admin?q=%25')).body)).toEqual([]);
  });

  it('refuses a search longer than the limit with a message, not a scan', async () => {
    const editor = await signedIn('editor@example.org');
    const res = await editor.get(`/admin?q=${'a'.repeat(101)}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Search for at most 100 characters.');
    expect(picked(res.body)).toEqual([]);
  });
});

describe('bulk actions on the list', () => {
  it('submits several guides, refuses what the role or the lifecycle forbids, and says why', async () => {
    const editor = await signedIn('editor@example.org');
    const list = await editor.get('/admin?q=bulk+test+guide');
    const csrf = TestBrowser.csrf(list.body);
    const rows = picked(list.body);
    expect(rows).toHaveLength(3);

    const forbidden = await editor.post('/admin/bulk', {
      _csrf: csrf,
      action: 'publish',
      guide: rows[0]!,
      'back.q': 'bulk test guide',
    });
    expect(forbidden.statusCode).toBe(303);
    expect(forbidden.headers.location).toBe('/admin?q=bulk+test+guide');
    const after = await editor.get(String(forbidden.headers.location));
    expect(after.body).toContain('Refused 1 (An editor cannot publish guides.): bulk-product-0x80000001.');
    // The summary is shown once.
    expect((await editor.get('/admin')).body).not.toContain('Refused 1');

    const body = new URLSearchParams({ _csrf: csrf, action: 'submit' });
    for (const row of rows.slice(0, 2)) body.append('guide', row);
    const submitted = await app.inject({
      method: 'POST',
      url: '/admin/bulk',
      payload: body.toString(),
      headers: {
        cookie: [...editor.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(submitted.statusCode).toBe(303);
    const flash = /errata_flash=([^;]+)/.exec(String(submitted.headers['set-cookie']))![1]!;
    editor.cookies.set('errata_flash', flash);
    const shown = await editor.get('/admin');
    expect(shown.body).toContain('Submitted for review 2:');
    for (const row of rows.slice(0, 2)) {
      expect((await workingCopy(db, row.split('@')[0]!))!.guide.status).toBe('review');
    }
    const entries = (await auditLog(db)).filter((e) => e.action === 'guide-submitted');
    expect(entries.map((e) => e.target).sort()).toEqual(
      rows
        .slice(0, 2)
        .map((r) => r.split('@')[0])
        .sort(),
    );

    // The same list again: those two changed since, so they are refused, not acted on twice.
    const stale = await editor.post('/admin/bulk', { _csrf: csrf, action: 'submit', guide: rows[0]! });
    expect(stale.statusCode).toBe(303);
    expect((await editor.get('/admin')).body).toContain('Changed since you loaded the list');
  });

  it('publishes in bulk as a reviewer, one audit entry per guide, and the public site follows', async () => {
    const reviewer = await signedIn('reviewer@example.org');
    const list = await reviewer.get('/admin?status=review');
    const rows = picked(list.body);
    expect(rows).toHaveLength(2);
    const before = (await auditLog(db)).length;
    const body = new URLSearchParams({ _csrf: TestBrowser.csrf(list.body), action: 'publish' });
    for (const row of rows) body.append('guide', row);
    body.append('back.status', 'review');
    const res = await app.inject({
      method: 'POST',
      url: '/admin/bulk',
      payload: body.toString(),
      headers: {
        cookie: [...reviewer.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin?status=review');
    const added = (await auditLog(db)).slice(0, (await auditLog(db)).length - before);
    expect(added.filter((e) => e.action === 'guide-published')).toHaveLength(2);
    const live = await app.inject('/test-category/test-brand/test-product/0x80000001');
    expect(live.statusCode).toBe(200);
  });

  it('archives: a published guide goes off the site, an archived one is refused with the reason', async () => {
    const admin = await signedIn('admin@example.org');
    const list = await admin.get('/admin?q=0x80000001');
    const [row] = picked(list.body);
    const csrf = TestBrowser.csrf(list.body);
    await admin.post('/admin/bulk', { _csrf: csrf, action: 'archive', guide: row! });
    expect((await admin.get('/admin')).body).toContain('Archived 1: bulk-product-0x80000001.');
    const again = picked((await admin.get('/admin?q=0x80000001')).body)[0]!;
    await admin.post('/admin/bulk', { _csrf: csrf, action: 'archive', guide: again });
    expect((await admin.get('/admin')).body).toContain('This guide is already archived.');
  });

  it('assigns guides to a reviewer, whose queue then lists them; an unknown account is refused', async () => {
    const editor = await signedIn('editor@example.org');
    const list = await editor.get('/admin?q=0x80000003');
    const csrf = TestBrowser.csrf(list.body);
    const [row] = picked(list.body);
    expect(list.body).toContain('<option value="reviewer@example.org">');
    await editor.post('/admin/bulk', {
      _csrf: csrf,
      action: 'assign',
      assignee: 'reviewer@example.org',
      guide: row!,
    });
    expect((await editor.get('/admin')).body).toContain('Assigned 1: bulk-product-0x80000003.');
    const audit = (await auditLog(db)).find((e) => e.action === 'guide-assigned');
    expect(audit).toMatchObject({ actor: 'editor@example.org', detail: 'reviewer@example.org' });

    const reviewer = await signedIn('reviewer@example.org');
    expect(picked((await reviewer.get('/admin?assignee=me')).body)).toEqual([row]);
    expect(picked((await editor.get('/admin?assignee=me')).body)).toEqual([]);
    expect(picked((await editor.get('/admin?assignee=none')).body)).not.toContain(row);

    await editor.post('/admin/bulk', {
      _csrf: csrf,
      action: 'assign',
      assignee: 'nobody@x.org',
      guide: row!,
    });
    expect((await editor.get('/admin')).body).toContain('There is no active account');
  });

  it('refuses a bulk request without a CSRF token, with nothing selected, or with a bad selection', async () => {
    const admin = await signedIn('admin@example.org');
    const list = await admin.get('/admin');
    const [row] = picked(list.body);
    expect((await admin.post('/admin/bulk', { action: 'archive', guide: row! })).statusCode).toBe(403);
    const csrf = TestBrowser.csrf(list.body);
    const none = await admin.post('/admin/bulk', { _csrf: csrf, action: 'archive' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select at least one guide.');
    const bad = await admin.post('/admin/bulk', { _csrf: csrf, action: 'archive', guide: 'x@abc' });
    expect(bad.statusCode).toBe(400);
    const unknown = await admin.post('/admin/bulk', { _csrf: csrf, action: 'delete', guide: row! });
    expect(unknown.statusCode).toBe(400);
    const many = new URLSearchParams({ _csrf: csrf, action: 'archive' });
    for (let i = 0; i < 201; i++) many.append('guide', `g-${i}@1`);
    const tooMany = await app.inject({
      method: 'POST',
      url: '/admin/bulk',
      payload: many.toString(),
      headers: {
        cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('Select at most 200 guides at once.');
  });
});

describe('the same in the JSON API', () => {
  it('searches with filters and runs a bulk action with what was done and refused', async () => {
    const editor = await signedIn('editor@example.org');
    const found = await editor.json('GET', '/api/v1/admin/guides?q=quantum%20router');
    expect(found.statusCode).toBe(200);
    const [guide] = found.json().guides;
    expect(guide).toMatchObject({ id: 'bulk-product-0x80000003', assignedTo: 'reviewer@example.org' });
    expect((await editor.json('GET', `/api/v1/admin/guides?q=${'a'.repeat(101)}`)).statusCode).toBe(400);

    const token = (await editor.json('GET', '/api/v1/admin/csrf')).json().token;
    const res = await editor.json(
      'POST',
      '/api/v1/admin/guides/bulk',
      {
        action: 'submit',
        guides: [
          { id: guide.id, expectedRevision: guide.revision },
          { id: 'no-such-guide', expectedRevision: 1 },
        ],
      },
      { 'x-csrf-token': token },
    );
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.done).toEqual([{ id: guide.id, revision: guide.revision + 1 }]);
    expect(result.refused).toEqual([{ id: 'no-such-guide', reason: 'There is no guide "no-such-guide".' }]);
    expect(result.summary).toContain('Submitted for review 1');

    const noCsrf = await editor.json('POST', '/api/v1/admin/guides/bulk', { action: 'submit', guides: [] });
    expect(noCsrf.statusCode).toBe(403);
    const empty = await editor.json(
      'POST',
      '/api/v1/admin/guides/bulk',
      { action: 'submit', guides: [] },
      { 'x-csrf-token': token },
    );
    expect(empty.statusCode).toBe(400);
  });
});

describe('the reports inbox', () => {
  it('names guides by title, links the revision read, counts new reports in the menu, offers a reply', async () => {
    const { addReport } = await import('../src/feedback/reports.ts');
    const guide = makeGuide();
    await addReport(db, {
      guideId: guide.id,
      guideRevision: 1,
      message: 'The step names the wrong menu.',
      contact: 'reader+1@example.org',
    });
    await addReport(db, {
      guideId: guide.id,
      guideRevision: 1,
      message: 'Another problem with the text.',
      contact: 'call me "maybe" <x>',
    });
    const editor = await signedIn('editor@example.org');
    const inbox = await editor.get('/admin/reports');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain(`<a href="/admin/guides/${guide.id}/edit">${guide.title}</a>`);
    expect(inbox.body).toContain(`href="/admin/guides/${guide.id}/revisions/1">revision 1</a>`);
    expect(inbox.body).toMatch(/Reports<span class="count" aria-label="2 new">2<\/span>/);
    expect(inbox.body).toContain('new (2)');
    expect(inbox.body).toContain(
      'href="mailto:reader%2B1@example.org?subject=Your%20report%20about%20%22Access%20is%20denied%22"',
    );
    // A contact that is not a plain address is shown (escaped) but gets no link.
    expect(inbox.body).toContain('Contact: call me &quot;maybe&quot; &lt;x>');
    expect(inbox.body.match(/Reply by email/g)).toHaveLength(1);
    // Every other admin page shows the count too.
    expect((await editor.get('/admin')).body).toContain('aria-label="2 new"');
  });

  it('lets a fix point only to a published revision of the guide, from a pick list', async () => {
    const { listReports } = await import('../src/feedback/reports.ts');
    const editor = await signedIn('editor@example.org');
    const inbox = await editor.get('/admin/reports');
    const [report] = await listReports(db);
    const id = report!.id;
    expect(inbox.body).toContain(`<select id="fixed-${id}" name="fixedRevision">`);
    expect(inbox.body).toContain('<option value="1">Published revision 1</option>');
    const csrf = TestBrowser.csrf(inbox.body);

    const missing = await editor.post(`/admin/reports/${id}`, {
      _csrf: csrf,
      status: 'fixed',
      fixedRevision: 999,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Revision 999 of &quot;test-product-0x80070005&quot; was never published');
    expect((await listReports(db))[0]!.status).toBe('new');

    const ok = await editor.post(`/admin/reports/${id}`, { _csrf: csrf, status: 'fixed', fixedRevision: 1 });
    expect(ok.statusCode).toBe(303);
    const after = await editor.get(String(ok.headers.location));
    expect(after.body).toContain('Report updated.');
    expect(after.body).toContain('aria-label="1 new"');
    expect((await listReports(db, 'fixed'))[0]).toMatchObject({ id, fixedRevision: 1 });

    // A revision that exists but only went to review is no fix either (JSON API alike).
    const { addReport } = await import('../src/feedback/reports.ts');
    const inReview = await addReport(db, {
      guideId: 'bulk-product-0x80000003',
      guideRevision: 1,
      message: 'A report on a guide in review.',
      contact: null,
    });
    const revisions = (
      await editor.json('GET', '/api/v1/admin/guides/bulk-product-0x80000003/revisions')
    ).json();
    expect(revisions.revisions[0]).toMatchObject({ number: 2, status: 'review' });
    const token = (await editor.json('GET', '/api/v1/admin/csrf')).json().token;
    const reviewOnly = await editor.json(
      'POST',
      `/api/v1/admin/reports/${inReview}`,
      { status: 'fixed', fixedRevision: 2 },
      { 'x-csrf-token': token },
    );
    expect(reviewOnly.statusCode).toBe(400);
    expect(reviewOnly.json().error.message).toContain('never published');
    const listed = (await editor.json('GET', '/api/v1/admin/reports')).json().reports;
    expect(listed.find((r: { id: number }) => r.id === id)).toMatchObject({
      guideTitle: 'Access is denied',
      guideRevision: 1,
    });
  });
});
