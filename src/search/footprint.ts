/**
 * A document's footprint as the database keeps it (search_docs.terms): its field lengths and each
 * term's occurrences per field, as lines of text — a header, then a line per term: the term, a space and
 * its non-zero counts, each after its field's letter ("e3" is 3 in the body, the fifth field) — so one
 * term is found with a string search instead of parsing the whole document. It scores a document for a term
 * whose best postings did not reach it (text-search.ts) and removes a guide's postings when it changes
 * (db-index.ts).
 *
 * The lines are grouped in buckets by a hash of the term (about eight lines each), and the header ends
 * with where each bucket ends: "lengths;end,end,…". A look-up searches one bucket, not the whole
 * document (a long guide has a few hundred terms, and a query looks up several in each of up to 64
 * documents). A header without ";" is one bucket.
 */
import type { Footprint } from './source.ts';
import { FIELDS, type Corpus, type DocTerms } from './terms.ts';

/** Lines per bucket the layout aims at. */
const LINES_PER_BUCKET = 8;

/** Buckets for `terms` lines: a power of two, so a bucket is the hash's low bits. */
function bucketCount(terms: number): number {
  let buckets = 1;
  while (buckets * 2 * LINES_PER_BUCKET <= terms) buckets *= 2;
  return buckets;
}

/** FNV-1a over the term's UTF-16 code units: the same bucket on writing and reading. */
function bucketOf(term: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return (hash >>> 0) & (buckets - 1);
}

/** A term's occurrences per field as the letters-and-counts of its line. */
function writeCounts(tf: readonly number[]): string {
  let text = '';
  tf.forEach((n, field) => {
    if (n > 0) text += String.fromCharCode(97 + field) + n;
  });
  return text;
}

function readCounts(text: string): number[] {
  const tf: number[] = FIELDS.map(() => 0);
  let field = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97) field = c - 97;
    else tf[field] = tf[field]! * 10 + c - 48;
  }
  return tf;
}

export function writeFootprint(terms: DocTerms): string {
  const buckets = bucketCount(terms.terms.size);
  const lines = Array.from({ length: buckets }, () => '');
  for (const [term, tf] of terms.terms) lines[bucketOf(term, buckets)] += `\n${term} ${writeCounts(tf)}`;
  let header = terms.lengths.join(',');
  if (buckets > 1) {
    // Where each bucket but the last ends, counted from the end of the header.
    let end = 0;
    header +=
      ';' +
      lines
        .slice(0, -1)
        .map((l) => (end += l.length))
        .join(',');
  }
  return header + lines.join('');
}

const numbers = (list: string) => list.split(',').map(Number);

export function readFootprint(doc: number, corpus: Corpus, text: string): Footprint {
  let start = text.indexOf('\n');
  if (start === -1) start = text.length;
  const header = text.slice(0, start);
  const semicolon = header.indexOf(';');
  const ends = semicolon === -1 ? [] : numbers(header.slice(semicolon + 1)).map((n) => start + n);
  ends.push(text.length);
  return {
    doc,
    corpus,
    lengths: numbers(semicolon === -1 ? header : header.slice(0, semicolon)),
    tf(term) {
      const bucket = bucketOf(term, ends.length);
      // Each line begins with its "\n", so the bucket's text holds whole lines and nothing else.
      const lines = text.slice(bucket === 0 ? start : ends[bucket - 1], ends[bucket]);
      const at = lines.indexOf(`\n${term} `);
      if (at === -1) return undefined;
      const from = at + term.length + 2;
      const to = lines.indexOf('\n', from);
      return readCounts(lines.slice(from, to === -1 ? undefined : to));
    },
  };
}

/** Every term of a footprint with its occurrences per field. */
export function footprintTerms(text: string): Map<string, number[]> {
  const terms = new Map<string, number[]>();
  for (const line of text.split('\n').slice(1)) {
    const space = line.indexOf(' ');
    terms.set(line.slice(0, space), readCounts(line.slice(space + 1)));
  }
  return terms;
}
