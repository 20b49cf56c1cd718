import { guideKeysFor, type ReferenceCatalog } from '../catalog/reference.ts';
import { hresultFromWin32 } from '../codes/hresult.ts';
import { readQuery, readingKey } from '../codes/parse.ts';
import { referenceDoc, type SearchDoc } from './documents.ts';

/** Exact code matches score above any text match. */
export const CODE_SCORE = 1_000_000;

/** A query that is part of a constant's name: upper case with an underscore. */
const CONSTANT_PART = /^[A-Z0-9]*_[A-Z0-9_]*$/;

export interface CodeMatch {
  doc: SearchDoc;
  score: number;
}

/**
 * What lookup reads in a query, as ranked documents: guides filed under a reading (or for an entry
 * named exactly), guides for a short Win32 code's HRESULT form, the reference entries read, and for
 * part of a constant's name the five shortest names containing it. The same rules as the code-aware
 * part of SearchEngine.rank; `guidesByKey` holds published guides' documents by code key.
 */
export function codeMatches(
  query: string,
  catalog: ReferenceCatalog,
  guidesByKey: ReadonlyMap<string, readonly SearchDoc[]>,
): CodeMatch[] {
  const out: CodeMatch[] = [];
  const seen = new Set<string>();
  const push = (doc: SearchDoc, score: number) => {
    if (seen.has(doc.url)) return;
    seen.add(doc.url);
    out.push({ doc, score });
  };
  const readings = readQuery(query);
  const catalogHits = readings.flatMap((reading) => catalog.find(reading));
  const exactHits = catalogHits.filter((h) => h.relation !== 'symbol-part');
  for (const reading of readings) {
    for (const doc of guidesByKey.get(readingKey(reading)) ?? []) push(doc, CODE_SCORE * 2);
  }
  for (const hit of exactHits.filter((h) => h.relation === 'symbol')) {
    for (const key of guideKeysFor(hit.entry)) {
      for (const doc of guidesByKey.get(key) ?? []) push(doc, CODE_SCORE * 2);
    }
  }
  // A short Win32 code also finds guides for its HRESULT form (12002 → 0x80072EE2).
  for (const reading of readings) {
    if (reading.scheme !== 'number' || reading.value === 0 || reading.value > 0xffff) continue;
    for (const doc of guidesByKey.get(`num:${hresultFromWin32(reading.value)}`) ?? []) {
      push(doc, CODE_SCORE * 1.5);
    }
  }
  for (const hit of exactHits) push(referenceDoc(hit.entry), CODE_SCORE);
  if (CONSTANT_PART.test(query.trim())) {
    for (const hit of catalogHits.filter((h) => h.relation === 'symbol-part').slice(0, 5)) {
      push(referenceDoc(hit.entry), CODE_SCORE / 2);
    }
  }
  return out;
}
