/**
 * Location headers built only from a path on this site. Decoded route parameters are encoded again, so
 * `/%2FEvil.com` never becomes `//evil.com` (another host), and a path with line breaks or characters
 * outside Latin-1 becomes percent-encoded ASCII instead of a header Node refuses (a 500).
 */

/** A path on this site: one leading slash (not `//` or `/\`), printable ASCII, no backslash. */
export function isSitePath(path: string): boolean {
  return /^\/(?![/\\])[!-~]*$/.test(path) && !path.includes('\\');
}

/** Lone surrogates (which encodeURIComponent refuses) become U+FFFD. */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** The path of decoded segments, each encoded again (empty segments dropped). */
export function sitePath(segments: readonly string[]): string {
  const encoded = segments.filter((s) => s !== '').map((s) => encodeURIComponent(wellFormed(s)));
  const path = `/${encoded.join('/')}`;
  if (!isSitePath(path)) throw new Error(`not a path on this site: ${path}`);
  return path;
}

const BASE = 'http://errata.invalid';

/**
 * A local path under `prefix` for after sign-in, normalised the way a browser would read it (dot
 * segments, backslashes, tabs and line breaks), or `fallback`.
 */
export function safeLocalPath(next: string | undefined, prefix: string, fallback: string): string {
  if (!next || next.length > 2000) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}`;
  const under = path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
  return under && isSitePath(path) ? path : fallback;
}
