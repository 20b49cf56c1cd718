/**
 * A document's footprint as the database keeps it (search_docs.terms): its field lengths and each
 * term's occurrences per field, as lines of text — "lengths" then "term tf,tf,…" — so one term is found
 * with a string search instead of parsing the whole document. It scores a document for a term whose
 * best postings did not reach it (text-search.ts) and removes a guide's postings when it changes
 * (db-index.ts).
 */
import type { Footprint } from './source.ts';
import type { Corpus, DocTerms } from './terms.ts';

export function writeFootprint(terms: DocTerms): string {
  let text = terms.lengths.join(',');
  for (const [term, tf] of terms.terms) text += `\n${term} ${tf.join(',')}`;
  return text;
}

const numbers = (list: string) => list.split(',').map(Number);

export function readFootprint(doc: number, corpus: Corpus, text: string): Footprint {
  const end = text.indexOf('\n');
  return {
    doc,
    corpus,
    lengths: numbers(end === -1 ? text : text.slice(0, end)),
    tf(term) {
      const at = text.indexOf(`\n${term} `);
      if (at === -1) return undefined;
      const from = at + term.length + 2;
      const to = text.indexOf('\n', from);
      return numbers(text.slice(from, to === -1 ? undefined : to));
    },
  };
}

/** Every term of a footprint with its occurrences per field. */
export function footprintTerms(text: string): Map<string, number[]> {
  const terms = new Map<string, number[]>();
  for (const line of text.split('\n').slice(1)) {
    const space = line.indexOf(' ');
    terms.set(line.slice(0, space), numbers(line.slice(space + 1)));
  }
  return terms;
}
