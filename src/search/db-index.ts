/**
 * Writing the search index into the database (tables: migrations 0012_search_index and
 * 0013_search_blocks; a term's postings 128 to a row, blocks.ts). The reference collection is written
 * whole once per catalog version, in one pass over its entries; the guide collection follows the
 * published guides document by document (only what changed, and the blocks of their terms), and is
 * written whole once the changes since it last was reach half of it (WHOLE_AFTER), so the impacts of
 * postings written earlier do not drift from the statistics. Every
 * instance reads the same tables, so a change
 * written by one is searchable by all at once. SQLite writes through its own connection (held from
 * Kysely, so nothing interleaves), PostgreSQL through arrays unnested in a few statements; each sync is
 * one transaction, serialised between instances, and checks again inside whether it is still needed.
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import { sqliteHandle, type Db } from '../store/db.ts';
import type { SearchDoc } from './documents.ts';
import { footprintTerms, readFootprint, writeFootprint } from './footprint.ts';
import { storedDoc } from './memory-source.ts';
import { impact } from './scoring.ts';
import { decodeBlock, encodeBlocks, TermPostings } from './blocks.ts';
import type { CorpusStats } from './source.ts';
import {
  byteOrder,
  CORPUS,
  FIELDS,
  INDEX_FORMAT,
  deletionKeys,
  docTerms,
  packPosting,
  postingOf,
  typoTolerant,
  type Corpus,
  type DocTerms,
} from './terms.ts';

/** What search_state records: the catalog and published content versions indexed, and a count. */
export const INDEX_STATE = {
  references: 'references',
  guides: 'guides',
  /** Guides added and removed since the guide collection was last written whole. */
  guideChanges: 'guide-changes',
} as const;

/** PostgreSQL advisory lock key serialising index writers (distinct from the start-up lock). */
const LOCK_KEY = 0x45727261_5352n;

type Row = readonly (string | number | Buffer)[];

const BUSY = Symbol('busy');
/** Rows per SQLite insert statement (at most 7 columns: well under SQLite's 32,766 parameters). */
const ROWS_PER_INSERT = 200;
/** How long a sync waits for another writer before it gives up (it is tried again later). */
const BUSY_WAIT_MS = 30_000;

/** BEGIN IMMEDIATE, or false at once when another connection is writing. */
function beginWithoutWaiting(sqlite: NonNullable<ReturnType<typeof sqliteHandle>>): boolean {
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.prepare('begin immediate').run();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/** The few statements a sync needs, on either dialect. `?` placeholders. */
interface Writer {
  all<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  run(text: string, params?: readonly unknown[]): Promise<void>;
  /** Inserts rows, taken from `rows` as they are written; `upsert` is an ON CONFLICT clause. */
  insert(table: Table, rows: Iterable<Row>, upsert?: string): Promise<void>;
}

const COLUMNS = {
  search_docs: [
    ['id', 'int4'],
    ['corpus', 'int4'],
    ['url', 'text'],
    ['hash', 'text'],
    ['data', 'text'],
    ['terms', 'text'],
  ],
  search_blocks: [
    ['term', 'text'],
    ['corpus', 'int4'],
    ['block', 'int4'],
    ['postings', 'bytea'],
  ],
  search_terms: [
    ['term', 'text'],
    ['corpus', 'int4'],
    ['field', 'int4'],
    ['df', 'int4'],
  ],
  search_fuzzy: [
    ['key', 'text'],
    ['term', 'text'],
  ],
  search_stats: [
    ['corpus', 'int4'],
    ['field', 'int4'],
    ['docs', 'int4'],
    ['total_length', 'int8'],
  ],
} as const;
type Table = keyof typeof COLUMNS;

/** Runs `work` in one write transaction holding the database's only writer turn for the index. */
async function write<T>(db: Db, work: (w: Writer) => Promise<T>): Promise<T> {
  const sqlite = sqliteHandle(db);
  if (sqlite) {
    // Kysely's single SQLite connection, held: no other query runs between these statements.
    const attemptWrite = () =>
      db.connection().execute(async (): Promise<T | typeof BUSY> => {
        const cache = new Map<string, ReturnType<typeof sqlite.prepare>>();
        const prepare = (text: string) => {
          let s = cache.get(text);
          if (!s) cache.set(text, (s = sqlite.prepare(text)));
          return s;
        };
        const writer: Writer = {
          all: <T>(text: string, params: readonly unknown[] = []) =>
            Promise.resolve(prepare(text).all(params as unknown[]) as T[]),
          run: (text, params = []) => {
            prepare(text).run(params);
            return Promise.resolve();
          },
          insert: (table, rows, upsert = '') => {
            const columns = COLUMNS[table].map(([name]) => name);
            const tuple = `(${columns.map(() => '?').join(', ')})`;
            // Many rows per statement: the per-statement cost, not SQLite's, dominates row-by-row inserts.
            const many = (n: number) =>
              prepare(
                `insert into ${table} (${columns.join(', ')}) values ${Array(n).fill(tuple).join(', ')} ${upsert}`,
              );
            for (const batch of batches(rows, ROWS_PER_INSERT)) many(batch.length).run(batch.flat());
            return Promise.resolve();
          },
        };
        if (!beginWithoutWaiting(sqlite)) return BUSY;
        try {
          const result = await work(writer);
          sqlite.prepare('commit').run();
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.prepare('rollback').run();
          throw error;
        }
      });
    // Another connection writing (another process, or an instance in this one) is waited for here,
    // between attempts, never inside SQLite's busy wait: that would block this process's event loop,
    // and with it a writer of this same process that holds the lock.
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (let attempt = 1; ; attempt++) {
      const result = await attemptWrite();
      if (result !== BUSY) return result;
      if (Date.now() > deadline)
        throw new Error('the search index could not be written: the database stayed busy');
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * attempt)));
    }
  }
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY.toString()}::bigint)`.execute(trx);
    return work(postgresWriter(trx));
  });
}

const CHUNK = 20_000;

/** `rows` in arrays of `size` (the last one shorter), read as they are needed. */
function* batches(rows: Iterable<Row>, size: number): Generator<Row[]> {
  let batch: Row[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function postgresWriter(trx: Transaction<Database>): Writer {
  const query = async <T>(text: string, params: readonly unknown[]) =>
    (await trx.executeQuery<T>(CompiledQuery.raw(numbered(text), [...params]))).rows;
  return {
    all: (text, params = []) => query(text, params),
    run: async (text, params = []) => {
      await query(text, params);
    },
    insert: async (table, rows, upsert = '') => {
      const columns = COLUMNS[table];
      for (const chunk of batches(rows, CHUNK)) {
        // One array per column, unnested into rows: a statement per chunk, whatever its length.
        const arrays = columns.map((_, c) => chunk.map((row) => row[c]));
        await query(
          `insert into ${table} (${columns.map(([name]) => name).join(', ')}) ` +
            `select * from unnest(${columns.map(([, type]) => `?::${type}[]`).join(', ')}) ${upsert}`,
          arrays,
        );
      }
    },
  };
}

/** `?` placeholders as PostgreSQL's `$n`. */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** What search_state holds for a source version: the index format with it. */
function recorded(version: string): string {
  return `${INDEX_FORMAT} ${version}`;
}

/**
 * The recorded source version of a collection's index, if any, when it was written in this index
 * format (an index in another format counts as none).
 */
export async function indexedVersion(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('search_state').select('value').where('key', '=', key).executeTakeFirst();
  const prefix = recorded('');
  return row?.value.startsWith(prefix) ? row.value.slice(prefix.length) : undefined;
}

/** A search_state value written in this index format, or undefined. */
async function stateValue(w: Writer, key: string): Promise<string | undefined> {
  const [row] = await w.all<{ value: string }>('select value from search_state where key = ?', [key]);
  const prefix = recorded('');
  return row?.value.startsWith(prefix) ? row.value.slice(prefix.length) : undefined;
}

async function setState(w: Writer, key: string, value: string): Promise<void> {
  await w.run('delete from search_state where key = ?', [key]);
  await w.run('insert into search_state (key, value) values (?, ?)', [key, recorded(value)]);
}

/** A document's text and the index format: either changed, its postings are written again. */
function docHash(doc: SearchDoc): string {
  return createHash('sha256')
    .update(`${INDEX_FORMAT}\0${JSON.stringify(doc)}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Per term, a number per field (document frequencies, or changes to them). */
type PerField = Map<string, number[]>;

/** Adds `by` to the count of every (term, field) the document has. */
function count(into: PerField, terms: Iterable<[string, readonly number[]]>, by: number): void {
  for (const [term, tf] of terms) {
    let counts = into.get(term);
    if (!counts) into.set(term, (counts = FIELDS.map(() => 0)));
    for (let f = 0; f < tf.length; f++) if (tf[f]! > 0) counts[f]! += by;
  }
}

/** (term, field, number) for each field whose number is not 0. */
function* perFieldRows(counts: PerField): Generator<[string, number, number]> {
  for (const [term, byField] of counts) {
    for (let f = 0; f < byField.length; f++) if (byField[f] !== 0) yield [term, f, byField[f]!];
  }
}

/** A collection's statistics after adding (sign 1) or removing (-1) documents. */
function applyStats(stats: CorpusStats, docs: readonly DocTerms[], sign: 1 | -1): void {
  for (const d of docs) {
    stats.docs += sign;
    d.lengths.forEach((len, f) => (stats.totalLength[f]! += sign * len));
  }
}

async function readStats(w: Writer, corpus: Corpus): Promise<CorpusStats> {
  const rows = await w.all<{ field: number; docs: number; total_length: number | string }>(
    'select field, docs, total_length from search_stats where corpus = ?',
    [corpus],
  );
  const stats: CorpusStats = { corpus, docs: 0, totalLength: FIELDS.map(() => 0) };
  for (const r of rows) {
    stats.docs = Number(r.docs);
    stats.totalLength[r.field] = Number(r.total_length);
  }
  return stats;
}

async function writeStats(w: Writer, stats: CorpusStats): Promise<void> {
  await w.run('delete from search_stats where corpus = ?', [stats.corpus]);
  await w.insert(
    'search_stats',
    stats.totalLength.map((total, f) => [stats.corpus, f, stats.docs, total]),
  );
}

/** Adds a document's postings to its terms' lists, unranked: impacts wait for the final statistics. */
function gather(lists: Map<string, TermPostings>, id: number, terms: DocTerms): void {
  for (const [term, tf] of terms.terms) {
    let list = lists.get(term);
    if (!list) lists.set(term, (list = new TermPostings()));
    for (let field = 0; field < tf.length; field++) {
      if (tf[field]! > 0) list.unranked.push(packPosting(id, field, tf[field]!, terms.lengths[field]!));
    }
  }
}

/**
 * The block rows of every term in `lists` (each list any order), terms in order: the primary key's
 * order, so the writes append to the index. Made as they are written; each list's memory goes as its
 * blocks are.
 */
function* blockRows(
  lists: Map<string, TermPostings>,
  corpus: Corpus,
  df: PerField,
  stats: CorpusStats,
): Generator<Row> {
  for (const term of [...lists.keys()].sort(byteOrder)) {
    const list = lists.get(term)!;
    const frequencies = df.get(term);
    list.rank((packed) => {
      const { field, tf, len } = postingOf(corpus, packed);
      return impact(corpus, field, tf, len, frequencies?.[field] || 1, stats);
    });
    const blocks = encodeBlocks(list);
    lists.delete(term);
    for (const [block, bytes] of blocks.entries()) yield [term, corpus, block, bytes];
  }
}

async function nextId(w: Writer): Promise<number> {
  const [row] = await w.all<{ max: number | null }>('select max(id) as max from search_docs');
  return Number(row?.max ?? 0) + 1;
}

/**
 * Writes one collection from nothing: its documents, postings, vocabulary and statistics, in one pass
 * over `docs` (each one's terms made and dropped as its row is written; the postings' impacts wait for
 * the collection's statistics). Typo keys are the caller's. Returns the collection's document
 * frequencies.
 */
async function writeCollection(w: Writer, corpus: Corpus, docs: readonly SearchDoc[]): Promise<PerField> {
  for (const table of ['search_blocks', 'search_terms', 'search_docs', 'search_stats']) {
    await w.run(`delete from ${table} where corpus = ?`, [corpus]);
  }
  const stats: CorpusStats = { corpus, docs: 0, totalLength: FIELDS.map(() => 0) };
  const df: PerField = new Map();
  const lists = new Map<string, TermPostings>();
  const first = await nextId(w);
  await w.insert(
    'search_docs',
    (function* () {
      for (const [i, doc] of docs.entries()) {
        const id = first + i;
        const terms = docTerms(doc);
        applyStats(stats, [terms], 1);
        count(df, terms.terms, 1);
        gather(lists, id, terms);
        yield [id, corpus, doc.url, docHash(doc), JSON.stringify(storedDoc(id, doc)), writeFootprint(terms)];
      }
    })(),
  );
  await w.insert('search_blocks', blockRows(lists, corpus, df, stats));
  await w.insert(
    'search_terms',
    (function* () {
      for (const [term, field, n] of perFieldRows(df)) yield [term, corpus, field, n];
    })(),
  );
  await writeStats(w, stats);
  return df;
}

/**
 * Writes the reference collection from the catalog when the index holds another version (or none);
 * returns whether it wrote. `entries` is read only when it does.
 */
export async function syncReferenceIndex(
  db: Db,
  catalog: { version: string; readonly entries: readonly SearchDoc[] },
): Promise<boolean> {
  if ((await indexedVersion(db, INDEX_STATE.references)) === catalog.version) return false;
  const wrote = await write(db, async (w) => {
    const [state] = await w.all<{ value: string }>('select value from search_state where key = ?', [
      INDEX_STATE.references,
    ]);
    if (state?.value === recorded(catalog.version)) return false; // another instance wrote it meanwhile
    await writeCollection(w, CORPUS.reference, catalog.entries);
    await w.run('delete from search_fuzzy');
    // Typo keys for every term of both collections, the guides' included (they were just deleted).
    // Keys may repeat as stored: a deletion inside a surrogate pair leaves a lone surrogate, which
    // PostgreSQL receives as U+FFFD.
    const all = await w.all<{ term: string }>('select distinct term from search_terms');
    await w.insert(
      'search_fuzzy',
      all.flatMap(({ term }) => (typoTolerant(term) ? deletionKeys(term).map((k) => [k, term]) : [])),
      'on conflict (key, term) do nothing',
    );
    await setState(w, INDEX_STATE.references, catalog.version);
    return true;
  });
  if (wrote) await analyze(db);
  return wrote;
}

export interface GuideSync {
  added: number;
  removed: number;
  /** Whether the collection was written whole (WHOLE_AFTER) rather than document by document. */
  whole: boolean;
}

/**
 * When a guide sync writes the whole collection: once the documents added and removed since it was
 * last written whole reach both numbers (the share of the larger of the collection before and after).
 */
export const WHOLE_AFTER = { changes: 50, share: 0.5 } as const;

/**
 * Deletes the typo keys of terms no longer in either collection: left, they would take live
 * candidates' places within a query's bounded read of search_fuzzy.
 */
async function forgetTypoKeys(w: Writer, terms: readonly string[]): Promise<void> {
  const tolerant = terms.filter(typoTolerant);
  for (let i = 0; i < tolerant.length; i += 500) {
    const part = tolerant.slice(i, i + 500);
    const used = await w.all<{ term: string }>(
      `select distinct term from search_terms where term in (${part.map(() => '?').join(', ')})`,
      part,
    );
    const kept = new Set(used.map((r) => r.term));
    for (const term of part) {
      if (kept.has(term)) continue;
      for (const k of deletionKeys(term))
        await w.run('delete from search_fuzzy where key = ? and term = ?', [k, term]);
    }
  }
}

/** Adds the typo keys of new terms (those already there stay). */
async function addTypoKeys(w: Writer, terms: readonly string[]): Promise<void> {
  await w.insert(
    'search_fuzzy',
    terms.flatMap((term) => (typoTolerant(term) ? deletionKeys(term).map((k) => [k, term]) : [])),
    'on conflict (key, term) do nothing',
  );
}

/**
 * Brings the guide collection in line with `documents()` (the published guides as search documents):
 * documents whose text changed are removed and written again, the rest stay. `version` (the published
 * content's version) is recorded; a sync for a version already recorded does nothing.
 */
export async function syncGuideIndex(
  db: Db,
  version: string,
  documents: () => readonly SearchDoc[],
): Promise<GuideSync | undefined> {
  if ((await indexedVersion(db, INDEX_STATE.guides)) === version) return undefined;
  const sync = await write(db, async (w): Promise<GuideSync | undefined> => {
    const [state] = await w.all<{ value: string }>('select value from search_state where key = ?', [
      INDEX_STATE.guides,
    ]);
    if (state?.value === recorded(version)) return undefined;
    const corpus = CORPUS.guide;
    const current = await w.all<{ id: number; url: string; hash: string }>(
      'select id, url, hash from search_docs where corpus = ?',
      [corpus],
    );
    const wanted = new Map(documents().map((doc) => [doc.url, { doc, hash: docHash(doc) }]));
    const kept = new Set<string>();
    const removed = current.filter((c) => {
      const same = wanted.get(c.url)?.hash === c.hash;
      if (same) kept.add(c.url);
      return !same;
    });
    const adding = [...wanted.values()].filter((d) => !kept.has(d.doc.url));
    // Postings written earlier keep the impacts of the statistics they were written with: past enough
    // changes, the collection is written whole, as a fresh index would be.
    const changes =
      Number((await stateValue(w, INDEX_STATE.guideChanges)) ?? 0) + adding.length + removed.length;
    if (
      changes >= WHOLE_AFTER.changes &&
      changes >= WHOLE_AFTER.share * Math.max(current.length, wanted.size)
    ) {
      const before = await w.all<{ term: string }>(
        'select distinct term from search_terms where corpus = ?',
        [corpus],
      );
      const had = new Set(before.map((r) => r.term));
      const df = await writeCollection(
        w,
        corpus,
        [...wanted.values()].map((d) => d.doc),
      );
      await forgetTypoKeys(
        w,
        [...had].filter((term) => !df.has(term)),
      );
      await addTypoKeys(
        w,
        [...df.keys()].filter((term) => !had.has(term)),
      );
      await setState(w, INDEX_STATE.guideChanges, '0');
      await setState(w, INDEX_STATE.guides, version);
      return { added: adding.length, removed: removed.length, whole: true };
    }
    const stats = await readStats(w, corpus);
    const delta: PerField = new Map();
    // Terms whose blocks are written again: those of the documents removed and of those added.
    const touched = new Set<string>();
    for (let i = 0; i < removed.length; i += 500) {
      // The footprints of the documents removed only: what their postings and counts were.
      const ids = removed.slice(i, i + 500).map((doc) => doc.id);
      const prints = await w.all<{ id: number; terms: string }>(
        `select id, terms from search_docs where id in (${ids.map(() => '?').join(', ')})`,
        ids,
      );
      for (const doc of prints) {
        const printed = footprintTerms(doc.terms);
        for (const term of printed.keys()) touched.add(term);
        count(delta, printed, -1);
        applyStats(
          stats,
          [{ lengths: readFootprint(doc.id, corpus, doc.terms).lengths, terms: new Map() }],
          -1,
        );
        await w.run('delete from search_docs where id = ?', [doc.id]);
      }
    }
    const first = await nextId(w);
    // The new documents in one pass, each one's terms made and dropped as its row is written; their
    // postings' impacts wait for the document frequencies after the change.
    const lists = new Map<string, TermPostings>();
    await w.insert(
      'search_docs',
      (function* () {
        for (const [i, { doc, hash }] of adding.entries()) {
          const id = first + i;
          const terms = docTerms(doc);
          count(delta, terms.terms, 1);
          applyStats(stats, [terms], 1);
          gather(lists, id, terms);
          yield [id, corpus, doc.url, hash, JSON.stringify(storedDoc(id, doc)), writeFootprint(terms)];
        }
      })(),
    );
    const newTerms = [...lists.keys()];
    const changed = [...perFieldRows(delta)];
    await w.insert(
      'search_terms',
      changed.map(([term, field, by]) => [term, corpus, field, by]),
      'on conflict (term, corpus, field) do update set df = search_terms.df + excluded.df',
    );
    const fewer = new Set<string>();
    for (const [term, field, by] of changed) {
      if (by >= 0) continue;
      fewer.add(term);
      await w.run('delete from search_terms where term = ? and corpus = ? and field = ? and df <= 0', [
        term,
        corpus,
        field,
      ]);
    }
    await forgetTypoKeys(w, [...fewer]);
    // Document frequencies as they now are, for the new postings' impacts.
    const dfNow: PerField = new Map();
    for (let i = 0; i < newTerms.length; i += 500) {
      const part = newTerms.slice(i, i + 500);
      const rows = await w.all<{ term: string; field: number; df: number }>(
        `select term, field, df from search_terms where corpus = ? and term in (${part.map(() => '?').join(', ')})`,
        [corpus, ...part],
      );
      for (const r of rows) {
        let counts = dfNow.get(r.term);
        if (!counts) dfNow.set(r.term, (counts = FIELDS.map(() => 0)));
        counts[Number(r.field)] = Number(r.df);
      }
    }
    // Each touched term's postings: those kept (documents not removed), with the new ones.
    const gone = new Set(removed.map((doc) => doc.id));
    for (const term of newTerms) touched.add(term);
    const order = [...touched].sort(byteOrder);
    for (let i = 0; i < order.length; i += 500) {
      const part = order.slice(i, i + 500);
      const rows = await w.all<{ term: string; postings: Uint8Array }>(
        `select term, postings from search_blocks where corpus = ? and term in (${part.map(() => '?').join(', ')}) ` +
          'order by term, block',
        [corpus, ...part],
      );
      for (const term of part) if (!lists.has(term)) lists.set(term, new TermPostings());
      for (const row of rows) {
        decodeBlock(row.postings, Infinity, (impact, posting) => {
          if (!gone.has(postingOf(corpus, posting).doc)) lists.get(row.term)!.add(impact, posting);
        });
      }
      await w.run(
        `delete from search_blocks where corpus = ? and term in (${part.map(() => '?').join(', ')})`,
        [corpus, ...part],
      );
    }
    await w.insert('search_blocks', blockRows(lists, corpus, dfNow, stats));
    await writeStats(w, stats);
    await addTypoKeys(w, newTerms);
    await setState(w, INDEX_STATE.guideChanges, String(changes));
    await setState(w, INDEX_STATE.guides, version);
    return { added: adding.length, removed: removed.length, whole: false };
  });
  if (sync && (sync.whole || sync.added + sync.removed >= ANALYZE_AFTER)) await analyze(db);
  return sync;
}

/** Guides added and removed in one sync past which PostgreSQL's planner statistics are refreshed. */
const ANALYZE_AFTER = 50;

/**
 * Refreshes PostgreSQL's planner statistics of the index after a large write. Until autovacuum gets to
 * it (a minute or more), the planner knows nothing of the new rows, and searches ran about 5× slower
 * (the relevance set right after a fresh write: p50 23 ms, then 4.9 ms). SQLite plans by its keys.
 */
async function analyze(db: Db): Promise<void> {
  if (sqliteHandle(db)) return;
  await sql`analyze search_docs, search_blocks, search_terms, search_fuzzy, search_stats`.execute(db);
}

/** Gives back the space of SQLite's log after a large write (tens of MB), rather than keeping it. */
export function shrinkLog(db: Db): void {
  sqliteHandle(db)?.pragma('wal_checkpoint(TRUNCATE)');
}
