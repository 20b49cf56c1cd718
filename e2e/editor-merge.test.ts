/**
 * A conflict resolved by merging, in Chromium: two editors in two browser contexts edit the same guide,
 * the second save is refused with the merge page, the second editor merges field by field and saves.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingCopy } from '../src/guides/editing.ts';
import { format, scan } from './axe.ts';
import { DESKTOP, GUIDE_ID, PAGES, PHONE, USERS, signIn, startHarness, type Harness } from './harness.ts';

// Looked at by people, never committed.
const SHOTS = join(tmpdir(), 'errata-merge-screenshots');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

async function editorOf(email: string): Promise<Page> {
  const context = await h.context();
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto(PAGES.editor);
  return page;
}

const save = (page: Page) => page.locator('.actions button[value="save"]').click();

/** Whether the page is wider than the window (sideways scrolling). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('two editors, one guide', () => {
  it('the second save is refused, merged field by field and saved', async () => {
    const reviewer = await editorOf(USERS.reviewer);
    const editor = await editorOf(USERS.editor);
    try {
      await reviewer.fill(
        'input[name="title"]',
        'Windows Update error 0x80244007: the update server answered with a fault',
      );
      await reviewer.fill(
        'textarea[name="callAPro"]',
        'Ask whoever runs your update server (WSUS) to check its logs.',
      );
      await Promise.all([reviewer.waitForURL(/done=save/), save(reviewer)]);

      await editor.fill(
        'input[name="title"]',
        'Windows Update error 0x80244007 (a SOAP fault from the server)',
      );
      await editor.fill(
        'textarea[name="summary"]',
        'The update server sent back a SOAP fault while Windows Update was scanning for updates.',
      );
      await save(editor);
      await editor.waitForSelector('.merge h1');
      expect(await editor.locator('h1').first().textContent()).toContain('Someone saved this guide');
      const saves = (await editor.locator('.merge-saves').textContent()) ?? '';
      expect(saves).toContain(`saved by ${USERS.reviewer} on`);
      expect(saves).toMatch(/\d{4}-\d{2}-\d{2} at \d{2}:\d{2} UTC/);
      expect(
        await editor
          .locator('fieldset.merge-field')
          .evaluateAll((f) => f.map((e) => e.getAttribute('data-field'))),
      ).toEqual(['title', 'summary', 'callAPro']);
      // Only they changed "call a pro", only I the summary: chosen already. Both changed the title: not.
      expect(await editor.isChecked('input[name="pick.callAPro"][value="theirs"]')).toBe(true);
      expect(await editor.isChecked('input[name="pick.summary"][value="mine"]')).toBe(true);
      expect(await editor.isChecked('input[name="pick.title"][value="theirs"]')).toBe(false);
      expect(await editor.isChecked('input[name="pick.title"][value="mine"]')).toBe(false);

      await editor.setViewportSize(DESKTOP);
      await editor.screenshot({ path: join(SHOTS, 'merge-1280.png'), fullPage: true });
      expect(format(await scan(editor, 'merge', 'desktop-light'))).toEqual([]);
      await editor.setViewportSize(PHONE);
      expect(await scrollsSideways(editor)).toBe(false);
      await editor.screenshot({ path: join(SHOTS, 'merge-390.png'), fullPage: true });

      // Saving without a choice for the title is refused, naming it.
      await editor.locator('.actions button[value="save"]').first().click();
      await editor.waitForSelector('.error-summary');
      expect(await editor.locator('.error-summary').textContent()).toContain('Title');
      expect(await scrollsSideways(editor)).toBe(false);
      await editor.screenshot({ path: join(SHOTS, 'merge-missing-390.png'), fullPage: true });
      expect(format(await scan(editor, 'merge-missing', 'phone-light'))).toEqual([]);
      await editor.setViewportSize(DESKTOP);

      await editor.check('input[name="pick.title"][value="mine"]');
      await Promise.all([
        editor.waitForURL(/done=merged/),
        editor.locator('.actions button[value="save"]').first().click(),
      ]);
      expect(await editor.locator('.notice').first().textContent()).toContain('Merged and saved as revision');

      const copy = (await workingCopy(h.db, GUIDE_ID))!;
      expect(copy.guide.title).toBe('Windows Update error 0x80244007 (a SOAP fault from the server)');
      expect(copy.guide.summary).toBe(
        'The update server sent back a SOAP fault while Windows Update was scanning for updates.',
      );
      expect(copy.guide.callAPro).toBe('Ask whoever runs your update server (WSUS) to check its logs.');
    } finally {
      await reviewer.context().close();
      await editor.context().close();
    }
  });
});
