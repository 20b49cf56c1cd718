import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, userForSession } from '../src/accounts/sessions.ts';
import { createUser } from '../src/accounts/users.ts';
import { bundledCatalog } from '../src/catalog/load.ts';
import { guideCodeKey } from '../src/codes/parse.ts';
import { exportContent, hasRevisionsTable } from '../src/guides/export.ts';
import { importContent } from '../src/guides/import.ts';
import { guidePath } from '../src/guides/schema.ts';
import { migrate, withStartupLock } from '../src/store/db.ts';
import {
  getRevision,
  listForEditors,
  listRevisions,
  saveWorkingCopy,
  setAssignee,
  workingCopy,
} from '../src/guides/editing.ts';
import { answerTotals } from '../src/feedback/repository.ts';
import { FeedbackWriter } from '../src/feedback/writer.ts';
import { contentVersion } from '../src/guides/content-events.ts';
import {
  countGuides,
  listPublished,
  publishedByCodeKeys,
  publishedByPath,
  saveGuides,
  withdrawnAtPath,
} from '../src/guides/repository.ts';
import { syncBundledContent, type Store } from '../src/open.ts';
import { referenceEntriesByValue, syncReferenceEntries } from '../src/catalog/repository.ts';
import { addReport, countReports, listReports, setReportStatus } from '../src/feedback/reports.ts';
import { recordZeroResult, zeroResults } from '../src/search/log.ts';
import { appSecret } from '../src/store/secret.ts';
import { UnguidedVisitLog, unguidedTotals } from '../src/lookup/unguided-visits.ts';
import { CONTENT_DIR, listFiles, makeGuide } from './helpers.ts';
import {
  addComment,
  claimSchedule,
  dueSchedules,
  getSchedule,
  listComments,
  putSchedule,
} from '../src/guides/review.ts';

const BUNDLED_GUIDES = listFiles(CONTENT_DIR).filter(
  (f) => f.endsWith('.yaml') && f !== 'sections.yaml',
).length;

/**
 * The store's behaviour, asserted the same way on every dialect. `open` gives a fresh store, as
 * openStore leaves it (migrated, bundled content and catalogs loaded); it is called once per dialect
 * (a PGlite instance takes seconds and hundreds of MB to start).
 */
export function storeSuite(name: string, open: () => Promise<Store>): void {
  describe(`store on ${name}`, () => {
    let handle: Store;
    const temp = mkdtempSync(join(tmpdir(), `errata-store-${name}-`));

    beforeAll(async () => {
      handle = await open();
    }, 60_000);

    afterAll(async () => {
      await handle?.close();
      rmSync(temp, { recursive: true, force: true });
    });

    it('migrates again and syncs the bundle once (nothing to do the second time)', async () => {
      const { db, dialect } = handle;
      await migrate(db, dialect);
      expect(await syncBundledContent(db, CONTENT_DIR)).toBe(false);
      expect(await syncReferenceEntries(db, bundledCatalog())).toBe(false);
      expect(await countGuides(db)).toBe(BUNDLED_GUIDES);
      expect(await hasRevisionsTable(db)).toBe(true);
    });

    it('two start-ups at once take turns and leave one copy of everything', async () => {
      const { db, dialect } = handle;
      const results = await Promise.all(
        [1, 2].map(() =>
          withStartupLock(db, dialect, async (locked) => {
            await migrate(locked, dialect);
            return syncBundledContent(locked, CONTENT_DIR);
          }),
        ),
      );
      expect(results).toEqual([false, false]);
      expect(await countGuides(db)).toBe(BUNDLED_GUIDES);
    });

    it('finds published guides by path, by code key and in lists', async () => {
      const { db } = handle;
      const all = await listPublished(db);
      expect(all.length).toBeGreaterThan(10);
      const paths = all.map((g) => guidePath(g.guide));
      const sortKey = (p: ReturnType<typeof guidePath>) =>
        [p.category, p.brand, p.product, p.code].join('\u0000');
      expect(paths.map(sortKey)).toEqual([...paths.map(sortKey)].sort());
      const first = all[0]!;
      const byPath = await publishedByPath(db, guidePath(first.guide));
      expect(byPath?.guide).toEqual(first.guide);
      expect(byPath?.revision).toBe(1);
      const key = guideCodeKey(first.guide.code)!;
      const byKey = await publishedByCodeKeys(db, ['num:0', key]);
      expect(byKey.map((g) => g.guide.id)).toContain(first.guide.id);
      const category = paths[0]!.category;
      const inCategory = await listPublished(db, { category });
      expect(inCategory.length).toBeGreaterThan(0);
      expect(inCategory.every((g) => guidePath(g.guide).category === category)).toBe(true);
      expect(await publishedByPath(db, { category: 'x', brand: 'y', product: 'z', code: '1' })).toBe(
        undefined,
      );
    });

    it('keeps reference entries with 64-bit values readable as numbers', async () => {
      const { db } = handle;
      const entry = bundledCatalog().entries.find((e) => e.value > 0x7fffffff)!;
      const rows = await referenceEntriesByValue(db, entry.value);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.value === entry.value && typeof r.value === 'number')).toBe(true);
      expect(rows.map((r) => r.symbol)).toContain(entry.symbol);
    });

    it('saves working copies as revisions and refuses a stale one with 409', async () => {
      const { db } = handle;
      const [first] = await listPublished(db);
      const id = first!.guide.id;
      const before = await contentVersion(db);
      const copy = (await workingCopy(db, id))!;
      expect(copy.pendingDraft).toBe(false);
      const saved = await saveWorkingCopy(db, {
        guide: { ...copy.guide, title: `${copy.guide.title} (edited)` },
        action: 'save',
        expectedRevision: copy.revision,
        author: 'editor@example.com',
        message: 'Edit',
      });
      expect(saved).toMatchObject({
        revision: copy.revision + 1,
        pendingDraft: true,
        publicStatus: 'published',
      });
      // The public still sees the published text.
      expect((await publishedByPath(db, guidePath(first!.guide)))?.guide.title).toBe(copy.guide.title);
      expect(await contentVersion(db)).toBe(before);
      const stale = saveWorkingCopy(db, {
        guide: copy.guide,
        action: 'save',
        expectedRevision: copy.revision,
        author: 'other@example.com',
        message: 'Late',
      });
      await expect(stale).rejects.toMatchObject({ code: 'EDIT_CONFLICT', status: 409 });
      const published = await saveWorkingCopy(db, {
        guide: saved.guide,
        action: 'publish',
        expectedRevision: saved.revision,
        author: 'reviewer@example.com',
        message: 'Publish',
      });
      expect(published.revision).toBe(copy.revision + 2);
      expect(Number(await contentVersion(db))).toBe(Number(before) + 1);
      const history = await listRevisions(db, id);
      expect(history.map((r) => r.number)).toEqual([3, 2, 1]);
      expect(history.map((r) => r.author)).toEqual(['reviewer@example.com', 'editor@example.com', 'bundle']);
      expect((await getRevision(db, id, 2))?.status).toBe('draft');
      expect((await publishedByPath(db, guidePath(first!.guide)))?.guide.title).toMatch(/\(edited\)$/);
    });

    it('unpublishing and archiving take a guide off the site at once and say the public site changed', async () => {
      const { db } = handle;
      const [, second, third] = await listPublished(db);
      for (const [stored, action] of [
        [second!, 'unpublish'],
        [third!, 'archive'],
      ] as const) {
        const path = guidePath(stored.guide);
        const key = guideCodeKey(stored.guide.code)!;
        const before = Number(await contentVersion(db));
        const copy = (await workingCopy(db, stored.guide.id))!;
        // A pending edit first: taking the guide off the site must not leave it waiting as a draft.
        const edited = await saveWorkingCopy(db, {
          guide: { ...copy.guide, title: `${copy.guide.title} (edited)` },
          action: 'save',
          expectedRevision: copy.revision,
          author: 'editor@example.com',
          message: 'Edit',
        });
        expect(edited.publicChanged).toBe(false);
        const off = await saveWorkingCopy(db, {
          guide: edited.guide,
          action,
          expectedRevision: edited.revision,
          author: 'reviewer@example.com',
          message: action,
        });
        expect(off).toMatchObject({
          publicChanged: true,
          pendingDraft: false,
          publicStatus: action === 'unpublish' ? 'draft' : 'archived',
        });
        expect(off.guide.title).toMatch(/\(edited\)$/);
        expect(Number(await contentVersion(db))).toBe(before + 1);
        expect(await publishedByPath(db, path)).toBeUndefined();
        expect((await publishedByCodeKeys(db, [key])).map((g) => g.guide.id)).not.toContain(stored.guide.id);
        expect((await listPublished(db)).map((g) => g.guide.id)).not.toContain(stored.guide.id);
        expect(await withdrawnAtPath(db, path)).toBe(true);
        // Doing it again is refused: the guide is no longer public.
        await expect(
          saveWorkingCopy(db, {
            guide: off.guide,
            action: 'unpublish',
            expectedRevision: off.revision,
            author: 'reviewer@example.com',
            message: 'again',
          }),
        ).rejects.toMatchObject({ code: 'STATUS_CONFLICT', status: 409 });
      }
      // A guide never published is not "withdrawn": its address simply does not exist.
      expect(
        await withdrawnAtPath(db, { category: 'none', brand: 'none', product: 'none', code: '0x1' }),
      ).toBe(false);
    });

    it('numbers users, reports and sessions itself', async () => {
      const { db } = handle;
      const a = await createUser(db, 'a@example.com', 'a long enough password', 'editor');
      const b = await createUser(db, 'b@example.com', 'a long enough password', 'admin');
      expect(b.id).toBeGreaterThan(a.id);
      const token = await createSession(db, b.id);
      expect((await userForSession(db, token))?.email).toBe('b@example.com');
      const [guide] = await listPublished(db);
      const r1 = await addReport(db, {
        guideId: guide!.guide.id,
        guideRevision: 1,
        message: 'Typo',
        contact: null,
      });
      const r2 = await addReport(db, {
        guideId: guide!.guide.id,
        guideRevision: 1,
        message: 'Wrong step',
        contact: 'me@example.com',
      });
      expect(r2).toBeGreaterThan(r1);
      expect((await listReports(db)).map((r) => r.id)).toEqual([r2, r1]);
      expect(await setReportStatus(db, r1, 'fixed', 2)).toBe(true);
      expect(await setReportStatus(db, 999_999, 'fixed', 2)).toBe(false);
      expect(await listReports(db, 'fixed')).toMatchObject([{ id: r1, fixedRevision: 2, status: 'fixed' }]);
      expect((await listReports(db))[0]!.guideTitle).toBe(guide!.guide.title);
      expect(await countReports(db)).toMatchObject({ new: 1, fixed: 1, accepted: 0 });
    });

    it('finds guides for editors by text in any status, wildcards literal, and by assignee', async () => {
      const { db } = handle;
      const id = 'windows-update-0x80244007';
      const copy = (await workingCopy(db, id))!;
      const step = { action: 'Check it is 100%_sure "quoted" here.', why: 'A reason with a quote.' };
      await saveWorkingCopy(db, {
        guide: { ...copy.guide, steps: [...copy.guide.steps, step] },
        action: 'submit',
        expectedRevision: copy.revision,
        author: 'editor@example.org',
        message: 'Pending edit in review',
      });
      const ids = async (filter: Parameters<typeof listForEditors>[1]) =>
        (await listForEditors(db, filter)).guides.map((g) => g.row.id);
      // % and _ are literal, a quote matches inside the stored JSON, case does not matter.
      expect(await ids({ text: '100%_SURE "quoted"' })).toEqual([id]);
      expect(await ids({ text: '100%_sure', status: 'review' })).toEqual([id]);
      expect(await ids({ text: '100%_sure', status: 'published' })).toEqual([]);
      expect(await ids({ text: '100x_sure' })).toEqual([]);
      // A field name of the stored JSON is not text an editor wrote.
      expect(await ids({ text: 'callapro' })).toEqual([]);
      expect(await ids({ text: '0x80244007' })).toContain(id);
      expect(await ids({ text: '', limit: 2 })).toHaveLength(2);
      expect((await listForEditors(db, { limit: 1 })).truncated).toBe(true);

      expect(await setAssignee(db, id, 'reviewer@example.org')).toBe(true);
      expect(await setAssignee(db, 'no-such-guide', 'reviewer@example.org')).toBe(false);
      expect(await ids({ assignedTo: 'reviewer@example.org' })).toEqual([id]);
      const unassigned = await ids({ assignedTo: null });
      expect(unassigned).not.toContain(id);
      expect(unassigned.length).toBeGreaterThan(0);
      expect((await listForEditors(db, { text: '100%_sure' })).guides[0]!.row.assignedTo).toBe(
        'reviewer@example.org',
      );
      await setAssignee(db, id, null);
    });

    it('counts at most 3 answers per address and step a day, also across instances', async () => {
      const { db } = handle;
      const now = new Date('2026-11-26T12:00:00Z');
      const answer = { guideId: 'g1', stepId: 's1', outcome: 'fixed', fingerprint: 'address-1' };
      const writer = new FeedbackWriter(db, 10_000);
      const first = [];
      for (let i = 0; i < 5; i++) first.push(await writer.add(answer, now));
      expect(first).toEqual([true, true, true, false, false]);
      expect(await writer.add({ ...answer, fingerprint: 'address-2' }, now)).toBe(true);
      expect(await writer.add({ ...answer, fingerprint: 'address-3', outcome: 'next' }, now)).toBe(true);
      await writer.flush();
      // Another instance's writer, same addresses: the database holds it to the same bound.
      const other = new FeedbackWriter(db, 10_000);
      for (let i = 0; i < 3; i++) await other.add(answer, now);
      await other.add({ ...answer, fingerprint: 'address-4' }, now);
      await other.flush();
      const totals = await answerTotals(db, 'g1');
      expect(totals.get('s1')).toEqual({ fixed: 5, next: 1 });
    });

    it('counts searches that found nothing, and shares one secret', async () => {
      const { db } = handle;
      await recordZeroResult(db, 'Frobnicate  Error', '2026-11-25');
      await recordZeroResult(db, 'frobnicate error', '2026-11-26');
      await recordZeroResult(db, 'other', '2026-11-26');
      const rows = await zeroResults(db);
      expect(rows[0]).toEqual({
        query: 'frobnicate error',
        count: 2,
        firstSeen: '2026-11-25',
        lastSeen: '2026-11-26',
      });
      expect(rows).toHaveLength(2);
      const secret = await appSecret(db);
      expect(await appSecret(db)).toBe(secret);
    });

    it('counts visits without a guide per day, family and code, in batches, across instances', async () => {
      const { db } = handle;
      const day1 = new Date('2026-11-25T10:00:00Z');
      const day2 = new Date('2026-11-26T10:00:00Z');
      const log = new UnguidedVisitLog(db, { intervalMs: 10_000 });
      const other = new UnguidedVisitLog(db, { intervalMs: 10_000 });
      for (let i = 0; i < 3; i++) log.add('hresult', '0x80240024', day1);
      log.add('hresult', '0x80240024', day2);
      other.add('hresult', '0x80240024', day2);
      log.add('obd', 'P0304', day2);
      log.add('http', '418', day2);
      expect(log.pending).toBe(4);
      await Promise.all([log.close(), other.close()]);
      const all = await unguidedTotals(db);
      expect(all.codes[0]).toEqual({
        family: 'hresult',
        code: '0x80240024',
        visits: 5,
        days: 2,
        lastDay: '2026-11-26',
      });
      expect(all.families).toEqual([
        { family: 'hresult', visits: 5, codes: 1 },
        { family: 'http', visits: 1, codes: 1 },
        { family: 'obd', visits: 1, codes: 1 },
      ]);
      const recent = await unguidedTotals(db, { since: '2026-11-26', limit: 1 });
      expect(recent.codes).toEqual([
        { family: 'hresult', code: '0x80240024', visits: 2, days: 1, lastDay: '2026-11-26' },
      ]);
    });

    it('keeps review comments in order and publishes a schedule once; a new revision cancels it', async () => {
      const { db } = handle;
      const guide = makeGuide({ id: `review-store-${name}-0x80070005`, status: 'review' });
      await saveGuides(db, [guide]);
      const base = { guideId: guide.id, revision: 1, author: 'a@example.org', kind: 'comment' as const };
      for (const body of ['one', 'two', 'three']) await addComment(db, { ...base, body });
      const { comments, total } = await listComments(db, guide.id, 2);
      expect(total).toBe(3);
      expect(comments.map((c) => c.body)).toEqual(['two', 'three']);
      expect(comments[1]!.id).toBeGreaterThan(comments[0]!.id);

      const schedule = {
        guideId: guide.id,
        revision: 1,
        publishAt: '2026-12-03T10:00:00.000Z',
        scheduledBy: 'r@example.org',
        createdAt: '2026-12-03T09:00:00.000Z',
      };
      await putSchedule(db, { ...schedule, publishAt: '2030-01-01T00:00:00.000Z' });
      await putSchedule(db, schedule); // moved, not doubled
      expect(await dueSchedules(db, '2026-12-03T09:59:59.999Z')).toEqual([]);
      expect(await dueSchedules(db, '2026-12-03T10:00:00.000Z')).toEqual([schedule]);
      expect(await claimSchedule(db, schedule)).toBe(true);
      expect(await claimSchedule(db, schedule)).toBe(false);

      await putSchedule(db, schedule);
      const saved = await saveWorkingCopy(db, {
        guide,
        action: 'save',
        expectedRevision: 1,
        author: 'a@example.org',
        message: 'after scheduling',
      });
      expect(saved).toMatchObject({ scheduleCancelled: true, guide: { status: 'review' } });
      expect(await getSchedule(db, guide.id)).toBeUndefined();
      // Later tests count the bundled guides: leave none behind.
      await db.deleteFrom('guide_comments').where('guide_id', '=', guide.id).execute();
      await db.deleteFrom('revisions').where('guide_id', '=', guide.id).execute();
      await db.deleteFrom('guides').where('id', '=', guide.id).execute();
    });

    it('exports, re-imports into an emptied database and exports the same files', async () => {
      const { db } = handle;
      const dirA = join(temp, 'a');
      const dirB = join(temp, 'b');
      const a = await exportContent(db, dirA, { history: true });
      expect(a.guides).toBe(BUNDLED_GUIDES);
      expect(listFiles(dirA).some((f) => f.startsWith('.history/'))).toBe(true);
      await db.deleteFrom('guides').execute();
      await db.deleteFrom('revisions').execute();
      expect(await countGuides(db)).toBe(0);
      await importContent(db, [dirA], { format: 'yaml' });
      const b = await exportContent(db, dirB);
      expect(b.guides).toBe(a.guides);
      const files = listFiles(dirB);
      expect(files).toEqual(listFiles(dirA).filter((f) => !f.startsWith('.history/')));
      for (const file of files) {
        expect(readFileSync(join(dirB, file), 'utf8')).toBe(readFileSync(join(dirA, file), 'utf8'));
      }
    });
  });
}
