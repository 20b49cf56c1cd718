import { describe, expect, it } from 'vitest';
import { footprintTerms, readFootprint, writeFootprint } from './footprint.ts';
import { CORPUS, docTerms, type DocTerms } from './terms.ts';

/** `n` terms, some of them prefixes or extensions of others (a search must not stop at "err" for "er"). */
function manyTerms(n: number): DocTerms {
  const terms = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const base = `t${i.toString(36)}`;
    terms.set(i % 3 === 0 ? `${base}x` : base, [i % 2, 0, i % 5, 1, i, 0]);
  }
  terms.set('er', [0, 0, 1, 0, 0, 0]);
  terms.set('err', [0, 0, 0, 2, 0, 0]);
  terms.set('ründ', [0, 0, 0, 0, 3, 0]);
  return { lengths: [1, 2, 3, 4, n, 0], terms };
}

describe('footprints', () => {
  it.each([0, 1, 7, 15, 16, 17, 40, 300, 2000])(
    'give back every term of %i and nothing else, in however many buckets',
    (n) => {
      const terms = manyTerms(n);
      const text = writeFootprint(terms);
      const print = readFootprint(7, CORPUS.guide, text);
      expect(print.lengths).toEqual(terms.lengths);
      for (const [term, tf] of terms.terms) expect(print.tf(term), term).toEqual(tf);
      for (const missing of ['e', 'errs', 't', 'x', 'tzzzz', `t${n.toString(36)}y`, '']) {
        expect(print.tf(missing), missing).toBeUndefined();
      }
      expect(footprintTerms(text)).toEqual(terms.terms);
    },
  );

  it('keeps a document without terms readable', () => {
    const text = writeFootprint({ lengths: [0, 0, 0, 0, 0, 0], terms: new Map() });
    const print = readFootprint(1, CORPUS.reference, text);
    expect(print.lengths).toEqual([0, 0, 0, 0, 0, 0]);
    expect(print.tf('anything')).toBeUndefined();
    expect(footprintTerms(text).size).toBe(0);
  });

  it('writes a short document as one bucket of letter-and-count lines', () => {
    const terms = new Map([
      ['window', [1, 0, 0, 0, 0, 0]],
      ['updat', [1, 1, 0, 0, 12, 0]],
    ]);
    const text = writeFootprint({ lengths: [2, 1, 0, 0, 40, 0], terms });
    expect(text).toBe('2,1,0,0,40,0\nwindow a1\nupdat a1b1e12');
    const print = readFootprint(1, CORPUS.guide, text);
    expect(print.tf('updat')).toEqual([1, 1, 0, 0, 12, 0]);
    expect(print.tf('win')).toBeUndefined();
  });

  it('round-trips a real document', () => {
    const terms = docTerms({
      codes: '0x80244007',
      names: 'WU_E_PT_SOAPCLIENT_SOAPFAULT',
      title: 'Windows Update error 0x80244007',
      summary: 'A SOAP fault during a Windows Update scan.',
      body: 'The update service answered the scan with a fault. Retry the scan, then reset the update components.',
      place: 'Windows Update',
    });
    const print = readFootprint(3, CORPUS.guide, writeFootprint(terms));
    for (const [term, tf] of terms.terms) expect(print.tf(term)).toEqual(tf);
  });
});
