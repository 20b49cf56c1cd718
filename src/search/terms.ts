/**
 * What the index keeps of a document, and the typo arithmetic over index terms: pure, shared by the
 * database index, the in-memory index (tests, the static export) and the browser.
 */
import type { SearchDoc } from './documents.ts';
import { processIndexTerm, tokenize } from './text.ts';

/**
 * The version of how documents become index terms and postings (tokenize, fold, stem, docTerms, the
 * packing): an index written under another is written again when a store opens. Raise it with any
 * change to those.
 */
export const INDEX_FORMAT = 4;

/** Text fields, in the order the index numbers them. */
export const FIELDS = ['codes', 'names', 'title', 'summary', 'body', 'place'] as const;
export type Field = (typeof FIELDS)[number];

/** The two collections searched together; guides rank above bare reference entries. */
export const CORPUS = { guide: 0, reference: 1 } as const;
export type Corpus = (typeof CORPUS)[keyof typeof CORPUS];

export interface DocTerms {
  /** Per field: its number of distinct words as written (stop words included). */
  lengths: number[];
  /** Index term → its number of occurrences per field. */
  terms: Map<string, number[]>;
}

/** A document's index terms and field lengths. */
export function docTerms(doc: Pick<SearchDoc, Field>): DocTerms {
  const lengths: number[] = [];
  const terms = new Map<string, number[]>();
  FIELDS.forEach((field, f) => {
    const words = tokenize(doc[field]);
    lengths.push(new Set(words).size);
    for (const word of words) {
      const term = processIndexTerm(word);
      if (!term) continue;
      let tf = terms.get(term);
      if (!tf) terms.set(term, (tf = FIELDS.map(() => 0)));
      tf[f]!++;
    }
  });
  return { lengths, terms };
}

/**
 * Whether typos of a term are looked for: words, not codes. A typo of a code is another code, and
 * Errata never answers with a different code than the one asked for.
 */
export function typoTolerant(term: string): boolean {
  return term.length >= 3 && !/\d/.test(term);
}

/** The keys a term is filed under for typo look-ups: itself and each one-letter deletion. */
export function deletionKeys(term: string): string[] {
  // By code point: a letter outside the basic plane is one letter, never half of one.
  const letters = Array.from(term);
  const keys = new Set([term]);
  for (let i = 0; i < letters.length; i++)
    keys.add(letters.slice(0, i).join('') + letters.slice(i + 1).join(''));
  return [...keys];
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment),
 * or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(first: string, second: string, max = Infinity): number {
  const a = Array.from(first);
  const b = Array.from(second);
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

/** Largest term frequency and field length a posting records (longer fields count as this long). */
export const MAX_TF = 255;
export const MAX_LEN = 4095;

/**
 * A posting's document, field, term frequency and field length in one integer (50 bits): the index
 * reads hundreds per query, and one number per row is what reads fastest.
 */
export function packPosting(doc: number, field: number, tf: number, len: number): number {
  return ((doc * 8 + field) * 256 + Math.min(tf, MAX_TF)) * 4096 + Math.min(len, MAX_LEN);
}

/** A packed posting (packPosting) of collection `corpus`, unpacked into one object. */
export function postingOf(
  corpus: Corpus,
  packed: number,
): { doc: number; corpus: Corpus; field: number; tf: number; len: number } {
  const len = packed % 4096;
  let rest = (packed - len) / 4096;
  const tf = rest % 256;
  rest = (rest - tf) / 256;
  const field = rest % 8;
  return { doc: (rest - field) / 8, corpus, field, tf, len };
}

/** The packed values of one document's postings lie in [first, end). */
export function packedRange(doc: number): [number, number] {
  return [packPosting(doc, 0, 0, 0), packPosting(doc + 1, 0, 0, 0)];
}

/** Code-unit order, as the index's binary collation ("C" on PostgreSQL) sorts terms. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
