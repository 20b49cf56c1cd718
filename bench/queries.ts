import type { ReferenceCatalog, ReferenceEntry } from '../src/catalog/reference.ts';

/** Swaps two neighbouring letters in the middle of a word: a typo readers make. */
function typo(word: string): string {
  if (word.length < 5) return word;
  const at = Math.floor(word.length / 2);
  return `${word.slice(0, at - 1)}${word[at]}${word[at - 1]}${word.slice(at + 1)}`;
}

/** Catalog entries spread over the whole catalog (a stride prime to its size), `rounds` times over. */
function* spread(catalog: ReferenceCatalog, rounds: number): Generator<[number, ReferenceEntry]> {
  const entries = catalog.entries;
  for (let i = 0; i < entries.length * rounds; i++) yield [i, entries[(i * 7919) % entries.length]!];
}

/**
 * `count` different search queries of the kinds readers type, made from the reference catalog:
 * words of an entry's title, its symbol as words, a title word with a typo, its code. Deterministic.
 */
export function distinctQueries(catalog: ReferenceCatalog, count: number): string[] {
  const queries = new Set<string>();
  for (const [i, entry] of spread(catalog, 4)) {
    if (queries.size >= count) break;
    const words = entry.title
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    switch (i % 4) {
      case 0:
        queries.add(words.slice(0, 3).join(' '));
        break;
      case 1:
        queries.add(entry.symbol.toLowerCase().replace(/_/g, ' '));
        break;
      case 2:
        queries.add([...words.slice(0, 2).map(typo), 'error'].join(' '));
        break;
      default:
        queries.add(`${entry.code} ${words[0] ?? ''}`.trim());
    }
  }
  return [...queries].filter((q) => q.length > 0).slice(0, count);
}

/**
 * `count` different searches of 2–3 words of an entry's title, one of them (the longest, of five
 * letters or more) with two neighbouring letters swapped. Deterministic.
 */
export function typoSearches(catalog: ReferenceCatalog, count: number): string[] {
  const queries = new Set<string>();
  for (const [i, entry] of spread(catalog, 2)) {
    if (queries.size >= count) break;
    const words = entry.title
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 3)
      .slice(0, 2 + (i % 2));
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest.length < 5) continue;
    queries.add(words.map((w) => (w === longest ? typo(w) : w)).join(' '));
  }
  return [...queries];
}

/**
 * Crafted 200-character queries: many words, prefixes, typos and codes (src/search/bounds.test.ts
 * holds each to the query budget; the benches time them).
 */
export const CRAFTED = [
  'E_ '.repeat(99),
  '0x8 '.repeat(50),
  'err '.repeat(50),
  'e a i o u s t n r l d c m p f g h b w y k v x z j q'.repeat(8),
  Array.from({ length: 60 }, (_, i) => `ab${i}`).join(' '),
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnop '.repeat(5),
  Array.from({ length: 40 }, (_, i) => `erro${String.fromCharCode(97 + (i % 26))}`).join(' '),
  Array.from({ length: 30 }, (_, i) => `updat${String.fromCharCode(97 + (i % 26))}`).join(' '),
  'windows update error access denied service unavailable connection timeout driver',
].map((q) => q.slice(0, 200));
