/**
 * Text ranking, pure: a query's bounded plan, the index terms it expands to (prefix of the last word,
 * typos by edit distance with swaps), and BM25 per field with field weights, guides above reference
 * entries. The database and the in-memory index hand it the same rows, so the server, the CLI and the
 * static export rank alike.
 */
import type {
  CorpusStats,
  Posting,
  PostingsRequest,
  VocabRow,
  VocabularyAnswer,
  VocabularyQuery,
} from './source.ts';
import { CORPUS, FIELDS, deletionKeys, editDistance, typoTolerant, type Corpus } from './terms.ts';
import { SYNONYMS, synonymsOf } from './synonyms.ts';
import { processQueryTerm, tokenize, translatePhrases } from './text.ts';

/** Field weights and boosts, tuned on test/relevance.yaml (npm run bench:search). */
export const RANKING = {
  boost: { codes: 8, names: 4, title: 3, summary: 1.5, body: 0.6, place: 1.5 },
  guideBoost: 4,
  /** A match's score grows with the number of query words it matches to this power. */
  coordination: 1,
  /** A family guide's share of its score: the guide for one code comes first on the same words. */
  overview: 0.5,
  /** Typos allowed: this share of a word's letters, at most maxFuzzy. */
  fuzzy: 0.25,
  maxFuzzy: 2,
  /** A word the index holds reaches other words through typos only when they are this many times as common. */
  typoOfKnown: 4,
  /**
   * A match through a typo, a prefix or a synonym (src/search/synonyms.ts) weighs this share of an
   * exact one; a typo of a word the index does not hold at all (nothing else it could mean) weighs
   * `correction`.
   */
  weights: { fuzzy: 0.4, prefix: 0.5, correction: 0.8, synonym: 0.7 },
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  /** Exact code matches score above any text match. */
  codeScore: 1_000_000,
};

const BOOSTS = FIELDS.map((f) => RANKING.boost[f]);

/**
 * The hard budget of one query, whatever its text: a crafted query of many words, prefixes or typos
 * costs about what a normal one does (src/search/bounds.test.ts counts the rows read).
 */
export const QUERY_BOUNDS = {
  /** Distinct words searched; repeats count once and words past this are ignored. */
  maxTerms: 8,
  /** The last word is searched as a prefix only when it begins at most this many index terms. */
  maxPrefixExpansions: 64,
  /** Shortest word searched as a prefix, and shortest given typo tolerance. */
  minPrefixLength: 3,
  minFuzzyLength: 4,
  /** Typo tolerance for words up to this long (longer ones are never typos of a word). */
  maxFuzzyLength: 24,
  /** Index terms one word's typos expand to (closest, then most frequent). */
  fuzzyPerTerm: 4,
  /** Typo candidates read from the vocabulary for the whole query. */
  fuzzyRows: 400,
  /** Postings read per word as written, per prefix expansion and per typo or synonym expansion. */
  postingsExact: 400,
  postingsPrefix: 24,
  postingsFuzzy: 120,
  /** Text matches kept after ranking (facets and totals count at most these). */
  maxResults: 200,
  /**
   * Matches that may lack a word only because its list was cut are completed from their footprints
   * when they could reach this rank; at most maxCompletions of them.
   */
  completeRank: 10,
  maxCompletions: 64,
  /** Unknown words did-you-mean corrects; a query with more proposes nothing. */
  maxCorrections: 3,
};

/** What a text query looks up: distinct terms, and which is the last one (searched as a prefix too). */
export interface TextQueryPlan {
  terms: string[];
  /** The last word, when it may be unfinished (search as you type). */
  prefix?: string;
  /** Terms given typo tolerance. */
  fuzzy: string[];
}

export function planTextQuery(query: string, { prefix = true } = {}): TextQueryPlan {
  const terms: string[] = [];
  for (const word of tokenize(translatePhrases(query))) {
    const term = processQueryTerm(word);
    if (term && !terms.includes(term)) terms.push(term);
    if (terms.length === QUERY_BOUNDS.maxTerms) break;
  }
  const last = terms.at(-1);
  const fuzzy = prefix
    ? terms.filter(
        (t) =>
          typoTolerant(t) &&
          t.length >= QUERY_BOUNDS.minFuzzyLength &&
          t.length <= QUERY_BOUNDS.maxFuzzyLength,
      )
    : [];
  return {
    terms,
    ...(prefix && last && last.length >= QUERY_BOUNDS.minPrefixLength ? { prefix: last } : {}),
    fuzzy,
  };
}

/**
 * The words people say (synonym keys) a typo-tolerant query term is a typo of, with their distance:
 * "studder" → stutter, "shakng" → shake. Worked out here, not through the index: a word people say
 * need not be in any document.
 */
function typoSynonymKeys(plan: TextQueryPlan, term: string): { key: string; distance: number }[] {
  if (!plan.fuzzy.includes(term) || SYNONYMS.has(term)) return [];
  const max = maxTypos(term);
  const near: { key: string; distance: number }[] = [];
  for (const key of SYNONYMS.keys()) {
    const distance = editDistance(term, key, max);
    if (distance > 0 && distance <= max) near.push({ key, distance });
  }
  return near;
}

/** The vocabulary look-up a plan needs. */
export function vocabularyQuery(plan: TextQueryPlan): VocabularyQuery {
  const synonyms = plan.terms.flatMap((term) => [
    ...synonymsOf(term),
    ...typoSynonymKeys(plan, term).flatMap(({ key }) => synonymsOf(key)),
  ]);
  return {
    exact: [...new Set([...plan.terms, ...synonyms])],
    prefixes: plan.prefix ? [plan.prefix] : [],
    prefixLimit: QUERY_BOUNDS.maxPrefixExpansions,
    fuzzyKeys: [...new Set(plan.fuzzy.flatMap(deletionKeys))],
    fuzzyLimit: QUERY_BOUNDS.fuzzyRows,
  };
}

/** Most typos a word of this length may have. */
export function maxTypos(term: string): number {
  return Math.min(RANKING.maxFuzzy, Math.round(term.length * RANKING.fuzzy));
}

/** One index term a query term reaches, and how much a match through it weighs. */
export interface Expansion {
  query: string;
  term: string;
  weight: number;
  how: 'exact' | 'prefix' | 'fuzzy' | 'synonym';
}

/**
 * The index terms each query term reaches: as written, through its synonyms, as a prefix (the last
 * word), through typos.
 */
export function expand(plan: TextQueryPlan, vocabulary: VocabularyAnswer): Expansion[] {
  const df = totalDf(vocabulary.rows);
  const out: Expansion[] = [];
  for (const query of plan.terms) {
    const reached = new Set<string>();
    if (df.has(query)) {
      out.push({ query, term: query, weight: 1, how: 'exact' });
      reached.add(query);
    }
    for (const term of synonymsOf(query)) {
      if (reached.has(term) || !df.has(term)) continue;
      reached.add(term);
      out.push({ query, term, weight: RANKING.weights.synonym, how: 'synonym' });
    }
    if (query === plan.prefix) {
      const longer = vocabulary.prefixTerms.get(query) ?? [];
      if (longer.length <= QUERY_BOUNDS.maxPrefixExpansions) {
        for (const term of longer) {
          if (reached.has(term)) continue;
          reached.add(term);
          const distance = term.length - query.length;
          const weight = (RANKING.weights.prefix * term.length) / (term.length + 0.3 * distance);
          out.push({ query, term, weight, how: 'prefix' });
        }
      }
    }
    if (plan.fuzzy.includes(query)) {
      const max = maxTypos(query);
      const known = df.get(query) ?? 0;
      const base = reached.size === 0 ? RANKING.weights.correction : RANKING.weights.fuzzy;
      const near = vocabulary.fuzzyTerms
        .filter((term) => !reached.has(term))
        .map((term) => ({ term, distance: editDistance(query, term, max) }))
        .filter(
          (c) =>
            c.distance > 0 &&
            c.distance <= max &&
            // A word the index holds is taken as meant unless the other is far more common.
            (known === 0 || (df.get(c.term) ?? 0) >= RANKING.typoOfKnown * known),
        )
        .sort((a, b) => a.distance - b.distance || (df.get(b.term) ?? 0) - (df.get(a.term) ?? 0))
        .slice(0, QUERY_BOUNDS.fuzzyPerTerm);
      for (const { term, distance } of near) {
        reached.add(term);
        out.push({
          query,
          term,
          weight: (base * term.length) / (term.length + distance),
          how: 'fuzzy',
        });
      }
      // A typo of a word people say reaches what that word means, weighed as both.
      for (const { key, distance } of typoSynonymKeys(plan, query)) {
        for (const term of synonymsOf(key)) {
          if (reached.has(term) || !df.has(term)) continue;
          reached.add(term);
          const weight = (RANKING.weights.synonym * base * key.length) / (key.length + distance);
          out.push({ query, term, weight, how: 'synonym' });
        }
      }
    }
  }
  return out;
}

function totalDf(rows: readonly VocabRow[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const r of rows) df.set(r.term, (df.get(r.term) ?? 0) + r.df);
  return df;
}

/** The postings to read for these expansions, within the budget. */
export function postingsRequests(expansions: readonly Expansion[]): PostingsRequest[] {
  const limits = new Map<string, number>();
  for (const e of expansions) {
    const limit =
      e.how === 'exact'
        ? QUERY_BOUNDS.postingsExact
        : e.how === 'prefix'
          ? QUERY_BOUNDS.postingsPrefix
          : QUERY_BOUNDS.postingsFuzzy; // typos and synonyms
    limits.set(e.term, Math.max(limits.get(e.term) ?? 0, limit));
  }
  return [...limits].map(([term, limit]) => ({ term, limit }));
}

/** A document the text search matched, before it is shaped for output. */
export interface TextMatch {
  doc: number;
  corpus: Corpus;
  score: number;
  /** Index terms matched. */
  terms: string[];
  /** Query terms that matched, as written, as a prefix or through a typo. */
  queryTerms: string[];
  /** The score before it was multiplied for the query terms matched (more postings add to it). */
  base: number;
}

/** What a match's score is multiplied by for matching this many of the query's words. */
export function coordination(matched: number): number {
  return matched ** RANKING.coordination;
}

/** BM25's inverse document frequency, as MiniSearch computes it. */
function idf(docs: number, df: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/** BM25's term-frequency part for one field. */
function tfPart(tf: number, len: number, avg: number): number {
  const { k, b, d } = RANKING.bm25;
  return d + (tf * (k + 1)) / (tf + k * (1 - b + (b * len) / (avg || 1)));
}

/**
 * How much a posting can add to a document's score, written with it so the index reads each term's
 * best postings first. Computed with the collection's statistics at writing time: an order, not a score.
 */
export function impact(
  corpus: Corpus,
  field: number,
  tf: number,
  len: number,
  df: number,
  stats: CorpusStats,
): number {
  const avg = (stats.totalLength[field] ?? 0) / Math.max(1, stats.docs);
  const boost = corpus === CORPUS.guide ? RANKING.guideBoost : 1;
  return boost * BOOSTS[field]! * idf(stats.docs, df) * tfPart(tf, len, avg);
}

/**
 * Scores every document the postings reach: per query term the sum over its expansions and fields,
 * summed over the query terms and multiplied by how many of them matched; guides boosted. With
 * `earlier` (matches scored before from other postings of the same expansions), adds these postings
 * to them (in place): the same sums as scoring all the postings at once, added in another order.
 */
export function scoreMatches(
  expansions: readonly Expansion[],
  vocabulary: readonly VocabRow[],
  postings: ReadonlyMap<string, readonly Posting[]>,
  stats: readonly CorpusStats[],
  earlier: TextMatch[] = [],
): TextMatch[] {
  const dfOf = new Map<string, number>();
  for (const r of vocabulary) dfOf.set(`${r.term}\0${r.corpus}\0${r.field}`, r.df);
  const statsOf = new Map(stats.map((s) => [s.corpus, s]));
  const matches = new Map<number, TextMatch>(earlier.map((m) => [m.doc, m]));
  for (const e of expansions) {
    // Per collection and field: the weight of a match in it, and its average length.
    const weights: number[] = [];
    const averages: number[] = [];
    for (const corpus of [CORPUS.guide, CORPUS.reference]) {
      const s = statsOf.get(corpus);
      FIELDS.forEach((_, field) => {
        const df = dfOf.get(`${e.term}\0${corpus}\0${field}`);
        const boost = corpus === CORPUS.guide ? RANKING.guideBoost : 1;
        weights.push(s && df !== undefined ? e.weight * boost * BOOSTS[field]! * idf(s.docs, df) : 0);
        averages.push(s ? (s.totalLength[field] ?? 0) / Math.max(1, s.docs) : 0);
      });
    }
    for (const p of postings.get(e.term) ?? []) {
      const slot = p.corpus * FIELDS.length + p.field;
      const weight = weights[slot]!;
      if (weight === 0) continue;
      const score = weight * tfPart(p.tf, p.len, averages[slot]!);
      let match = matches.get(p.doc);
      if (!match)
        matches.set(
          p.doc,
          (match = { doc: p.doc, corpus: p.corpus, score: 0, base: 0, terms: [], queryTerms: [] }),
        );
      match.base += score;
      if (!match.terms.includes(e.term)) match.terms.push(e.term);
      if (!match.queryTerms.includes(e.query)) match.queryTerms.push(e.query);
    }
  }
  const ranked = [...matches.values()];
  for (const m of ranked) m.score = m.base * coordination(m.queryTerms.length);
  return ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
}
