import { createHash } from 'node:crypto';

export interface CachedPage {
  body: Buffer;
  etag: string;
  expires: number;
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
    const page = this.pages.get(key);
    if (page && page.expires <= now) {
      this.pages.delete(key);
      this.stats.misses++;
      return undefined;
    }
    if (page) this.stats.hits++;
    else this.stats.misses++;
    return page;
  }

  put(key: string, html: string): CachedPage {
    const body = Buffer.from(html);
    const page = {
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
      expires: Date.now() + this.maxAgeMs,
    };
    if (this.pages.size >= this.limit) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, page);
    return page;
  }
}
