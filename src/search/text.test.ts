import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, normaliseQuery, processQueryTerm, stem, tokenize, translatePhrases } from './text.ts';

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
    expect(processQueryTerm('misfire')).toBe('misfir');
    expect(processQueryTerm('de')).toBeNull();
  });

  it('takes common English endings off, the same for every form of a word', () => {
    const stems = (words: string[]) => new Set(words.map(stem));
    expect(stems(['misfire', 'misfires', 'misfired'])).toEqual(new Set(['misfir']));
    expect(stems(['overheating', 'overheated'])).toEqual(new Set(['overheat']));
    expect(stems(['request', 'requests'])).toEqual(new Set(['request']));
    expect(stems(['entry', 'entries'])).toEqual(new Set(['entry']));
    expect(stem('running')).toBe('run');
    expect(stem('installing')).toBe('install');
    // Codes, short words and words that only look inflected stay as they are.
    for (const word of ['access', 'status', 'analysis', 'error', 'p0300', '0x80070005', 'ring', 'used']) {
      expect(stem(word)).toBe(word);
    }
  });

  it("maps other languages' phrases before their words", () => {
    expect(translatePhrases('Servicio no disponible')).toBe('servicio unavailable');
    expect(translatePhrases('Seite nicht gefunden')).toBe('seite not found');
    expect(translatePhrases('página não encontrada')).toBe('pagina not found');
  });

  it('normalises queries for the zero-result report', () => {
    expect(normaliseQuery('  Windows   UPDATE: error!! ')).toBe('windows update error');
    expect(normaliseQuery('"<script>"')).toBe('script');
  });

  it('processes any word without throwing', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), (w) => processQueryTerm(w) !== undefined));
  });
});
