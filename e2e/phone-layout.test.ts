/**
 * Phone layout: no page scrolls sideways at 320 or 390 px. Long inline code, paths and symbols must
 * wrap; a screenshot of each page at each width is kept in screenshots/ for a look.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, shot, signIn, startHarness, USERS, type Harness } from './harness.ts';

/** One page of every type a reader or an editor can reach. */
const PUBLIC_PAGES: Record<string, string> = {
  home: PAGES.home,
  category: '/operating-systems',
  product: '/operating-systems/microsoft/windows-update',
  guide: PAGES.guide,
  'guide-long-paths': '/operating-systems/microsoft/windows-servicing/0x800f081f',
  step: PAGES.step,
  'step-done': `${PAGES.guide}/fix/done`,
  search: PAGES.search,
  'search-none': '/search?q=zzqqxxyy',
  choice: PAGES.choice,
  reference: PAGES.reference,
  'reference-long-name': '/reference/hresult/wu_e_pt_soapclient_soapfault',
  decode: '/decode?value=0x80244007',
  'lookup-none': `/lookup?q=${'0x8024FFFF_SOME_VERY_LONG_UNBROKEN_SYMBOL_NAME_THAT_NEVER_ENDS'}`,
  'not-found': '/no/such/page/here',
  report: '/guides/windows-update-0x80244007/report',
  'admin-login': '/admin/login',
};
const ADMIN_PAGES: Record<string, string> = {
  'admin-list': PAGES.adminList,
  editor: PAGES.editor,
  history: '/admin/guides/windows-update-0x80244007/history',
  reports: '/admin/reports',
  users: '/admin/users',
  audit: '/admin/audit',
};
const WIDTHS = [320, 390] as const;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** How far the page is wider than the screen, and the widest elements that make it so. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`)
      .slice(0, 5);
    return { extra: document.documentElement.scrollWidth - width, culprits };
  });
}

describe('no page scrolls sideways on a phone', () => {
  for (const width of WIDTHS) {
    it(`every public page type at ${width} px`, async () => {
      const context = await h.context({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const wide: string[] = [];
      try {
        for (const [name, url] of Object.entries(PUBLIC_PAGES)) {
          await page.goto(url);
          await shot(page, `phone-${name}-${width}`);
          const { extra, culprits } = await overflow(page);
          if (extra > 0) wide.push(`${name} (${url}): ${extra} px too wide: ${culprits.join(', ')}`);
        }
      } finally {
        await context.close();
      }
      expect(wide).toEqual([]);
    });

    it(`every admin page type at ${width} px`, async () => {
      const context = await h.context({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const wide: string[] = [];
      try {
        await signIn(page, USERS.admin);
        for (const [name, url] of Object.entries(ADMIN_PAGES)) {
          await page.goto(url);
          await shot(page, `phone-${name}-${width}`);
          const { extra, culprits } = await overflow(page);
          if (extra > 0) wide.push(`${name} (${url}): ${extra} px too wide: ${culprits.join(', ')}`);
        }
      } finally {
        await context.close();
      }
      expect(wide).toEqual([]);
    });
  }

  it('a guided step is headed by a short title, not the whole step text', async () => {
    const context = await h.context({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(PAGES.step);
      const h1 = ((await page.locator('h1').first().textContent()) ?? '').trim();
      expect(h1.length).toBeLessThanOrEqual(80);
    } finally {
      await context.close();
    }
  });
});
