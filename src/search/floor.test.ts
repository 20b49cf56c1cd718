import { describe, expect, it } from 'vitest';
import { aboveFloor, closeTerms, RELEVANCE_FLOOR } from './floor.ts';

const result = (score: number, queryTerms: string[], terms: string[]) => ({ score, queryTerms, terms });

describe('relevance floor', () => {
  it('counts the query terms a result matched as written or as a prefix, not through a typo', () => {
    expect(closeTerms(result(1, ['catalitic', 'convertor'], ['catalytic', 'converter']))).toBe(0);
    expect(closeTerms(result(1, ['access', 'denied'], ['access', 'denied']))).toBe(2);
    expect(closeTerms(result(1, ['soap'], ['soapfault']))).toBe(1);
  });

  it('drops typo-only matches that cover fewer words than the best match, and matches far below it', () => {
    const best = result(160, ['catalitic', 'convertor'], ['catalytic', 'converter']);
    const sameWords = result(45, ['catalitic', 'convertor'], ['catalytic', 'converter']);
    const oneWordTypo = result(43, ['convertor'], ['converted']);
    const far = result(160 * RELEVANCE_FLOOR - 1, ['catalitic', 'convertor'], ['catalytic', 'converter']);
    expect(aboveFloor([best, sameWords, oneWordTypo, far], 2)).toEqual([best, sameWords]);
  });

  it('keeps a weaker match that has a word as written', () => {
    const best = result(100, ['wsus', '0x80244007'], ['wsus', '0x80244007']);
    const code = result(16, ['0x80244007'], ['0x80244007']);
    expect(aboveFloor([best, code], 2)).toEqual([best, code]);
  });

  it('finds nothing close when even the best match covers less than half of the words', () => {
    const best = result(288, ['error'], ['error']);
    expect(aboveFloor([best], 3)).toEqual([]);
    expect(aboveFloor([best], 2)).toEqual([best]);
    expect(aboveFloor([], 1)).toEqual([]);
  });
});
