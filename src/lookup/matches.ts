/** What a lookup answers with: matches, unknown codes, and where guides come from. */
import type { ReferenceEntry, ReferenceHit } from '../catalog/reference.ts';
import { guideKeysFor, valueForms } from '../catalog/reference.ts';
import type { NumericDecoding } from '../codes/decode.ts';
import { guideCodeKey, type CodeReading } from '../codes/parse.ts';
import type { NumericForms } from '../codes/number.ts';
import { guideUrl, type Guide, type Severity } from '../guides/schema.ts';
import type { Db } from '../store/db.ts';
import { publishedByCodeKeys, publishedFamilyGuides, type StoredGuide } from '../guides/repository.ts';
import { familyName } from './families.ts';

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
  /** The code this match answers for (num:…, http:…, sym:…, obd:…). */
  key?: string;
  /** The family in plain words: "Windows stop code (bug check)". */
  familyName?: string;
  /** Why it is listed, in plain words. */
  why?: string;
  score?: number;
  /** For a reference entry without a guide of its own: the general guide for its family. */
  guidance?: { title: string; url: string };
}

/** An exact code that no catalog and no guide has: what can still be said about it. */
export interface UnknownCode {
  code: string;
  key: string;
  family?: string;
  familyName: string;
  reading: string;
  decoded?: NumericDecoding;
  /** The family's general guide, when one exists. */
  guidance?: { title: string; url: string };
}

/** A code candidate found in the text, for readers who meant another one. */
export interface CandidateInfo {
  text: string;
  key: string;
  score: number;
  why: string;
}

export interface LookupResult {
  query: string;
  readings: CodeReading[];
  matches: Match[];
  candidates: CandidateInfo[];
  unknown?: UnknownCode;
  /** Other codes: near values, names containing the text, other candidates' answers. Never the answer. */
  others: Match[];
  /** Whether the first match is clearly the answer (the page may go straight to it). */
  clear: boolean;
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
    familyName: familyName(entry.family),
  };
}

/** Where lookup finds published guides by code key (in memory: PublishedGuides; or the store). */
export interface GuideSource {
  byCodeKeys(keys: readonly string[]): StoredGuide[] | Promise<StoredGuide[]>;
  /** Published family guides, for the guidance of entries without a guide. */
  families?(): readonly Guide[] | Promise<readonly Guide[]>;
}

/** Published guides read from the store at each lookup (one-off commands). */
export function storeGuides(db: Db): GuideSource {
  return {
    byCodeKeys: (keys) => publishedByCodeKeys(db, keys),
    families: async () => (await publishedFamilyGuides(db)).map((s) => s.guide),
  };
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

/** Keys a guide about this entry may be filed under: its value's forms and its symbol. */
export function bridgeKeys(entry: ReferenceEntry): string[] {
  return [...guideKeysFor(entry), `sym:${entry.symbol.toUpperCase()}`];
}
