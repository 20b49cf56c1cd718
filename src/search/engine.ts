import { guideKeysFor, type ReferenceCatalog, type ReferenceEntry } from '../catalog/reference.ts';
import { officialEntries } from '../catalog/official.ts';
import { hresultFromWin32 } from '../codes/hresult.ts';
import { titleBesideCode } from '../codes/list-title.ts';
import { guideCodeKey, readQuery, readingKey } from '../codes/parse.ts';
import type { Guide } from '../guides/schema.ts';
import { referenceDoc, shownGuide } from './documents.ts';
import { closeTerms } from './floor.ts';
import { QUERY_BOUNDS, RANKING, planTextQuery } from './scoring.ts';
import { snippet } from './snippet.ts';
import type { StoredDoc, TermSource } from './source.ts';
import { searchText, type TextOutcome } from './text-search.ts';
import { CORPUS, editDistance } from './terms.ts';
import { processQueryTerm, tokenize } from './text.ts';

export { QUERY_BOUNDS, RANKING } from './scoring.ts';

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

/** What a result shows. */
export type ShownDoc = Omit<StoredDoc, 'id'>;

/** A match before it is shaped for output. */
export interface Ranked {
  doc: ShownDoc;
  score: number;
  match: 'code' | 'text';
  /** The index terms the query matched (none for code matches). */
  terms: readonly string[];
  /** The query terms that matched them (none for code matches). */
  queryTerms: readonly string[];
  /** Listed for the guide above it: the reference entry of the guide's code. */
  via?: 'guide';
}

export interface SearchResponse {
  query: string;
  /** Matches found: code matches and at most QUERY_BOUNDS.maxResults text matches. */
  total: number;
  page: number;
  pageSize: number;
  results: SearchHit[];
  facets: Record<Facet, Record<string, number>>;
  didYouMean?: string;
}

/** The first guides found by their words that bring their code's reference entries, and how many each. */
const COMPANION_GUIDES = 1;
const COMPANION_ENTRIES = 2;
/** Text matches listed before the companion entries. */
const COMPANIONS_AFTER = 3;

/** A query that is part of a constant's name: letters and digits with an underscore. */
const CONSTANT_PART = /^[A-Za-z0-9]*_[A-Za-z0-9_]*$/;
/** Names containing a part that are looked at (shortest first) for one with a guide. */
const SYMBOL_PARTS = 50;

/**
 * One search over guides and reference entries. Code-aware first: whatever lookup reads in the query
 * ranks its exact matches on top (guides before reference entries); then full text from the index
 * (`source`: the database, or memory for the static export and tests) with the last word as a prefix,
 * typo tolerance and field weights, guides boosted over bare reference entries.
 */
export class SearchEngine {
  #guides: readonly Guide[] = [];
  #byKey: Map<string, Guide[]> | undefined;

  constructor(
    private readonly catalog: ReferenceCatalog,
    private readonly source: TermSource,
    guides: readonly Guide[] = [],
  ) {
    this.setGuides(guides);
  }

  /** The published guides, for code matches: call when published content changes. */
  setGuides(guides: readonly Guide[]): void {
    this.#guides = guides;
    this.#byKey = undefined;
  }

  private get guidesByKey(): Map<string, Guide[]> {
    if (!this.#byKey) {
      const byKey = new Map<string, Guide[]>();
      for (const guide of this.#guides) {
        const key = guideCodeKey(guide.code);
        if (!key) continue;
        const list = byKey.get(key) ?? [];
        list.push(guide);
        byKey.set(key, list);
      }
      this.#byKey = byKey;
    }
    return this.#byKey;
  }

  async search(query: string, filters: Filters = {}, page = 1): Promise<SearchResponse> {
    const { ranked, text } = await this.run(query);
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
      results: filtered.slice(start, start + PAGE_SIZE).map((r) => hit(r)),
      facets,
    };
    const suggestion = await this.didYouMean(
      query,
      text,
      ranked.find((r) => r.match === 'text'),
    );
    if (suggestion) response.didYouMean = suggestion;
    return response;
  }

  /** Every match for a query, best first: exact code matches, then text matches. */
  async rank(query: string): Promise<Ranked[]> {
    return (await this.run(query)).ranked;
  }

  private async run(query: string): Promise<{ ranked: Ranked[]; text: TextOutcome }> {
    const ranked: Ranked[] = [];
    const seen = new Set<string>();
    const push = (r: Ranked) => {
      if (seen.has(r.doc.url)) return;
      seen.add(r.doc.url);
      ranked.push(r);
    };
    const none: string[] = [];
    const code = (doc: ShownDoc, score: number) =>
      push({ doc, score, match: 'code', terms: none, queryTerms: none });
    const guides = (key: string) => (this.guidesByKey.get(key) ?? []).map(shownGuide);
    const readings = readQuery(query);
    const catalogHits = readings.flatMap((reading) => this.catalog.find(reading));
    const exactHits = catalogHits.filter((h) => h.relation !== 'symbol-part');
    // Guides first: filed under a reading, or for an entry named exactly (E_ACCESSDENIED → 0x80070005).
    for (const reading of readings) {
      for (const doc of guides(readingKey(reading))) code(doc, RANKING.codeScore * 2);
    }
    for (const hit of exactHits.filter((h) => h.relation === 'symbol')) {
      for (const key of guideKeysFor(hit.entry)) {
        for (const doc of guides(key)) code(doc, RANKING.codeScore * 2);
      }
    }
    // A short Win32 code also finds guides for its HRESULT form (12002 → 0x80072EE2).
    for (const reading of readings) {
      if (reading.scheme !== 'number' || reading.value === 0 || reading.value > 0xffff) continue;
      for (const doc of guides(`num:${hresultFromWin32(reading.value)}`)) code(doc, RANKING.codeScore * 1.5);
    }
    for (const hit of exactHits) code(referenceDoc(hit.entry), RANKING.codeScore);
    // Part of a constant's name (ACCESS_DENIED, EXCEEDED_MAX): the names containing it, shortest first.
    // Names that have a guide first (the codes people meet), each after its guide.
    if (CONSTANT_PART.test(query.trim())) {
      const parts = catalogHits.filter((h) => h.relation === 'symbol-part').slice(0, SYMBOL_PARTS);
      const guidesFor = (entry: ReferenceEntry) => {
        const wrapper = entry.family === 'win32' ? `num:${hresultFromWin32(entry.value)}` : undefined;
        const keys = [...guideKeysFor(entry), `sym:${entry.symbol}`];
        return { own: keys.filter((k) => k !== wrapper), wrapping: keys.filter((k) => k === wrapper) };
      };
      const guided = parts.filter((h) => {
        const { own, wrapping } = guidesFor(h.entry);
        return [...own, ...wrapping].some((key) => this.guidesByKey.has(key));
      });
      for (const hit of [...guided, ...parts.filter((h) => !guided.includes(h))].slice(0, 5)) {
        // The guide for the name's own code before the entry; a guide for a code that wraps it after.
        const { own, wrapping } = guidesFor(hit.entry);
        for (const key of own) for (const doc of guides(key)) code(doc, RANKING.codeScore / 2);
        code(referenceDoc(hit.entry), RANKING.codeScore / 2);
        for (const key of wrapping) for (const doc of guides(key)) code(doc, RANKING.codeScore / 2);
      }
    }
    const text = await searchText(this.source, planTextQuery(query));
    // A guide found by its words brings its code's reference entries into the first page, after the
    // first few text matches (so they never push a better text match down the top of the list).
    const companions: Ranked[] = [];
    let textCount = 0;
    let guidesSeen = 0;
    const flush = () => companions.splice(0).forEach(push);
    for (const match of text.matches) {
      const { shown: doc, score, terms, queryTerms } = match;
      push({ doc, score, match: 'text', terms, queryTerms });
      if (++textCount === COMPANIONS_AFTER) flush();
      if (doc.kind !== 'guide' || guidesSeen >= COMPANION_GUIDES) continue;
      guidesSeen++;
      for (const hit of officialEntries(this.catalog, doc.code).slice(0, COMPANION_ENTRIES)) {
        const companion: Ranked = {
          doc: referenceDoc(hit.entry),
          score,
          match: 'text',
          terms: none,
          queryTerms: none,
          via: 'guide',
        };
        if (textCount >= COMPANIONS_AFTER) push(companion);
        else companions.push(companion);
      }
    }
    flush();
    return { ranked, text };
  }

  /**
   * A corrected query for near-misses: each word that is not in the index is replaced by the closest
   * word that is (guides' words first); undefined when every word is known, the query is a code, or the
   * correction finds nothing closer than the query itself.
   */
  private async didYouMean(query: string, text: TextOutcome, bestText?: Ranked): Promise<string | undefined> {
    if (readQuery(query).length > 0) return undefined;
    const known = new Set(text.vocabulary.rows.map((r) => r.term));
    const guideDf = new Map<string, number>();
    const df = new Map<string, number>();
    for (const r of text.vocabulary.rows) {
      df.set(r.term, (df.get(r.term) ?? 0) + r.df);
      if (r.corpus === CORPUS.guide) guideDf.set(r.term, (guideDf.get(r.term) ?? 0) + r.df);
    }
    let changed = false;
    let unknown = 0;
    const words = tokenize(query).map((word) => {
      const term = processQueryTerm(word);
      if (!term || !text.plan.fuzzy.includes(term) || known.has(term)) return word.toLowerCase();
      if (++unknown > QUERY_BOUNDS.maxCorrections) return word.toLowerCase();
      const max = Math.min(2, Math.round(term.length * 0.34));
      let best: string | undefined;
      let bestKey: [number, number, number] = [Infinity, 0, 0];
      for (const candidate of text.vocabulary.fuzzyTerms) {
        const distance = editDistance(term, candidate, max);
        if (distance === 0 || distance > max) continue;
        const key: [number, number, number] = [
          distance,
          -(guideDf.get(candidate) ?? 0),
          -(df.get(candidate) ?? 0),
        ];
        if (compareKeys(key, bestKey) < 0) [best, bestKey] = [candidate, key];
      }
      if (!best) return word.toLowerCase();
      changed = true;
      return best;
    });
    // More unknown words than it may correct: not a typo of anything known, so no second search.
    if (!changed || unknown > QUERY_BOUNDS.maxCorrections) return undefined;
    // Only a correction that finds closer matches than the query did: "bosch" → "batch" finds nothing
    // close. Its words are looked up as written (no typos, no prefixes): cheap, and what it is meant to fix.
    const corrected = words.join(' ');
    const after = (await searchText(this.source, planTextQuery(corrected, { prefix: false }))).matches[0];
    if (!after) return undefined;
    const beforeClose = bestText ? closeTerms(bestText) : 0;
    return closeTerms(after) > beforeClose ? corrected : undefined;
  }

  /** Titles for suggestions as you type; `label` is the title to show beside the code. */
  async suggest(
    query: string,
    limit = 8,
  ): Promise<(Pick<SearchHit, 'kind' | 'code' | 'title' | 'url'> & { label: string })[]> {
    return (await this.rank(query)).slice(0, limit).map(({ doc: { kind, code, title, url } }) => ({
      kind,
      code,
      title,
      label: titleBesideCode(code, title),
      url,
    }));
  }
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function hit({ doc, score, match, terms }: Ranked): SearchHit {
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
