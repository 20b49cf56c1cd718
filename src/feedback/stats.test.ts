import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceLine, MIN_ANSWERS, stepStats, suggestedOrder, wilson } from './stats.ts';

describe('wilson', () => {
  // Known values (z = 1.96): Wilson's 1927 interval as tabulated by Newcombe (1998), and scipy/statsmodels
  // proportion_confint(method="wilson").
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [20, 20, 0.8389, 1],
    [5, 10, 0.2366, 0.7634],
    [1, 1, 0.2065, 1],
  ])('%i of %i → [%f, %f]', (k, n, lo, hi) => {
    const [a, b] = wilson(k, n);
    expect(a).toBeCloseTo(lo, 4);
    expect(b).toBeCloseTo(hi, 4);
  });

  it('contains the observed rate and stays within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const k = Math.round(n * share);
          const [lo, hi] = wilson(k, n);
          return lo >= 0 && hi <= 1 && lo <= k / n + 1e-12 && hi >= k / n - 1e-12;
        },
      ),
    );
  });

  it('is [0, 1] with no answers', () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});

describe('step stats', () => {
  it('shows a rate to readers only from the documented minimum', () => {
    expect(evidenceLine(stepStats(0, 's1', 'x', { fixed: 10, next: MIN_ANSWERS - 11 }))).toBeUndefined();
    expect(evidenceLine(stepStats(0, 's1', 'x', { fixed: 211, next: 100, cant: 29 }))).toBe(
      'Fixed it for 62% of 340 people who tried it.',
    );
  });

  it('counts the share who gave up and suggests an order by the lower bound', () => {
    const a = stepStats(0, 'a', 'A', { fixed: 5, next: 95 });
    const b = stepStats(1, 'b', 'B', { fixed: 60, next: 30, cant: 10 });
    const c = stepStats(2, 'c', 'C', { fixed: 2, next: 0 }); // 100% on two answers: not enough to lead
    expect(b.gaveUp).toBeCloseTo(0.1);
    expect(suggestedOrder([a, b, c])).toEqual(['b', 'c', 'a']);
  });
});
