/**
 * A document's footprint as the database keeps it (search_docs.terms): its field lengths and each
 * term's occurrences per field. It scores the document for a term whose best postings did not reach it
 * (text-search.ts) and removes a guide's postings when it changes (db-index.ts).
 */
import type { Footprint } from './source.ts';
import type { Corpus, DocTerms } from './terms.ts';

interface Stored {
  l: number[];
  /** [term, occurrences per field…] */
  t: (string | number)[][];
}

export function writeFootprint(terms: DocTerms): string {
  const stored: Stored = { l: terms.lengths, t: [...terms.terms].map(([term, tf]) => [term, ...tf]) };
  return JSON.stringify(stored);
}

export function readFootprint(doc: number, corpus: Corpus, json: string): Footprint {
  const stored = JSON.parse(json) as Stored;
  return {
    doc,
    corpus,
    lengths: stored.l,
    terms: new Map(stored.t.map(([term, ...tf]) => [term as string, tf as number[]])),
  };
}
