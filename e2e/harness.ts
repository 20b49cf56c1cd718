/**
 * End-to-end harness: the real app listening on 127.0.0.1:0 over a private in-memory SQLite database,
 * and Debian Chromium (/usr/bin/chromium) driven by playwright-core. Never downloads a browser.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { createUser } from '../src/accounts/users.ts';
import { buildApp } from '../src/app.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import type { Db } from '../src/store/db.ts';
import { makeDb } from '../test/helpers.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PASSWORD = 'correct horse battery staple 42';
export const USERS = {
  admin: 'admin@example.org',
  editor: 'editor@example.org',
  reviewer: 'reviewer@example.org',
} as const;
export const SCREENSHOTS = join(PACKAGE_ROOT, 'screenshots');

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/** Well-known pages of the bundled content. */
export const PAGES = {
  home: '/',
  guide: '/operating-systems/microsoft/windows-update/0x80244007',
  step: '/operating-systems/microsoft/windows-update/0x80244007/fix/1',
  search: '/search?q=catalitic+convertor',
  choice: '/lookup?q=12002',
  reference: '/reference/win32/error_internet_timeout',
  adminList: '/admin',
  editor: '/admin/guides/windows-update-0x80244007/edit',
} as const;
export const GUIDE_ID = 'windows-update-0x80244007';

export interface Harness {
  app: FastifyInstance;
  db: Db;
  base: string;
  browser: Browser;
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const db = await makeDb();
  await createUser(db, USERS.admin, PASSWORD, 'admin');
  await createUser(db, USERS.editor, PASSWORD, 'editor');
  await createUser(db, USERS.reviewer, PASSWORD, 'reviewer');
  // The origin is only used for canonical URLs; cookies must work over plain http on 127.0.0.1.
  const app = await buildApp({
    db,
    origin: 'http://127.0.0.1',
    admin: { secureCookies: false },
    answersPerMinute: 10_000,
    searchesPerMinute: 10_000,
    contentPollMs: 100,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  // launch() gives every run a fresh temporary profile (user-data dir) and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    app,
    db,
    base,
    browser,
    context: (options = {}) => browser.newContext({ baseURL: base, viewport: DESKTOP, ...options }),
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** Screenshots for people to look at after a run; E2E_SCREENSHOTS=0 (CI, where nobody does) skips them. */
export async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS === '0') return;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, email: string) {
  await page.goto('/admin/login');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/admin/login')),
    page.click('button:has-text("Sign in")'),
  ]);
}

/** The trimmed text of the first element matching selector, once it is there. */
export async function text(page: Page, selector: string): Promise<string> {
  const locator = page.locator(selector).first();
  await locator.waitFor({ timeout: 5000 });
  return ((await locator.textContent()) ?? '').trim();
}
