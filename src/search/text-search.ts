/**
 * A text query against any index (the database or memory): the vocabulary of its words, the terms
 * they reach, the best postings of those terms, scores, the relevance floor. Shared by the server's
 * engine and the static export's browser search, so both present the same matches in the same order.
 */
import { aboveFloor } from './floor.ts';
import {
  QUERY_BOUNDS,
  RANKING,
  coordination,
  expand,
  type Expansion,
  postingsRequests,
  scoreMatches,
  vocabularyQuery,
  type TextMatch,
  type TextQueryPlan,
} from './scoring.ts';
import type { Footprint, Posting, PostingList, StoredDoc, TermSource, VocabularyAnswer } from './source.ts';
import { MAX_LEN, MAX_TF } from './terms.ts';

/** A text match with what its result shows. */
export type ShownMatch = TextMatch & { shown: StoredDoc };

/** A text search's matches and what it read of the vocabulary (did-you-mean reuses it). */
export interface TextOutcome {
  plan: TextQueryPlan;
  vocabulary: VocabularyAnswer;
  matches: ShownMatch[];
}

const EMPTY: VocabularyAnswer = { rows: [], prefixTerms: new Map(), fuzzyTerms: [] };

/** Text matches above the relevance floor, best first, at most QUERY_BOUNDS.maxResults. */
export async function searchText(source: TermSource, plan: TextQueryPlan): Promise<TextOutcome> {
  if (plan.terms.length === 0) return { plan, vocabulary: EMPTY, matches: [] };
  const vocabulary = await source.vocabulary(vocabularyQuery(plan));
  const expansions = expand(plan, vocabulary);
  if (expansions.length === 0) return { plan, vocabulary, matches: [] };
  const [lists, stats] = await Promise.all([source.postings(postingsRequests(expansions)), source.stats()]);
  const postings = new Map([...lists].map(([term, list]) => [term, list.postings]));
  let scored = scoreMatches(expansions, vocabulary.rows, postings, stats);
  const incomplete = incompleteMatches(scored, expansions, lists, plan.terms.length);
  if (incomplete.length > 0) {
    const more = unreadPostings(postings, expansions, await source.footprints(incomplete));
    scored = scoreMatches(expansions, vocabulary.rows, more, stats, scored);
  }
  const kept = aboveFloor(scored, plan.terms.length).slice(0, QUERY_BOUNDS.maxResults);
  const docs = new Map((await source.documents(kept.map((m) => m.doc))).map((d) => [d.id, d]));
  const matches: ShownMatch[] = [];
  for (const match of kept) {
    const shown = docs.get(match.doc);
    if (!shown) continue; // removed since its postings were read
    matches.push({ ...match, score: shown.overview ? match.score * RANKING.overview : match.score, shown });
  }
  return { plan, vocabulary, matches: matches.sort((a, b) => b.score - a.score) };
}

/**
 * Matches whose score may be short of their true one enough to change the first page: each term's best
 * postings were read, so a document can lack a query term only because that term's list was cut
 * before reaching it. Its upper bound adds, for each such term, the most the postings left unread could
 * give (twice the last one read: a word is seldom in more than two fields) and counts the term as
 * matched. Those whose bound passes the first page's last score are completed from their footprints.
 */
function incompleteMatches(
  scored: readonly TextMatch[],
  expansions: readonly Expansion[],
  lists: ReadonlyMap<string, PostingList>,
  termCount: number,
): number[] {
  const cutoff = scored[QUERY_BOUNDS.completeRank - 1]?.score ?? 0;
  // Per query term and collection: the most one unread posting of its expansions could give.
  const unread = new Map<string, number[]>();
  for (const e of expansions) {
    const best = unread.get(e.query) ?? [0, 0];
    unread.set(e.query, best);
    const threshold = lists.get(e.term)?.threshold;
    best.forEach((b, corpus) => (best[corpus] = Math.max(b, e.weight * (threshold?.[corpus] ?? 0))));
  }
  // As arrays: the loop below runs for every match, thousands for a long query.
  const queries = [...unread.keys()];
  const best = [...unread.values()];
  const candidates: { doc: number; upper: number }[] = [];
  for (const match of scored) {
    if (match.queryTerms.length === termCount) continue;
    let room = 0;
    let more = 0;
    for (let q = 0; q < queries.length; q++) {
      const most = best[q]![match.corpus]!;
      if (most > 0 && !match.queryTerms.includes(queries[q]!)) {
        room += 2 * most;
        more++;
      }
    }
    if (more === 0) continue;
    const matched = match.queryTerms.length;
    const upper = (match.score / coordination(matched) + room) * coordination(matched + more);
    if (upper > cutoff) candidates.push({ doc: match.doc, upper });
  }
  return candidates
    .sort((a, b) => b.upper - a.upper)
    .slice(0, QUERY_BOUNDS.maxCompletions)
    .map((c) => c.doc);
}

/** The postings the footprints show for the expansions' terms that the lists read did not hold. */
function unreadPostings(
  postings: ReadonlyMap<string, readonly Posting[]>,
  expansions: readonly Expansion[],
  footprints: readonly Footprint[],
): Map<string, Posting[]> {
  const more = new Map<string, Posting[]>();
  const printed = new Set(footprints.map((f) => f.doc));
  for (const term of new Set(expansions.map((e) => e.term))) {
    const list: Posting[] = [];
    more.set(term, list);
    const present = new Set((postings.get(term) ?? []).filter((p) => printed.has(p.doc)).map((p) => p.doc));
    for (const print of footprints) {
      if (present.has(print.doc)) continue;
      const tf = print.tf(term);
      if (!tf) continue;
      tf.forEach((n, field) => {
        if (n > 0)
          list.push({
            doc: print.doc,
            corpus: print.corpus,
            field,
            tf: Math.min(n, MAX_TF),
            len: Math.min(print.lengths[field]!, MAX_LEN),
          });
      });
    }
  }
  return more;
}
