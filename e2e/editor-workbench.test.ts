/**
 * The editor's keyboard and safety net in Chromium: Ctrl+S saves, leaving with unsaved text asks first,
 * and Back from a preview after "Add a step" shows the editor with the text, without resubmitting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PAGES, USERS, signIn, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function withEditor(run: (page: Page) => Promise<void>, javaScriptEnabled = true) {
  const context = await h.context({ javaScriptEnabled });
  try {
    const page = await context.newPage();
    await signIn(page, USERS.admin);
    await page.goto(PAGES.editor);
    await run(page);
  } finally {
    await context.close();
  }
}

describe('the editor in a browser', () => {
  it('saves with Ctrl+S', async () => {
    await withEditor(async (page) => {
      await page.fill('input[name="message"]', 'Saved from the keyboard');
      await Promise.all([page.waitForURL(/done=save/), page.keyboard.press('Control+s')]);
      expect(await page.locator('.notice').first().textContent()).toContain('Draft saved');
    });
  });

  it('asks before leaving with unsaved text, and not after a button sent it', async () => {
    await withEditor(async (page) => {
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.type());
        void dialog.dismiss();
      });
      await page.fill('textarea[name="summary"]', 'Unsaved text that must not vanish.');
      await page.click('a[href="/admin"]').catch(() => undefined);
      await page.waitForTimeout(300);
      expect(dialogs).toEqual(['beforeunload']);
      expect(new URL(page.url()).pathname).toBe(PAGES.editor);

      await Promise.all([page.waitForURL('**/preview'), page.click('button[value="preview"]')]);
      expect(dialogs).toHaveLength(1);
    });
  });

  it('comes Back from a preview after "Add a step" with the text and no resubmission (no script)', async () => {
    await withEditor(async (page) => {
      await Promise.all([page.waitForURL(/draft=/), page.click('button[value="add:steps"]')]);
      const added = page.url();
      await page.fill('input[name="message"]', 'Typed after adding a step');
      await Promise.all([page.waitForURL('**/preview'), page.click('button[value="preview"]')]);
      expect(await page.locator('.preview-banner').textContent()).toContain('has not been published');
      await page.goBack();
      await page.waitForLoadState();
      expect(page.url()).toBe(added);
      expect(await page.inputValue('input[name="message"]')).toBe('Typed after adding a step');
      expect(await page.locator('fieldset.item legend', { hasText: 'Step' }).count()).toBeGreaterThan(1);
    }, false);
  });
});
