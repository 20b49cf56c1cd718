/**
 * The relevance floor: what a text search presents as matches. Two kinds of noise are left out:
 * matches far below the best one, and matches reached only through typo tolerance that cover fewer of
 * the query's words than the best match ("catalitic convertor" reaches STG_S_CONVERTED through one
 * word's typo). Pure and shared by the server's engine and the static export's search, so both present
 * the same matches.
 */

/** A text match is presented only when it scores at least this share of the best text match. */
export const RELEVANCE_FLOOR = 0.1;

/** What the floor reads of a text match. */
export interface FloorInput {
  score: number;
  /** Index terms matched. */
  terms: readonly string[];
  /** Query terms that matched, exactly, as a prefix or through a typo. */
  queryTerms: readonly string[];
}

/** Whether a result matched query term `q` as written or as a prefix (not only through a typo). */
function close(result: FloorInput, q: string): boolean {
  for (const t of result.terms) if (t === q || t.startsWith(q)) return true;
  return false;
}

/**
 * How many distinct query terms of a result pass `test` (counted without allocating: the floor runs
 * over every match of a query, thousands for a long one).
 */
function countDistinct(result: FloorInput, test: (q: string) => boolean): number {
  let n = 0;
  result.queryTerms.forEach((q, i) => {
    if (result.queryTerms.indexOf(q) === i && test(q)) n++;
  });
  return n;
}

/** Query terms a result matched as written or as a prefix, not only through a typo. */
export function closeTerms(result: FloorInput): number {
  return countDistinct(result, (q) => close(result, q));
}

/** A word this short reached through a typo is too often another word ("xbox" → "box"): not coverage. */
export const MIN_TYPO_COVERAGE_LENGTH = 5;

/** Query terms a result covers: as written, as a prefix, or through a typo of a word long enough. */
export function coverage(result: FloorInput): number {
  return countDistinct(result, (q) => q.length >= MIN_TYPO_COVERAGE_LENGTH || close(result, q));
}

/**
 * Text matches (best first) that clear the floor. Each must cover at least half of the query's
 * `termCount` distinct terms, so none are left when even the best covers less ("xbox error 0x87e10bef"
 * matching only "error" is nothing close), and a match of "error" alone does not ride along behind one
 * that also matched "xbox".
 */
export function aboveFloor<T extends FloorInput>(sorted: readonly T[], termCount: number): T[] {
  const best = sorted[0];
  if (!best) return [];
  const covered = sorted.map(coverage);
  let bestCoverage = 0;
  for (const c of covered) if (c > bestCoverage) bestCoverage = c;
  if (bestCoverage * 2 < termCount) return [];
  return sorted.filter(
    (r, i) =>
      r.score >= best.score * RELEVANCE_FLOOR &&
      covered[i]! * 2 >= termCount &&
      (covered[i]! >= bestCoverage || closeTerms(r) > 0),
  );
}
