/**
 * Phone layout: no page scrolls sideways at 320 or 390 px. Long inline code, paths and symbols must
 * wrap; a screenshot of each page at each width is kept in screenshots/ for a look.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReport } from '../src/feedback/reports.ts';
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
  'admin-search': '/admin?q=windows+update&status=published',
  reports: '/admin/reports',
  users: '/admin/users',
  audit: '/admin/audit',
  unguided: '/admin/unguided',
};
const WIDTHS = [320, 390] as const;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // A report with a long address, so the inbox has a row to lay out.
  await addReport(h.db, {
    guideId: 'windows-update-0x80244007',
    guideRevision: 1,
    message: 'The second step names a folder that does not exist on Windows 11 any more.',
    contact: 'a.reader.with.a.rather.long.address@example-mail-provider.example.org',
  });
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

/**
 * Admin tables that scroll sideways inside themselves, or squeeze their columns side by side (words
 * broken mid-letter): on a phone each row stacks, so every cell spans its table.
 */
async function crampedTables(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const table of document.querySelectorAll('main table.admin-table')) {
      if (table.scrollWidth > table.clientWidth + 1) problems.push('a table scrolls sideways');
      const width = table.getBoundingClientRect().width;
      const narrow = [...table.querySelectorAll('td')].find(
        (td) => td.textContent?.trim() && td.getBoundingClientRect().width < width * 0.9,
      );
      if (narrow)
        problems.push(`a cell is ${Math.round(narrow.getBoundingClientRect().width)} px of ${width}`);
    }
    return problems.slice(0, 3);
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
          // No admin table scrolls sideways inside itself or squeezes its columns either: rows stack.
          const cramped = await crampedTables(page);
          if (cramped.length > 0) wide.push(`${name} (${url}): ${cramped.join('; ')}`);
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
