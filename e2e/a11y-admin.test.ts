/**
 * Accessibility of the admin guide list and editor and of the guided step shown in place; and a
 * keyboard-only journey through search suggestions and the guided fix mode.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format, scan, VARIANTS, type Violation } from './axe.ts';
import { PAGES, USERS, shot, signIn, startHarness, text, type Harness } from './harness.ts';

const ADMIN = ['adminList', 'editor'] as const;
// axe on the admin pages is slow (long table, long form): scan two variants that cover both widths and
// both schemes; screenshot all four.
const SCANNED = new Set(['desktop-light', 'phone-dark']);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('axe on the admin guide list and editor: zero violations', () => {
  for (const variant of VARIANTS) {
    it(`admin guide list and editor (${variant.name}${SCANNED.has(variant.name) ? '' : ', screenshots only'})`, async () => {
      const context = await h.context({ viewport: variant.viewport, colorScheme: variant.colorScheme });
      const page = await context.newPage();
      const violations: Violation[] = [];
      try {
        await signIn(page, USERS.reviewer);
        for (const name of ADMIN) {
          await page.goto(PAGES[name]);
          await shot(page, `page-${name}-${variant.name}`);
          if (SCANNED.has(variant.name)) violations.push(...(await scan(page, name, variant.name)));
        }
      } finally {
        await context.close();
      }
      expect(format(violations)).toEqual([]);
    });
  }
});

describe('axe on the guided step shown in place', () => {
  it('step 2 after a "Done" answer with JavaScript on', async () => {
    const context = await h.context({});
    const page = await context.newPage();
    try {
      await page.goto(PAGES.step);
      await page.click('button:has-text("Done — on to the next step")');
      await page.waitForFunction(
        () => document.querySelector('.progress-label')?.textContent === 'Step 2 of 5',
      );
      expect(format(await scan(page, 'step-2-in-place', 'desktop-light'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('keyboard only', () => {
  type Want = { id?: string; tag?: string; startsWith?: string; value?: string };
  /** Presses Tab until the focused element matches, at most `limit` times. */
  async function tabTo(page: Page, want: Want, limit = 60): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const hit = await page.evaluate((w: Want) => {
        const el = document.activeElement;
        if (!el) return false;
        if (w.id !== undefined && el.id !== w.id) return false;
        if (w.tag !== undefined && el.tagName !== w.tag) return false;
        if (w.value !== undefined && el.getAttribute('value') !== w.value) return false;
        return w.startsWith === undefined || (el.textContent ?? '').trim().startsWith(w.startsWith);
      }, want);
      if (hit) return;
    }
    throw new Error(`Tab never reached ${JSON.stringify(want)}`);
  }

  it('search suggestions with ArrowDown/Enter, then the guided mode with Tab and Enter', async () => {
    const context = await h.context({});
    const page = await context.newPage();
    try {
      await page.goto('/');
      await tabTo(page, { id: 'q-home' });
      await page.keyboard.type('P030', { delay: 30 });
      // The suggestions for all that was typed: not an earlier keystroke's, which the later answer replaces.
      await page.waitForSelector('#q-home[aria-expanded="true"]');
      await page.waitForFunction(() => {
        const input = document.getElementById('q-home')!;
        const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
        return (
          input.getAttribute('aria-expanded') === 'true' && list !== null && !list.hasAttribute('aria-busy')
        );
      });
      await shot(page, 'keyboard-1-suggestions');
      await page.keyboard.press('ArrowDown');
      const active = await page.getAttribute('#q-home', 'aria-activedescendant');
      expect(active).toBeTruthy();
      expect(await page.getAttribute(`#${active}`, 'aria-selected')).toBe('true');
      const chosen = (await page.textContent(`#${active} code`))!.trim();
      await Promise.all([page.waitForURL(`**/${chosen.toLowerCase()}`), page.keyboard.press('Enter')]);
      expect(await text(page, 'h1')).toContain(chosen);

      await tabTo(page, { tag: 'A', startsWith: 'Fix it step by step' });
      await Promise.all([page.waitForURL('**/fix/1'), page.keyboard.press('Enter')]);
      // The answer that moves on: "Didn't help" on a fix step, "Done" on a check step.
      await tabTo(page, { tag: 'BUTTON', value: 'next' });
      await shot(page, 'keyboard-2-answer-focused');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/fix/2');
      await page.waitForFunction(() =>
        /^Step 2 of/.test(document.querySelector('.progress-label')?.textContent ?? ''),
      );
      // Focus moves to the new step's heading, so the next Tab continues in the new content.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await tabTo(page, { tag: 'BUTTON', value: 'next' }, 10);
      await shot(page, 'keyboard-3-step2');
    } finally {
      await context.close();
    }
  });
});
