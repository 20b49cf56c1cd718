/**
 * The search index in memory, answering the same four reads as the database with the same rows in the
 * same order: the static export's browser search and unit tests use it. Built from documents, or from
 * the plain data `toData()` gives (the export's index file).
 */
import type { SearchDoc } from './documents.ts';
import { impact } from './scoring.ts';
import type {
  CorpusStats,
  Footprint,
  PostingList,
  PostingsRequest,
  StoredDoc,
  TermSource,
  VocabRow,
  VocabularyAnswer,
  VocabularyQuery,
} from './source.ts';
import {
  byteOrder,
  CORPUS,
  FIELDS,
  deletionKeys,
  docTerms,
  packPosting,
  typoTolerant,
  postingOf,
  type Corpus,
} from './terms.ts';

interface Stored {
  corpus: Corpus;
  impact: number;
  /** packPosting(doc, field, tf, len), as the database keeps it. */
  posting: number;
}

/** What toData() gives and fromData() reads: documents with their terms, nothing derived. */
export interface MemoryIndexData {
  docs: (StoredDoc & { corpus: Corpus; lengths: number[] })[];
  /** Per document (same order as docs): [term, tf per field][]. */
  terms: [string, number[]][][];
}

export function storedDoc(id: number, doc: SearchDoc): StoredDoc {
  const stored: StoredDoc = {
    id,
    kind: doc.kind,
    code: doc.code,
    title: doc.title,
    url: doc.url,
    category: doc.category,
    brand: doc.brand,
    product: doc.product,
    summary: doc.summary,
  };
  if (doc.severity) stored.severity = doc.severity;
  if (doc.symbol) stored.symbol = doc.symbol;
  if (doc.family) stored.family = doc.family;
  if (doc.overview) stored.overview = true;
  return stored;
}

export class MemorySource implements TermSource {
  readonly #docs = new Map<number, StoredDoc>();
  readonly #postings = new Map<string, Stored[]>();
  readonly #df = new Map<string, VocabRow[]>();
  readonly #fuzzy = new Map<string, string[]>();
  readonly #stats: CorpusStats[];
  readonly #sorted: string[];
  readonly #data: MemoryIndexData;
  /** Document id → its position in the data. */
  readonly #position = new Map<number, number>();

  private constructor(data: MemoryIndexData) {
    this.#data = data;
    const stats = new Map<Corpus, CorpusStats>(
      [CORPUS.guide, CORPUS.reference].map((c) => [
        c,
        { corpus: c, docs: 0, totalLength: FIELDS.map(() => 0) },
      ]),
    );
    data.docs.forEach((doc, i) => {
      this.#position.set(doc.id, i);
      const s = stats.get(doc.corpus)!;
      s.docs++;
      doc.lengths.forEach((len, f) => (s.totalLength[f]! += len));
      const { lengths: _lengths, corpus: _corpus, ...stored } = doc;
      this.#docs.set(doc.id, stored);
    });
    this.#stats = [...stats.values()];
    const df = new Map<string, number>();
    data.docs.forEach((doc, i) => {
      for (const [term, tf] of data.terms[i]!) {
        tf.forEach((n, field) => {
          if (n === 0) return;
          const key = `${term}\0${doc.corpus}\0${field}`;
          df.set(key, (df.get(key) ?? 0) + 1);
        });
      }
    });
    for (const [key, n] of df) {
      const [term, corpus, field] = key.split('\0') as [string, string, string];
      const row: VocabRow = { term, corpus: Number(corpus) as Corpus, field: Number(field), df: n };
      const rows = this.#df.get(term);
      if (rows) rows.push(row);
      else this.#df.set(term, [row]);
    }
    data.docs.forEach((doc, i) => {
      const s = stats.get(doc.corpus)!;
      for (const [term, tf] of data.terms[i]!) {
        tf.forEach((n, field) => {
          if (n === 0) return;
          // As the database: the impact of the posting as stored (frequency and length capped).
          const packed = packPosting(doc.id, field, n, doc.lengths[field]!);
          const { tf, len } = postingOf(doc.corpus, packed);
          const posting: Stored = {
            corpus: doc.corpus,
            impact: impact(doc.corpus, field, tf, len, df.get(`${term}\0${doc.corpus}\0${field}`)!, s),
            posting: packed,
          };
          const list = this.#postings.get(term);
          if (list) list.push(posting);
          else this.#postings.set(term, [posting]);
        });
      }
    });
    // The database's order: (term, corpus, impact, posting), each collection read backwards.
    for (const list of this.#postings.values()) {
      list.sort((a, b) => b.impact - a.impact || b.posting - a.posting);
    }
    this.#sorted = [...this.#df.keys()].sort(byteOrder);
    for (const term of this.#sorted) {
      if (!typoTolerant(term)) continue;
      for (const key of deletionKeys(term)) {
        const list = this.#fuzzy.get(key);
        if (list) list.push(term);
        else this.#fuzzy.set(key, [term]);
      }
    }
  }

  /** An index of these documents, numbered in order from 1. */
  static build(docs: readonly { doc: SearchDoc; corpus: Corpus }[]): MemorySource {
    const data: MemoryIndexData = { docs: [], terms: [] };
    docs.forEach(({ doc, corpus }, i) => {
      const { lengths, terms } = docTerms(doc);
      data.docs.push({ ...storedDoc(i + 1, doc), corpus, lengths });
      data.terms.push([...terms]);
    });
    return new MemorySource(data);
  }

  static fromData(data: MemoryIndexData): MemorySource {
    return new MemorySource(data);
  }

  toData(): MemoryIndexData {
    return this.#data;
  }

  get documentCount(): number {
    return this.#docs.size;
  }

  vocabulary(query: VocabularyQuery): Promise<VocabularyAnswer> {
    const rows: VocabRow[] = [];
    const seen = new Set<string>();
    const add = (term: string) => {
      if (seen.has(term)) return;
      seen.add(term);
      rows.push(...(this.#df.get(term) ?? []));
    };
    query.exact.forEach(add);
    const prefixTerms = new Map<string, string[]>();
    for (const prefix of query.prefixes) {
      const longer: string[] = [];
      for (let i = lowerBound(this.#sorted, prefix); i < this.#sorted.length; i++) {
        const term = this.#sorted[i]!;
        if (!term.startsWith(prefix)) break;
        if (term === prefix) continue;
        if (longer.length > query.prefixLimit) break;
        longer.push(term);
      }
      prefixTerms.set(prefix, longer);
      if (longer.length <= query.prefixLimit) longer.forEach(add);
    }
    const found = new Set<string>();
    for (const key of query.fuzzyKeys) for (const term of this.#fuzzy.get(key) ?? []) found.add(term);
    // The database's answer: distinct terms in order, at most fuzzyLimit.
    const fuzzyTerms = [...found].sort(byteOrder).slice(0, query.fuzzyLimit);
    fuzzyTerms.forEach(add);
    return Promise.resolve({ rows, prefixTerms, fuzzyTerms });
  }

  postings(requests: readonly PostingsRequest[]): Promise<Map<string, PostingList>> {
    const out = new Map<string, PostingList>();
    for (const { term, limit } of requests) {
      const taken = [0, 0];
      const last = [0, 0];
      const list: PostingList = { postings: [], threshold: [0, 0] };
      for (const p of this.#postings.get(term) ?? []) {
        const n = taken[p.corpus]!++;
        if (n < limit) {
          list.postings.push(postingOf(p.corpus, p.posting));
          last[p.corpus] = p.impact;
        }
        // As the database: the last posting read is the threshold when at least one was left unread.
        if (n === limit) list.threshold[p.corpus] = last[p.corpus]!;
      }
      out.set(term, list);
    }
    return Promise.resolve(out);
  }

  footprints(ids: readonly number[]): Promise<Footprint[]> {
    return Promise.resolve(
      ids.flatMap((id) => {
        const i = this.#position.get(id);
        if (i === undefined) return [];
        const doc = this.#data.docs[i]!;
        const terms = new Map(this.#data.terms[i]);
        return [{ doc: id, corpus: doc.corpus, lengths: doc.lengths, tf: (term: string) => terms.get(term) }];
      }),
    );
  }

  stats(): Promise<CorpusStats[]> {
    return Promise.resolve(this.#stats.map((s) => ({ ...s, totalLength: [...s.totalLength] })));
  }

  documents(ids: readonly number[]): Promise<StoredDoc[]> {
    return Promise.resolve(ids.flatMap((id) => this.#docs.get(id) ?? []));
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
