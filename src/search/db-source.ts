/**
 * The search index read from the database (written by db-index.ts): four statements per query, each
 * bounded by the query's plan — the vocabulary rows of its words, their longer forms and their typo
 * candidates; the best postings of each term reached, per collection; the collections' statistics; the
 * shown documents. The same SQL on SQLite (read through its own connection) and PostgreSQL.
 */
import { CompiledQuery } from 'kysely';
import type { Statement } from 'better-sqlite3';
import { sqliteHandle, type Db } from '../store/db.ts';
import { numbered } from './db-index.ts';
import { blocksFor, firstPostings } from './blocks.ts';
import { nextTurn } from './turns.ts';
import { readFootprint } from './footprint.ts';
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
import { byteOrder, CORPUS, FIELDS, postingOf, type Corpus } from './terms.ts';

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The first string after every string that begins with `prefix` (byte order). */
function after(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

type Read = <T>(text: string, params: readonly unknown[], pluck?: boolean) => Promise<T[]>;

export class DbSource implements TermSource {
  private readonly read: Read;
  private readonly sqlite: boolean;

  constructor(db: Db) {
    const handle = sqliteHandle(db);
    this.sqlite = handle !== undefined;
    if (handle) {
      // SQLite reads its own connection with prepared statements: a query reads hundreds of rows, and
      // Kysely's per-row objects would cost more than the reads themselves.
      const statements = new Map<string, Statement>();
      this.read = <T>(text: string, params: readonly unknown[], pluck = false) => {
        const key = `${pluck ? 1 : 0}${text}`;
        let statement = statements.get(key);
        if (!statement) {
          statement = handle.prepare(text);
          if (pluck) statement.pluck();
          if (statements.size >= 200) statements.delete(statements.keys().next().value!);
          statements.set(key, statement);
        }
        // Other requests first: each read is a step, so a search never holds the thread from its first
        // read to its last (src/search/turns.ts).
        return nextTurn().then(() => statement.all(params as unknown[]) as T[]);
      };
    } else {
      this.read = async <T>(text: string, params: readonly unknown[], pluck = false) => {
        const rows = (
          await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(numbered(text), [...params]))
        ).rows;
        return (pluck ? rows.map((r) => Object.values(r)[0]) : rows) as T[];
      };
    }
  }

  async vocabulary(query: VocabularyQuery): Promise<VocabularyAnswer> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (query.exact.length > 0) {
      parts.push(
        `select 0 as part, term, corpus, field, df from search_terms where term in (${marks(query.exact.length)})`,
      );
      params.push(...query.exact);
    }
    for (const prefix of query.prefixes) {
      parts.push(
        'select 1 as part, term, corpus, field, df from search_terms where term in ' +
          '(select distinct term from search_terms where term > ? and term < ? order by term limit ?)',
      );
      params.push(prefix, after(prefix), query.prefixLimit + 1);
    }
    if (query.fuzzyKeys.length > 0) {
      parts.push(
        'select 2 as part, term, corpus, field, df from search_terms where term in ' +
          `(select distinct term from search_fuzzy where key in (${marks(query.fuzzyKeys.length)}) order by term limit ?)`,
      );
      params.push(...query.fuzzyKeys, query.fuzzyLimit);
    }
    const answer: VocabularyAnswer = { rows: [], prefixTerms: new Map(), fuzzyTerms: [] };
    if (parts.length === 0) return answer;
    const rows = await this.read<VocabRow & { part: number }>(parts.join(' union all '), params);
    const seen = new Set<string>();
    const fuzzy = new Set<string>();
    const longer = new Map(query.prefixes.map((p) => [p, new Set<string>()]));
    for (const r of rows) {
      if (Number(r.part) === 1) for (const [p, set] of longer) if (r.term.startsWith(p)) set.add(r.term);
    }
    // A prefix with too many longer terms is not searched: its terms' rows stay out, as in memory.
    const searched = [...longer].filter(([, set]) => set.size <= query.prefixLimit).map(([p]) => p);
    for (const r of rows) {
      const row: VocabRow = {
        term: r.term,
        corpus: Number(r.corpus) as Corpus,
        field: Number(r.field),
        df: Number(r.df),
      };
      if (Number(r.part) === 2) fuzzy.add(row.term);
      if (Number(r.part) === 1 && !searched.some((p) => row.term.startsWith(p))) continue;
      const k = `${row.term}\0${row.corpus}\0${row.field}`;
      if (seen.has(k)) continue;
      seen.add(k);
      answer.rows.push(row);
    }
    for (const [p, set] of longer) answer.prefixTerms.set(p, [...set].sort(byteOrder));
    answer.fuzzyTerms = [...fuzzy].sort(byteOrder);
    return answer;
  }

  async postings(requests: readonly PostingsRequest[]): Promise<Map<string, PostingList>> {
    const out = new Map<string, PostingList>();
    if (requests.length === 0) return out;
    // Each term's first blocks in each collection, in block order: enough for `limit` postings and one
    // more, which says whether the list was cut.
    const blocks = new Map<string, [Uint8Array[], Uint8Array[]]>(requests.map((r) => [r.term, [[], []]]));
    if (this.sqlite) {
      const text =
        'select corpus, postings from search_blocks where term = ? and block < ? order by corpus, block';
      for (const { term, limit } of requests) {
        const rows = await this.read<{ corpus: number; postings: Uint8Array }>(text, [
          term,
          blocksFor(limit),
        ]);
        for (const r of rows) blocks.get(term)![r.corpus as Corpus].push(r.postings);
      }
    } else {
      // One statement of one shape whatever the number of terms (PostgreSQL plans it once per query).
      const rows = await this.read<{ part: number; corpus: number; postings: Uint8Array }>(
        'select r.part - 1 as part, b.corpus, b.postings ' +
          'from unnest(?::text[], ?::int[]) with ordinality as r(term, blocks, part) ' +
          'join search_blocks b on b.term = r.term and b.block < r.blocks ' +
          'order by r.part, b.corpus, b.block',
        [requests.map((r) => r.term), requests.map((r) => blocksFor(r.limit))],
      );
      for (const r of rows)
        blocks.get(requests[Number(r.part)]!.term)![Number(r.corpus) as Corpus].push(r.postings);
    }
    for (const { term, limit } of requests) {
      const list: PostingList = { postings: [], threshold: [0, 0] };
      for (const corpus of [CORPUS.guide, CORPUS.reference]) {
        list.threshold[corpus] = firstPostings(blocks.get(term)![corpus], limit, (packed) =>
          list.postings.push(postingOf(corpus, packed)),
        );
      }
      out.set(term, list);
    }
    return out;
  }

  async footprints(ids: readonly number[]): Promise<Footprint[]> {
    if (ids.length === 0) return [];
    const rows = await this.read<{ id: number; corpus: number; terms: string }>(
      `select id, corpus, terms from search_docs where id in (${marks(ids.length)})`,
      ids,
    );
    return rows.map((r) => readFootprint(Number(r.id), Number(r.corpus) as Corpus, r.terms));
  }

  async stats(): Promise<CorpusStats[]> {
    const rows = await this.read<{
      corpus: number;
      field: number;
      docs: number;
      total_length: number | string;
    }>('select corpus, field, docs, total_length from search_stats', []);
    const stats = new Map<number, CorpusStats>();
    for (const r of rows) {
      const corpus = Number(r.corpus) as Corpus;
      let s = stats.get(corpus);
      if (!s) stats.set(corpus, (s = { corpus, docs: Number(r.docs), totalLength: FIELDS.map(() => 0) }));
      s.totalLength[Number(r.field)] = Number(r.total_length);
    }
    return [...stats.values()];
  }

  async documents(ids: readonly number[]): Promise<StoredDoc[]> {
    if (ids.length === 0) return [];
    const rows = await this.read<string>(
      `select data from search_docs where id in (${marks(ids.length)})`,
      ids,
      true,
    );
    return rows.map((data) => JSON.parse(data) as StoredDoc);
  }
}
