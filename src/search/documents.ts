import { FAMILY_LABEL, type ReferenceEntry } from '../catalog/reference.ts';
import { numericForms } from '../codes/number.ts';
import { plainText } from '../guides/markdown.ts';
import { guideUrl, type Guide } from '../guides/schema.ts';

/** One searchable thing: a guide or a reference entry, flattened into weighted text fields. */
export interface SearchDoc {
  id: string;
  kind: 'guide' | 'reference';
  code: string;
  title: string;
  url: string;
  category: string;
  brand: string;
  product: string;
  severity?: string;
  symbol?: string;
  family?: string;
  /** A family guide (an overview of many codes): ranks below a guide for one code on the same words. */
  overview?: boolean;
  /** Every way the code is written: 0x80244007, 80244007, -2145107961, 2149859335. */
  codes: string;
  /** Official symbols and readable names. */
  names: string;
  summary: string;
  /** Causes, steps and FAQ. */
  body: string;
  /** Category, brand and product. */
  place: string;
}

function codeForms(code: string): string {
  const m = /^0x([0-9a-f]{1,8})$/i.exec(code);
  if (!m) return code;
  const f = numericForms(parseInt(m[1]!, 16));
  return [code, m[1], f.signed, f.unsigned].join(' ');
}

export function guideDoc(guide: Guide, officialSymbols: readonly string[] = []): SearchDoc {
  return {
    ...shownGuide(guide),
    id: guideUrl(guide),
    ...(guide.covers ? { overview: true } : {}),
    codes: codeForms(guide.code),
    names: officialSymbols.join(' '),
    body: [
      ...guide.causes,
      ...guide.steps.flatMap((s) => [s.action, s.why]),
      ...guide.faq.flatMap((f) => [f.question, f.answer]),
      ...guide.affected,
    ]
      .map(plainText)
      .join('\n'),
    place: `${guide.category} ${guide.brand} ${guide.product}`,
  };
}

const REFERENCE_PLACE: Record<string, { category: string; brand: string }> = {
  errno: { category: 'Operating systems', brand: 'Linux' },
  http: { category: 'Web', brand: 'HTTP' },
};

export function referenceDoc(entry: ReferenceEntry): SearchDoc {
  const place = REFERENCE_PLACE[entry.family] ?? { category: 'Operating systems', brand: 'Microsoft' };
  const product = FAMILY_LABEL[entry.family];
  return {
    id: entry.url,
    kind: 'reference',
    code: entry.code,
    title: entry.family === 'http' ? `${entry.code} ${entry.title}` : `${entry.symbol}: ${entry.title}`,
    url: entry.url,
    category: place.category,
    brand: place.brand,
    product,
    symbol: entry.symbol,
    family: entry.family,
    codes: codeForms(entry.code),
    names: `${entry.symbol} ${entry.title}${entry.message ? ` ${entry.message}` : ''}`,
    summary: '',
    body: '',
    place: `${place.category} ${place.brand} ${product}`,
  };
}

/** What a guide's result shows, without flattening its body (code matches need only this). */
export function shownGuide(guide: Guide): Omit<SearchDoc, 'id' | 'codes' | 'names' | 'body' | 'place'> {
  return {
    kind: 'guide',
    code: guide.code,
    title: plainText(guide.title),
    url: guideUrl(guide),
    category: guide.category,
    brand: guide.brand,
    product: guide.product,
    severity: guide.severity,
    summary: plainText(guide.summary),
  };
}
