/**
 * The numbers behind "fixed it for 62% of 340 people": success rates with Wilson score intervals, and
 * the minimum number of answers before a rate is shown to readers.
 */

/** Answers a step needs before readers see its success rate. */
export const MIN_ANSWERS = 20;

export const STEP_OUTCOMES = ['fixed', 'next', 'cant'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];
export const PAGE_VERDICTS = ['yes', 'no'] as const;
export const NO_REASONS = ['wrong-code', 'did-not-work', 'hard-to-follow', 'out-of-date', 'other'] as const;
export type NoReason = (typeof NO_REASONS)[number];

/**
 * Wilson score interval for a binomial proportion at the given z (1.96 for 95%): better behaved than
 * the normal approximation for small counts and rates near 0 or 1.
 */
export function wilson(successes: number, total: number, z = 1.959963984540054): [number, number] {
  if (total === 0) return [0, 1];
  const p = successes / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  const denominator = 1 + z2 / total;
  return [Math.max(0, (centre - margin) / denominator), Math.min(1, (centre + margin) / denominator)];
}

export interface StepStats {
  stepId: string;
  index: number;
  action: string;
  fixed: number;
  next: number;
  cant: number;
  /** Everyone who answered for this step. */
  total: number;
  successRate: number;
  wilson95: [number, number];
  /** Share who could not do the step: where readers give up. */
  gaveUp: number;
  /** True once the step has MIN_ANSWERS answers: readers may see the rate. */
  shown: boolean;
}

export function stepStats(
  index: number,
  stepId: string,
  action: string,
  counts: Partial<Record<StepOutcome, number>>,
): StepStats {
  const fixed = counts.fixed ?? 0;
  const next = counts.next ?? 0;
  const cant = counts.cant ?? 0;
  const total = fixed + next + cant;
  return {
    stepId,
    index,
    action,
    fixed,
    next,
    cant,
    total,
    successRate: total === 0 ? 0 : fixed / total,
    wilson95: wilson(fixed, total),
    gaveUp: total === 0 ? 0 : cant / total,
    shown: total >= MIN_ANSWERS,
  };
}

/**
 * The order the evidence suggests: most likely to fix it first, judged by the interval's lower bound so
 * a step with few answers does not jump ahead on luck. A suggestion for editors, never applied.
 */
export function suggestedOrder(steps: readonly StepStats[]): string[] {
  return [...steps].sort((a, b) => b.wilson95[0] - a.wilson95[0] || a.index - b.index).map((s) => s.stepId);
}

/** "fixed it for 62% of 340 people who tried it", or nothing below the minimum. */
export function evidenceLine(stats: StepStats): string | undefined {
  if (!stats.shown) return undefined;
  return `Fixed it for ${Math.round(stats.successRate * 100)}% of ${stats.total} people who tried it.`;
}

/** What anyone may read of a step: its numbers only once it has MIN_ANSWERS answers. */
export type PublicStepStats = StepStats | Pick<StepStats, 'stepId' | 'index' | 'action' | 'shown'>;

/** Readers' numbers for the public API: below the minimum, counts and rates are withheld. */
export function publicStepStats(stats: StepStats): PublicStepStats {
  if (stats.shown) return stats;
  const { stepId, index, action, shown } = stats;
  return { stepId, index, action, shown };
}
