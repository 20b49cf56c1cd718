/**
 * Readers' and editors' journeys in a real browser (Debian Chromium via playwright-core) against the
 * real app on 127.0.0.1:0. Screenshots go to screenshots/ for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import {
  DESKTOP,
  GUIDE_ID,
  PAGES,
  PHONE,
  USERS,
  shot,
  signIn,
  startHarness,
  text,
  type Harness,
} from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const LOG_LINE = 'Windows failed to install the update with error 0x80244007';

async function withPage<T>(options: BrowserContextOptions, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await h.context(options);
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Home → paste a log line → guide → "Fix it step by step" → step 1 (a check) "Done" → step 2. */
async function guidedJourney(page: Page, name: string, javaScript: boolean) {
  await page.goto('/');
  await shot(page, `${name}-1-home`);
  await page.fill('#q-home', LOG_LINE);
  await Promise.all([page.waitForURL(`**${PAGES.guide}`), page.press('#q-home', 'Enter')]);
  expect(await text(page, 'h1')).toContain('0x80244007');
  await shot(page, `${name}-2-guide`);

  await Promise.all([page.waitForURL('**/fix/1'), page.click('a:has-text("Fix it step by step")')]);
  expect(await text(page, '.progress-label')).toBe('Step 1 of 5');
  await shot(page, `${name}-3-step1`);

  if (javaScript) await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'kept'));
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
  });
  await page.click('button:has-text("Done — on to the next step")');
  await page.waitForURL('**/fix/2');
  await page.waitForFunction(() => document.querySelector('.progress-label')?.textContent === 'Step 2 of 5');
  expect(await text(page, 'h1')).toContain('InstalledNonLeafUpdateIDs');
  await shot(page, `${name}-4-step2`);

  return page
    .evaluate(() => ({
      navigations: performance.getEntriesByType('navigation').length,
      marker: (window as unknown as { __marker?: string }).__marker,
      focused: document.activeElement?.tagName,
    }))
    .then((state) => ({ ...state, posts }));
}

describe('guided fix from a pasted log line', () => {
  for (const [label, viewport, colorScheme] of [
    ['desktop-light', DESKTOP, 'light'],
    ['phone-dark', PHONE, 'dark'],
  ] as const) {
    it(`JavaScript on (${label}): step 2 arrives without a full reload`, async () => {
      const result = await withPage({ viewport, colorScheme }, (page) =>
        guidedJourney(page, `guided-js-${label}`, true),
      );
      expect(result.navigations).toBe(1);
      expect(result.marker).toBe('kept');
      expect(result.focused).toBe('H1');
      expect(result.posts).toEqual(['/api/v1/feedback']);
    });
  }

  for (const [label, viewport, colorScheme] of [
    ['desktop-dark', DESKTOP, 'dark'],
    ['phone-light', PHONE, 'light'],
  ] as const) {
    it(`JavaScript off (${label}): the same journey with plain forms and links`, async () => {
      const result = await withPage({ viewport, colorScheme, javaScriptEnabled: false }, (page) =>
        guidedJourney(page, `guided-nojs-${label}`, false),
      );
      expect(result.posts).toEqual(['/feedback']); // the plain form post, then a redirect to step 2
      expect(result.navigations).toBe(1);
    });
  }
});

describe('search and lookup', () => {
  it('a typo finds results, a facet narrows them, a result opens', async () => {
    await withPage({}, async (page) => {
      await page.goto('/');
      await page.fill('#q-home', 'catalitic convertor');
      await page.press('#q-home', 'Enter');
      await page.waitForSelector('.search-results');
      expect(page.url()).toContain('/search?');
      expect(await text(page, '.did-you-mean')).toContain('catalytic converter');
      await shot(page, 'search-1-typo');
      await Promise.all([page.waitForURL(/kind=guide/), page.click('.facets a:has-text("Guides")')]);
      const first = page.locator('.search-results li a').first();
      expect(await first.textContent()).toMatch(/P0420/);
      await shot(page, 'search-2-facet');
      await Promise.all([page.waitForURL('**/vehicles/obd-ii/powertrain/p0420'), first.click()]);
      expect(await text(page, 'h1')).toContain('catalytic converter');
    });
  });

  it('an ambiguous number gives a choice page, and a choice opens the reference page', async () => {
    await withPage({}, async (page) => {
      await page.goto('/');
      await page.fill('#q-home', '12002');
      await Promise.all([page.waitForURL('**/lookup?q=12002'), page.press('#q-home', 'Enter')]);
      expect(await text(page, 'h1')).toContain('can mean several things');
      expect(await page.locator('main .results li').count()).toBeGreaterThanOrEqual(2);
      await shot(page, 'choice-desktop-light');
      await Promise.all([
        page.waitForURL(`**${PAGES.reference}`),
        page.click('main .results a:has-text("ERROR_INTERNET_TIMEOUT")'),
      ]);
      expect(await text(page, 'h1')).toMatch(/timeout/i);
      expect(await page.locator('main').textContent()).toContain('12002');
      await shot(page, 'reference-desktop-light');
    });
  });
});

describe('editors', () => {
  const NEW_SUMMARY = 'End-to-end check: the update server refused the scan request with a SOAP fault.';

  it('sign in → edit a summary → preview → publish as reviewer → live → roll back via history', async () => {
    const original = await withPage({}, async (page) => {
      await page.goto(PAGES.guide);
      return text(page, '#meaning + p');
    });
    await withPage({}, async (page) => {
      await signIn(page, USERS.reviewer);
      await page.goto('/admin');
      await shot(page, 'admin-1-list');
      await Promise.all([page.waitForURL(`**${PAGES.editor}`), page.click(`a[href="${PAGES.editor}"]`)]);
      await shot(page, 'admin-2-editor');
      await page.fill('textarea[name="summary"]', NEW_SUMMARY);
      // With script, Preview first keeps the form on the server, then opens the preview page.
      await Promise.all([page.waitForURL('**/preview'), page.click('button[value="preview"]')]);
      expect(await page.locator('main').textContent()).toContain('update server refused the scan request');
      await shot(page, 'admin-3-preview');

      await page.goto(PAGES.editor);
      await page.fill('textarea[name="summary"]', NEW_SUMMARY);
      await page.fill('input[name="message"]', 'E2E: new summary');
      await Promise.all([page.waitForURL(/done=publish/), page.click('button[value="publish"]')]);
      await shot(page, 'admin-4-published');

      await page.goto(PAGES.guide);
      expect(await page.locator('main').textContent()).toContain('update server refused the scan request');
      await shot(page, 'admin-5-public-changed');

      await page.goto(`/admin/guides/${GUIDE_ID}/history`);
      await shot(page, 'admin-6-history');
      // The row before the newest revision holds the text as it was.
      const rows = page.locator('tbody tr');
      const count = await rows.count();
      expect(count).toBeGreaterThanOrEqual(2);
      const target = rows.filter({ has: page.locator('button:has-text("Restore as new revision")') }).first();
      await Promise.all([page.waitForURL(/\/admin\/guides\//), target.locator('button').click()]);
      await page.goto(PAGES.editor);
      expect(await page.inputValue('textarea[name="summary"]')).not.toContain('End-to-end check');
      await Promise.all([page.waitForURL(/done=publish/), page.click('button[value="publish"]')]);

      await page.goto(PAGES.guide);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).not.toContain('update server refused the scan request');
      expect(await text(page, '#meaning + p')).toBe(original);
    });
  });

  it('a reader reports a problem and it appears in the admin inbox', async () => {
    const message = `Step 2 names the wrong folder (e2e ${Date.now()})`;
    await withPage({ viewport: PHONE }, async (page) => {
      await page.goto(PAGES.guide);
      await Promise.all([
        page.waitForURL(`**/guides/${GUIDE_ID}/report`),
        page.click('a:has-text("Report a problem with this guide")'),
      ]);
      await page.fill('#report-message', message);
      await page.click('button:has-text("Send report")');
      await page.waitForSelector('text=Thank you');
      await shot(page, 'report-phone-sent');
    });
    await withPage({}, async (page) => {
      await signIn(page, USERS.admin);
      await page.goto('/admin/reports');
      expect(await page.locator('main').textContent()).toContain(message);
      await shot(page, 'admin-7-inbox');
    });
  });
});
