import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../base/config.ts';
import { indexedEngine } from '../../test/helpers.ts';
import type { SearchEngine } from './engine.ts';
import { loadRelevanceSet, mean, scoreCase } from './relevance.ts';

const cases = loadRelevanceSet(join(PACKAGE_ROOT, 'test', 'relevance.yaml'));
let engine: SearchEngine;

// The server's search: the index in a SQLite database, read as a running server reads it.
beforeAll(async () => {
  ({ engine } = await indexedEngine());
});

const ranked = async (query: string) => (await engine.rank(query)).map((r) => r.doc.url);

describe('relevance set', () => {
  it('has at least 150 queries of every kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.kind)).size).toBe(7);
  });

  it.each(cases.filter((c) => c.core).map((c) => [c.query, c] as const))(
    'core: %s ranks its best result first and every expected result in the top 10',
    async (_query, c) => {
      const urls = await ranked(c.query);
      expect(urls[0]).toBe(c.expect[0]);
      expect(scoreCase(urls, c.expect).missing).toEqual([]);
    },
  );

  it('keeps MRR@10 over the whole set at 0.98 or more and recall@10 at 0.97 or more', async () => {
    const scores: ReturnType<typeof scoreCase>[] = [];
    for (const c of cases) scores.push(scoreCase(await ranked(c.query), c.expect));
    expect(mean(scores.map((s) => s.reciprocalRank))).toBeGreaterThanOrEqual(0.98);
    expect(mean(scores.map((s) => s.recall))).toBeGreaterThanOrEqual(0.97);
  });
});

describe('scoreCase', () => {
  it('computes reciprocal rank and recall in the top k', () => {
    expect(scoreCase(['/a', '/b', '/c'], ['/b', '/z'])).toEqual({
      reciprocalRank: 0.5,
      recall: 0.5,
      missing: ['/z'],
    });
    expect(scoreCase(['/a'], ['/b']).reciprocalRank).toBe(0);
  });
});
