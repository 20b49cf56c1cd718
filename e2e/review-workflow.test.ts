/**
 * The review workflow in Chromium: an author submits, a reviewer requests changes with a comment, the
 * author sees it, edits and resubmits, the reviewer compares live with proposed and publishes, and the
 * public page shows the change. Screenshots of the editor's review section go to SCREENSHOT_DIR.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  GUIDE_ID,
  PAGES,
  PHONE,
  USERS,
  signIn,
  startHarness,
  text,
  type Harness,
} from './harness.ts';

const SHOTS = process.env.SCREENSHOT_DIR;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function signedInPage(email: string): Promise<Page> {
  const context = await h.context();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function press(page: Page, value: string, done: RegExp) {
  await Promise.all([page.waitForURL(done), page.click(`.actions button[value="${value}"]`)]);
}

async function screenshots(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [label, viewport] of [
    ['1280', DESKTOP],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `${name}-${label}-top.png`) });
    await page.locator('.review-panel').screenshot({ path: join(SHOTS, `${name}-${label}-panel.png`) });
  }
  await page.setViewportSize(DESKTOP);
}

describe('request changes → resubmit → publish', () => {
  it('goes from an author to a reviewer and back, and the public page shows the change', async () => {
    const author = await signedInPage(USERS.editor);
    const reviewer = await signedInPage(USERS.reviewer);
    try {
      // The author proposes an edit.
      await author.goto(PAGES.editor);
      const summary = await author.inputValue('textarea[name="summary"]');
      await author.fill('textarea[name="summary"]', `${summary} First proposal for review.`);
      await press(author, 'submit', /done=submit/);
      expect(await text(author, '.notice')).toContain('Submitted for review');

      // The reviewer sends it back with a comment.
      await reviewer.goto(PAGES.editor);
      expect(await text(reviewer, '.review-state')).toContain('In review');
      await reviewer.fill('#request-changes-comment', 'Please cite the <vendor> page for this sentence.');
      await Promise.all([
        reviewer.waitForURL(/done=changes-requested/),
        reviewer.click('button:has-text("Request changes")'),
      ]);
      expect(await text(reviewer, '.notice')).toContain('Changes requested');

      // The author sees the comment, escaped, and the guide is a draft again.
      await author.goto(PAGES.editor);
      expect(await text(author, '.notice-changes')).toContain('Changes requested by reviewer@example.org');
      expect(await text(author, '.comment-changes .comment-body')).toBe(
        'Please cite the <vendor> page for this sentence.',
      );
      await author.fill('#new-comment', 'Added the vendor page; see the sources.');
      await Promise.all([author.waitForURL(/done=commented/), author.click('button:has-text("Comment")')]);
      // Still open after a comment: the guide has not gone back to review yet.
      expect(await text(author, '.notice-changes')).toContain('Changes requested');
      await screenshots(author, 'review-author');
      const current = await author.inputValue('textarea[name="summary"]');
      await author.fill(
        'textarea[name="summary"]',
        current.replace('First proposal for review.', 'Second proposal, with the vendor cited.'),
      );
      await press(author, 'submit', /done=submit/);

      // The reviewer opens the comparison from the queue: live → proposed.
      await reviewer.goto('/admin?status=review');
      await Promise.all([
        reviewer.waitForURL(/\/diff\?a=\d+&b=\d+/),
        reviewer.click(`a[href="/admin/guides/${GUIDE_ID}/diff?from=queue"]`),
      ]);
      const caption = await text(reviewer, 'table.diff caption');
      expect(caption).toMatch(/^Changes from Live \(revision \d+\) to Proposed \(revision \d+\)/);
      expect(await text(reviewer, 'tr[data-field="summary"] ins')).toContain('Second proposal');
      expect(await reviewer.locator('a:has-text("Compare with the previous revision")').count()).toBe(1);

      await reviewer.goto(PAGES.editor);
      await screenshots(reviewer, 'review-reviewer');
      // A time in UTC, then cancelled: the reviewer publishes now instead.
      const when = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);
      await reviewer.fill('#schedule-at', when);
      await Promise.all([
        reviewer.waitForURL(/done=scheduled/),
        reviewer.click('button:has-text("Schedule publication")'),
      ]);
      expect(await text(reviewer, '.schedule-state')).toContain(`goes live at ${when.replace('T', ' ')} UTC`);
      await screenshots(reviewer, 'review-scheduled');
      await Promise.all([
        reviewer.waitForURL(/done=schedule-cancelled/),
        reviewer.click('button:has-text("Cancel the schedule")'),
      ]);
      expect(await reviewer.locator('.schedule-state').count()).toBe(0);
      await press(reviewer, 'publish', /done=publish/);
      expect(await text(reviewer, '.notice')).toContain('Published');

      // The public page shows the change (the same server, so the cache moved on at once).
      const reader = await h.context();
      const pub = await reader.newPage();
      await pub.goto(PAGES.guide);
      expect(await pub.content()).toContain('Second proposal, with the vendor cited.');
      await reader.close();
    } finally {
      await author.context().close();
      await reviewer.context().close();
    }
  });
});
