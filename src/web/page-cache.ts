import { createHash } from 'node:crypto';

export interface CachedPage {
  body: Buffer;
  etag: string;
}

/**
 * Rendered pages kept until content changes. Every entry belongs to one content version; a new
 * version empties the cache, so a page is never served after the guide behind it changed.
 */
export class PageCache {
  private version = '';
  private readonly pages = new Map<string, CachedPage>();
  private readonly limit: number;

  constructor(limit = 5000) {
    this.limit = limit;
  }

  setVersion(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.pages.clear();
  }

  get(key: string): CachedPage | undefined {
    return this.pages.get(key);
  }

  put(key: string, html: string): CachedPage {
    const body = Buffer.from(html);
    const page = { body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"` };
    if (this.pages.size >= this.limit) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, page);
    return page;
  }
}
