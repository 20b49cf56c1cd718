import { describe, expect, it } from 'vitest';
import { expand, planTextQuery, RANKING, vocabularyQuery } from './scoring.ts';
import type { VocabularyAnswer } from './source.ts';
import { CORPUS } from './terms.ts';

/** A vocabulary answer holding these terms (each in one document's title), no prefixes, no typo candidates. */
function holding(...terms: string[]): VocabularyAnswer {
  return {
    rows: terms.map((term) => ({ term, corpus: CORPUS.guide, field: 2, df: 1 })),
    prefixTerms: new Map(),
    fuzzyTerms: [],
  };
}

describe('synonyms reached through a typo', () => {
  it('looks up what a mistyped word people say means, and reaches it below the word itself', () => {
    for (const query of ['engine studdering', 'car shakng', 'engine hesitaton']) {
      const plan = planTextQuery(query);
      expect(vocabularyQuery(plan).exact, query).toContain('misfir');
      const reached = expand(plan, holding('engin', 'car', 'misfir'));
      const misfire = reached.find((e) => e.term === 'misfir');
      expect(misfire?.how, query).toBe('synonym');
      expect(misfire!.weight).toBeGreaterThan(0);
      expect(misfire!.weight).toBeLessThan(RANKING.weights.synonym);
    }
  });

  it('leaves words that are no typo of one alone, and never treats a code as a typo', () => {
    for (const query of ['engine stopped', 'car shampoo', '0x80070005 sh4kng']) {
      const plan = planTextQuery(query);
      expect(vocabularyQuery(plan).exact, query).not.toContain('misfir');
      expect(
        expand(plan, holding('engin', 'car', 'misfir')).map((e) => e.term),
        query,
      ).not.toContain('misfir');
    }
  });

  it('weighs a word people say, as written, above its typo', () => {
    const exact = expand(planTextQuery('car shaking'), holding('car', 'shak', 'misfir'));
    const typo = expand(planTextQuery('car shakng'), holding('car', 'misfir'));
    const weight = (list: typeof exact) => list.find((e) => e.term === 'misfir')!.weight;
    expect(weight(exact)).toBe(RANKING.weights.synonym);
    expect(weight(typo)).toBeLessThan(weight(exact));
  });
});
