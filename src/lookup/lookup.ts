import { guideCodeKey, readQuery, readingKey, type CodeReading } from '../codes/parse.ts';
import { guideUrl, type Guide, type Severity } from '../guides/schema.ts';
import type { Db } from '../store/db.ts';
import { publishedByCodeKeys } from '../store/guides.ts';

/** One answer to a lookup: a curated guide or a reference entry. JSON field names are a contract. */
export interface Match {
  kind: 'guide' | 'reference';
  code: string;
  title: string;
  url: string;
  id?: string;
  category?: string;
  brand?: string;
  product?: string;
  severity?: Severity;
  /** How the query was read to find this match. */
  reading: string;
}

export interface LookupResult {
  query: string;
  readings: CodeReading[];
  matches: Match[];
}

export function describeReading(reading: CodeReading): string {
  switch (reading.scheme) {
    case 'number':
      return `${reading.written === 'hex' ? 'hexadecimal' : reading.written === 'signed' ? 'signed decimal' : 'decimal'} ${reading.text}`;
    case 'obd':
      return `OBD-II code ${reading.code}`;
    case 'http':
      return `HTTP status ${reading.status}`;
    case 'symbol':
      return `name ${reading.name}`;
  }
}

export function guideMatch(guide: Guide, reading: string): Match {
  return {
    kind: 'guide',
    code: guide.code,
    title: guide.title,
    url: guideUrl(guide),
    id: guide.id,
    category: guide.category,
    brand: guide.brand,
    product: guide.product,
    severity: guide.severity,
    reading,
  };
}

/** Finds everything a query may mean: every reading of it, then the guides filed under each. */
export async function lookup(db: Db, query: string): Promise<LookupResult> {
  const readings = readQuery(query);
  const keys = readings.map(readingKey);
  const guides = await publishedByCodeKeys(db, keys);
  const seen = new Set<string>();
  const matches: Match[] = [];
  for (const { guide } of guides) {
    if (seen.has(guide.id)) continue;
    seen.add(guide.id);
    const key = guideCodeKey(guide.code);
    const reading = readings.find((r) => readingKey(r) === key);
    matches.push(guideMatch(guide, reading ? describeReading(reading) : query));
  }
  return { query, readings, matches };
}
