import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideToForm } from '../src/admin/guide-form.ts';
import { getRevision, listRevisions, workingCopy } from '../src/guides/editing.ts';
import type { Guide } from '../src/guides/schema.ts';
import type { Db } from '../src/store/db.ts';
import { formBody, makeAdminApp, makeGuide, openEditor, TestBrowser, type AdminApp } from './helpers.ts';

// Conflicts with a way forward: a refused save says who saved and when, and merges field by field.

let app: FastifyInstance;
let db: Db;
let signedIn: AdminApp['signedIn'];

const steps = [
  { id: 's1', action: 'Restart the computer.', why: 'It clears a stuck lock.' },
  { id: 's2', action: 'Run it as administrator.', why: 'It needs administrator rights.' },
  { id: 's3', action: 'Check the owner of the folder.', why: 'Owners can grant access.' },
];
let serial = 0;
/** A fresh published guide per test, so tests do not share revisions. */
const freshGuide = (): Guide => {
  const code = `0x8007${String(++serial).padStart(4, '0')}`;
  return makeGuide({ id: `merge-widget-${code}`, code, steps, status: 'draft' });
};

beforeAll(async () => {
  ({ app, db, signedIn } = await makeAdminApp({ bundled: false, guides: [] }));
});
afterAll(() => app.close());

/** A hidden input's value on a page. */
const hidden = (html: string, name: string) =>
  new RegExp(`<input type="hidden" name="${name.replace('.', '\\.')}" value="([^"]*)"`).exec(html)?.[1];
/** The radio buttons of the merge form that are checked, as pick.<key> → side. */
function checked(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="radio" name="pick\.([^"]+)" value="(theirs|mine)"( checked)?/g))
    if (m[3]) out[m[1]!] = m[2]!;
  return out;
}
const fieldKeys = (html: string) => [...html.matchAll(/data-field="([^"]+)"/g)].map((m) => m[1]!);

/** A guide as the editor's form posts it: a step added in the browser has no id yet. */
function asTyped(guide: Guide) {
  const form = guideToForm(guide);
  return { ...form, steps: form.steps.map((s, i) => (guide.steps[i]!.id ? s : { ...s, id: '' })) };
}

/**
 * Two editors open the same guide; the reviewer saves first (their edit), the editor second (mine), which
 * is refused with the merge page.
 */
async function conflict(theirEdit: (g: Guide) => Guide, myEdit: (g: Guide) => Guide) {
  const guide = freshGuide();
  const admin = await signedIn('admin@example.org');
  const created = await admin.post(
    '/admin/guides',
    formBody(guideToForm(guide), {
      _csrf: TestBrowser.csrf((await admin.get('/admin/guides/new')).body),
      action: 'save',
    }),
  );
  expect(created.statusCode).toBe(303);
  const reviewer = await signedIn('reviewer@example.org');
  const editor = await signedIn('editor@example.org');
  const theirs = await openEditor(reviewer, guide.id);
  const mine = await openEditor(editor, guide.id);
  const saved = await reviewer.post(
    `/admin/guides/${guide.id}`,
    formBody(guideToForm(theirEdit(guide)), {
      _csrf: theirs.csrf,
      action: 'save',
      expectedRevision: theirs.revision,
      message: 'Reviewer tidy-up',
    }),
  );
  expect(saved.statusCode).toBe(303);
  const refused = await editor.post(
    `/admin/guides/${guide.id}`,
    formBody(asTyped(myEdit(guide)), {
      _csrf: mine.csrf,
      action: 'save',
      expectedRevision: mine.revision,
    }),
  );
  expect(refused.statusCode).toBe(409);
  return { guide, editor, reviewer, base: mine.revision, page: refused.body };
}

/** The merge form's body as the page sends it, with some choices changed. */
function mergeBody(page: string, choices: Record<string, string>, action = 'save') {
  return {
    _csrf: TestBrowser.csrf(page),
    stash: hidden(page, 'stash')!,
    theirs: hidden(page, 'theirs')!,
    message: 'Merged',
    action,
    ...Object.fromEntries(Object.entries({ ...checked(page), ...choices }).map(([k, v]) => [`pick.${k}`, v])),
  };
}

describe('a refused save', () => {
  it('says who saved since and when, and lists each differing field with its default side', async () => {
    const { guide, base, page } = await conflict(
      (g) => ({ ...g, title: 'Their better title', severity: 'serious' }),
      (g) => ({
        ...g,
        summary: 'My clearer summary of `E_ACCESSDENIED`. <script>alert(1)</script>',
        severity: 'critical',
      }),
    );
    const revisions = await listRevisions(db, guide.id);
    const theirs = revisions[0]!;
    expect(page).toContain('Someone saved this guide');
    expect(page).toContain(`Since you opened revision ${base}`);
    expect(page).toContain(`saved by <strong>reviewer@example.org</strong>`);
    expect(page).toContain(`${theirs.createdAt.slice(0, 10)} at ${theirs.createdAt.slice(11, 16)} UTC`);
    expect(page).toContain('Reviewer tidy-up');
    expect(page).not.toMatch(/saved by <strong>\d+<\/strong>/);
    // My text is on the page, escaped.
    expect(page).toContain('My clearer summary of `E_ACCESSDENIED`. &lt;script>alert(1)&lt;/script>');
    expect(page).not.toContain('<script>alert(1)');
    expect(fieldKeys(page)).toEqual(['title', 'summary', 'severity']);
    expect(checked(page)).toEqual({ title: 'theirs', summary: 'mine' });
    expect(page).toMatch(/data-field="severity" data-changed-by="both"/);
  });

  it('refuses a merge with no choice for a field both changed (400), naming it, text kept, nothing saved', async () => {
    const { guide, editor, page } = await conflict(
      (g) => ({ ...g, severity: 'serious' }),
      (g) => ({ ...g, summary: 'Mine, kept through a refused merge.', severity: 'critical' }),
    );
    const before = await workingCopy(db, guide.id);
    const res = await editor.post(`/admin/guides/${guide.id}/merge`, mergeBody(page, {}));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choose their version or yours for this field');
    expect(res.body).toContain('<a href="#merge-severity">Severity</a>');
    expect(res.body).toContain('Mine, kept through a refused merge.');
    expect(checked(res.body)).toEqual({ summary: 'mine' });
    expect((await workingCopy(db, guide.id))!.revision).toBe(before!.revision);
  });

  it("answers 404 for a stash that is gone or another editor's, and 400 for a revision that is no number", async () => {
    const { guide, editor, reviewer, page } = await conflict(
      (g) => ({ ...g, title: 'Theirs' }),
      (g) => ({ ...g, summary: 'Mine.' }),
    );
    const body = mergeBody(page, {});
    const gone = await editor.post(`/admin/guides/${guide.id}/merge`, { ...body, stash: 'x'.repeat(32) });
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('no longer kept');
    const other = await reviewer.get(`/admin/guides/${guide.id}/edit`);
    const theirs = await reviewer.post(`/admin/guides/${guide.id}/merge`, {
      ...body,
      _csrf: TestBrowser.csrf(other.body),
    });
    expect(theirs.statusCode).toBe(404);
    const bad = await editor.post(`/admin/guides/${guide.id}/merge`, { ...body, theirs: 'latest' });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a merge without the CSRF token', async () => {
    const { guide, editor, page } = await conflict(
      (g) => ({ ...g, title: 'Theirs' }),
      (g) => ({ ...g, summary: 'Mine.' }),
    );
    const { _csrf, ...body } = mergeBody(page, {});
    expect(_csrf).not.toBe('');
    const res = await editor.post(`/admin/guides/${guide.id}/merge`, body);
    expect(res.statusCode).toBe(403);
    const forged = await editor.post(`/admin/guides/${guide.id}/merge`, { ...body, _csrf: 'forged' });
    expect(forged.statusCode).toBe(403);
  });

  it('saves the merge as a new working copy on their revision, with the fields chosen', async () => {
    const { guide, editor, page } = await conflict(
      (g) => ({
        ...g,
        title: 'Their better title',
        severity: 'serious',
        // They insert a step at the top and drop the last one.
        steps: [
          { id: 's4', action: 'Note the exact message.', why: 'It names the file.' },
          ...steps.slice(0, 2),
        ],
      }),
      (g) => ({
        ...g,
        summary: 'My clearer summary.',
        severity: 'critical',
        // I reword step 2 and add one at the end.
        steps: [
          steps[0]!,
          { ...steps[1]!, action: 'Run the tool as administrator.' },
          steps[2]!,
          {
            action: 'Ask the owner for access.',
            why: 'Only they can grant it.',
          },
        ],
      }),
    );
    const theirRevision = Number(hidden(page, 'theirs'));
    expect(fieldKeys(page)).toEqual([
      'title',
      'summary',
      'severity',
      'step.s4',
      'step.s2',
      'step.s3',
      'step.new.1',
    ]);
    expect(checked(page)).toEqual({
      title: 'theirs',
      summary: 'mine',
      'step.s4': 'theirs',
      'step.s2': 'mine',
      'step.s3': 'theirs',
      'step.new.1': 'mine',
    });
    const res = await editor.post(`/admin/guides/${guide.id}/merge`, mergeBody(page, { severity: 'mine' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/guides/${guide.id}/edit?done=merged`);
    const copy = (await workingCopy(db, guide.id))!;
    expect(copy.revision).toBe(theirRevision + 1);
    expect(copy.guide).toMatchObject({
      title: 'Their better title',
      summary: 'My clearer summary.',
      severity: 'critical',
    });
    expect(copy.guide.steps.map((s) => s.action)).toEqual([
      'Note the exact message.',
      'Restart the computer.',
      'Run the tool as administrator.',
      'Ask the owner for access.',
    ]);
    expect(copy.guide.steps.map((s) => s.id)).toEqual(['s4', 's1', 's2', expect.stringMatching(/^s\d+$/)]);
    expect((await listRevisions(db, guide.id))[0]).toMatchObject({
      author: 'editor@example.org',
      message: 'Merged',
    });
    const done = await editor.get(String(res.headers.location));
    expect(done.body).toContain(`Merged and saved as revision ${theirRevision + 1}`);
  });

  it('a merge that became stale conflicts again, with the merge as my text, then saves', async () => {
    const { guide, editor, reviewer, page } = await conflict(
      (g) => ({ ...g, title: 'Their title' }),
      (g) => ({ ...g, summary: 'My summary.' }),
    );
    const firstTheirs = Number(hidden(page, 'theirs'));
    // A third save lands while the editor is choosing.
    const third = await openEditor(reviewer, guide.id);
    const again = await reviewer.post(
      `/admin/guides/${guide.id}`,
      formBody(
        guideToForm({ ...(await getRevision(db, guide.id, firstTheirs))!, callAPro: 'Call the vendor.' }),
        {
          _csrf: third.csrf,
          action: 'save',
          expectedRevision: third.revision,
        },
      ),
    );
    expect(again.statusCode).toBe(303);
    const stale = await editor.post(`/admin/guides/${guide.id}/merge`, mergeBody(page, {}));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone saved again while you merged');
    expect(stale.body).toContain(`Since you opened revision ${firstTheirs}`);
    expect(hidden(stale.body, 'theirs')).toBe(String(firstTheirs + 1));
    // Only their new change and my summary differ now; the title is settled.
    expect(fieldKeys(stale.body)).toEqual(['summary', 'callAPro']);
    expect(checked(stale.body)).toEqual({ summary: 'mine', callAPro: 'theirs' });
    const saved = await editor.post(`/admin/guides/${guide.id}/merge`, mergeBody(stale.body, {}));
    expect(saved.statusCode).toBe(303);
    expect((await workingCopy(db, guide.id))!.guide).toMatchObject({
      title: 'Their title',
      summary: 'My summary.',
      callAPro: 'Call the vendor.',
    });
  });

  it('"take all theirs" keeps their revision without a new one; "keep all mine" saves mine on top', async () => {
    const first = await conflict(
      (g) => ({ ...g, title: 'Theirs' }),
      (g) => ({ ...g, title: 'Mine' }),
    );
    const theirRevision = Number(hidden(first.page, 'theirs'));
    const taken = await first.editor.post(
      `/admin/guides/${first.guide.id}/merge`,
      mergeBody(first.page, {}, 'all-theirs'),
    );
    expect(taken.statusCode).toBe(303);
    expect(taken.headers.location).toContain('done=kept-theirs');
    expect((await workingCopy(db, first.guide.id))!.revision).toBe(theirRevision);

    const second = await conflict(
      (g) => ({ ...g, title: 'Theirs' }),
      (g) => ({ ...g, title: 'Mine' }),
    );
    const kept = await second.editor.post(
      `/admin/guides/${second.guide.id}/merge`,
      mergeBody(second.page, {}, 'all-mine'),
    );
    expect(kept.statusCode).toBe(303);
    expect((await workingCopy(db, second.guide.id))!.guide.title).toBe('Mine');
  });

  it('opens the merge in the editor, based on their revision', async () => {
    const { guide, editor, page } = await conflict(
      (g) => ({ ...g, title: 'Their title' }),
      (g) => ({ ...g, summary: 'My summary to finish.' }),
    );
    const res = await editor.post(`/admin/guides/${guide.id}/merge`, mergeBody(page, {}, 'edit'));
    expect(res.statusCode).toBe(303);
    const opened = await editor.get(String(res.headers.location));
    expect(opened.body).toContain('Your merge is here to finish');
    expect(opened.body).toContain('Their title');
    expect(opened.body).toContain('My summary to finish.');
    expect(hidden(opened.body, 'expectedRevision')).toBe(hidden(page, 'theirs'));
  });

  it("answers the JSON API with the three versions and each field's status (409)", async () => {
    const { guide, reviewer, base } = await conflict(
      (g) => ({ ...g, title: 'Their title', severity: 'serious' }),
      (g) => ({ ...g, summary: 'My summary.' }),
    );
    const csrf = (await reviewer.json('GET', '/api/v1/admin/csrf')).json().token as string;
    const res = await reviewer.json(
      'PUT',
      `/api/v1/admin/guides/${guide.id}`,
      { guide: { ...guide, summary: 'API summary.', severity: 'critical' }, expectedRevision: base },
      { 'x-csrf-token': csrf },
    );
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.error.code).toBe('EDIT_CONFLICT');
    expect(body.conflict.base.revision).toBe(base);
    expect(body.conflict.base.guide.title).toBe(guide.title);
    expect(body.conflict.theirs.guide.title).toBe('Their title');
    expect(body.conflict.theirs.saves[0]).toMatchObject({
      author: 'reviewer@example.org',
      message: 'Reviewer tidy-up',
    });
    expect(body.conflict.mine.guide.summary).toBe('API summary.');
    expect(body.conflict.fields).toEqual([
      expect.objectContaining({ field: 'title', changedBy: 'theirs', default: 'theirs' }),
      expect.objectContaining({ field: 'summary', changedBy: 'mine', default: 'mine' }),
      expect.objectContaining({ field: 'severity', changedBy: 'both', default: null }),
    ]);
    // Saving the merge on their revision is accepted.
    const merged = await reviewer.json(
      'PUT',
      `/api/v1/admin/guides/${guide.id}`,
      {
        guide: { ...body.conflict.theirs.guide, summary: 'API summary.' },
        expectedRevision: body.conflict.theirs.revision,
      },
      { 'x-csrf-token': csrf },
    );
    expect(merged.statusCode).toBe(200);
  });
});
