import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { buildSite, type BuildSiteResult } from '../src/static/build.ts';
import { StaticLinks } from '../src/static/links.ts';
import { loadIndex, textSearch, type StaticIndexFile } from '../src/static/search-core.ts';
import { DbSource } from '../src/search/db-source.ts';
import { loadRelevanceSet } from '../src/search/relevance.ts';
import type { Db } from '../src/store/db.ts';
import { listPublished } from '../src/guides/repository.ts';
import { makeApp, ORIGIN } from './helpers.ts';

/**
 * The static export, served by a plain file server under a sub-path (/sub/) and crawled from its home
 * page. Decision under test: the public origin (https://errata.test) appears only in canonical links,
 * OpenGraph URLs and JSON-LD (and sitemap.xml / robots.txt), never in links a reader follows.
 */
const BASE = '/sub/';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

/**
 * What the documented nginx block does (try_files $uri $uri/index.html =404): /sub/a/b → a/b itself or
 * a/b/index.html; anything missing → 404.html with status 404.
 */
function serveStatic(dir: string): Server {
  return createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      let file: string | undefined;
      if (path.startsWith(BASE) && !path.includes('..')) {
        for (const candidate of [
          join(dir, path.slice(BASE.length)),
          join(dir, path.slice(BASE.length), 'index.html'),
        ]) {
          const info = await stat(candidate).catch(() => null);
          if (info?.isFile()) {
            file = candidate;
            break;
          }
        }
      }
      if (!file) {
        response.writeHead(404, { 'content-type': TYPES['.html'] });
        response.end(await readFile(join(dir, '404.html')));
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(await readFile(file));
    })();
  });
}

const ATTRIBUTE = /\b(?:href|src|action)="([^"]*)"/g;

function unescape(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

describe('static site export', () => {
  let app: FastifyInstance;
  let db: Db;
  let dir: string;
  let server: Server;
  let root: string;
  let result: BuildSiteResult;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    ({ app, db } = await makeApp());
    dir = await mkdtemp(join(tmpdir(), 'errata-site-'));
    result = await buildSite(app, dir, {
      db,
      baseUrl: BASE,
      referenceLimit: 400,
      onProgress: (done, total) => progress.push([done, total]),
    });
    server = serveStatic(dir);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders every page without failures and reports progress', () => {
    expect(result.failed).toEqual([]);
    expect(result.pages).toBeGreaterThan(400);
    expect(result.pagesPerSecond).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([result.pages - 1, result.pages - 1]);
  });

  it('has no broken internal links and no local absolute URLs, crawling from the home page', async () => {
    const seen = new Set<string>();
    const queue = [`${root}${BASE}`, `${root}${BASE}404.html`, `${root}${BASE}search?q=update`];
    const broken: string[] = [];
    const absolute: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift()!;
      const key = url.split('#')[0]!.split('?')[0]!;
      if (seen.has(key)) continue;
      seen.add(key);
      const response = await fetch(url);
      const body = await response.text();
      if (!response.ok && !key.endsWith('/404.html')) {
        broken.push(url);
        continue;
      }
      if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
      const reader = body
        .replace(/<link rel="canonical"[^>]*>/g, '')
        .replace(/<meta property="og:url"[^>]*>/g, '')
        .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '');
      if (/https?:\/\/(localhost|127\.0\.0\.1)|https:\/\/errata\.test/.test(reader)) absolute.push(key);
      for (const [, raw] of body.matchAll(ATTRIBUTE)) {
        const target = new URL(unescape(raw!), url);
        if (target.origin !== root) continue;
        if (!target.pathname.startsWith(BASE)) broken.push(`${key} → ${raw} (outside the base)`);
        else queue.push(target.href);
      }
    }
    expect(broken).toEqual([]);
    expect(absolute).toEqual([]);
    expect(seen.size).toBeGreaterThan(50);
    expect([...seen].some((u) => u.endsWith('/0x80244007'))).toBe(true);
  });

  it('exports the guide page for 0x80244007 at its canonical path, with the static links', async () => {
    const path = '/operating-systems/microsoft/windows-update/0x80244007';
    const response = await fetch(`${root}${BASE}${path.slice(1)}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('0x80244007');
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}${path}"/>`);
    expect(html).toContain(`<a href="${BASE}operating-systems/microsoft/windows-update">`);
    expect(html).toContain(`action="${BASE}search"`);
    expect(html).not.toContain('action="/lookup"');
    expect(html).not.toContain('method="post"');
    expect(html).not.toContain('Did this page help?');
    // Guided fix and report forms need the server: their links are plain text.
    expect(html).toContain('<span>Fix it step by step</span>');
    // The same presenter as the route: the server's page differs only in what the policy changes.
    const served = (await app.inject(path)).body;
    const policyFree = (h: string) =>
      h
        .replace(/ (href|src|action)="[^"]*"/g, '')
        .replace(/<section aria-labelledby="verdict"[\s\S]*?<\/section>/, '')
        .replace(/<\/?(a|span)\b[^>]*>/g, '');
    expect(policyFree(html)).toBe(policyFree(served));
  });

  it('serves the same URL with a trailing slash and the home page at the base', async () => {
    expect((await fetch(`${root}${BASE}operating-systems/microsoft/`)).status).toBe(200);
    expect((await fetch(`${root}${BASE}`)).status).toBe(200);
    expect((await fetch(`${root}${BASE}decode`)).status).toBe(404);
  });

  it('precompresses the search index and the scripts beside them', async () => {
    const plain = await readFile(join(dir, 'search-index.json'));
    expect(gunzipSync(await readFile(join(dir, 'search-index.json.gz'))).equals(plain)).toBe(true);
    expect((await stat(join(dir, 'search-index.json.br'))).size).toBeLessThan(plain.length / 3);
    expect((await stat(join(dir, 'assets/static-search.js.gz'))).isFile()).toBe(true);
  });

  it('writes sitemap.xml, robots.txt, a 404 page, the assets and the search page with its script', async () => {
    expect(await (await fetch(`${root}${BASE}sitemap.xml`)).text()).toContain(`<loc>${ORIGIN}/</loc>`);
    expect(await (await fetch(`${root}${BASE}robots.txt`)).text()).toContain('Sitemap:');
    const missing = await fetch(`${root}${BASE}no/such/page/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`href="${BASE}assets/site.css"`);
    const search = await (await fetch(`${root}${BASE}search/`)).text();
    expect(search).toContain(`<script src="${BASE}assets/static-search.js" data-static-search defer>`);
    expect(await (await fetch(`${root}${BASE}robots.txt`)).text()).toBe(
      `User-agent: *\nSitemap: ${ORIGIN}/sitemap.xml\n`,
    );
    const script = await fetch(`${root}${BASE}assets/static-search.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeLessThan(60_000);
  });

  it('ships a search index that ranks text queries like the server, on the whole relevance set', async () => {
    const file = (await (await fetch(`${root}${BASE}search-index.json`)).json()) as StaticIndexFile;
    const index = loadIndex(file);
    const catalog = bundledCatalog();
    const guides = (await listPublished(db)).map((s) => s.guide);
    expect(index.documentCount).toBe(catalog.entries.length + guides.length);
    const engine = new SearchEngine(catalog, new DbSource(db), guides);
    const queries = loadRelevanceSet(join(PACKAGE_ROOT, 'test', 'relevance.yaml')).map((c) => c.query);
    let compared = 0;
    for (const query of queries) {
      const ranked = await engine.rank(query);
      const server = ranked
        .filter((r) => r.match === 'text' && !r.via)
        .slice(0, 10)
        .map((r) => r.doc.url);
      // The server adds what needs the catalog (code matches first, a guide's reference entries after
      // it), which the static site has not: compare the text matches.
      const codes = new Set(ranked.filter((r) => r.match === 'code' || r.via).map((r) => r.doc.url));
      const local = (await textSearch(index, query))
        .map((r) => r.url)
        .filter((url) => !codes.has(url))
        .slice(0, 10);
      expect(local, query).toEqual(server);
      if (server.length > 0) compared++;
    }
    expect(compared).toBeGreaterThan(queries.length / 2);
    // The relevance floor is the same: nothing close on either side.
    expect(await engine.rank('xbox error 0x87e10bef')).toEqual([]);
    expect(await textSearch(index, 'xbox error 0x87e10bef')).toEqual([]);
  });
});

describe('reference pages without a request', () => {
  it('are the same HTML their route sends, and nothing for other addresses', async () => {
    const { app } = await makeApp();
    try {
      const entries = bundledCatalog().entries;
      const sample = entries.filter((_, i) => i % 400 === 0);
      for (const family of ['errno', 'http', 'bugcheck', 'ntstatus'])
        sample.push(entries.find((e) => e.family === family)!);
      sample.push({ url: '/reference/obd/p0300' } as (typeof entries)[number]);
      for (const { url } of sample) {
        const response = await app.inject(url);
        expect(response.statusCode, url).toBe(200);
        expect(app.referencePage(url), url).toBe(response.body);
      }
      expect(app.referencePage('/reference/hresult/no_such_entry')).toBeUndefined();
      expect(app.referencePage(sample[0]!.url.toUpperCase())).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('static links', () => {
  const pages = new Set(['/', '/a', '/a/b', '/search']);
  const assets = new Set(['/assets/site.css', '/assets/static-search.js']);

  it('prefix a base with the server URL shapes, send lookups to the static search, drop what needs a server', () => {
    const links = new StaticLinks(pages, assets, 'https://host/docs', false).at('/a');
    expect(links.href('/a/b')).toBe('https://host/docs/a/b');
    expect(links.href('/')).toBe('https://host/docs/');
    expect(links.href('/a#x')).toBe('https://host/docs/a#x');
    expect(links.href('/lookup?q=0x1')).toBe('https://host/docs/search?q=0x1');
    expect(links.href('/browse')).toBe('https://host/docs/#browse');
    expect(links.href('/assets/site.css')).toBe('https://host/docs/assets/site.css');
    expect(links.href('/a/b/fix/1')).toBeNull();
    expect(links.href('/a/b?x=1')).toBe('https://host/docs/a/b');
    expect(links.action('/lookup')).toBe('https://host/docs/search');
    expect(links.action('/decode')).toBeNull();
    expect(links.posts).toBe(false);
    expect(links.clientSearch).toBeUndefined();
  });

  it('make page-relative links to index.html files, but not on the 404 page', () => {
    const links = new StaticLinks(pages, assets, '/', true);
    expect(links.at('/').href('/a/b')).toBe('a/b/index.html');
    expect(links.at('/a/b').href('/')).toBe('../../index.html');
    expect(links.at('/a/b').href('/a')).toBe('../index.html');
    expect(links.at('/a/b').href('/a/b')).toBe('index.html');
    expect(links.at('/a').href('/assets/site.css')).toBe('../assets/site.css');
    expect(links.at('/a').href('/search?q=x')).toBe('../search/index.html?q=x');
    expect(links.at('/a/b').href('/browse')).toBe('../../index.html#browse');
    expect(links.at('/404.html').href('/a')).toBe('/a');
    expect(links.at('/search').clientSearch).toBe('../assets/static-search.js');
  });
});

describe('rebuilding', () => {
  let app: FastifyInstance;
  let db: Db;
  let parent: string;

  beforeAll(async () => {
    ({ app, db } = await makeApp());
    parent = await mkdtemp(join(tmpdir(), 'errata-rebuild-'));
  });
  afterAll(async () => {
    await app?.close();
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('swaps in a new site, removes pages gone since, and keeps the old site when a build fails', async () => {
    const site = join(parent, 'site');
    const entries = bundledCatalog().entries;
    const first = await buildSite(app, site, { db, referenceLimit: 60 });
    expect(first.replaced).toBe(true);
    const dropped = join(site, ...entries[50]!.url.split('/').filter(Boolean), 'index.html');
    expect((await stat(dropped)).isFile()).toBe(true);
    expect((await stat(site)).mode & 0o777).toBe(0o755);

    // Interrupted half way: the previous site stays whole, and no temporary folder is left behind.
    let calls = 0;
    await expect(
      buildSite(app, site, {
        db,
        referenceLimit: 10,
        concurrency: 1,
        onProgress: () => {
          if (++calls === 1) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect((await stat(dropped)).isFile()).toBe(true);
    expect(await readdir(parent)).toEqual(['site']);

    const second = await buildSite(app, site, { db, referenceLimit: 10 });
    expect(second.replaced).toBe(true);
    await expect(stat(dropped)).rejects.toThrow();
    expect((await stat(join(site, 'index.html'))).isFile()).toBe(true);
    expect(await readdir(parent)).toEqual(['site']);
  }, 60_000);

  it('refuses an absolute base URL other than the public origin of the app', async () => {
    await expect(
      buildSite(app, join(parent, 'elsewhere'), { db, baseUrl: 'https://mirror.example/errata/' }),
    ).rejects.toThrow(/public origin \(https:\/\/errata\.test\) is not the absolute base URL/);
    expect(await readdir(parent)).toEqual(['site']);
  });

  it('never replaces a folder that holds something other than an export', async () => {
    const other = join(parent, 'other');
    await mkdir(other);
    await writeFile(join(other, 'notes.txt'), 'mine');
    await expect(buildSite(app, other, { db, referenceLimit: 1 })).rejects.toThrow(/not replacing it/);
    expect(await readFile(join(other, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await readdir(parent)).sort()).toEqual(['other', 'site']);
  });
});
