/**
 * Finding work in a real browser: search the guide list, tick guides, run a bulk action, and see the
 * summary and the review queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, USERS, shot, signIn, startHarness, text, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('the guide list as a workbench', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`searches, assigns a guide with the bulk form and finds it in the queue (${viewport.width} px)`, async () => {
      const context = await h.context({ viewport });
      const page = await context.newPage();
      try {
        await signIn(page, USERS.reviewer);
        await page.goto('/admin');
        await page.fill('#filter-q', 'soap fault');
        await Promise.all([
          page.waitForURL('**/admin?q=soap+fault**'),
          page.click('button:has-text("Filter")'),
        ]);
        const boxes = page.locator('input[name="guide"]');
        expect(await boxes.count()).toBeGreaterThanOrEqual(1);
        const first = await boxes.first().getAttribute('value');
        await boxes.first().check();
        await page.selectOption('#bulk-action', 'assign');
        await page.selectOption('#bulk-assignee', USERS.reviewer);
        await shot(page, `workbench-bulk-${viewport.width}`);
        await Promise.all([
          page.waitForURL('**/admin?q=soap+fault'),
          page.click('button:has-text("Apply to selected")'),
        ]);
        expect(await text(page, '.notice')).toContain('Assigned 1:');
        // The search is still in the box after the action.
        expect(await page.inputValue('#filter-q')).toBe('soap fault');

        await page.click('a:has-text("assigned to me")');
        await page.waitForURL('**/admin?assignee=me');
        const queued = await page
          .locator('input[name="guide"]')
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
        expect(queued).toContain(first);
        await shot(page, `workbench-queue-${viewport.width}`);
      } finally {
        await context.close();
      }
    });
  }
});
