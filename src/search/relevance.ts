import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export const relevanceSetSchema = z.object({
  queries: z.array(
    z.object({
      query: z.string().min(1),
      kind: z.enum(['code', 'symptom', 'typo', 'partial-symbol', 'brand-code', 'other-language', 'name']),
      expect: z.array(z.string().startsWith('/')).min(1),
      core: z.boolean().optional(),
    }),
  ),
});

export type RelevanceCase = z.infer<typeof relevanceSetSchema>['queries'][number];

export function loadRelevanceSet(file: string): RelevanceCase[] {
  return relevanceSetSchema.parse(parse(readFileSync(file, 'utf8'))).queries;
}

export interface CaseScore {
  reciprocalRank: number;
  recall: number;
  missing: string[];
}

/** Reciprocal rank of the first relevant URL in the top k, and the share of relevant URLs there. */
export function scoreCase(ranked: readonly string[], expected: readonly string[], k = 10): CaseScore {
  const top = ranked.slice(0, k);
  const firstRelevant = top.findIndex((url) => expected.includes(url));
  const missing = expected.filter((url) => !top.includes(url));
  return {
    reciprocalRank: firstRelevant === -1 ? 0 : 1 / (firstRelevant + 1),
    recall: (expected.length - missing.length) / expected.length,
    missing,
  };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
