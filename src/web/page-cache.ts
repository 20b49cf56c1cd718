import { createHash } from 'node:crypto';

/** How long browsers and shared caches may keep a public page (docs/deploy.md, "Caching in front"). */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=10, stale-while-revalidate=30';

export interface CachedPage {
  body: Buffer;
  etag: string;
  /** The page's own headers (type, validator, caching), built once when it is cached. */
  headers: Readonly<Record<string, string>>;
  expires: number;
  /** What every answer of this page must still do when it comes from the cache (count a visit). */
  onHit?: () => void;
  /** The route pattern that rendered it (its metrics label), known once it was sent through its route. */
  route?: string;
}

/**
 * Rendered pages kept until content changes. Every entry belongs to one content version; a new
 * version empties the cache, so a page is never served after the guide behind it changed.
 */
export class PageCache {
  private version = '';
  private readonly pages = new Map<string, CachedPage>();
  private readonly limit: number;

  private readonly maxAgeMs: number;
  /** Lookups answered from the cache, and lookups that had to render (for /metrics). */
  readonly stats = { hits: 0, misses: 0 };

  /** Pages also expire after maxAgeMs, so readers' evidence on them is never older than that. */
  constructor(limit = 5000, maxAgeMs = 10 * 60_000) {
    this.limit = limit;
    this.maxAgeMs = maxAgeMs;
  }

  setVersion(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.pages.clear();
  }

  get(key: string, now = Date.now()): CachedPage | undefined {
    const page = this.hit(key, now);
    if (!page) this.stats.misses++;
    return page;
  }

  /** The page when it is cached and fresh, counting only hits: the caller falls back to get(). */
  hit(key: string, now = Date.now()): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page === undefined) return undefined;
    if (page.expires <= now) {
      this.pages.delete(key);
      return undefined;
    }
    this.stats.hits++;
    return page;
  }

  put(key: string, html: string, onHit?: () => void): CachedPage {
    const body = Buffer.from(html);
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
    const page: CachedPage = {
      body,
      etag,
      headers: Object.freeze({
        'content-type': 'text/html; charset=utf-8',
        etag,
        'cache-control': PUBLIC_PAGE_CACHE_CONTROL,
      }),
      expires: Date.now() + this.maxAgeMs,
      onHit,
    };
    if (this.pages.size >= this.limit) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, page);
    return page;
  }
}
