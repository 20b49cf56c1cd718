/**
 * Static export of the public site (`errata build-site <dir>`): every public page rendered by the
 * application itself (through inject(); reference entries by the function their route uses), written as `<dir>/<path>/index.html`, with the assets, a 404 page,
 * sitemap.xml, robots.txt and a client-side search over a snapshot of the server's search indexes.
 *
 * Links. Internal links in href, src and action attributes are rewritten for the target host: prefixed
 * with `baseUrl` (default "/"; a path such as "/errata/" or an absolute "https://host/errata/"), or made
 * relative to each page with `relative: true`. Page links end in "/" so any static host serves the
 * directory's index.html. What a static host cannot answer is rewritten or removed:
 * - `/lookup?q=` and `/search?q=` (the header and home search forms, the home examples) go to the static
 *   search page `search/?q=`, which searches the snapshot in the browser (text matches only);
 * - `/browse` (a redirect on the server) goes to the home page's #browse list;
 * - forms that post (the "did this help?" answers) are removed; links to pages that are not exported
 *   (guided fix mode, report forms, the API) are kept as plain text.
 *
 * Absolute URLs. Canonical links, OpenGraph URLs, JSON-LD, sitemap.xml and robots.txt keep the public
 * origin the application was built with (they must be absolute). When `baseUrl` is absolute, that origin
 * is replaced by `baseUrl` in them, so a site published under a sub-path names its real addresses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, copyFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PACKAGE_ROOT } from '../base/config.ts';
import { bundledCatalog } from '../catalog/load.ts';
import { familyUrl, obdEntry, type ReferenceCatalog } from '../catalog/reference.ts';
import { guideCodeKey, readToken, readingKey } from '../codes/parse.ts';
import { guidePath, guideUrl, type Guide } from '../guides/schema.ts';
import { guideDoc } from '../search/documents.ts';
import { INDEX_OPTIONS, RANKING, TEXT_SEARCH_OPTIONS } from '../search/engine.ts';
import MiniSearch from 'minisearch';
import type { SearchDoc } from '../search/documents.ts';
import { referenceIndex } from '../search/service.ts';
import type { Db } from '../store/db.ts';
import { listPublished } from '../guides/repository.ts';
import { ASSETS_DIR } from '../web/assets.ts';
import type { StaticIndexFile, StaticQueryOptions } from './search-core.ts';

export interface BuildSiteOptions {
  /** The store the app was built on (published guides, for the page list and the search index). */
  db: Db;
  /** The app's reference catalogs; the bundled ones by default. */
  catalog?: ReferenceCatalog;
  /** Where the site will be served: "/" (default), "/sub/" or "https://host/sub/". */
  baseUrl?: string;
  /** Page-relative links instead of base-prefixed ones (the site then works from any folder). */
  relative?: boolean;
  /** The public origin the app was built with; read from its robots.txt when not given. */
  origin?: string;
  /** Export at most this many reference entries (tests); all by default. */
  referenceLimit?: number;
  /** Pages rendered at once. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BuildSiteResult {
  pages: number;
  files: number;
  /** Pages the app answered with something other than 200 (not written). */
  failed: { path: string; status: number }[];
  seconds: number;
  pagesPerSecond: number;
}

// Compiled, this module sits in a shared chunk of dist/: its files are found from the package root.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const SEARCH_SCRIPT = 'assets/static-search.js';
const NOT_FOUND_PROBE = '/__errata-static-export-not-found__';

/** Every public page path: home, browse levels, guides, reference entries, OBD structure pages, decode. */
export function sitePaths(guides: readonly Guide[], catalog: ReferenceCatalog, referenceLimit = Infinity) {
  const paths = new Set<string>(['/', '/decode']);
  for (const g of guides) {
    const p = guidePath(g);
    paths
      .add(`/${p.category}`)
      .add(`/${p.category}/${p.brand}`)
      .add(`/${p.category}/${p.brand}/${p.product}`)
      .add(guideUrl(g));
    const key = guideCodeKey(g.code);
    if (key?.startsWith('obd:')) {
      const entry = obdEntry(key.slice(4));
      if (entry) paths.add(entry.url);
    }
  }
  const references = catalog.entries.slice(0, referenceLimit);
  // Official names linked from guide pages are exported even when the reference list is limited.
  const linked = guides.flatMap((g) =>
    readToken(g.code)
      .filter((r) => readingKey(r) === guideCodeKey(g.code))
      .flatMap((r) => catalog.find(r).map((h) => h.entry)),
  );
  for (const e of [...references, ...linked]) paths.add(e.url);
  // Each family's explanation page, linked from all of its entries.
  for (const e of [...references, ...linked]) paths.add(familyUrl(e.family));
  return [...paths];
}

/** Length thresholds of TEXT_SEARCH_OPTIONS' fuzzy and prefix functions, read by probing them. */
function threshold(test: (term: string) => unknown): number {
  for (let n = 1; n <= 64; n++) if (test('x'.repeat(n))) return n;
  return Infinity;
}

/** The search index snapshot: the server's guide and reference indexes with their options as data. */
export function searchIndexFile(
  catalog: ReferenceCatalog,
  guides: readonly Guide[],
  references: MiniSearch<SearchDoc> = referenceIndex(catalog),
): StaticIndexFile {
  const guideIndex = new MiniSearch<SearchDoc>(INDEX_OPTIONS);
  guideIndex.addAll(guides.map((g) => guideDoc(g, officialSymbols(catalog, g))));
  const fuzzyAt = threshold(TEXT_SEARCH_OPTIONS.fuzzy);
  const query: StaticQueryOptions = {
    boost: { ...TEXT_SEARCH_OPTIONS.boost },
    fuzzy: Number(TEXT_SEARCH_OPTIONS.fuzzy('x'.repeat(fuzzyAt))),
    minFuzzyLength: fuzzyAt,
    maxFuzzy: TEXT_SEARCH_OPTIONS.maxFuzzy,
    minPrefixLength: threshold(TEXT_SEARCH_OPTIONS.prefix),
    weights: { ...TEXT_SEARCH_OPTIONS.weights },
    guideBoost: RANKING.guideBoost,
  };
  return {
    format: 1,
    fields: [...INDEX_OPTIONS.fields],
    storeFields: [...INDEX_OPTIONS.storeFields],
    query,
    guides: guideIndex.toJSON(),
    references: references.toJSON(),
  };
}

/** As SearchEngine.officialSymbols: the catalog names of a guide's own code. */
function officialSymbols(catalog: ReferenceCatalog, guide: Guide): string[] {
  const key = guideCodeKey(guide.code);
  const reading = readToken(guide.code).find((r) => readingKey(r) === key);
  if (!reading) return [];
  return catalog
    .find(reading)
    .filter((h) => h.relation !== 'symbol-part')
    .map((h) => `${h.entry.symbol} ${h.entry.title}`);
}

/** The search page script (client.ts) for browsers: prebuilt in dist/ by `npm run build`, else bundled now. */
export async function bundleClient(): Promise<string> {
  const prebuilt = join(PACKAGE_ROOT, 'dist', 'static', 'static-search.js');
  if (!FROM_SOURCES && existsSync(prebuilt)) return readFileSync(prebuilt, 'utf8');
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(PACKAGE_ROOT, 'src', 'static', 'client.ts')],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

/** Rewrites a page's links for the static host. */
export class LinkRewriter {
  private readonly base: string;
  constructor(
    private readonly pages: ReadonlySet<string>,
    private readonly assets: ReadonlySet<string>,
    baseUrl: string,
    private readonly relative: boolean,
  ) {
    this.base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }

  /** The static address of a site path (without query or hash), or null when it is not exported. */
  private target(path: string): string | null {
    if (path === '/lookup' || path === '/search') return '/search/';
    if (path === '/browse') return '/#browse';
    if (this.assets.has(path)) return path;
    const lower = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    if (this.pages.has(lower)) return lower === '/' ? '/' : `${lower}/`;
    return null;
  }

  /** A link from the page at `from` to `url` (an absolute path, maybe with ?query and #hash). */
  link(url: string, from: string): string | null {
    const m = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(url)!;
    const path = m[1]!;
    const target = this.target(path);
    if (target === null) return null;
    const keepQuery = path === '/lookup' || path === '/search' ? (m[2] ?? '') : '';
    let hash = m[3] ?? '';
    let resolved = target;
    if (target.includes('#'))
      [resolved, hash] = [target.slice(0, target.indexOf('#')), target.slice(target.indexOf('#'))];
    if (!this.relative) return `${this.base}${resolved.slice(1)}${keepQuery}${hash}`;
    const fromDir = from === '/' || from.endsWith('.html') ? posix.dirname(from === '/' ? '/x' : from) : from;
    let rel = posix.relative(fromDir, resolved);
    if (resolved.endsWith('/') && rel !== '') rel += '/';
    return `${rel === '' ? './' : rel}${keepQuery}${hash}`;
  }

  /** The page's HTML with its links rewritten; `from` is the page's path ("/a/b" or "/404.html"). */
  rewrite(html: string, from: string): string {
    return (
      html
        // Answers, reports and sign-in post to the server: there is none.
        .replace(/<form\b[^>]*\bmethod="post"[^>]*>[\s\S]*?<\/form>/gi, '')
        // Links to pages that are not exported become their text.
        .replace(
          /<a\b([^>]*?)\bhref="(\/(?!\/)[^"]*)"([^>]*)>([\s\S]*?)<\/a>/gi,
          (all, _before, url, _after, text) =>
            this.link(decodeEntities(url), from) === null ? `<span>${text}</span>` : all,
        )
        .replace(/\b(href|src|action)="(\/(?!\/)[^"]*)"/gi, (all, attr, url) => {
          const link = this.link(decodeEntities(url), from);
          return link === null ? all : `${attr}="${escapeAttr(link)}"`;
        })
    );
  }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** File of a page path: "/" → index.html, "/a/b" → a/b/index.html (percent-escapes decoded). */
function pageFile(dir: string, path: string): string {
  return join(dir, ...decodeURIComponent(path).split('/').filter(Boolean), 'index.html');
}

/** What a page exporter needs besides the app. */
export interface ExportSpec {
  dir: string;
  baseUrl: string;
  relative: boolean;
  /** Every exported page path, for link rewriting. */
  pages: string[];
  /** Every exported asset path. */
  assets: string[];
  /** The public origin in the app's absolute URLs. */
  origin: string;
}

/** Exports pages of one app: rendered, links rewritten, written to their files. */
export class PageExporter {
  readonly rewriter: LinkRewriter;
  files = 0;
  private readonly made = new Set<string>();
  private readonly publicBase: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    readonly spec: ExportSpec,
  ) {
    this.rewriter = new LinkRewriter(new Set(spec.pages), new Set(spec.assets), spec.baseUrl, spec.relative);
    this.publicBase =
      /^https?:\/\//.test(spec.baseUrl) && spec.origin ? spec.baseUrl.replace(/\/?$/, '/') : undefined;
  }

  /** Absolute URLs of the public origin moved to an absolute base URL. */
  absolute(text: string): string {
    return this.publicBase ? text.split(`${this.spec.origin}/`).join(this.publicBase) : text;
  }

  async write(file: string, body: string | Buffer): Promise<void> {
    const folder = dirname(file);
    if (!this.made.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.made.add(folder);
    }
    await writeFile(file, body);
    this.files++;
  }

  /**
   * Exports one page; its status, and nothing written unless 200. Reference entries (most of the site)
   * are rendered by the app's own function for them, the same HTML its route sends; every other page
   * through a request.
   */
  async page(path: string): Promise<number> {
    let html = path.startsWith('/reference/') ? this.app.referencePage(path) : undefined;
    if (html === undefined) {
      const res = await this.app.inject({ method: 'GET', url: path });
      if (res.statusCode !== 200) return res.statusCode;
      html = res.body;
    }
    await this.write(pageFile(this.spec.dir, path), this.absolute(this.rewriter.rewrite(html, path)));
    return 200;
  }
}

/** Exports the public site of `app` into `dir`. */
export async function buildSite(
  app: FastifyInstance,
  dir: string,
  options: BuildSiteOptions,
): Promise<BuildSiteResult> {
  const started = performance.now();
  const catalog = options.catalog ?? bundledCatalog();
  const concurrency = Math.max(1, options.concurrency ?? 32);
  const guides = (await listPublished(options.db)).map((s) => s.guide);
  const paths = sitePaths(guides, catalog, options.referenceLimit);

  const robots = await app.inject({ method: 'GET', url: '/robots.txt' });
  const assetNames = (await readdir(ASSETS_DIR)).filter((n) => /\.(css|js|svg|png|ico)$/.test(n));
  const spec: ExportSpec = {
    dir,
    baseUrl: options.baseUrl ?? '/',
    relative: options.relative ?? false,
    pages: [...paths, '/search'],
    assets: [...assetNames.map((n) => `/assets/${n}`), `/${SEARCH_SCRIPT}`],
    origin: options.origin ?? /Sitemap: (\S+)\/sitemap\.xml/.exec(robots.body)?.[1] ?? '',
  };
  const exporter = new PageExporter(app, spec);
  const { rewriter } = exporter;
  const absolute = (text: string) => exporter.absolute(text);
  const write = (file: string, body: string | Buffer) => exporter.write(file, body);

  // Fixed files: assets, the search script and index, robots, sitemap, 404, search page.
  for (const name of assetNames) {
    await mkdir(join(dir, 'assets'), { recursive: true });
    await copyFile(join(ASSETS_DIR, name), join(dir, 'assets', name));
    exporter.files++;
  }
  await write(join(dir, SEARCH_SCRIPT), await bundleClient());
  await write(join(dir, 'search-index.json'), JSON.stringify(searchIndexFile(catalog, guides)));
  await write(
    join(dir, 'robots.txt'),
    absolute(robots.body.replace(/^Disallow: \/lookup\n/m, '').replace(/^Disallow: \/api\/\n/m, '')),
  );
  const sitemap = await app.inject({ method: 'GET', url: '/sitemap.xml' });
  await write(join(dir, 'sitemap.xml'), absolute(sitemap.body));
  const notFound = await app.inject({
    method: 'GET',
    url: NOT_FOUND_PROBE,
    headers: { accept: 'text/html' },
  });
  // The 404 page is served at any depth: its links must not be page-relative.
  const notFoundLinks = spec.relative
    ? new LinkRewriter(new Set(spec.pages), new Set(spec.assets), '/', false)
    : rewriter;
  await write(join(dir, '404.html'), absolute(notFoundLinks.rewrite(notFound.body, '/404.html')));
  const search = await app.inject({ method: 'GET', url: '/search' });
  const script = rewriter.link(`/${SEARCH_SCRIPT}`, '/search');
  await write(
    pageFile(dir, '/search'),
    absolute(rewriter.rewrite(search.body, '/search')).replace(
      '</body>',
      `<script src="${escapeAttr(script!)}" data-static-search defer></script></body>`,
    ),
  );

  const failed: BuildSiteResult['failed'] = [];
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const status = await exporter.page(path);
      if (status !== 200) failed.push({ path, status });
      done++;
      if (options.onProgress && (done % 250 === 0 || done === paths.length))
        options.onProgress(done, paths.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));

  const seconds = (performance.now() - started) / 1000;
  const count = paths.length - failed.length + 1; // and the search page
  return { pages: count, files: exporter.files, failed, seconds, pagesPerSecond: count / seconds };
}
