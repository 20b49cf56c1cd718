/**
 * The search index in the database, shared by every instance: SQLite FTS5 (bm25 with field weights)
 * or PostgreSQL full text (a weighted tsvector with a GIN index), plus a table of the index's words
 * for typo expansion (SQLite: edit-distance-1 variants looked up by key; PostgreSQL: pg_trgm). Written
 * incrementally: reference entries when the catalog version changes, guides when their published
 * text changes. Tables: migration 0007_search_index.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReferenceCatalog } from '../catalog/reference.ts';
import { guideCodeKey, readQuery, readToken, readingKey } from '../codes/parse.ts';
import type { Guide } from '../guides/schema.ts';
import type { Db, SqlDialect } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import { codeMatches } from './code-match.ts';
import { guideDoc, referenceDoc, type SearchDoc } from './documents.ts';
import {
  FACETS,
  PAGE_SIZE,
  type Filters,
  type Ranked,
  type SearchHit,
  type SearchResponse,
} from './engine.ts';
import { snippet } from './snippet.ts';
import { fold, processQueryTerm, STOP_WORDS, tokenize } from './text.ts';

const TEXT_FIELDS = ['codes', 'names', 'title', 'summary', 'body', 'place'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** Field weights (as RANKING.boost), guides over reference entries, tuned on test/relevance.yaml. */
export const DB_RANKING = {
  weights: { codes: 8, names: 4, title: 5, summary: 1.5, body: 0.6, place: 1.5 } as Record<TextField, number>,
  guideBoost: 4,
};

/** The hard budget of one query: no input up to the length limit does much more work than this. */
export const BUDGET = {
  /** Characters of the query read for words. */
  queryChars: 200,
  /** Distinct words searched. */
  terms: 8,
  /** Unknown words expanded against the vocabulary. */
  fuzzyTerms: 4,
  /** Known words a typo or the last word's prefix expands to. */
  expansions: 8,
  /** Matches read from the index (facets and totals count at most these). */
  candidates: 1000,
  /** Longest word that gets typo expansion (its variants grow with its length). */
  fuzzyMaxLength: 24,
};

/** Other forms of a word that are searched with it, when the index has them. */
const ENDINGS = ['s', 'es', 'd', 'ed', 'ing', 'er', 'ers', 'ly'];
const otherForms = (word: string) =>
  word.length < 4 || /^\d+$/.test(word) ? [] : ENDINGS.map((e) => word + e);
/** Share of the documents above which a word is left out of partial matching. */
const COMMON_SHARE = 0.01;
const META_CATALOG = 'search_catalog_version';
const CHUNK = 200;

type Executor = Kysely<Database> | Transaction<Database>;

// ---------------------------------------------------------------------------------------------------
// Writing documents

/** A document as written: its stored fields and each text field as index terms joined by spaces. */
interface IndexRow {
  url: string;
  kind: 'guide' | 'reference';
  guide_id: string | null;
  hash: string;
  code: string;
  title: string;
  category: string;
  brand: string;
  product: string;
  severity: string | null;
  symbol: string | null;
  family: string | null;
  summary: string;
  text: Record<TextField, string>;
}

/** Index terms of a text, folded as text.ts folds them, so both dialects tokenize the same words. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  const words = !NON_ASCII.test(text) ? (text.match(ASCII_WORD) ?? []) : tokenize(text);
  for (const word of words) {
    // ASCII needs no accent folding: the same term as processIndexTerm, at a fraction of the cost.
    const term = !NON_ASCII.test(word) ? word.toLowerCase() : fold(word);
    if (!STOP_WORDS.has(term)) terms.push(term);
  }
  return terms;
}
const NON_ASCII = /[^\p{ASCII}]/u;
const ASCII_WORD = /[A-Za-z0-9]+/g;

function indexRow(doc: SearchDoc, guideId: string | null): IndexRow {
  const text = Object.fromEntries(
    TEXT_FIELDS.map((f) => {
      const terms = indexTerms(doc[f]);
      // A long body would outweigh the title by its length alone: each of its words counts once.
      return [f, (f === 'body' ? [...new Set(terms)] : terms).join(' ')];
    }),
  ) as Record<TextField, string>;
  const row = {
    url: doc.url,
    kind: doc.kind,
    guide_id: guideId,
    code: doc.code,
    title: doc.title,
    category: doc.category,
    brand: doc.brand,
    product: doc.product,
    severity: doc.severity ?? null,
    symbol: doc.symbol ?? null,
    family: doc.family ?? null,
    summary: doc.summary,
  };
  const hash = createHash('sha256')
    .update(JSON.stringify([row, text]))
    .digest('hex')
    .slice(0, 24);
  return { ...row, hash, text };
}

/** A guide's official symbols (its catalog entries), indexed with it as SearchEngine does. */
function officialSymbols(catalog: ReferenceCatalog, guide: Guide): string[] {
  const key = guideCodeKey(guide.code);
  const reading = readToken(guide.code).find((r) => readingKey(r) === key);
  if (!reading) return [];
  return catalog
    .find(reading)
    .filter((h) => h.relation !== 'symbol-part')
    .map((h) => `${h.entry.symbol} ${h.entry.title}`);
}

export function guideSearchDoc(catalog: ReferenceCatalog, guide: Guide): SearchDoc {
  return guideDoc(guide, officialSymbols(catalog, guide));
}

async function insertRows(db: Executor, dialect: SqlDialect, rows: readonly IndexRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    if (dialect === 'postgres') {
      await db
        .insertInto('search_documents')
        .values(
          chunk.map(({ text, ...row }) => ({
            ...row,
            // A: codes; B: names and title; C: summary and place; D: body (ts_rank has four weights).
            tsv: sql`setweight(to_tsvector('simple', ${text.codes}), 'A') ||
              setweight(to_tsvector('simple', ${`${text.names} ${text.title}`}), 'B') ||
              setweight(to_tsvector('simple', ${`${text.summary} ${text.place}`}), 'C') ||
              setweight(to_tsvector('simple', ${text.body}), 'D')`,
          })) as never,
        )
        .execute();
      continue;
    }
    const ids = await db
      .insertInto('search_documents')
      .values(chunk.map(({ text: _text, ...row }) => row))
      .returning('id')
      .execute();
    const values = chunk.map(
      (row, j) => sql`(${ids[j]!.id}, ${sql.join(TEXT_FIELDS.map((f) => sql`${row.text[f]}`))})`,
    );
    await sql`insert into search_fts (rowid, ${sql.raw(TEXT_FIELDS.join(', '))}) values ${sql.join(values)}`.execute(
      db,
    );
  }
}

async function deleteWhere(
  db: Executor,
  dialect: SqlDialect,
  where: { kind: 'reference' } | { guideIds: readonly string[] },
): Promise<void> {
  if ('guideIds' in where && where.guideIds.length === 0) return;
  for (let i = 0; i < ('guideIds' in where ? where.guideIds.length : 1); i += CHUNK) {
    const filter =
      'guideIds' in where
        ? sql`guide_id in (${sql.join(where.guideIds.slice(i, i + CHUNK))})`
        : sql`kind = 'reference'`;
    if (dialect === 'sqlite') {
      await sql`delete from search_fts where rowid in (select id from search_documents where ${filter})`.execute(
        db,
      );
    }
    await sql`delete from search_documents where ${filter}`.execute(db);
  }
}

/** Adds words of new documents to the vocabulary (words of removed ones stay: they only cost a look-up). */
async function addTerms(db: Executor, rows: readonly IndexRow[]): Promise<void> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const term of new Set(TEXT_FIELDS.flatMap((f) => row.text[f].split(' ')))) {
      if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  const terms = [...counts];
  for (let i = 0; i < terms.length; i += CHUNK) {
    await db
      .insertInto('search_terms')
      .values(terms.slice(i, i + CHUNK).map(([term, docs]) => ({ term, docs })))
      .onConflict((oc) => oc.column('term').doUpdateSet({ docs: sql`search_terms.docs + excluded.docs` }))
      .execute();
  }
}

/** Rewrites the vocabulary from the index itself, with each word's document count. */
async function rebuildTerms(db: Executor, dialect: SqlDialect): Promise<void> {
  await db.deleteFrom('search_terms').execute();
  if (dialect === 'postgres') {
    await sql`insert into search_terms (term, docs)
      select word, ndoc from ts_stat('select tsv from search_documents')`.execute(db);
  } else {
    await sql`insert into search_terms (term, docs) select term, doc from search_fts_vocab`.execute(db);
  }
}

/** One writer at a time on PostgreSQL (instances sync the same changes); SQLite serialises writers. */
async function lockIndex(db: Executor, dialect: SqlDialect): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(${SEARCH_LOCK_KEY.toString()}::bigint)`.execute(db);
}
const SEARCH_LOCK_KEY = 0x53656172_6368n;

/**
 * Indexes the catalog's reference entries when the indexed catalog version differs (first use, an
 * upgrade): one transaction, then the vocabulary is rebuilt from the index. True when it wrote.
 */
export async function syncSearchReferences(
  db: Db,
  dialect: SqlDialect,
  catalog: ReferenceCatalog,
): Promise<boolean> {
  const indexed = async (q: Executor) =>
    (await q.selectFrom('meta').select('value').where('key', '=', META_CATALOG).executeTakeFirst())?.value;
  if ((await indexed(db)) === catalog.version) return false;
  return db.transaction().execute(async (trx) => {
    await lockIndex(trx, dialect);
    if ((await indexed(trx)) === catalog.version) return false;
    await deleteWhere(trx, dialect, { kind: 'reference' });
    await insertRows(
      trx,
      dialect,
      catalog.entries.map((e) => indexRow(referenceDoc(e), null)),
    );
    await rebuildTerms(trx, dialect);
    await trx
      .insertInto('meta')
      .values({ key: META_CATALOG, value: catalog.version })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: catalog.version }))
      .execute();
    return true;
  });
}

/**
 * Brings the indexed guides in line with `guides` (the published ones): writes the guides that are
 * new or whose indexed text changed, removes the ones no longer published. Returns how many guides
 * were written or removed; 0 when the index already matched.
 */
export async function syncSearchGuides(
  db: Db,
  dialect: SqlDialect,
  catalog: ReferenceCatalog,
  guides: readonly Guide[],
): Promise<number> {
  const wanted = new Map(guides.map((g) => [g.id, indexRow(guideSearchDoc(catalog, g), g.id)]));
  const changes = async (q: Executor) => {
    const stored = await q
      .selectFrom('search_documents')
      .select(['guide_id', 'hash'])
      .where('kind', '=', 'guide')
      .execute();
    const have = new Map(stored.map((r) => [r.guide_id!, r.hash]));
    const write = [...wanted.values()].filter((row) => have.get(row.guide_id!) !== row.hash);
    const remove = [...have.keys()].filter((id) => have.get(id) !== wanted.get(id)?.hash);
    return { write, remove };
  };
  const first = await changes(db);
  if (first.write.length === 0 && first.remove.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    await lockIndex(trx, dialect);
    const { write, remove } = await changes(trx);
    await deleteWhere(trx, dialect, { guideIds: remove });
    // A moved guide keeps its id but may take another guide's old address: free the addresses first.
    const urls = write.map((r) => r.url);
    for (let i = 0; i < urls.length; i += CHUNK) {
      const chunk = urls.slice(i, i + CHUNK);
      const clash = await trx
        .selectFrom('search_documents')
        .select('guide_id')
        .where('url', 'in', chunk)
        .where('kind', '=', 'guide')
        .execute();
      await deleteWhere(trx, dialect, { guideIds: clash.map((c) => c.guide_id!) });
    }
    await insertRows(trx, dialect, write);
    await addTerms(trx, write);
    return new Set([...write.map((r) => r.guide_id), ...remove]).size;
  });
}

/**
 * Writes documents in bulk (a benchmark's corpus, a rebuild) and rewrites the vocabulary: one
 * transaction. Guides are told apart by `kind`; their id is their URL here.
 */
export async function writeSearchDocuments(
  db: Db,
  dialect: SqlDialect,
  docs: readonly SearchDoc[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockIndex(trx, dialect);
    await insertRows(
      trx,
      dialect,
      docs.map((d) => indexRow(d, d.kind === 'guide' ? d.id : null)),
    );
    await rebuildTerms(trx, dialect);
  });
}

// ---------------------------------------------------------------------------------------------------
// Typo expansion

/** Optimal string alignment distance: Levenshtein with adjacent transpositions as one edit. */
export function typoDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
    }
  }
  return rows[a.length]![b.length]!;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Every string one edit away (deletion, adjacent transposition, substitution, insertion). */
export function oneEditVariants(word: string): string[] {
  const letters = [...new Set(ALPHABET + word)];
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of letters) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return [...out];
}

/** How far a known word may be from a query word of this length to count as its typo. */
function allowedDistance(word: string): number {
  return word.length >= 4 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------
// Querying

interface Plan {
  /** One group per query word: the word itself and what it expands to; any one of them matches. */
  groups: { word: string; terms: string[]; known: boolean }[];
  /** Every term searched, for highlighting. */
  terms: Set<string>;
  /** Words not in the index, with the closest word that is, for did-you-mean. */
  corrections: Map<string, string>;
  /** Document counts of the known terms looked up. */
  docs: Map<string, number>;
}

interface DocRow {
  id: number;
  url: string;
  kind: 'guide' | 'reference';
  code: string;
  title: string;
  category: string;
  brand: string;
  product: string;
  severity: string | null;
  symbol: string | null;
  family: string | null;
  summary: string;
  score: number;
}

const PG_WEIGHTS = (() => {
  const w = DB_RANKING.weights;
  const top = w.codes;
  // {D, C, B, A}: body; summary and place; names and title; codes.
  return [w.body / top, w.summary / top, (w.names + w.title) / 2 / top, 1];
})();

/** A term quoted for an FTS5 MATCH or a tsquery: terms are letters and digits only, quoted all the same. */
const ftsQuote = (t: string) => `"${t.replace(/"/g, '""')}"`;
const tsQuote = (t: string) => `'${t.replace(/[\\']/g, '')}'`;

/**
 * Search over the database index. Code-aware first (codeMatches: exact codes, symbols, parts of
 * names; guides before reference entries), then full text: every word (its typos expanded, the last
 * word as a prefix too) must match, or when that finds less than a page, any word; guides boosted.
 */
export class DbSearchEngine {
  private guidesByKey = new Map<string, SearchDoc[]>();

  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
    private readonly catalog: ReferenceCatalog,
  ) {}

  /** The published guides, for exact code matches (the text index is in the database). */
  setGuides(guides: readonly Guide[]): void {
    const byKey = new Map<string, SearchDoc[]>();
    for (const guide of guides) {
      const key = guideCodeKey(guide.code);
      if (!key) continue;
      const list = byKey.get(key) ?? [];
      list.push(guideSearchDoc(this.catalog, guide));
      byKey.set(key, list);
    }
    this.guidesByKey = byKey;
  }

  async search(query: string, filters: Filters = {}, page = 1): Promise<SearchResponse> {
    const { ranked, plan } = await this.rankWithPlan(query);
    const facets = Object.fromEntries(
      FACETS.map((f) => [f, {} as Record<string, number>]),
    ) as SearchResponse['facets'];
    for (const { doc } of ranked) {
      for (const f of FACETS) {
        const value = doc[f];
        if (value) facets[f][value] = (facets[f][value] ?? 0) + 1;
      }
    }
    const filtered = ranked.filter(({ doc }) => FACETS.every((f) => !filters[f] || doc[f] === filters[f]));
    const current = Math.max(1, page);
    const start = (current - 1) * PAGE_SIZE;
    const response: SearchResponse = {
      query,
      total: filtered.length,
      page: current,
      pageSize: PAGE_SIZE,
      results: (await this.summaries(filtered.slice(start, start + PAGE_SIZE))).map((r) => hit(r)),
      facets,
    };
    const suggestion = this.correction(query, plan);
    if (suggestion) response.didYouMean = suggestion;
    return response;
  }

  /** Every match within the budget, best first: exact code matches, then text matches. */
  async rank(query: string): Promise<Ranked[]> {
    return (await this.rankWithPlan(query)).ranked;
  }

  async suggest(query: string, limit = 8): Promise<Pick<SearchHit, 'kind' | 'code' | 'title' | 'url'>[]> {
    return (await this.rank(query))
      .slice(0, limit)
      .map(({ doc: { kind, code, title, url } }) => ({ kind, code, title, url }));
  }

  /** A corrected query when some word is not in the index and a close word is; undefined otherwise. */
  async didYouMean(query: string): Promise<string | undefined> {
    return this.correction(query, await this.plan(query));
  }

  private correction(query: string, plan: Plan | undefined): string | undefined {
    if (!plan || plan.corrections.size === 0 || readQuery(query).length > 0) return undefined;
    return tokenize(query.slice(0, BUDGET.queryChars))
      .map((word) => {
        const term = processQueryTerm(word);
        return (term && plan.corrections.get(term)) ?? word.toLowerCase();
      })
      .join(' ');
  }

  private async rankWithPlan(query: string): Promise<{ ranked: Ranked[]; plan?: Plan }> {
    const ranked: Ranked[] = [];
    const seen = new Set<string>();
    const none: string[] = [];
    for (const { doc, score } of codeMatches(query, this.catalog, this.guidesByKey)) {
      seen.add(doc.url);
      ranked.push({ doc, score, match: 'code', terms: none });
    }
    const plan = await this.plan(query);
    if (!plan) return { ranked };
    const terms = [...plan.terms];
    for (const row of await this.textSearch(plan)) {
      if (seen.has(row.url)) continue;
      seen.add(row.url);
      ranked.push({ doc: rowDoc(row), score: row.score, match: 'text', terms });
    }
    return { ranked, plan };
  }

  /** The query's words, what each expands to within the budget, and the corrections for did-you-mean. */
  private async plan(query: string): Promise<Plan | undefined> {
    const words = [
      ...new Set(
        tokenize(query.slice(0, BUDGET.queryChars))
          .map(processQueryTerm)
          .filter((t): t is string => !!t),
      ),
    ].slice(0, BUDGET.terms);
    if (words.length === 0) return undefined;
    // One look-up for the words and their other forms (misfire → misfires, misfired).
    const docs = await this.lookup([...words, ...words.flatMap(otherForms)]);
    const plan: Plan = { groups: [], terms: new Set(), corrections: new Map(), docs };
    let fuzzy = 0;
    const last = words.length - 1;
    const closest: string[] = [];
    const groups: string[][] = [];
    for (const [i, word] of words.entries()) {
      const terms = [word];
      // Search as you type: the last word may be the start of a longer one.
      const completions =
        i === last && word.length >= 3 && !/^\d+$/.test(word) ? await this.completions(word, docs) : [];
      if (
        !docs.has(word) &&
        word.length >= 4 &&
        word.length <= BUDGET.fuzzyMaxLength &&
        fuzzy < BUDGET.fuzzyTerms &&
        !/^\d+$/.test(word)
      ) {
        fuzzy++;
        const close = await this.closeWords(word, docs);
        terms.push(...close);
        if (close[0]) {
          closest.push(close[0]);
          if (completions.length === 0) plan.corrections.set(word, close[0]);
        }
      }
      terms.push(...completions, ...otherForms(word).filter((f) => docs.has(f)));
      groups.push(terms);
    }
    // The corrections' other forms, in one more look-up.
    const correctionForms = closest.flatMap(otherForms).filter((f) => !docs.has(f));
    if (correctionForms.length > 0) for (const [t, n] of await this.lookup(correctionForms)) docs.set(t, n);
    for (const [i, word] of words.entries()) {
      const terms = groups[i]!;
      for (const close of terms.slice(1, 2)) terms.push(...otherForms(close).filter((f) => docs.has(f)));
      const group = [...new Set(terms)];
      plan.groups.push({ word, terms: group, known: group.some((t) => docs.has(t)) });
      for (const t of group) plan.terms.add(t);
    }
    return plan;
  }

  /** Which of `terms` the index holds, with their document counts. */
  private async lookup(terms: readonly string[]): Promise<Map<string, number>> {
    if (terms.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('search_terms')
      .select(['term', 'docs'])
      .where('term', 'in', [...new Set(terms)])
      .execute();
    return new Map(rows.map((r) => [r.term, Number(r.docs)]));
  }

  /** Known words one edit from `word` (adjacent transpositions included), most common first. */
  private async closeWords(word: string, docs: Map<string, number>): Promise<string[]> {
    let rows: { term: string; docs: number }[];
    if (this.dialect === 'postgres') {
      // pg_trgm proposes; the edit distance decides, as on SQLite.
      const result = await sql<{ term: string; docs: number }>`select term, docs from search_terms
        where term % ${word} order by similarity(term, ${word}) desc limit 50`.execute(this.db);
      rows = result.rows;
    } else {
      const variants = oneEditVariants(word);
      rows = [];
      for (let i = 0; i < variants.length; i += 500) {
        const chunk = variants.slice(i, i + 500);
        // Padded to a fixed size so the statement is prepared once.
        while (chunk.length < 500) chunk.push(chunk[0]!);
        rows.push(
          ...(await this.db
            .selectFrom('search_terms')
            .select(['term', 'docs'])
            .where('term', 'in', chunk)
            .execute()),
        );
      }
    }
    const max = allowedDistance(word);
    const close = rows
      .filter((r) => r.term !== word && typoDistance(word, r.term) <= max)
      .sort((a, b) => Number(b.docs) - Number(a.docs) || (a.term < b.term ? -1 : 1))
      .slice(0, BUDGET.expansions);
    for (const r of close) docs.set(r.term, Number(r.docs));
    return close.map((r) => r.term);
  }

  /** The most common known words starting with `prefix`. */
  private async completions(prefix: string, docs: Map<string, number>): Promise<string[]> {
    const query =
      this.dialect === 'postgres'
        ? sql<{ term: string; docs: number }>`select term, docs from search_terms
            where term like ${`${prefix}%`} and term <> ${prefix} order by docs desc, term limit ${BUDGET.expansions}`
        : sql<{ term: string; docs: number }>`select term, docs from search_terms
            where term > ${prefix} and term < ${`${prefix}\uffff`} order by docs desc, term limit ${BUDGET.expansions}`;
    const rows = (await query.execute(this.db)).rows;
    for (const r of rows) docs.set(r.term, Number(r.docs));
    return rows.map((r) => r.term);
  }

  /**
   * Tiers, each only while the ones before found less than a page: documents with every word in their
   * code, names, title, summary or place; then with every word anywhere (the body too); then, at a
   * fraction of their score, documents with some of the less common words. At most three queries.
   */
  private async textSearch(plan: Plan): Promise<DocRow[]> {
    const groups = plan.groups.filter((g) => g.known).map((g) => g.terms);
    if (groups.length === 0) return [];
    const out: DocRow[] = [];
    const seen = new Set<string>();
    const add = (rows: DocRow[]) => {
      for (const row of rows) {
        if (seen.has(row.url)) continue;
        seen.add(row.url);
        out.push(row);
      }
    };
    add(await this.match(groups, 'and', false));
    if (out.length >= PAGE_SIZE) return out;
    add(await this.match(groups, 'and', true));
    if (out.length >= PAGE_SIZE || groups.length === 1) return out;
    // Words in a large share of the documents say little alone and cost the most: left out here.
    const docs = plan.docs;
    const count = await this.documentCount();
    const rare = groups.filter((g) => g.reduce((n, t) => n + (docs.get(t) ?? 0), 0) <= count * COMMON_SHARE);
    if (rare.length > 0) add(await this.match(rare, 'or', true));
    return out.slice(0, BUDGET.candidates);
  }

  private async match(groups: string[][], join: 'and' | 'or', body: boolean): Promise<DocRow[]> {
    // The summary (for snippets) is read for the page shown only.
    const columns = sql.raw(
      "d.id, d.url, d.kind, d.code, d.title, d.category, d.brand, d.product, d.severity, d.symbol, d.family, '' as summary",
    );
    const boost = sql`(case when d.kind = 'guide' then ${DB_RANKING.guideBoost} else 1 end)`;
    if (this.dialect === 'postgres') {
      // Weight D is the body: `:ABC` leaves it out.
      const term = (t: string) => `${tsQuote(t)}${body ? '' : ':ABC'}`;
      const query = groups.map((g) => `(${g.map(term).join(' | ')})`).join(join === 'and' ? ' & ' : ' | ');
      const weights = `{${PG_WEIGHTS.join(',')}}`;
      const result = await sql<DocRow>`select ${columns},
          ts_rank(${weights}::float4[], d.tsv, q, 1) * ${boost} as score
        from search_documents d, to_tsquery('simple', ${query}) q
        where d.tsv @@ q order by score desc, d.id limit ${BUDGET.candidates}`.execute(this.db);
      return result.rows.map((r) => ({ ...r, score: Number(r.score) }));
    }
    const expression = groups
      .map((g) => `(${g.map(ftsQuote).join(' OR ')})`)
      .join(join === 'and' ? ' AND ' : ' OR ');
    const match = body
      ? expression
      : `{${TEXT_FIELDS.filter((f) => f !== 'body').join(' ')}} : (${expression})`;
    const w = DB_RANKING.weights;
    const weights = sql.raw(TEXT_FIELDS.map((f) => String(w[f])).join(', '));
    // Ranked inside the index first, so only the best candidates are joined to their documents.
    const result = await sql<DocRow>`select ${columns}, f.score * ${boost} as score
      from (select rowid, -bm25(search_fts, ${weights}) as score from search_fts
        where search_fts match ${match} order by score desc limit ${BUDGET.candidates}) f
      join search_documents d on d.id = f.rowid
      order by score desc, d.id`.execute(this.db);
    return result.rows;
  }

  private counted?: { at: number; count: number };

  /** Documents in the index, re-counted at most once a minute (only proportions depend on it). */
  private async documentCount(): Promise<number> {
    if (this.counted && Date.now() - this.counted.at < 60_000) return this.counted.count;
    const row = await this.db
      .selectFrom('search_documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    this.counted = { at: Date.now(), count: Number(row.n) };
    return this.counted.count;
  }

  /** Summaries of the documents shown, for their snippets. */
  private async summaries(ranked: readonly Ranked[]): Promise<Ranked[]> {
    const urls = ranked.filter((r) => r.match === 'text' && r.doc.kind === 'guide').map((r) => r.doc.url);
    if (urls.length === 0) return [...ranked];
    const rows = await this.db
      .selectFrom('search_documents')
      .select(['url', 'summary'])
      .where('url', 'in', urls)
      .execute();
    const summary = new Map(rows.map((r) => [r.url, r.summary]));
    return ranked.map((r) =>
      summary.has(r.doc.url) ? { ...r, doc: { ...r.doc, summary: summary.get(r.doc.url)! } } : r,
    );
  }
}

function rowDoc(row: DocRow): SearchDoc {
  const doc: SearchDoc = {
    id: row.url,
    kind: row.kind,
    code: row.code,
    title: row.title,
    url: row.url,
    category: row.category,
    brand: row.brand,
    product: row.product,
    codes: '',
    names: '',
    summary: row.summary,
    body: '',
    place: '',
  };
  if (row.severity) doc.severity = row.severity;
  if (row.symbol) doc.symbol = row.symbol;
  if (row.family) doc.family = row.family;
  return doc;
}

function hit({ doc, score, match, terms }: Ranked): SearchHit {
  const result: SearchHit = {
    kind: doc.kind,
    code: doc.code,
    title: doc.title,
    url: doc.url,
    snippet: snippet(doc.kind === 'guide' ? doc.summary : doc.title, new Set(terms)),
    score: Math.round(score * 1000) / 1000,
    category: doc.category,
    brand: doc.brand,
    product: doc.product,
    match,
  };
  if (doc.severity) result.severity = doc.severity;
  if (doc.symbol) result.symbol = doc.symbol;
  if (doc.family) result.family = doc.family;
  return result;
}
