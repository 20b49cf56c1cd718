import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, normaliseQuery, processQueryTerm, tokenize } from './text.ts';

describe('tokenize', () => {
  it('splits symbols and text into words', () => {
    expect(tokenize('WU_E_PT_SOAPCLIENT_SOAPFAULT')).toEqual(['WU', 'E', 'PT', 'SOAPCLIENT', 'SOAPFAULT']);
    expect(tokenize('error 0x80244007 (2149859335)!')).toEqual(['error', '0x80244007', '2149859335']);
    expect(tokenize('Código «erreur» — ok')).toEqual(['Código', 'erreur', 'ok']);
  });

  it('never throws and returns only non-empty words of letters and digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) =>
        tokenize(text).every((w) => w.length > 0 && /^[\p{L}\p{N}]+$/u.test(w)),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('terms', () => {
  it('folds case and accents, and maps other languages to English', () => {
    expect(fold('Código')).toBe('codigo');
    expect(processQueryTerm('Erreur')).toBe('error');
    expect(processQueryTerm('Catalyseur')).toBe('catalytic');
    expect(processQueryTerm('the')).toBeNull();
    expect(processQueryTerm('misfire')).toBe('misfire');
  });

  it('normalises queries for the zero-result report', () => {
    expect(normaliseQuery('  Windows   UPDATE: error!! ')).toBe('windows update error');
    expect(normaliseQuery('"<script>"')).toBe('script');
  });

  it('processes any word without throwing', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), (w) => processQueryTerm(w) !== undefined));
  });
});
