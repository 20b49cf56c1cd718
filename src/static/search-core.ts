/**
 * The static site's search: the server's two indexes (guides, reference entries) with the server's index
 * options and text query options, so text queries rank the same way. Shared by the browser bundle
 * (client.ts) and tests; it imports only minisearch, the shared term processing (search/text.ts) and the
 * relevance floor (search/floor.ts), so the bundle stays small. The option values are written into the index file by build.ts from
 * INDEX_OPTIONS, TEXT_SEARCH_OPTIONS and RANKING (search/engine.ts).
 */
import MiniSearch from 'minisearch';
import { aboveFloor } from '../search/floor.ts';
import { processIndexTerm, processQueryTerm, tokenize } from '../search/text.ts';

/** Query options as data: TEXT_SEARCH_OPTIONS with its functions read as length thresholds. */
export interface StaticQueryOptions {
  boost: Record<string, number>;
  /** Fuzziness for terms at least minFuzzyLength long (TEXT_SEARCH_OPTIONS.fuzzy). */
  fuzzy: number;
  minFuzzyLength: number;
  maxFuzzy: number;
  /** Prefix matching for terms at least minPrefixLength long (TEXT_SEARCH_OPTIONS.prefix). */
  minPrefixLength: number;
  weights: { fuzzy: number; prefix: number };
  /** Multiplier of guide scores (RANKING.guideBoost). */
  guideBoost: number;
}

/** The file written to `<dir>/search-index.json`. */
export interface StaticIndexFile {
  format: 1;
  fields: string[];
  storeFields: string[];
  query: StaticQueryOptions;
  /** Published guides' index, MiniSearch toJSON(). */
  guides: unknown;
  /** Reference entries' index, MiniSearch toJSON(). */
  references: unknown;
}

export interface StoredDoc {
  kind: 'guide' | 'reference';
  code: string;
  title: string;
  url: string;
  category: string;
  brand: string;
  product: string;
  severity?: string;
  summary?: string;
}

export interface StaticIndexes {
  guides: MiniSearch<StoredDoc>;
  references: MiniSearch<StoredDoc>;
  query: StaticQueryOptions;
}

export type StaticHit = StoredDoc & { score: number };

/** The same options SearchEngine's indexes use (INDEX_OPTIONS), given its fields. */
export function indexOptions(fields: string[], storeFields: string[]) {
  return {
    idField: 'id',
    fields,
    storeFields,
    tokenize,
    processTerm: processIndexTerm,
    searchOptions: { tokenize, processTerm: processQueryTerm },
  };
}

/** TEXT_SEARCH_OPTIONS rebuilt from data. */
export function queryOptions(q: StaticQueryOptions) {
  return {
    boost: q.boost,
    fuzzy: (term: string) => (term.length >= q.minFuzzyLength ? q.fuzzy : false),
    maxFuzzy: q.maxFuzzy,
    prefix: (term: string) => term.length >= q.minPrefixLength,
    weights: q.weights,
  };
}

/** Loads the indexes from the parsed search-index.json. */
export function loadIndexes(file: StaticIndexFile): StaticIndexes {
  const options = indexOptions(file.fields, file.storeFields);
  return {
    guides: MiniSearch.loadJS<StoredDoc>(file.guides as never, options),
    references: MiniSearch.loadJS<StoredDoc>(file.references as never, options),
    query: file.query,
  };
}

/** Text matches best first, as SearchEngine's text search: guides boosted, then merged by score. */
export function textSearch(indexes: StaticIndexes, query: string): StaticHit[] {
  if (tokenize(query).length === 0) return [];
  const options = queryOptions(indexes.query);
  const guides = indexes.guides
    .search(query, options)
    .map((r) => ({ ...r, score: r.score * indexes.query.guideBoost }));
  const references = indexes.references.search(query, options);
  const termCount = new Set(
    tokenize(query)
      .map(processQueryTerm)
      .filter((t) => t !== null),
  ).size;
  return aboveFloor(
    [...guides, ...references].sort((a, b) => b.score - a.score),
    termCount,
  ).map((result) => {
    const r = result as unknown as Record<string, unknown>;
    return {
      kind: r.kind as StoredDoc['kind'],
      code: String(r.code),
      title: String(r.title),
      url: String(r.url),
      category: String(r.category),
      brand: String(r.brand),
      product: String(r.product),
      ...(r.severity === undefined ? {} : { severity: r.severity as string }),
      ...(r.summary === undefined ? {} : { summary: r.summary as string }),
      score: result.score,
    };
  });
}
