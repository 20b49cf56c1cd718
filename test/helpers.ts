import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import type { Role } from '../src/accounts/model.ts';
import { createUser } from '../src/accounts/users.ts';
import type { FormFields } from '../src/admin/guide-form.ts';
import { buildApp } from '../src/app.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import type { Guide } from '../src/guides/schema.ts';
import { migrate, openSqlite, type Db } from '../src/store/db.ts';
import { saveGuides } from '../src/guides/repository.ts';
import { importContent } from '../src/guides/import.ts';
import { bundledCatalog } from '../src/catalog/load.ts';
import { SearchService } from '../src/search/service.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { DbSource } from '../src/search/db-source.ts';
import { PublishedGuides } from '../src/guides/published.ts';

/** Every file below `dir`, as sorted relative paths. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

export const CONTENT_DIR = join(PACKAGE_ROOT, 'content');
export const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures');
export const ORIGIN = 'https://errata.test';

/** A valid published guide; override any field. */
export function makeGuide(overrides: Partial<Guide> = {}): Guide {
  return {
    id: 'test-product-0x80070005',
    code: '0x80070005',
    category: 'Test category',
    brand: 'Test brand',
    product: 'Test product',
    severity: 'moderate',
    safeToUse: 'yes',
    title: 'Access is denied',
    summary: 'Windows refused access. The code is `E_ACCESSDENIED`.',
    affected: ['Windows 11'],
    causes: ['Missing permissions'],
    steps: [{ action: 'Run it as administrator.', why: 'It needs administrator rights.' }],
    callAPro: 'Ask your IT department.',
    faq: [],
    related: [],
    sources: [{ title: 'Docs', url: 'https://learn.microsoft.com/example', publisher: 'Microsoft' }],
    confidence: 'high',
    reviewed: '2026-11-26',
    status: 'published',
    ...overrides,
  };
}

/**
 * A private in-memory database, migrated, with the bundled content and its search index (guides and
 * the catalog's reference entries) unless told otherwise.
 */
export async function makeDb({ bundled = true, guides = [] as Guide[] } = {}): Promise<Db> {
  const db = bundled ? openSqlite(await bundledImage()).db : await migrated();
  if (guides.length > 0) await saveGuides(db, guides);
  return db;
}

async function migrated(): Promise<Db> {
  const { db } = openSqlite(':memory:');
  await migrate(db);
  return db;
}

let image: Promise<Buffer> | undefined;

/**
 * A migrated database with the bundled content and its search index, made once and kept as a file that every test
 * process copies into memory (importing costs seconds; copying, milliseconds). The file is named by
 * what it is made of — sources, content and catalogs — so any change makes a new one.
 */
function bundledImage(): Promise<Buffer> {
  return (image ??= (async () => {
    const file = join(tmpdir(), `errata-test-image-${imageKey()}.db`);
    if (existsSync(file)) return readFileSync(file);
    const building = `${file}.${process.pid}.tmp`;
    const { db } = openSqlite(building);
    await migrate(db);
    await importContent(db, [CONTENT_DIR], { format: 'yaml' });
    // The search index, as the first search of a new database writes it (seconds: once per image).
    await (await SearchService.open(db, bundledCatalog())).ready();
    await sql`PRAGMA journal_mode = DELETE`.execute(db);
    await db.destroy();
    renameSync(building, file);
    rmSync(`${building}-wal`, { force: true });
    rmSync(`${building}-shm`, { force: true });
    return readFileSync(file);
  })());
}

function imageKey(): string {
  const hash = createHash('sha256');
  for (const dir of ['src', 'content', 'data/catalogs']) {
    for (const file of listFiles(join(PACKAGE_ROOT, dir))) {
      const stat = statSync(join(PACKAGE_ROOT, dir, file));
      hash.update(`${dir}/${file}\0${stat.size}\0${stat.mtimeMs}\0`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export async function makeApp(options: Parameters<typeof makeDb>[0] = {}) {
  const db = await makeDb(options);
  const app = await buildApp({ db, origin: ORIGIN });
  return { app, db };
}

/** The password of every account the admin tests sign in with. */
export const PASSWORD = 'a long enough password';

/** The accounts an admin test starts with: one of each role. */
export const STAFF: Readonly<Record<string, Role>> = {
  'admin@example.org': 'admin',
  'editor@example.org': 'editor',
  'reviewer@example.org': 'reviewer',
};

export interface AdminApp {
  app: FastifyInstance;
  db: Db;
  /** A browser signed in as one of the accounts; a failed sign-in fails the test. */
  signedIn: (email: string) => Promise<TestBrowser>;
}

/**
 * The admin tests' set-up: a database (makeDb's options), an app that polls for content changes only as
 * often as asked, and accounts (email → role) with PASSWORD. The caller closes `app`.
 */
export async function makeAdminApp({
  accounts = STAFF,
  contentPollMs = 60_000,
  ...options
}: Parameters<typeof makeDb>[0] & {
  accounts?: Readonly<Record<string, Role>>;
  contentPollMs?: number;
} = {}): Promise<AdminApp> {
  const db = await makeDb(options);
  const app = await buildApp({ db, origin: ORIGIN, contentPollMs });
  for (const [email, role] of Object.entries(accounts)) await createUser(db, email, PASSWORD, role);
  const signedIn = async (email: string) => {
    const browser = new TestBrowser(app);
    const res = await browser.signIn(email, PASSWORD);
    if (res.statusCode !== 303) throw new Error(`signing in as ${email} answered ${res.statusCode}`);
    return browser;
  };
  return { app, db, signedIn };
}

/** The body a browser sends for the editor form. */
export function formBody(
  form: FormFields,
  extra: Record<string, string | number>,
): Record<string, string | number> {
  const body: Record<string, string | number> = { ...extra };
  for (const [key, value] of Object.entries(form)) {
    if (typeof value === 'string') body[key] = value;
    else
      (value as (string | Record<string, string>)[]).forEach((item, i) => {
        if (typeof item === 'string') body[`${key}.${i}`] = item;
        else for (const [k, v] of Object.entries(item)) body[`${key}.${i}.${k}`] = v;
      });
  }
  return body;
}

/** The editor page of a guide, with the revision it was opened at and its CSRF token. */
export async function openEditor(browser: TestBrowser, id: string) {
  const page = await browser.get(`/admin/guides/${id}/edit`);
  if (page.statusCode !== 200) throw new Error(`the editor of ${id} answered ${page.statusCode}`);
  const revision = Number(/name="expectedRevision" value="(\d+)"/.exec(page.body)?.[1]);
  return { page, revision, csrf: TestBrowser.csrf(page.body) };
}

/** A cookie-keeping client over inject(): what a browser does between requests, for admin tests. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private remember(headers: Record<string, unknown>) {
    const raw = headers['set-cookie'];
    for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
      const [pair] = String(line).split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(String(line))) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }

  private get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader } });
    this.remember(res.headers);
    return res;
  }

  async post(url: string, form: Record<string, string | number>) {
    const payload = new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])).toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.remember(res.headers);
    return res;
  }

  async json(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      headers: {
        cookie: this.cookieHeader,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
    });
    this.remember(res.headers);
    return res;
  }

  /** The CSRF token a page's form carries. */
  static csrf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF token on the page');
    return m[1]!;
  }

  async signIn(email: string, password: string) {
    const page = await this.get('/admin/login');
    return this.post('/admin/login', { _csrf: TestBrowser.csrf(page.body), email, password, next: '/admin' });
  }
}

/** A search engine over the bundled test database's index (the server's reads, on SQLite). */
export async function indexedEngine(): Promise<{ engine: SearchEngine; db: Db }> {
  const db = await makeDb();
  const catalog = bundledCatalog();
  const published = new PublishedGuides(db, catalog);
  await published.refresh();
  const engine = new SearchEngine(
    catalog,
    new DbSource(db),
    published.all().map((s) => s.guide),
  );
  return { engine, db };
}
