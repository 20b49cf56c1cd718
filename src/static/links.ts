import { posix } from 'node:path';
import type { LinkPolicy } from '../web/links.tsx';

/** Address of the search page: the static site's answer to /lookup and /search. */
export const SEARCH_PAGE = '/search';
/** The browser search script, an asset of the export. */
export const SEARCH_SCRIPT = '/assets/static-search.js';

/**
 * The static site's links. Page addresses have the server's shapes, so canonical URLs, the sitemap and
 * every internal link agree: with a base URL ("/", "/sub/", "https://host/sub/") a page /a/b is
 * `<base>a/b`, without a trailing slash (the host serves a/b/index.html for it, see docs/deploy.md).
 * With relative links a page names index.html itself, so the site works from any folder, even opened
 * from disk. What a static host cannot answer:
 * - /lookup?q= and /search?q= go to the search page, which searches in the browser;
 * - /browse (a redirect on the server) goes to the home page's #browse list;
 * - links to pages that are not exported (guided fix, report forms, the API) become their text;
 * - GET forms other than lookup and search, and forms that post, are left out.
 */
export class StaticLinks {
  private readonly base: string;

  constructor(
    /** Exported page paths ("/", "/a/b"). */
    private readonly pages: ReadonlySet<string>,
    /** Exported asset paths ("/assets/site.css"). */
    private readonly assets: ReadonlySet<string>,
    baseUrl: string,
    private readonly relative: boolean,
  ) {
    this.base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }

  /** The policy of the page at `from` (a page path; "/404.html" for the not-found page). */
  at(from: string): LinkPolicy {
    // The 404 page is served at any depth: its links cannot be page-relative.
    const relative = this.relative && from !== '/404.html';
    const href = (path: string) => this.href(path, from, relative);
    return {
      href,
      action: (path) => (path === '/lookup' || path === '/search' ? href(SEARCH_PAGE) : null),
      posts: false,
      clientSearch: from === SEARCH_PAGE ? href(SEARCH_SCRIPT)! : undefined,
    };
  }

  /** The address of `url` (an absolute site path, maybe with ?query and #hash) from the page `from`. */
  href(url: string, from: string, relative = this.relative): string | null {
    const m = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(url)!;
    let path = m[1]!;
    let query = '';
    let hash = m[3] ?? '';
    if (path === '/lookup' || path === '/search') {
      path = SEARCH_PAGE;
      query = m[2] ?? '';
    } else if (path === '/browse') {
      path = '/';
      hash = '#browse';
    }
    const asset = this.assets.has(path);
    if (!asset && !this.pages.has(path)) return null;
    if (!relative) return `${this.base}${path.slice(1)}${query}${hash}`;
    const target = asset ? path : path === '/' ? '/index.html' : `${path}/index.html`;
    const dir = from === '/' ? '/' : from;
    return `${posix.relative(dir, target)}${query}${hash}`;
  }
}
