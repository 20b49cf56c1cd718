import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../src/catalog/load.ts';
import { BLOCK, bestFirst, decodeBlocks } from '../src/search/blocks.ts';
import {
  syncGuideIndex,
  syncReferenceIndex,
  INDEX_STATE,
  indexedVersion,
  WHOLE_AFTER,
} from '../src/search/db-index.ts';
import { DbSource } from '../src/search/db-source.ts';
import { guideDoc, referenceDoc, type SearchDoc } from '../src/search/documents.ts';
import { MemorySource } from '../src/search/memory-source.ts';
import { planTextQuery, QUERY_BOUNDS } from '../src/search/scoring.ts';
import type { PostingList, TermSource, VocabularyAnswer, VocabularyQuery } from '../src/search/source.ts';
import { searchText } from '../src/search/text-search.ts';
import {
  CORPUS,
  deletionKeys,
  docTerms,
  INDEX_FORMAT,
  typoTolerant,
  type Corpus,
} from '../src/search/terms.ts';
import type { Db, OpenDatabase } from '../src/store/db.ts';
import { migrationProvider } from '../src/store/migrations.ts';
import { makeGuide } from './helpers.ts';

/*
 * The search index in the database (db-index.ts writes it, db-source.ts reads it), asserted the same way
 * on every dialect against the in-memory index built from the same documents (memory-source.ts, the
 * reference behaviour): every read answers alike, the reference collection is written once per catalog
 * version, the guide collection follows changes document by document, and racing writers leave one
 * consistent index.
 */

const TABLES = [
  'search_blocks',
  'search_terms',
  'search_fuzzy',
  'search_docs',
  'search_stats',
  'search_state',
] as const;

/** A small seeded generator (mulberry32): the random sequences are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** More than QUERY_BOUNDS.maxPrefixExpansions words beginning "zeta": a prefix with too many forms. */
const ZETA_WORDS = Array.from(
  { length: 70 },
  (_, i) => `zeta${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
);

const GUIDE_TEXTS = [
  {
    title: 'Windows Update cannot connect to the update server',
    summary: 'The update service timed out. The code is `WU_E_PT_SOAPCLIENT_CONNECTIONERROR`.',
    causes: ['The network connection dropped', 'A proxy blocks the update server'],
  },
  {
    title: 'Access is denied when installing updates',
    summary: 'Windows refused access to a file the updater needed (`E_ACCESSDENIED`).',
    causes: ['Missing permissions', 'Antivirus software locking files'],
  },
  {
    title: 'The printer is offline',
    summary: 'The print spooler cannot reach the printer over the network.',
    causes: ['Printer turned off', 'Wrong printer port', 'Spooler service stopped'],
  },
  {
    title: 'Erreur de connexion: código de error',
    summary: 'Fehlgeschlagen — die Verbindung zum Dienst in Zürich wurde getrennt; naïve café résumé.',
    causes: ['Der Dienst ist nicht verfügbar', 'Señal débil'],
  },
  {
    title: 'Engine misfire detected on cylinder 3',
    summary: 'The engine control unit counted misfires; the catalytic converter may overheat.',
    causes: ['Worn spark plug', 'Faulty ignition coil', 'Vacuum leak'],
  },
  {
    title: 'Uploading fails with a timeout',
    summary: 'The upload timed out before the server answered; updating the client helps.',
    causes: ['Slow connection', 'Server overloaded', 'Updater outdated'],
  },
  {
    title: '文字化け エラー',
    summary: 'Text in 日本語 shows as garbage: the wrong code page.',
    causes: ['Wrong encoding', 'Missing font'],
  },
  {
    title: 'Zeta words for search as you type',
    summary: ZETA_WORDS.join(' '),
    causes: ['Too many words with one beginning'],
  },
];

const CODES = ['0x80070005', '0x80244022', '0x8024402c', 'E15', 'P0300', '404', '0xC0000005', '1603'];

/**
 * A hand-made guide as a search document: `n` picks the text, `variant` changes a few words (an edit), so
 * the same address can be indexed with different text.
 */
function guide(n: number, variant = 0): SearchDoc {
  const text = GUIDE_TEXTS[n % GUIDE_TEXTS.length]!;
  const code = CODES[n % CODES.length]!;
  const extra = ['', 'Restart the computer first.', 'Check the cable and the router.', 'Ask quokka support.'][
    variant % 4
  ]!;
  return guideDoc(
    makeGuide({
      id: `guide-${n}`,
      code,
      category: n % 2 ? 'Operating systems' : 'Vehicles',
      brand: n % 3 ? 'Microsoft' : 'Generic',
      product: `Product ${n}`,
      title: `${text.title}${n >= GUIDE_TEXTS.length ? ` (${n})` : ''}`,
      summary: `${text.summary} ${extra}`,
      causes: text.causes,
      steps: [{ action: `Step for guide ${n}, variant ${variant}.`, why: 'It clears the cached state.' }],
      ...(n % 5 === 4 ? { covers: [{ family: 'hresult' }] } : {}),
    }),
    n % 2 ? ['ERROR_ACCESS_DENIED Access is denied'] : [],
  );
}

let references: SearchDoc[] | undefined;

/** Catalog entries of every family, a sample spread over the whole catalog, plus one with many words. */
function referenceDocs(): SearchDoc[] {
  if (references) return references;
  const entries = bundledCatalog().entries;
  const step = Math.max(1, Math.floor(entries.length / 60));
  const sample = entries.filter((_, i) => i % step === 0).map(referenceDoc);
  for (const family of ['http', 'errno', 'ntstatus', 'hresult', 'win32']) {
    const entry = entries.find((e) => e.family === family);
    if (entry) sample.push(referenceDoc(entry));
  }
  return (references = [...new Map(sample.map((d) => [d.url, d])).values()]);
}

type Indexed = { doc: SearchDoc; corpus: Corpus };

const indexed = (refs: readonly SearchDoc[], guides: readonly SearchDoc[]): Indexed[] => [
  ...refs.map((doc) => ({ doc, corpus: CORPUS.reference })),
  ...guides.map((doc) => ({ doc, corpus: CORPUS.guide })),
];

/** Every index term of these documents. */
function termsOf(docs: readonly Indexed[]): string[] {
  return [...new Set(docs.flatMap(({ doc }) => [...docTerms(doc).terms.keys()]))].sort();
}

/** Misspellings of a word: a letter dropped, two swapped, one changed, one added. */
function typos(term: string): string[] {
  const out = new Set<string>();
  const mid = Math.floor(term.length / 2);
  out.add(term.slice(0, mid) + term.slice(mid + 1));
  out.add(term.slice(0, mid - 1) + term[mid] + term[mid - 1] + term.slice(mid + 1));
  out.add(term.slice(0, 1) + term.slice(2, 3) + term.slice(1, 2) + term.slice(3));
  out.add(term.slice(0, mid) + (term[mid] === 'x' ? 'y' : 'x') + term.slice(mid + 1));
  out.add(`${term}s`);
  out.delete(term);
  return [...out];
}

/** Queries for searchText: words, typos (swaps too), prefixes, codes, other languages, unknown, empty. */
export const SEARCH_QUERIES = [
  'access denied',
  'acess denied',
  'acecss deneid',
  'printer offline',
  'printre ofline',
  'netwrok conection',
  'update server',
  'upd',
  'updat',
  'uploadin',
  'zeta',
  'zetaa',
  '0x80070005',
  '80070005',
  'E_ACCESSDENIED',
  'ERROR_ACCESS_DENIED',
  'WU_E_PT_SOAPCLIENT',
  'misfire cylinder',
  'mifsire',
  'catalyseur',
  'erreur codigo',
  'Zürich',
  'zurich naive cafe',
  '日本語',
  'quokka',
  'qqqqzzzzxx',
  'xylophone',
  'the of and',
  '',
  '   ',
  'error not found timeout connection failed service page',
];

/** A read that must answer the same from both sources, as comparable plain data. */
type Urls = (id: number) => string;

function vocabularyShape(answer: VocabularyAnswer) {
  return {
    rows: answer.rows.map((r) => `${r.term}|${r.corpus}|${r.field}|${r.df}`).sort(),
    prefixTerms: [...answer.prefixTerms].sort(),
    fuzzyTerms: answer.fuzzyTerms,
  };
}

/** Both sources' answers to one vocabulary query. */
async function sameVocabulary(a: TermSource, b: TermSource, query: VocabularyQuery, what: string) {
  expect(vocabularyShape(await a.vocabulary(query)), what).toEqual(
    vocabularyShape(await b.vocabulary(query)),
  );
}

interface Compare {
  /** The guides were written in one sync (fresh impacts): their postings' order and cut-offs count too. */
  freshGuides: boolean;
  /** Terms no longer in any document: both must know nothing of them. */
  gone?: readonly string[];
  /**
   * Whether search results are compared (default yes). Stale impacts of guide postings written in
   * earlier syncs cut long lists at other postings, so a query may find other documents than a fresh
   * index would: where lists are that long, the postings are compared whole instead.
   */
  results?: boolean;
}

/** Maps each source's document ids to urls. */
async function idsToUrls(db: Db, docs: readonly Indexed[]): Promise<{ database: Urls; memory: Urls }> {
  const rows = await sql<{ id: number; url: string }>`select id, url from search_docs`.execute(db);
  const byId = new Map(rows.rows.map((r) => [Number(r.id), r.url]));
  return {
    database: (id) => byId.get(id) ?? `missing ${id}`,
    memory: (id) => docs[id - 1]?.doc.url ?? `missing ${id}`,
  };
}

/**
 * Asserts the index in `db` answers every read as the in-memory index of `docs` does (documents, stats,
 * footprints, vocabulary, prefixes, typos, postings, thresholds, ranked text search), and that its tables
 * hold nothing else (no postings, terms or documents left over).
 */
export async function expectSameIndex(db: Db, docs: readonly Indexed[], options: Compare): Promise<void> {
  const memory = MemorySource.build(docs);
  const database = new DbSource(db);
  const urls = await idsToUrls(db, docs);

  // Documents: exactly these, once each, shown alike.
  const ids = (await sql<{ id: number }>`select id from search_docs`.execute(db)).rows.map((r) =>
    Number(r.id),
  );
  expect(ids.length, 'documents in the index').toBe(docs.length);
  const shown = (list: { id: number; url: string }[], url: Urls) =>
    list.map((d) => ({ ...d, id: url(d.id) })).sort((x, y) => (x.url < y.url ? -1 : 1));
  expect(shown(await database.documents(ids), urls.database)).toEqual(
    shown(await memory.documents(docs.map((_, i) => i + 1)), urls.memory),
  );

  // Footprints, per document.
  // Every word of the collection, and one in none, looked up in each footprint.
  const words = [...termsOf(docs), 'nowhereword'];
  const prints = async (source: TermSource, list: number[], url: Urls) =>
    (await source.footprints(list))
      .map((f) => ({
        url: url(f.doc),
        corpus: f.corpus,
        lengths: f.lengths,
        terms: words.flatMap((w) => {
          const tf = f.tf(w);
          return tf ? [[w, tf]] : [];
        }),
      }))
      .sort((x, y) => (x.url < y.url ? -1 : 1));
  expect(await prints(database, ids, urls.database)).toEqual(
    await prints(
      memory,
      docs.map((_, i) => i + 1),
      urls.memory,
    ),
  );

  // Collection statistics.
  const byCorpus = (s: Awaited<ReturnType<TermSource['stats']>>) =>
    [...s].sort((x, y) => x.corpus - y.corpus);
  expect(byCorpus(await database.stats())).toEqual(byCorpus(await memory.stats()));

  // The whole vocabulary, and words it no longer has.
  const terms = termsOf(docs);
  const gone = (options.gone ?? []).filter((t) => !terms.includes(t));
  const all: VocabularyQuery = {
    exact: [...terms, ...gone],
    prefixes: [],
    prefixLimit: 0,
    fuzzyKeys: [],
    fuzzyLimit: 0,
  };
  await sameVocabulary(database, memory, all, 'every term');
  for (const term of gone) {
    const answer = await database.vocabulary({ ...all, exact: [term] });
    expect(answer.rows, `a removed word: ${term}`).toEqual([]);
  }
  // The tables hold these terms' rows and postings, nothing more.
  const rowCount = async (table: string) =>
    Number(
      (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!
        .n,
    );
  const memoryRows = (await memory.vocabulary(all)).rows;
  expect(await rowCount('search_terms'), 'search_terms rows').toBe(memoryRows.length);
  const postingTotal = memoryRows.reduce((sum, r) => sum + r.df, 0);
  // Every term's postings in full blocks but the last, best first.
  const blocks = (
    await sql<{ term: string; corpus: number; block: number; postings: Uint8Array }>`
      select term, corpus, block, postings from search_blocks order by term, corpus, block`.execute(db)
  ).rows;
  const lists = new Map<string, Uint8Array[]>();
  for (const b of blocks) {
    const k = `${b.term}\0${Number(b.corpus)}`;
    const list = lists.get(k) ?? [];
    expect(Number(b.block), `${k}: blocks numbered from 0`).toBe(list.length);
    lists.set(k, [...list, b.postings]);
  }
  let postingCount = 0;
  for (const [k, list] of lists) {
    list.slice(0, -1).forEach((bytes) => expect(bytes.byteLength, `${k}: a full block`).toBe(BLOCK * 16));
    const postings = decodeBlocks(list);
    expect([...postings].sort(bestFirst), `${k}: best first`).toEqual(postings);
    postingCount += postings.length;
  }
  expect(postingCount, 'postings in search_blocks').toBe(postingTotal);
  const fuzzyKeys = terms.filter(typoTolerant).reduce((sum, t) => sum + deletionKeys(t).length, 0);
  expect(await rowCount('search_fuzzy'), 'search_fuzzy rows: the typo keys of these terms').toBe(fuzzyKeys);
  const nonPositive = await sql<{
    n: number | string;
  }>`select count(*) as n from search_terms where df <= 0`.execute(db);
  expect(Number(nonPositive.rows[0]!.n)).toBe(0);

  // Prefixes of 3 and 5 letters (one per read, as the engine asks), with a limit that cuts and one that does not.
  const prefixes = [
    ...new Set(
      [...terms, ...gone].flatMap((t) =>
        [3, 5].filter((n) => [...t].length > n).map((n) => [...t].slice(0, n).join('')),
      ),
    ),
  ];
  for (const prefix of prefixes) {
    for (const prefixLimit of [1, QUERY_BOUNDS.maxPrefixExpansions]) {
      await sameVocabulary(
        database,
        memory,
        { exact: [prefix], prefixes: [prefix], prefixLimit, fuzzyKeys: [], fuzzyLimit: 0 },
        `prefix ${prefix} (limit ${prefixLimit})`,
      );
    }
  }

  // Typos of every typo-tolerant word (and of the words gone), a few words per read, with a limit that cuts.
  const misspelt = [...terms, ...gone].filter(typoTolerant).flatMap(typos);
  for (let i = 0; i < misspelt.length; i += 7) {
    const words = misspelt.slice(i, i + 7);
    for (const fuzzyLimit of [2, QUERY_BOUNDS.fuzzyRows]) {
      await sameVocabulary(
        database,
        memory,
        {
          exact: words,
          prefixes: [],
          prefixLimit: 0,
          fuzzyKeys: [...new Set(words.flatMap(deletionKeys))],
          fuzzyLimit,
        },
        `typos ${words.join(' ')} (limit ${fuzzyLimit})`,
      );
    }
  }

  // Postings of every term, cut at a few limits: per collection, best first.
  const requestTerms = [...terms, ...gone];
  for (const limit of [1, 3, 10_000]) {
    const requests = requestTerms.map((term) => ({ term, limit }));
    // At most 100 terms a read, about what one query's expansions reach (PGlite fails a union of
    // more than ~500 parts: "unnamed prepared statement does not exist").
    const fromDb = new Map<string, PostingList>();
    for (let i = 0; i < requests.length; i += 100)
      for (const [term, list] of await database.postings(requests.slice(i, i + 100))) fromDb.set(term, list);
    const fromMemory = await memory.postings(requests);
    expect([...fromDb.keys()].sort()).toEqual([...fromMemory.keys()].sort());
    for (const term of requestTerms) {
      const a = fromDb.get(term)!;
      const b = fromMemory.get(term)!;
      for (const corpus of [CORPUS.guide, CORPUS.reference]) {
        const ordered = corpus === CORPUS.reference || options.freshGuides;
        if (!ordered && limit !== 10_000) continue; // stale impacts choose other best postings
        const list = (l: typeof a, url: Urls) => {
          const out = l.postings
            .filter((p) => p.corpus === corpus)
            .map((p) => `${url(p.doc)}|${p.field}|${p.tf}|${p.len}`);
          return ordered ? out : out.sort();
        };
        expect(list(a, urls.database), `postings of ${term} in ${corpus} (limit ${limit})`).toEqual(
          list(b, urls.memory),
        );
        if (ordered || limit === 10_000)
          expect(a.threshold[corpus], `threshold of ${term} in ${corpus} (limit ${limit})`).toBe(
            b.threshold[corpus],
          );
      }
    }
  }

  // Ranked text search: the same documents with the same scores.
  if (options.results === false) return;
  for (const query of [...SEARCH_QUERIES, ...gone.slice(0, 5)]) {
    const plan = planTextQuery(query);
    const [a, b] = [await searchText(database, plan), await searchText(memory, plan)];
    const ranked = (outcome: typeof a) => outcome.matches.map((m) => ({ url: m.shown.url, score: m.score }));
    let [ra, rb] = [ranked(a), ranked(b)];
    if (!options.freshGuides) {
      // Documents numbered in another order break ties in another order: compared by address.
      const byUrl = (list: typeof ra) => [...list].sort((x, y) => (x.url < y.url ? -1 : 1));
      [ra, rb].forEach((list) =>
        list.forEach((m, i) => i > 0 && expect(m.score).toBeLessThanOrEqual(list[i - 1]!.score)),
      );
      [ra, rb] = [byUrl(ra), byUrl(rb)];
    }
    expect(
      ra.map((m) => m.url),
      `results for "${query}"`,
    ).toEqual(rb.map((m) => m.url));
    ra.forEach((m, i) => expect(m.score, `score of ${m.url} for "${query}"`).toBeCloseTo(rb[i]!.score, 9));
  }
}

async function clear(db: Db): Promise<void> {
  for (const table of TABLES) await sql`delete from ${sql.table(table)}`.execute(db);
}

const catalogOf = (version: string, entries: readonly SearchDoc[], reads = { count: 0 }) => ({
  version,
  get entries() {
    reads.count++;
    return entries;
  },
});

/**
 * The search index's behaviour on one dialect. `open` gives a fresh migrated database (called once: a
 * PGlite instance takes seconds to start); `twoConnections`, when given, two more connections to one
 * migrated database, as two instances or processes hold them.
 */
export function searchIndexSuite(
  name: string,
  open: () => Promise<OpenDatabase>,
  twoConnections?: () => Promise<[OpenDatabase, OpenDatabase]>,
): void {
  describe(`search index on ${name}`, () => {
    let handle: OpenDatabase;
    let db: Db;

    beforeAll(async () => {
      handle = await open();
      db = handle.db;
    }, 60_000);

    afterAll(async () => {
      await handle?.close();
    });

    beforeEach(async () => {
      await clear(db);
    });

    it('answers every read as the in-memory index of the same documents does', async () => {
      const refs = referenceDocs();
      const guides = GUIDE_TEXTS.map((_, n) => guide(n));
      expect(await syncReferenceIndex(db, catalogOf('r1', refs))).toBe(true);
      expect(await syncGuideIndex(db, 'g1', () => guides)).toEqual({
        added: guides.length,
        removed: 0,
        whole: guides.length >= WHOLE_AFTER.changes,
      });
      await expectSameIndex(db, indexed(refs, guides), { freshGuides: true });
    }, 120_000);

    it('indexes words beyond the basic plane (surrogate pairs) and writes the reference collection after them', async () => {
      // A typo key cut inside a surrogate pair reaches PostgreSQL as U+FFFD, so keys of one term can
      // repeat: the reference collection is still written, and the word is found.
      const rare = guideDoc(makeGuide({ id: 'rare', product: 'Rare', title: '𠀀𠀁𠀂 and 𠀃𠀄 ideographs' }));
      expect(await syncGuideIndex(db, 'g1', () => [rare, guide(0)])).toEqual({
        added: 2,
        removed: 0,
        whole: false,
      });
      expect(await syncReferenceIndex(db, catalogOf('r1', referenceDocs().slice(0, 10)))).toBe(true);
      const found = await searchText(new DbSource(db), planTextQuery('𠀀𠀁𠀂'));
      expect(found.matches.map((m) => m.shown.url)).toEqual([rare.url]);
      const prefix = await searchText(new DbSource(db), planTextQuery('𠀀𠀁'));
      expect(prefix.matches.map((m) => m.shown.url)).toEqual([rare.url]);
    });

    it('empties an index written before postings were kept in blocks, which is then written again (migration 0013, down and up)', async () => {
      const refs = referenceDocs().slice(0, 10);
      const guides = [guide(0), guide(1), guide(2)];
      await syncReferenceIndex(db, catalogOf('r1', refs));
      await syncGuideIndex(db, 'g1', () => guides);
      const migrator = new Migrator({
        db,
        provider: migrationProvider(handle.dialect),
        nameComparator: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
      });
      const count = async (table: string) =>
        Number(
          (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db))
            .rows[0]!.n,
        );
      try {
        expect((await migrator.migrateTo('0012_search_index')).error).toBeUndefined();
        for (const table of ['search_postings', 'search_terms', 'search_docs', 'search_state'])
          expect(await count(table), `${table} after going down`).toBe(0);
        // An index as the release before wrote it: its rows, and its state naming these versions.
        await writeIndexBeforeBlocks(db);
        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        for (const table of ['search_blocks', 'search_terms', 'search_docs', 'search_fuzzy', 'search_state'])
          expect(await count(table), `${table} after going up`).toBe(0);
        expect(await indexedVersion(db, INDEX_STATE.references)).toBeUndefined();
        expect(await indexedVersion(db, INDEX_STATE.guides)).toBeUndefined();
      } finally {
        await migrator.migrateToLatest();
      }
      expect(await syncReferenceIndex(db, catalogOf('r1', refs))).toBe(true);
      expect(await syncGuideIndex(db, 'g1', () => guides)).toEqual({ added: 3, removed: 0, whole: false });
      await expectSameIndex(db, indexed(refs, guides), { freshGuides: true });
    });

    // SQLite has no planner statistics to refresh: reported as skipped there, not passed.
    it.skipIf(name === 'sqlite')(
      'refreshes the planner statistics after writing the reference collection',
      async () => {
        expect(handle.dialect).toBe('postgres');
        const lastAnalyze = async () =>
          (
            await sql<{ at: string | null }>`
            select last_analyze::text as at from pg_stat_user_tables where relname = 'search_blocks'`.execute(
              db,
            )
          ).rows[0]?.at ?? null;
        const before = await lastAnalyze();
        expect(await syncReferenceIndex(db, catalogOf('r-analyze', referenceDocs().slice(0, 20)))).toBe(true);
        const after = await lastAnalyze();
        expect(after).not.toBeNull();
        expect(after).not.toBe(before);
      },
    );

    it('writes both collections again when the index was written in another index format', async () => {
      const refs = referenceDocs().slice(0, 40);
      const guides = [guide(0), guide(1), guide(2)];
      expect(await syncReferenceIndex(db, catalogOf('r1', refs))).toBe(true);
      expect(await syncGuideIndex(db, 'g1', () => guides)).toEqual({ added: 3, removed: 0, whole: false });
      // What an older release left: its own format number, its own document hashes.
      await sql`update search_state set value = ${'0 '} || substr(value, ${String(INDEX_FORMAT).length + 2})`.execute(
        db,
      );
      await sql`update search_docs set hash = ${'written-by-format-0'}`.execute(db);
      expect(await indexedVersion(db, INDEX_STATE.references)).toBeUndefined();
      expect(await indexedVersion(db, INDEX_STATE.guides)).toBeUndefined();
      expect(await syncReferenceIndex(db, catalogOf('r1', refs))).toBe(true);
      expect(await syncGuideIndex(db, 'g1', () => guides)).toEqual({ added: 3, removed: 3, whole: false });
      expect(await indexedVersion(db, INDEX_STATE.references)).toBe('r1');
      expect(await indexedVersion(db, INDEX_STATE.guides)).toBe('g1');
      await expectSameIndex(db, indexed(refs, guides), { freshGuides: true });
    });

    it('writes the reference collection once per catalog version, and all of it again for a new one', async () => {
      const refs = referenceDocs();
      const guides = [guide(0), guide(1), guide(2)];
      await syncGuideIndex(db, 'g1', () => guides);
      const reads = { count: 0 };
      expect(await syncReferenceIndex(db, catalogOf('r1', refs, reads))).toBe(true);
      expect(await syncReferenceIndex(db, catalogOf('r1', refs.slice(1), reads))).toBe(false);
      expect(reads.count, 'the entries are read only when written').toBe(1);
      expect(await indexedVersion(db, INDEX_STATE.references)).toBe('r1');

      // A new catalog: other entries, one of them with words no other document has.
      const unique: SearchDoc = {
        ...refs[0]!,
        id: '/reference/test/QUOKKA_UNIQUE',
        url: '/reference/test/QUOKKA_UNIQUE',
        code: '0xDEADBEEF',
        codes: '0xDEADBEEF',
        names: 'QUOKKA_UNIQUE marsupialwords onlyhere',
        title: 'QUOKKA_UNIQUE: marsupialwords',
      };
      const first = [...refs.slice(0, 30), unique];
      expect(await syncReferenceIndex(db, catalogOf('r2', first))).toBe(true);
      await expectSameIndex(db, indexed(first, guides), { freshGuides: true });
      const second = refs.slice(20);
      expect(await syncReferenceIndex(db, catalogOf('r3', second))).toBe(true);
      expect(await indexedVersion(db, INDEX_STATE.references)).toBe('r3');
      const urls = (await sql<{ url: string }>`select url from search_docs`.execute(db)).rows.map(
        (r) => r.url,
      );
      expect(urls).not.toContain(unique.url);
      expect(urls).not.toContain(refs[0]!.url);
      await expectSameIndex(db, indexed(second, guides), {
        freshGuides: true,
        gone: termsOf(indexed([unique, ...refs.slice(0, 20)], [])),
      });
    }, 120_000);

    it('follows guide changes document by document: only what changed is written again', async () => {
      const refs = referenceDocs().slice(0, 20);
      await syncReferenceIndex(db, catalogOf('r1', refs));
      const start = [guide(0), guide(1), guide(2), guide(3), guide(4)];
      expect(await syncGuideIndex(db, 'g1', () => start)).toEqual({ added: 5, removed: 0, whole: false });
      // The same version again: nothing is read or written, whatever the documents.
      let asked = 0;
      const same = await syncGuideIndex(db, 'g1', () => {
        asked++;
        return [];
      });
      expect(same).toBeUndefined();
      expect(asked).toBe(0);
      // A new version with the same documents: nothing rewritten.
      expect(await syncGuideIndex(db, 'g2', () => start)).toEqual({ added: 0, removed: 0, whole: false });
      const before = await sql<{
        id: number;
        url: string;
      }>`select id, url from search_docs where corpus = 0`.execute(db);

      // One edited, one removed, one added.
      const next = [guide(0), guide(1, 3), guide(3), guide(4), guide(5)];
      expect(await syncGuideIndex(db, 'g3', () => next)).toEqual({ added: 2, removed: 2, whole: false });
      const after = await sql<{
        id: number;
        url: string;
      }>`select id, url from search_docs where corpus = 0`.execute(db);
      const idOf = (rows: typeof before, url: string) => rows.rows.find((r) => r.url === url)?.id;
      for (const kept of [guide(0), guide(3), guide(4)])
        expect(idOf(after, kept.url)).toBe(idOf(before, kept.url));
      expect(idOf(after, guide(1).url)).not.toBe(idOf(before, guide(1).url));
      expect(idOf(after, guide(2).url)).toBeUndefined();
      await expectSameIndex(db, indexed(refs, next), {
        freshGuides: false,
        gone: termsOf(indexed([], [guide(1), guide(2)])),
      });
      expect(
        (
          await new DbSource(db).vocabulary({
            exact: ['quokka'],
            prefixes: [],
            prefixLimit: 0,
            fuzzyKeys: [],
            fuzzyLimit: 0,
          })
        ).rows.length,
      ).toBeGreaterThan(0);

      // Every guide removed: no guide terms, postings or documents; the statistics of an empty collection.
      expect(await syncGuideIndex(db, 'g4', () => [])).toEqual({ added: 0, removed: 5, whole: false });
      await expectSameIndex(db, indexed(refs, []), { freshGuides: true, gone: termsOf(indexed([], next)) });
    }, 120_000);

    it('ends a random sequence of additions, edits and removals equal to a fresh index of the last documents', async () => {
      const refs = referenceDocs().slice(0, 15);
      await syncReferenceIndex(db, catalogOf('r1', refs));
      const next = random(0x5eed + name.length);
      const POOL = 14;
      let current = new Map<number, number>(); // guide number → variant
      const docsOf = (m: Map<number, number>) => [...m].map(([n, v]) => guide(n, v));
      const everWritten = new Set<string>();
      let sinceWhole = 0;
      const wholes: boolean[] = [];
      for (let step = 1; step <= 12; step++) {
        const wanted = new Map<number, number>();
        for (let n = 0; n < POOL; n++) {
          const had = current.get(n);
          const r = next();
          if (had === undefined) {
            if (r < 0.45) wanted.set(n, Math.floor(next() * 4));
          } else if (r < 0.2) {
            // removed
          } else if (r < 0.45) {
            wanted.set(n, (had + 1 + Math.floor(next() * 3)) % 4);
          } else {
            wanted.set(n, had);
          }
        }
        let added = 0;
        let removed = 0;
        for (const [n, v] of wanted) if (current.get(n) !== v) added++;
        for (const [n, v] of current) if (wanted.get(n) !== v) removed++;
        const docs = docsOf(wanted);
        // Shuffled: the order documents come in does not matter.
        const shuffled = docs
          .map((d) => ({ d, k: next() }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.d);
        // Written whole once the changes since the last whole write reach WHOLE_AFTER.
        sinceWhole += added + removed;
        const whole =
          sinceWhole >= WHOLE_AFTER.changes &&
          sinceWhole >= WHOLE_AFTER.share * Math.max(current.size, wanted.size);
        if (whole) sinceWhole = 0;
        wholes.push(whole);
        expect(await syncGuideIndex(db, `v${step}`, () => shuffled), `step ${step}`).toEqual({
          added,
          removed,
          whole,
        });
        for (const d of docs) for (const t of docTerms(d).terms.keys()) everWritten.add(t);
        current = wanted;
        if (step === 6) {
          await expectSameIndex(db, indexed(refs, docsOf(current)), {
            freshGuides: false,
            gone: [...everWritten].slice(0, 40),
          });
        }
      }
      // Both ways of writing were taken.
      expect(new Set(wholes)).toEqual(new Set([true, false]));
      const last = docsOf(current);
      await expectSameIndex(db, indexed(refs, last), { freshGuides: false, gone: [...everWritten] });
      // The same version again does nothing.
      expect(await syncGuideIndex(db, 'v12', () => [])).toBeUndefined();
    }, 300_000);

    it("rewrites a term's blocks when its list spans several, as a fresh index of the same documents", async () => {
      // Words every guide has ("step", "guide", "cached"…): lists of hundreds of postings, several blocks.
      const refs = referenceDocs().slice(0, 5);
      await syncReferenceIndex(db, catalogOf('r1', refs));
      const first = Array.from({ length: 300 }, (_, n) => guide(n));
      expect(await syncGuideIndex(db, 'b1', () => first)).toEqual({ added: 300, removed: 0, whole: true });
      // Some removed (among them the highest id), some edited, some new.
      const second = [
        ...Array.from({ length: 290 }, (_, n) => guide(n, n % 13 === 0 ? 1 : 0)).filter(
          (_, n) => n % 17 !== 5,
        ),
        ...Array.from({ length: 20 }, (_, n) => guide(400 + n, 2)),
      ];
      // Fewer changes than half the collection: written document by document.
      const changed = await syncGuideIndex(db, 'b2', () => second);
      expect(changed?.added).toBeGreaterThan(20);
      expect(changed?.removed).toBeGreaterThan(10);
      expect(changed?.whole).toBe(false);
      await expectSameIndex(db, indexed(refs, second), { freshGuides: false, results: false });
    }, 300_000);

    it('writes the guide collection whole once the changes since it was last written whole reach half of it', async () => {
      const refs = referenceDocs().slice(0, 10);
      await syncReferenceIndex(db, catalogOf('r1', refs));
      let docs = Array.from({ length: 60 }, (_, n) => guide(n));
      expect(await syncGuideIndex(db, 'w0', () => docs)).toEqual({ added: 60, removed: 0, whole: true });
      await expectSameIndex(db, indexed(refs, docs), { freshGuides: true });
      // Ten guides edited per version: 20 changes each (10 removed, 10 added). The third brings the count
      // since the whole write to 60: at least 50 and half of the 60 guides.
      const wholes: boolean[] = [];
      for (let step = 1; step <= 4; step++) {
        docs = docs.map((d, n) => (n >= (step - 1) * 10 && n < step * 10 ? guide(n, 1 + (step % 3)) : d));
        const sync = await syncGuideIndex(db, `w${step}`, () => docs);
        expect(sync, `step ${step}`).toMatchObject({ added: 10, removed: 10 });
        wholes.push(sync!.whole);
        if (step === 3) {
          // Written whole: the same postings, order and scores as a fresh index of these documents.
          await expectSameIndex(db, indexed(refs, docs), {
            freshGuides: true,
            gone: termsOf(indexed([], [guide(0), guide(15), guide(25)])),
          });
        }
      }
      expect(wholes).toEqual([false, false, true, false]);
      await expectSameIndex(db, indexed(refs, docs), { freshGuides: false });
      // Every guide taken off counts too: 60 removals, written whole, nothing of the guides left.
      expect(await syncGuideIndex(db, 'w5', () => [])).toEqual({ added: 0, removed: 60, whole: true });
      await expectSameIndex(db, indexed(refs, []), { freshGuides: true, gone: termsOf(indexed([], docs)) });
    }, 300_000);

    it('leaves one consistent index when syncs race on one database', async () => {
      const refs = referenceDocs().slice(0, 25);
      const a = [guide(0), guide(1), guide(2), guide(3)];
      const b = [guide(2), guide(3, 2), guide(4), guide(6), guide(7)];
      const [r1, r2, g1, g2] = await Promise.all([
        syncReferenceIndex(db, catalogOf('r1', refs)),
        syncReferenceIndex(db, catalogOf('r1', refs)),
        syncGuideIndex(db, 'g1', () => a),
        syncGuideIndex(db, 'g1', () => a),
      ]);
      expect([r1, r2].sort()).toEqual([false, true]);
      expect([g1, g2].filter((s) => s === undefined)).toHaveLength(1);
      expect([g1, g2].find((s) => s !== undefined)).toEqual({ added: 4, removed: 0, whole: false });
      await expectSameIndex(db, indexed(refs, a), { freshGuides: true });

      // Two versions at once: both are written, one after the other; the index is the later one's.
      const results = await Promise.all([
        syncGuideIndex(db, 'g2', () => b),
        syncGuideIndex(db, 'g3', () => a),
      ]);
      expect(results.every((r) => r !== undefined)).toBe(true);
      const version = await indexedVersion(db, INDEX_STATE.guides);
      expect(['g2', 'g3']).toContain(version);
      await expectSameIndex(db, indexed(refs, version === 'g2' ? b : a), { freshGuides: false });
    }, 120_000);

    if (twoConnections) {
      it('leaves one consistent index when two connections sync at once', async () => {
        const [one, two] = await twoConnections();
        try {
          await clear(one.db);
          const refs = referenceDocs().slice(0, 25);
          const a = [guide(0), guide(1), guide(2), guide(3)];
          const b = [guide(1, 1), guide(3), guide(5), guide(6)];
          const [r1, r2, g1, g2] = await Promise.all([
            syncReferenceIndex(one.db, catalogOf('r1', refs)),
            syncReferenceIndex(two.db, catalogOf('r1', refs)),
            syncGuideIndex(one.db, 'g1', () => a),
            syncGuideIndex(two.db, 'g1', () => a),
          ]);
          expect([r1, r2].sort()).toEqual([false, true]);
          expect([g1, g2].filter((s) => s === undefined)).toHaveLength(1);
          // Each connection reads what either wrote.
          await expectSameIndex(one.db, indexed(refs, a), { freshGuides: true });
          await expectSameIndex(two.db, indexed(refs, a), { freshGuides: true });

          const results = await Promise.all([
            syncGuideIndex(one.db, 'g2', () => b),
            syncGuideIndex(two.db, 'g3', () => a),
            syncReferenceIndex(one.db, catalogOf('r2', refs.slice(5))),
          ]);
          expect(results[0]).toBeDefined();
          expect(results[1]).toBeDefined();
          expect(results[2]).toBe(true);
          const version = await indexedVersion(two.db, INDEX_STATE.guides);
          expect(['g2', 'g3']).toContain(version);
          await expectSameIndex(two.db, indexed(refs.slice(5), version === 'g2' ? b : a), {
            freshGuides: false,
          });
        } finally {
          await one.close();
          await two.close();
        }
      }, 120_000);
    }
  });
}

/** Rows of an index as the release before blocks wrote it (one posting per row), with its state. */
async function writeIndexBeforeBlocks(db: Db): Promise<void> {
  await sql`insert into search_docs (id, corpus, url, hash, data, terms) values (1, 1, '/reference/x', 'h', '{}', '')`.execute(
    db,
  );
  await sql`insert into search_postings (term, corpus, impact, posting) values ('word', 1, 1.5, 123456)`.execute(
    db,
  );
  await sql`insert into search_terms (term, corpus, field, df) values ('word', 1, 2, 1)`.execute(db);
  await sql`insert into search_fuzzy (key, term) values ('wrd', 'word')`.execute(db);
  await sql`insert into search_state (key, value) values ('references', ${`${INDEX_FORMAT} r1`}), ('guides', ${`${INDEX_FORMAT} g1`})`.execute(
    db,
  );
}
