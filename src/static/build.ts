/**
 * Static export of the public site (`errata build-site <dir>`): every public page rendered by the same
 * presenters as the server's routes (app.pages, src/web/site.tsx), with the static site's link policy
 * (links.ts) instead of the server's, written as `<dir>/<path>/index.html`; with the assets, a 404 page,
 * sitemap.xml, robots.txt and a client-side search over a snapshot of the server's search indexes,
 * precompressed (.gz, .br) for hosts that serve compressed files as they are (nginx's gzip_static).
 *
 * Canonical links, OpenGraph URLs, JSON-LD, sitemap.xml and robots.txt name the app's public origin
 * (app.pages.origin): the caller builds the app with the site's real address (src/cli/site.ts).
 *
 * The site is built in a fresh folder beside `dir` and renamed into place only when every page was
 * written: a failed or interrupted build leaves the previous site as it was, and pages removed since
 * are gone after a rebuild.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { PACKAGE_ROOT } from '../base/config.ts';
import { bundledCatalog } from '../catalog/load.ts';
import { familyUrl, obdEntry, type ReferenceCatalog } from '../catalog/reference.ts';
import { officialEntries } from '../catalog/official.ts';
import { guideCodeKey } from '../codes/parse.ts';
import { guidePath, guideUrl, type Guide } from '../guides/schema.ts';
import { referenceDoc } from '../search/documents.ts';
import { MemorySource } from '../search/memory-source.ts';
import { indexedGuide } from '../search/service.ts';
import { CORPUS } from '../search/terms.ts';
import type { Db } from '../store/db.ts';
import { listPublished } from '../guides/repository.ts';
import { ASSETS_DIR } from '../web/assets.ts';
import { SEARCH_PAGE, SEARCH_SCRIPT, StaticLinks } from './links.ts';
import type { StaticIndexFile } from './search-core.ts';

export interface BuildSiteOptions {
  /** The store the app was built on (published guides, for the page list and the search index). */
  db: Db;
  /** The app's reference catalogs; the bundled ones by default. */
  catalog?: ReferenceCatalog;
  /** Where the site will be served: "/" (default), "/sub/" or "https://host/sub/". */
  baseUrl?: string;
  /** Page-relative links to index.html files instead of base-prefixed ones (works from any folder). */
  relative?: boolean;
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
  /** Whether the new site replaced the one at `dir` (only when no page failed). */
  replaced: boolean;
}

// Compiled, this module sits in a shared chunk of dist/: its files are found from the package root.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
/** Marks a folder as an export, so a rebuild never replaces a folder that is something else. */
const MARKER = '.errata-site';
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Every public page path: home, browse levels, guides, reference entries, family and OBD structure
 * pages. Not /decode: it is a form the server answers.
 */
export function sitePaths(guides: readonly Guide[], catalog: ReferenceCatalog, referenceLimit = Infinity) {
  const paths = new Set<string>(['/']);
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
  const linked = guides.flatMap((g) => officialEntries(catalog, g.code).map((h) => h.entry));
  for (const e of [...references, ...linked]) paths.add(e.url);
  // Each family's explanation page, linked from all of its entries.
  for (const e of [...references, ...linked]) paths.add(familyUrl(e.family));
  return [...paths];
}

/** The search index file: the server's documents, terms and field lengths (the browser derives the rest). */
export function searchIndexFile(catalog: ReferenceCatalog, guides: readonly Guide[]): StaticIndexFile {
  const index = MemorySource.build([
    ...guides.map((g) => ({ doc: indexedGuide(catalog, g), corpus: CORPUS.guide })),
    ...catalog.entries.map((e) => ({ doc: referenceDoc(e), corpus: CORPUS.reference })),
  ]);
  return { format: 2, index: index.toData() };
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

/** File of a page path: "/" → index.html, "/a/b" → a/b/index.html (percent-escapes decoded). */
function pageFile(dir: string, path: string): string {
  return join(dir, ...decodeURIComponent(path).split('/').filter(Boolean), 'index.html');
}

/** Writes files, making each folder once; counts them. */
class Writer {
  files = 0;
  private readonly made = new Set<string>();

  async write(file: string, body: string | Buffer): Promise<void> {
    const folder = dirname(file);
    if (!this.made.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.made.add(folder);
    }
    await writeFile(file, body);
    this.files++;
  }

  /** The file and its .gz and .br twins, for hosts that serve them as they are. */
  async compressed(file: string, body: string | Buffer): Promise<void> {
    // Middle levels: the top ones take seconds on the search index for a few per cent.
    const [gz, br] = await Promise.all([
      gzipAsync(body, { level: 6 }),
      brotliAsync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }),
    ]);
    await Promise.all([this.write(file, body), this.write(`${file}.gz`, gz), this.write(`${file}.br`, br)]);
  }
}

/** The presenter of a page path; undefined when the page is empty (the route would answer 404). */
function renderPage(
  app: FastifyInstance,
  path: string,
  guides: ReadonlyMap<string, Guide>,
  links: ReturnType<StaticLinks['at']>,
): string | undefined | Promise<string | undefined> {
  const { pages } = app;
  if (path === '/') return pages.home(links);
  if (path === SEARCH_PAGE) return pages.search(links);
  const segments = path.split('/').length - 1;
  if (path.startsWith('/reference/'))
    return segments === 2
      ? pages.family(path.slice('/reference/'.length), links)
      : pages.reference(path, links);
  const guide = guides.get(path);
  if (guide) return pages.guide(guide, links);
  return pages.browse(path, links);
}

/** Refuses to replace a folder that holds something other than an export. */
async function checkTarget(target: string): Promise<boolean> {
  const info = await stat(target).catch(() => null);
  if (!info) return false;
  const entries = info.isDirectory() ? await readdir(target) : ['(a file)'];
  if (entries.length > 0 && !entries.includes(MARKER))
    throw new Error(`${target} is not empty and holds no earlier export (${MARKER}): not replacing it`);
  return true;
}

/**
 * Exports the public site of `app` to `dir`: built in a new folder beside it, then renamed into place
 * when no page failed. The previous site stays until that rename, so readers never see half a site.
 */
export async function buildSite(
  app: FastifyInstance,
  dir: string,
  options: BuildSiteOptions,
): Promise<BuildSiteResult> {
  const started = performance.now();
  const target = resolve(dir);
  const exists = await checkTarget(target);
  await mkdir(dirname(target), { recursive: true });
  const temp = await mkdtemp(join(dirname(target), `.${basename(target)}.new-`));
  try {
    const result = await writeSite(app, temp, options);
    const replaced = result.failed.length === 0;
    if (replaced) {
      // mkdtemp makes the folder private; a web server reads the site as another user.
      await chmod(temp, 0o755);
      if (exists) {
        const old = `${temp.replace(/\.new-([^/]*)$/, '.old-$1')}`;
        await rename(target, old);
        await rename(temp, target);
        await rm(old, { recursive: true, force: true });
      } else {
        await rename(temp, target);
      }
    } else {
      await rm(temp, { recursive: true, force: true });
    }
    const seconds = (performance.now() - started) / 1000;
    return { ...result, seconds, pagesPerSecond: result.pages / seconds, replaced };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Writes the whole site into the empty folder `dir`. */
async function writeSite(
  app: FastifyInstance,
  dir: string,
  options: BuildSiteOptions,
): Promise<Pick<BuildSiteResult, 'pages' | 'files' | 'failed'>> {
  const catalog = options.catalog ?? bundledCatalog();
  const concurrency = Math.max(1, options.concurrency ?? 32);
  const baseUrl = options.baseUrl ?? '/';
  const { origin } = app.pages;
  if (/^https?:\/\//i.test(baseUrl) && baseUrl.replace(/\/$/, '') !== origin)
    throw new Error(
      `the app's public origin (${origin}) is not the absolute base URL ${baseUrl}: build the app with it`,
    );
  const guides = (await listPublished(options.db)).map((s) => s.guide);
  const paths = sitePaths(guides, catalog, options.referenceLimit);
  const byUrl = new Map(guides.map((g) => [guideUrl(g), g]));

  const assetNames = (await readdir(ASSETS_DIR)).filter((n) => /\.(css|js|svg|png|ico)$/.test(n));
  const links = new StaticLinks(
    new Set([...paths, SEARCH_PAGE]),
    new Set([...assetNames.map((n) => `/assets/${n}`), SEARCH_SCRIPT]),
    baseUrl,
    options.relative ?? false,
  );
  const out = new Writer();

  // Fixed files: marker, assets, the search script and index, robots, sitemap, 404, search page.
  await out.write(join(dir, MARKER), 'Written by errata build-site; the next build replaces this folder.\n');
  for (const name of assetNames) {
    const body = await readFile(join(ASSETS_DIR, name));
    if (/\.(css|js|svg)$/.test(name)) await out.compressed(join(dir, 'assets', name), body);
    else await out.write(join(dir, 'assets', name), body);
  }
  await out.compressed(join(dir, SEARCH_SCRIPT), await bundleClient());
  // Compressed on zlib's threads while the pages render.
  const index = out.compressed(
    join(dir, 'search-index.json'),
    JSON.stringify(searchIndexFile(catalog, guides)),
  );
  index.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  await out.write(join(dir, 'robots.txt'), `User-agent: *\nSitemap: ${origin}/sitemap.xml\n`);
  await out.write(join(dir, 'sitemap.xml'), app.pages.sitemap());
  await out.write(
    join(dir, '404.html'),
    app.pages.notFound('There is no page at this address.', links.at('/404.html')),
  );
  await out.write(pageFile(dir, SEARCH_PAGE), app.pages.search(links.at(SEARCH_PAGE)));

  const failed: BuildSiteResult['failed'] = [];
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const html = await renderPage(app, path, byUrl, links.at(path));
      if (html === undefined) failed.push({ path, status: 404 });
      else await out.write(pageFile(dir, path), html);
      done++;
      if (options.onProgress && (done % 250 === 0 || done === paths.length))
        options.onProgress(done, paths.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  } finally {
    // Settled before the caller removes a failed build's folder.
    await index.catch(() => undefined);
  }
  await index;
  // And the search page.
  return { pages: paths.length - failed.length + 1, files: out.files, failed };
}
