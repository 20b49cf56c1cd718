import type { ReferenceCatalog, ReferenceHit } from '../catalog/reference.ts';
import { guideKeysFor, valueForms, type ReferenceEntry } from '../catalog/reference.ts';
import { guideCodeKey, readQuery, readingKey, type CodeReading } from '../codes/parse.ts';
import type { NumericForms } from '../codes/number.ts';
import { guideUrl, type Guide, type Severity } from '../guides/schema.ts';
import type { Db } from '../store/db.ts';
import { publishedByCodeKeys, type StoredGuide } from '../store/guides.ts';

/** One answer to a lookup: a curated guide or a reference entry. JSON field names are a contract. */
export interface Match {
  kind: 'guide' | 'reference';
  code: string;
  title: string;
  url: string;
  /** How the query was read to find this match. */
  reading: string;
  id?: string;
  category?: string;
  brand?: string;
  product?: string;
  severity?: Severity;
  symbol?: string;
  catalog?: string;
  family?: string;
  value?: NumericForms;
  relation?: string;
  key?: string;
}

export interface LookupResult {
  query: string;
  readings: CodeReading[];
  matches: Match[];
  unknown?: { key: string };
}

/** Keys a guide about this entry may be filed under: its value's forms and its symbol. */
export function bridgeKeys(entry: ReferenceEntry): string[] {
  return [...guideKeysFor(entry), `sym:${entry.symbol.toUpperCase()}`];
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

const RELATION_NOTE: Record<string, string> = {
  'win32-in-hresult': ', unwrapped from HRESULT_FROM_WIN32',
  'ntstatus-in-hresult': ', unwrapped from an NT-mapped HRESULT',
  'symbol-part': ', part of the name',
};

export function guideMatch(guide: Guide, reading: string): Match {
  return {
    kind: 'guide',
    code: guide.code,
    title: guide.title,
    url: guideUrl(guide),
    reading,
    id: guide.id,
    category: guide.category,
    brand: guide.brand,
    product: guide.product,
    severity: guide.severity,
  };
}

export function referenceMatch(hit: ReferenceHit): Match {
  const { entry } = hit;
  const value = valueForms(entry);
  return {
    kind: 'reference',
    code: entry.code,
    title: entry.title,
    url: entry.url,
    reading: `${describeReading(hit.reading)}${RELATION_NOTE[hit.relation] ?? ''}`,
    symbol: entry.symbol,
    catalog: entry.catalog,
    family: entry.family,
    ...(value ? { value } : {}),
    relation: hit.relation,
  };
}

/** Where lookup finds published guides by code key (in memory: PublishedGuides; or the store). */
export interface GuideSource {
  byCodeKeys(keys: readonly string[]): StoredGuide[] | Promise<StoredGuide[]>;
}

/** Published guides read from the store at each lookup (one-off commands). */
export function storeGuides(db: Db): GuideSource {
  return { byCodeKeys: (keys) => publishedByCodeKeys(db, keys) };
}

/** Guides held in memory (the benchmark and tests read content files without a store). */
export function memoryGuides(guides: readonly Guide[]): GuideSource {
  const byKey = new Map<string, StoredGuide[]>();
  for (const guide of guides) {
    const key = guideCodeKey(guide.code);
    if (key === null) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), { guide, revision: 1, updatedAt: '' }]);
  }
  return { byCodeKeys: (keys) => [...new Set(keys)].flatMap((k) => byKey.get(k) ?? []) };
}

/**
 * Finds everything a query may mean: every reading of it, then the guides filed under each reading and
 * every catalog entry for it. Guides come first; a guide is what most people need.
 */
export async function lookup(
  source: GuideSource,
  catalog: ReferenceCatalog | undefined,
  query: string,
): Promise<LookupResult> {
  const readings = readQuery(query);
  const guides = await source.byCodeKeys(readings.map(readingKey));
  const matches: Match[] = [];
  const seen = new Set<string>();
  for (const { guide } of guides) {
    if (seen.has(guide.id)) continue;
    seen.add(guide.id);
    const key = guideCodeKey(guide.code);
    const reading = readings.find((r) => readingKey(r) === key);
    matches.push(guideMatch(guide, reading ? describeReading(reading) : query));
  }
  if (catalog) {
    for (const reading of readings) {
      for (const hit of catalog.find(reading)) {
        if (seen.has(hit.entry.url)) continue;
        seen.add(hit.entry.url);
        matches.push(referenceMatch(hit));
      }
    }
  }
  return { query, readings, matches };
}
