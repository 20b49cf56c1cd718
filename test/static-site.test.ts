import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../src/catalog/load.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { buildSite, LinkRewriter, type BuildSiteResult } from '../src/static/build.ts';
import { loadIndexes, textSearch, type StaticIndexFile } from '../src/static/search-core.ts';
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

/** What a static host does: /sub/a/b/ → a/b/index.html; anything missing → 404.html with status 404. */
function serveStatic(dir: string): Server {
  return createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      let file: string | undefined;
      if (path.startsWith(BASE) && !path.includes('..')) {
        const candidate = join(dir, path.slice(BASE.length), path.endsWith('/') ? 'index.html' : '');
        const info = await stat(candidate).catch(() => null);
        if (info?.isFile()) file = candidate;
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
    const queue = [`${root}${BASE}`, `${root}${BASE}404.html`, `${root}${BASE}search/?q=update`];
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
    expect([...seen].some((u) => u.endsWith('/0x80244007/'))).toBe(true);
  });

  it('exports the guide page for 0x80244007 as the server renders it, links rewritten', async () => {
    const path = '/operating-systems/microsoft/windows-update/0x80244007';
    const response = await fetch(`${root}${BASE}${path.slice(1)}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('0x80244007');
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}${path}"/>`);
    expect(html).toContain(`action="${BASE}search/"`);
    expect(html).not.toContain('action="/lookup"');
    expect(html).not.toContain('method="post"');
  });

  it('writes sitemap.xml, robots.txt, a 404 page, the assets and the search page with its script', async () => {
    expect(await (await fetch(`${root}${BASE}sitemap.xml`)).text()).toContain(`<loc>${ORIGIN}/</loc>`);
    expect(await (await fetch(`${root}${BASE}robots.txt`)).text()).toContain('Sitemap:');
    const missing = await fetch(`${root}${BASE}no/such/page/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`href="${BASE}assets/site.css"`);
    const search = await (await fetch(`${root}${BASE}search/`)).text();
    expect(search).toContain(`<script src="${BASE}assets/static-search.js" data-static-search defer>`);
    const script = await fetch(`${root}${BASE}assets/static-search.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeLessThan(60_000);
  });

  it('ships a search index that ranks text queries like the server', async () => {
    const file = (await (await fetch(`${root}${BASE}search-index.json`)).json()) as StaticIndexFile;
    const indexes = loadIndexes(file);
    const catalog = bundledCatalog();
    expect(indexes.references.documentCount).toBe(catalog.entries.length);
    const guides = (await listPublished(db)).map((s) => s.guide);
    const engine = SearchEngine.build(catalog, guides);
    for (const query of [
      'windows update proxy',
      'access denied',
      'catalytic converter efficiency',
      'catalitic convertor',
    ]) {
      const server = engine
        .rank(query)
        .filter((r) => r.match === 'text')
        .slice(0, 10)
        .map((r) => r.doc.url);
      const local = textSearch(indexes, query)
        .slice(0, 10)
        .map((r) => r.url);
      expect(server.length).toBeGreaterThan(0);
      expect(local).toEqual(server);
    }
    // The relevance floor is the same: nothing close on either side.
    expect(engine.rank('xbox error 0x87e10bef')).toEqual([]);
    expect(textSearch(indexes, 'xbox error 0x87e10bef')).toEqual([]);
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

describe('link rewriting', () => {
  const pages = new Set(['/', '/a', '/a/b', '/search']);
  const assets = new Set(['/assets/site.css']);

  it('prefixes a base, sends lookups to the static search and keeps unexported pages as text', () => {
    const links = new LinkRewriter(pages, assets, 'https://host/docs', false);
    expect(links.link('/a/b', '/')).toBe('https://host/docs/a/b/');
    expect(links.link('/lookup?q=0x1', '/a')).toBe('https://host/docs/search/?q=0x1');
    expect(links.link('/browse', '/a')).toBe('https://host/docs/#browse');
    expect(links.link('/assets/site.css', '/a')).toBe('https://host/docs/assets/site.css');
    expect(links.link('/a/b/fix/1', '/a')).toBeNull();
    expect(
      links.rewrite('<p><a class="button" href="/a/b/fix/1">Fix</a> <a href="/a#x">A</a></p>', '/a/b'),
    ).toBe('<p><span>Fix</span> <a href="https://host/docs/a/#x">A</a></p>');
    expect(links.rewrite('<form method="post" action="/feedback"><button>Yes</button></form>', '/')).toBe('');
  });

  it('makes page-relative links', () => {
    const links = new LinkRewriter(pages, assets, '/', true);
    expect(links.link('/a/b', '/')).toBe('a/b/');
    expect(links.link('/', '/a/b')).toBe('../../');
    expect(links.link('/a', '/a/b')).toBe('../');
    expect(links.link('/a/b', '/a/b')).toBe('./');
    expect(links.link('/assets/site.css', '/a')).toBe('../assets/site.css');
    expect(links.link('/search?q=x', '/a')).toBe('../search/?q=x');
    expect(links.link('/browse', '/a/b')).toBe('../../#browse');
  });
});
