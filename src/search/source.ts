/**
 * What a text search reads from an index, whichever keeps it: the database (the server, the CLI) or
 * memory (the static export's browser search, unit tests). Four bounded reads per query.
 */
import type { SearchDoc } from './documents.ts';
import type { Corpus } from './terms.ts';

/** How many documents of a collection have a term in a field. */
export interface VocabRow {
  term: string;
  corpus: Corpus;
  field: number;
  df: number;
}

/** One term in one field of one document. */
export interface Posting {
  doc: number;
  corpus: Corpus;
  field: number;
  /** Occurrences of the term in the field. */
  tf: number;
  /** The field's length in distinct words. */
  len: number;
}

/** A collection's size and its fields' total lengths (for the average field length). */
export interface CorpusStats {
  corpus: Corpus;
  docs: number;
  totalLength: number[];
}

/** What a result shows, kept with the index so a page of results needs no other read. */
export type StoredDoc = { id: number } & Pick<
  SearchDoc,
  | 'kind'
  | 'code'
  | 'title'
  | 'url'
  | 'category'
  | 'brand'
  | 'product'
  | 'severity'
  | 'symbol'
  | 'family'
  | 'overview'
  | 'summary'
>;

export interface VocabularyQuery {
  /** Terms looked up as written. */
  exact: readonly string[];
  /** Terms whose longer forms are looked up: at most `prefixLimit + 1` distinct terms each. */
  prefixes: readonly string[];
  prefixLimit: number;
  /** Deletion keys of typo-tolerant terms (terms.ts deletionKeys); at most `fuzzyLimit` rows come back. */
  fuzzyKeys: readonly string[];
  fuzzyLimit: number;
}

export interface VocabularyAnswer {
  /** Every (term, collection, field) row of the exact, prefix and typo candidates found. */
  rows: VocabRow[];
  /** Per prefix: the distinct longer terms found, in order (more than prefixLimit means too many). */
  prefixTerms: Map<string, string[]>;
  /** Distinct terms filed under the deletion keys. */
  fuzzyTerms: string[];
}

export interface PostingsRequest {
  term: string;
  /** The highest-impact postings of the term to read in each collection. */
  limit: number;
}

/** A term's best postings, and what the first posting left unread could add (0: none were left). */
export interface PostingList {
  postings: Posting[];
  /** Per collection (index CORPUS.guide, CORPUS.reference): the impact of the last posting read when the limit cut the list. */
  threshold: [number, number];
}

/** What the index keeps of one document's words, to score it for any term (the forward index). */
export interface Footprint {
  doc: number;
  corpus: Corpus;
  lengths: number[];
  /** A term's occurrences per field, or undefined when the document lacks it. */
  tf(term: string): number[] | undefined;
}

export interface TermSource {
  vocabulary(query: VocabularyQuery): Promise<VocabularyAnswer>;
  /** The postings of each term, highest impact first, at most `limit` per term and collection. */
  postings(requests: readonly PostingsRequest[]): Promise<Map<string, PostingList>>;
  stats(): Promise<CorpusStats[]>;
  documents(ids: readonly number[]): Promise<StoredDoc[]>;
  footprints(ids: readonly number[]): Promise<Footprint[]>;
}
