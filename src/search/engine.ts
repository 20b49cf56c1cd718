import MiniSearch, { type SearchResult } from 'minisearch';
import { guideKeysFor, type ReferenceCatalog } from '../catalog/reference.ts';
import { officialEntries } from '../catalog/official.ts';
import { hresultFromWin32 } from '../codes/hresult.ts';
import { titleBesideCode } from '../codes/list-title.ts';
import { guideCodeKey, readQuery, readingKey } from '../codes/parse.ts';
import type { Guide } from '../guides/schema.ts';
import { guideDoc, referenceDoc, type SearchDoc } from './documents.ts';
import { aboveFloor, closeTerms } from './floor.ts';
import { snippet } from './snippet.ts';
import { processIndexTerm, processQueryTerm, tokenize } from './text.ts';

export const PAGE_SIZE = 10;
export const FACETS = ['kind', 'category', 'brand', 'product', 'severity'] as const;
export type Facet = (typeof FACETS)[number];
export type Filters = Partial<Record<Facet, string>>;

export interface SearchHit {
  kind: 'guide' | 'reference';
  code: string;
  title: string;
  url: string;
  /** HTML: escaped text with the matched words in <mark>. */
  snippet: string;
  score: number;
  category: string;
  brand: string;
  product: string;
  severity?: string;
  symbol?: string;
  family?: string;
  /** Exact code match, or found by the words. */
  match: 'code' | 'text';
}

/** A match before it is shaped for output. */
export interface Ranked {
  doc: SearchDoc;
  score: number;
  match: 'code' | 'text';
  /** The index terms the query matched (none for code matches). */
  terms: readonly string[];
  /** The query terms that matched them (none for code matches). */
  queryTerms: readonly string[];
}

export interface SearchResponse {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  results: SearchHit[];
  facets: Record<Facet, Record<string, number>>;
  didYouMean?: string;
}

/** A query that is part of a constant's name: upper case with an underscore. */
const CONSTANT_PART = /^[A-Z0-9]*_[A-Z0-9_]*$/;

const FIELDS = ['codes', 'names', 'title', 'summary', 'body', 'place'] as const;
const STORED = [
  'kind',
  'code',
  'title',
  'url',
  'category',
  'brand',
  'product',
  'severity',
  'symbol',
  'family',
  'summary',
];

/** Field weights and boosts, tuned on test/relevance.yaml (npm run bench:search). */
export const RANKING = {
  boost: { codes: 8, names: 4, title: 3, summary: 1.5, body: 0.6, place: 1.5 },
  guideBoost: 4,
  fuzzy: 0.25,
  maxFuzzy: 2,
  weights: { fuzzy: 0.4, prefix: 0.5 },
  /** Exact code matches score above any text match. */
  codeScore: 1_000_000,
};

/** Index options shared by every index (and by benchmarks that must rank the same way). */
export const INDEX_OPTIONS = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: STORED,
  tokenize,
  processTerm: processIndexTerm,
  searchOptions: { tokenize, processTerm: processQueryTerm },
};

function newIndex(): MiniSearch<SearchDoc> {
  return new MiniSearch<SearchDoc>(INDEX_OPTIONS);
}

/**
 * Bounds on the work of one query, whatever its text: a crafted query of many short words or prefixes
 * must cost about what a normal one does (each is measured in src/search/bounds.test.ts).
 */
export const QUERY_BOUNDS = {
  /** Distinct words searched; repeats count once and words past this are ignored. */
  maxTerms: 8,
  /** A word is searched as a prefix only when it begins at most this many index terms. */
  maxPrefixExpansions: 64,
  /** Typo tolerance for words of 4 to this many letters (longer ones are never typos of a word). */
  maxFuzzyLength: 24,
  /** Unknown words did-you-mean looks up; a query with more proposes nothing. */
  maxCorrections: 3,
};

/** What a query's text search will look up: distinct terms, and which may expand. */
export interface TextQueryPlan {
  terms: string[];
  prefix: Set<string>;
  fuzzy: Set<string>;
}

/**
 * The bounded plan of a text query. `expansions(term, limit)` counts the index terms that begin with
 * `term`, stopping once it passes `limit`.
 */
export function planTextQuery(
  query: string,
  expansions: (term: string, limit: number) => number,
): TextQueryPlan {
  const terms: string[] = [];
  for (const word of tokenize(query)) {
    const term = processQueryTerm(word);
    if (term && !terms.includes(term)) terms.push(term);
    if (terms.length === QUERY_BOUNDS.maxTerms) break;
  }
  const prefix = new Set(
    terms.filter(
      (t) =>
        t.length >= 3 && expansions(t, QUERY_BOUNDS.maxPrefixExpansions) <= QUERY_BOUNDS.maxPrefixExpansions,
    ),
  );
  const fuzzy = new Set(terms.filter((t) => t.length >= 4 && t.length <= QUERY_BOUNDS.maxFuzzyLength));
  return { terms, prefix, fuzzy };
}

/** Shortest terms searched with typo tolerance and as prefixes (the static export's search reads them). */
export const TERM_LENGTHS = { fuzzy: 4, prefix: 3 };

/** Options of every full-text query. */
export const TEXT_SEARCH_OPTIONS = {
  boost: RANKING.boost,
  fuzzy: (term: string) => (term.length >= TERM_LENGTHS.fuzzy ? RANKING.fuzzy : false),
  maxFuzzy: RANKING.maxFuzzy,
  prefix: (term: string) => term.length >= TERM_LENGTHS.prefix,
  weights: RANKING.weights,
};

/**
 * One search over guides and reference entries. Code-aware first: whatever lookup reads in the query
 * ranks its exact matches on top (guides before reference entries); then full text with typo tolerance
 * and prefixes, guides boosted over bare reference entries.
 */
export class SearchEngine {
  /** Reference entries: static, shared by every engine built on the same catalog; loaded on first use. */
  #references: MiniSearch<SearchDoc> | (() => MiniSearch<SearchDoc>);
  /** Published guides: small, re-indexed on the first search after content changes. */
  #guides: { index: MiniSearch<SearchDoc>; byKey: Map<string, SearchDoc[]> } | readonly Guide[] = [];
  private readonly catalog: ReferenceCatalog;

  /** `references` may be a function: pages that never search then never pay for the index. */
  constructor(
    catalog: ReferenceCatalog,
    references: MiniSearch<SearchDoc> | (() => MiniSearch<SearchDoc>),
    guides: readonly Guide[] = [],
  ) {
    this.catalog = catalog;
    this.#references = references;
    this.setGuides(guides);
  }

  /** The index of a catalog's reference entries, to share between engines or save as a snapshot. */
  static indexReferences(catalog: ReferenceCatalog): MiniSearch<SearchDoc> {
    const index = newIndex();
    index.addAll(catalog.entries.map(referenceDoc));
    return index;
  }

  /** Reads a reference index saved with JSON.stringify(index). */
  static loadReferences(snapshot: string): MiniSearch<SearchDoc> {
    return MiniSearch.loadJSON<SearchDoc>(snapshot, INDEX_OPTIONS);
  }

  static build(catalog: ReferenceCatalog, guides: readonly Guide[]): SearchEngine {
    return new SearchEngine(catalog, SearchEngine.indexReferences(catalog), guides);
  }

  get documentCount(): number {
    return this.references.documentCount + this.guides.documentCount;
  }

  /** Loads or builds the indexes now rather than on the first search. */
  warm(): void {
    void this.references;
    void this.guides;
  }

  private get references(): MiniSearch<SearchDoc> {
    if (typeof this.#references === 'function') this.#references = this.#references();
    return this.#references;
  }

  private get guides(): MiniSearch<SearchDoc> {
    return this.guideIndex().index;
  }

  private get guidesByKey(): Map<string, SearchDoc[]> {
    return this.guideIndex().byKey;
  }

  /** Replaces the guides: call when published content changes. */
  setGuides(guides: readonly Guide[]): void {
    this.#guides = guides;
  }

  private guideIndex(): { index: MiniSearch<SearchDoc>; byKey: Map<string, SearchDoc[]> } {
    if (!('index' in this.#guides)) {
      const guides = this.#guides;
      const docs = guides.map((g) => guideDoc(g, this.officialSymbols(g)));
      const index = newIndex();
      index.addAll(docs);
      const byKey = new Map<string, SearchDoc[]>();
      guides.forEach((g, i) => {
        const key = guideCodeKey(g.code);
        if (!key) return;
        const list = byKey.get(key) ?? [];
        list.push(docs[i]!);
        byKey.set(key, list);
      });
      this.#guides = { index, byKey };
    }
    return this.#guides;
  }

  private officialSymbols(guide: Guide): string[] {
    return officialEntries(this.catalog, guide.code).map((h) => `${h.entry.symbol} ${h.entry.title}`);
  }

  search(query: string, filters: Filters = {}, page = 1): SearchResponse {
    const ranked = this.rank(query);
    const facets = Object.fromEntries(FACETS.map((f) => [f, {}])) as SearchResponse['facets'];
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
      // Snippets only for the page shown: they are the costly part of a hit.
      results: filtered.slice(start, start + PAGE_SIZE).map((r) => this.hit(r)),
      facets,
    };
    const suggestion = this.didYouMean(
      query,
      ranked.find((r) => r.match === 'text'),
    );
    if (suggestion) response.didYouMean = suggestion;
    return response;
  }

  /** Every match for a query, best first: exact code matches, then text matches. */
  rank(query: string): Ranked[] {
    const ranked: Ranked[] = [];
    const seen = new Set<string>();
    const push = (r: Ranked) => {
      if (seen.has(r.doc.url)) return;
      seen.add(r.doc.url);
      ranked.push(r);
    };
    const none: string[] = [];
    const code = (doc: SearchDoc, score: number) =>
      push({ doc, score, match: 'code', terms: none, queryTerms: none });
    const readings = readQuery(query);
    const catalogHits = readings.flatMap((reading) => this.catalog.find(reading));
    const exactHits = catalogHits.filter((h) => h.relation !== 'symbol-part');
    // Guides first: filed under a reading, or for an entry named exactly (E_ACCESSDENIED → 0x80070005).
    for (const reading of readings) {
      for (const doc of this.guidesByKey.get(readingKey(reading)) ?? []) code(doc, RANKING.codeScore * 2);
    }
    for (const hit of exactHits.filter((h) => h.relation === 'symbol')) {
      for (const key of guideKeysFor(hit.entry)) {
        for (const doc of this.guidesByKey.get(key) ?? []) code(doc, RANKING.codeScore * 2);
      }
    }
    // A short Win32 code also finds guides for its HRESULT form (12002 → 0x80072EE2).
    for (const reading of readings) {
      if (reading.scheme !== 'number' || reading.value === 0 || reading.value > 0xffff) continue;
      for (const doc of this.guidesByKey.get(`num:${hresultFromWin32(reading.value)}`) ?? []) {
        code(doc, RANKING.codeScore * 1.5);
      }
    }
    for (const hit of exactHits) code(referenceDoc(hit.entry), RANKING.codeScore);
    // Part of a constant's name (ACCESS_DENIED, EXCEEDED_MAX): the names containing it, shortest first.
    if (CONSTANT_PART.test(query.trim())) {
      for (const hit of catalogHits.filter((h) => h.relation === 'symbol-part').slice(0, 5)) {
        code(referenceDoc(hit.entry), RANKING.codeScore / 2);
      }
    }
    for (const result of this.textSearch(query)) {
      push({
        doc: result as unknown as SearchDoc,
        score: result.score,
        match: 'text',
        terms: result.terms,
        queryTerms: result.queryTerms,
      });
    }
    return ranked;
  }

  /** The bounded plan of a query's text search over both indexes. */
  plan(query: string): TextQueryPlan {
    return planTextQuery(query, (term, limit) => {
      let n = 0;
      for (const index of [this.guides, this.references]) {
        for (const _ of termTree(index).atPrefix(term).keys()) if (++n > limit) return n;
      }
      return n;
    });
  }

  private textSearch(query: string): SearchResult[] {
    const plan = this.plan(query);
    if (plan.terms.length === 0) return [];
    const options = {
      ...TEXT_SEARCH_OPTIONS,
      prefix: (term: string) => plan.prefix.has(term),
      fuzzy: (term: string) => (plan.fuzzy.has(term) ? RANKING.fuzzy : false),
    };
    const text = plan.terms.join(' ');
    const guides = this.guides
      .search(text, options)
      .map((r) => ({ ...r, score: r.score * RANKING.guideBoost }));
    const references = this.references.search(text, options);
    return aboveFloor(
      [...guides, ...references].sort((a, b) => b.score - a.score),
      plan.terms.length,
    );
  }

  private hit({ doc, score, match, terms }: Ranked): SearchHit {
    const hit: SearchHit = {
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
    if (doc.severity) hit.severity = doc.severity;
    if (doc.symbol) hit.symbol = doc.symbol;
    if (doc.family) hit.family = doc.family;
    return hit;
  }

  /**
   * A corrected query for near-misses: each word that is not in the index is replaced by the closest
   * word that is (guides' words first); undefined when every word is known, the query is a code, or the
   * correction finds nothing closer than the query itself.
   */
  didYouMean(query: string, bestText?: Ranked): string | undefined {
    if (readQuery(query).length > 0) return undefined;
    const options = { fuzzy: 0.34, prefix: false } as const;
    let changed = false;
    let lookups = 0;
    const words = tokenize(query).map((word) => {
      const term = processQueryTerm(word);
      if (!term || term.length < 4 || term.length > QUERY_BOUNDS.maxFuzzyLength || this.knows(term))
        return word.toLowerCase();
      if (++lookups > QUERY_BOUNDS.maxCorrections) return word.toLowerCase();
      const candidates = [this.guides, this.references].flatMap((index) =>
        index
          .autoSuggest(term, options)
          .slice(0, 3)
          .flatMap((s) => s.terms),
      );
      let best = term;
      let bestDistance = Infinity;
      for (const candidate of candidates) {
        if (candidate === term) return word.toLowerCase();
        const distance = editDistance(term, candidate);
        if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
      }
      if (best === term) return word.toLowerCase();
      changed = true;
      return best;
    });
    // More unknown words than it may correct: not a typo of anything known, so no second search.
    if (!changed || lookups > QUERY_BOUNDS.maxCorrections) return undefined;
    // Only a correction that finds closer matches than the query did: "bosch" → "batch" finds nothing
    // close. Its words are looked up as written (no typos, no prefixes): cheap, and what it is meant to fix.
    const corrected = words.join(' ');
    const after = this.exactSearch(corrected)[0];
    if (!after) return undefined;
    const before = bestText ?? this.rank(query).find((r) => r.match === 'text');
    const beforeClose = before ? closeTerms(before) : 0;
    return closeTerms(after) > beforeClose ? corrected : undefined;
  }

  /** Text matches of the words as written, above the floor. */
  private exactSearch(query: string): SearchResult[] {
    const plan = this.plan(query);
    if (plan.terms.length === 0) return [];
    const options = { boost: RANKING.boost, fuzzy: false, prefix: false } as const;
    const text = plan.terms.join(' ');
    const guides = this.guides
      .search(text, options)
      .map((r) => ({ ...r, score: r.score * RANKING.guideBoost }));
    return aboveFloor(
      [...guides, ...this.references.search(text, options)].sort((a, b) => b.score - a.score),
      plan.terms.length,
    );
  }

  /** Whether either index has this exact term (a cheap look-up that spares a fuzzy search). */
  private knows(term: string): boolean {
    return termTree(this.guides).has(term) || termTree(this.references).has(term);
  }

  /** Titles for suggestions as you type; `label` is the title to show beside the code. */
  suggest(
    query: string,
    limit = 8,
  ): (Pick<SearchHit, 'kind' | 'code' | 'title' | 'url'> & { label: string })[] {
    return this.rank(query)
      .slice(0, limit)
      .map(({ doc: { kind, code, title, url } }) => ({
        kind,
        code,
        title,
        label: titleBesideCode(code, title),
        url,
      }));
  }
}

/** MiniSearch keeps its terms in `_index` (a radix tree); there is no public exact or prefix look-up. */
function termTree(index: MiniSearch<SearchDoc>): {
  has(t: string): boolean;
  atPrefix(p: string): { keys(): Iterable<string> };
} {
  return (index as unknown as { _index: ReturnType<typeof termTree> })._index;
}

/** Levenshtein distance, for choosing the closest known word. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
