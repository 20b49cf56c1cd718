/**
 * Small things a first visit trips on: a code printed twice in a list, link targets too small to tap,
 * a search placeholder cut on a phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function withPage<T>(width: number, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await h.context({ viewport: { width, height: 800 } });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

/** List items whose text after the code says the code again. */
async function repeatedCodes(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (items) =>
    items.flatMap((item) => {
      const code = item.querySelector('code')?.textContent?.trim() ?? '';
      const rest = (item.textContent ?? '').replace(code, '').trim();
      const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return code && new RegExp(`(^|[^\\w*])${escaped}($|[^\\w*])`, 'i').test(rest)
        ? [`${code} | ${rest}`]
        : [];
    }),
  );
}

describe('lists show a code once, then what it means', () => {
  const LISTS: Record<string, string> = {
    search: '/search?q=windows+update+0x8024',
    browse: '/operating-systems/microsoft/windows-update',
    related: PAGES.guide,
    choice: '/lookup?q=5',
    decode: '/decode?value=5',
    'reference list': '/reference/errno',
  };
  for (const [name, url] of Object.entries(LISTS)) {
    it(`${name} (${url})`, async () => {
      await withPage(1280, async (page) => {
        await page.goto(url);
        const items = page.locator('main li:has(> a > code)');
        expect(await items.count()).toBeGreaterThan(0);
        expect(await repeatedCodes(page, 'main li:has(> a > code) > a')).toEqual([]);
      });
    });
  }

  it('suggestions as you type', async () => {
    await withPage(1280, async (page) => {
      await page.goto('/');
      for (const query of ['EIO', '0x80244010']) {
        await page.fill('#q-home', query);
        await page.waitForFunction(
          (q) => document.querySelector('.suggestions li code')?.textContent === q,
          query,
        );
        expect(await repeatedCodes(page, '.suggestions li')).toEqual([]);
      }
    });
  });
});

describe('targets and text fit a phone', () => {
  const PAGES_WITH_NAV = [
    PAGES.home,
    PAGES.guide,
    PAGES.step,
    '/search?q=windows+update',
    '/operating-systems',
  ];

  for (const width of [320, 390, 1280]) {
    it(`links set apart from text are at least 24 px tall at ${width} px (WCAG 2.2 target size)`, async () => {
      await withPage(width, async (page) => {
        const small: string[] = [];
        for (const url of PAGES_WITH_NAV) {
          await page.goto(url);
          small.push(
            ...(await page.$$eval(
              'header a, footer a, nav a, .crumbs a, .pager a, .examples a',
              (links, at) =>
                links
                  .filter((a) => !a.classList.contains('skip'))
                  .map((a) => ({
                    text: (a.textContent ?? '').trim(),
                    height: a.getBoundingClientRect().height,
                  }))
                  .filter((a) => a.height < 24)
                  .map((a) => `${at}: "${a.text.slice(0, 30)}" ${a.height.toFixed(1)} px`),
              url,
            )),
          );
        }
        expect(small).toEqual([]);
      });
    });
  }

  for (const width of [320, 390]) {
    it(`the search box's placeholder shows whole at ${width} px`, async () => {
      await withPage(width, async (page) => {
        const cut: string[] = [];
        for (const url of [PAGES.home, PAGES.guide]) {
          await page.goto(url);
          cut.push(
            ...(await page.$$eval('form.search input', (inputs) =>
              inputs.flatMap((element) => {
                // The placeholder typed as the value: the box scrolls when the text does not fit.
                const input = element as HTMLInputElement;
                input.value = input.placeholder;
                const [scroll, client] = [input.scrollWidth, input.clientWidth];
                input.value = '';
                return scroll > client ? [`${input.id}: ${scroll} px of text in ${client} px`] : [];
              }),
            )),
          );
        }
        expect(cut).toEqual([]);
      });
    });
  }
});
