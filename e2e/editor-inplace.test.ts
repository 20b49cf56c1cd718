/**
 * The editor without reloads in Chromium: a step added in place and moved with the keyboard, then
 * saved with its id; autosave offered again after a reload; a step moved by drag and drop.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { workingCopy } from '../src/guides/editing.ts';
import { stepIds } from '../src/guides/schema.ts';
import { DESKTOP, GUIDE_ID, PAGES, PHONE, USERS, signIn, startHarness, type Harness } from './harness.ts';

const SHOTS = process.env.SCREENSHOT_DIR;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const STEPS = 'section[data-list="steps"] > fieldset.item';

async function withEditor(
  run: (page: Page) => Promise<void>,
  viewport: { width: number; height: number } = DESKTOP,
) {
  const context = await h.context({ viewport });
  try {
    const page = await context.newPage();
    await signIn(page, USERS.admin);
    await page.goto(PAGES.editor);
    await page.waitForSelector('.move-controls');
    await run(page);
  } finally {
    await context.close();
  }
}

/** The step ids in the order the page shows them. */
const pageStepIds = (page: Page) =>
  page.$$eval(`${STEPS} input[type=hidden][name$=".id"]`, (inputs) =>
    inputs.map((i) => (i as HTMLInputElement).value),
  );

async function storedStepIds(): Promise<string[]> {
  return stepIds((await workingCopy(h.db, GUIDE_ID))!.guide);
}

async function save(page: Page) {
  await Promise.all([page.waitForURL(/done=save/), page.keyboard.press('Control+s')]);
}

describe('the editor without reloads', () => {
  it('adds a step in place, moves it up with the keyboard and saves it with a new id', async () => {
    await withEditor(async (page) => {
      const before = await storedStepIds();
      const url = page.url();
      await page.fill('textarea[name="summary"]', 'Typed before adding: it must stay.');
      await page.click('section[data-list="steps"] button[value="add:steps"]');
      expect(page.url()).toBe(url);
      expect(await page.locator(STEPS).count()).toBe(before.length + 1);
      const last = before.length;
      // Focus went to the new step's first box.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
        `steps.${last}.action`,
      );
      await page.keyboard.type('Restart the Windows Update service.');
      await page.fill(`textarea[name="steps.${last}.why"]`, 'A stuck service keeps failing scans.');
      expect(await page.inputValue('textarea[name="summary"]')).toBe('Typed before adding: it must stay.');

      // Tab from the step's last box reaches its Move up button; Enter moves it and keeps focus on it.
      await page.focus(`select[name="steps.${last}.kind"]`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toContain('move-up');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      const focused = await page.evaluate(() => {
        const item = document.activeElement?.closest('fieldset.item');
        return {
          button: document.activeElement?.className ?? '',
          action: (item?.querySelector('textarea[name$=".action"]') as HTMLTextAreaElement | null)?.value,
          legend: item?.querySelector('legend')?.textContent,
        };
      });
      expect(focused.button).toContain('move-up');
      expect(focused.action).toBe('Restart the Windows Update service.');
      expect(focused.legend).toBe(`Step ${last - 1}`);
      await page.waitForFunction(
        (text) => document.getElementById('editor-live')?.textContent === text,
        `Step moved to position ${last - 1} of ${last + 1}.`,
      );
      // The moved step's inputs carry its new position, as the server reads them.
      expect(await page.inputValue(`textarea[name="steps.${last - 2}.action"]`)).toBe(
        'Restart the Windows Update service.',
      );

      await save(page);
      const after = await storedStepIds();
      expect(after).toHaveLength(before.length + 1);
      const copy = await workingCopy(h.db, GUIDE_ID);
      expect(copy!.guide.steps[last - 2]!.action).toBe('Restart the Windows Update service.');
      expect(copy!.guide.summary).toBe('Typed before adding: it must stay.');
      // Old steps keep their ids in their order; the new one has an id of its own.
      expect(after.filter((id) => before.includes(id))).toEqual(before);
      expect(before).not.toContain(after[last - 2]);
      expect(after[last - 2]).toMatch(/^s\d+$/);
    });
  });

  it('comes Back from a preview to the step added in place, with its text', async () => {
    await withEditor(async (page) => {
      const count = await page.locator(STEPS).count();
      await page.click('section[data-list="steps"] button[value="add:steps"]');
      await page.fill(`textarea[name="steps.${count}.action"]`, 'Added in place before a preview.');
      await page.fill(`textarea[name="steps.${count}.why"]`, 'Back must keep it.');
      await Promise.all([page.waitForURL('**/preview'), page.click('button[value="preview"]')]);
      expect(await page.locator('.preview-banner').textContent()).toContain('has not been published');
      await page.goBack();
      await page.waitForSelector('.move-controls');
      expect(page.url()).toMatch(/[?&]draft=/);
      expect(await page.locator(STEPS).count()).toBe(count + 1);
      expect(await page.inputValue(`textarea[name="steps.${count}.action"]`)).toBe(
        'Added in place before a preview.',
      );
    });
  });

  it('removes a step in place and says so', async () => {
    await withEditor(async (page) => {
      const before = await pageStepIds(page);
      await page.click(`${STEPS}:nth-of-type(1) .remove-item`);
      expect(await pageStepIds(page)).toEqual(before.slice(1));
      expect(await page.getAttribute(`${STEPS} >> nth=0`, 'class')).toContain('item');
      expect(await page.locator(`${STEPS} >> nth=0`).locator('legend').textContent()).toBe('Step 1');
      await page.waitForFunction(
        () => document.getElementById('editor-live')?.textContent === 'Step 1 removed.',
      );
    });
  });

  it('offers unsaved changes again after a reload, and a save clears them', async () => {
    await withEditor(async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      // Closing the last test's page kept its changes (visibilitychange): start from none.
      if ((await page.locator('.autosave-offer').count()) > 0) {
        await Promise.all([page.waitForURL(`**${PAGES.editor}`), page.click('.autosave-offer button')]);
      }
      const text = 'Autosaved text that survives a reload.';
      await page.fill('textarea[name="summary"]', text);
      await page.waitForResponse((r) => r.url().includes('/admin/autosave') && r.status() === 200, {
        timeout: 20_000,
      });
      expect(await page.textContent('.autosave-status')).toContain('Unsaved changes kept');
      await page.reload();
      await page.waitForSelector('.autosave-offer');
      expect(await page.inputValue('textarea[name="summary"]')).not.toBe(text);
      await Promise.all([
        page.waitForURL(/restore=autosave/),
        page.click('.autosave-offer a:has-text("Restore unsaved changes")'),
      ]);
      expect(await page.inputValue('textarea[name="summary"]')).toBe(text);
      await save(page);
      expect((await workingCopy(h.db, GUIDE_ID))!.guide.summary).toBe(text);
      await page.goto(PAGES.editor);
      expect(await page.locator('.autosave-offer').count()).toBe(0);
    });
  }, 40_000);

  it('moves a step by drag and drop', async () => {
    // Tall enough that both steps are on screen: a drag across the page would need the browser's autoscroll.
    await withEditor(
      async (page) => {
        const before = await pageStepIds(page);
        const last = page.locator(`${STEPS} .drag-handle`).last();
        const first = page.locator(STEPS).first();
        await last.dragTo(first, { targetPosition: { x: 40, y: 10 } });
        const expected = [before.at(-1)!, ...before.slice(0, -1)];
        expect(await pageStepIds(page)).toEqual(expected);
        await save(page);
        expect(await storedStepIds()).toEqual(expected);
      },
      { width: 1280, height: 9000 },
    );
  });

  /** Screenshots for a person to look at, written only when SCREENSHOT_DIR names a folder. */
  const shot = (name: string) => (SHOTS ? { path: join(SHOTS, `editor-inplace-${name}.png`) } : {});

  it('looks right at 1280 and 390 px', async () => {
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await withEditor(async (page) => {
        await page.click('section[data-list="steps"] button[value="add:steps"]');
        await page.screenshot(shot(`editor-${name}`));
        await page
          .locator(STEPS)
          .nth(1)
          .screenshot(shot(`step-${name}`));
        await page
          .locator('.actions')
          .last()
          .screenshot(shot(`actions-${name}`));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(viewport.width);
      }, viewport);
    }
  }, 40_000);
});
