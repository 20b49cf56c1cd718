/**
 * General guidance for reference entries without a guide of their own: the family guide that covers
 * them, as `{ title, url }` (a JSON contract of lookup and API matches, and a link on reference pages).
 */
import { guideCodeKey, readingKey } from '../codes/parse.ts';
import { guideKeysFor, type ReferenceEntry } from '../catalog/reference.ts';
import { familyGuideFor, familyGuideForUnknown } from '../guides/family.ts';
import type { CodeReading } from '../codes/parse.ts';
import { guideUrl, type Guide } from '../guides/schema.ts';
import type { StoredGuide } from '../guides/repository.ts';
import type { LookupResult } from './matches.ts';

export interface Guidance {
  title: string;
  url: string;
}

/** The family guide for an entry, as a link; undefined when no published family guide covers it. */
export function guidanceFor(entry: ReferenceEntry, familyGuides: readonly Guide[]): Guidance | undefined {
  const guide = familyGuideFor(entry, familyGuides);
  return guide ? { title: guide.title, url: guideUrl(guide) } : undefined;
}

/** For a lookup that found nothing: the family guide of the first code read that one covers. */
export function guidanceForUnknown(
  readings: readonly CodeReading[],
  familyGuides: readonly Guide[],
): Guidance | undefined {
  for (const reading of readings) {
    if (reading.scheme !== 'number' && reading.scheme !== 'http') continue;
    const guide = familyGuideForUnknown(reading, familyGuides);
    if (guide) return { title: guide.title, url: guideUrl(guide) };
  }
  return undefined;
}

/** Where guidance reads published guides: own guides by code key, and the family guides. */
export interface GuidanceSource {
  byCodeKeys(keys: readonly string[]): StoredGuide[] | Promise<StoredGuide[]>;
  families?(): readonly Guide[] | Promise<readonly Guide[]>;
}

/**
 * Guidance for each entry that has no guide of its own (undefined for the others), in the order given.
 * At most two reads, whatever the number of entries: the family guides only when some entry has no guide.
 */
export async function guidanceForEntries(
  source: GuidanceSource,
  entries: readonly ReferenceEntry[],
): Promise<(Guidance | undefined)[]> {
  if (entries.length === 0 || !source.families) return entries.map(() => undefined);
  const own = await source.byCodeKeys(entries.flatMap(guideKeysFor));
  const guided = new Set(own.map((s) => guideCodeKey(s.guide.code)));
  const unguided = entries.map((entry) => !guideKeysFor(entry).some((key) => guided.has(key)));
  // Family guides are read only when some entry has no guide of its own.
  if (!unguided.includes(true)) return entries.map(() => undefined);
  const families = await source.families();
  return entries.map((entry, i) => (unguided[i] ? guidanceFor(entry, families) : undefined));
}

export interface UnguidedTarget {
  family: string;
  code: string;
}

const hex8 = (v: number) => `0x${(v >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

/**
 * What a lookup that found no guide counts as visits without a guide: each reference entry it found,
 * or else each number, OBD-II code or HTTP status it read (never free text: names may be anything).
 */
export function unguidedTargets(
  result: Pick<LookupResult, 'readings' | 'matches'> & { unknown?: { key: string } },
): UnguidedTarget[] {
  if (result.matches.some((m) => m.kind === 'guide')) return [];
  const references = result.matches.filter((m) => m.kind === 'reference' && m.family);
  if (references.length > 0) return references.map((m) => ({ family: m.family!, code: m.code }));
  // The code read as unknown, when lookup named one; not every number elsewhere in a pasted text.
  const unknown = result.unknown;
  const readings = unknown ? result.readings.filter((r) => readingKey(r) === unknown.key) : result.readings;
  return readings.flatMap((r): UnguidedTarget[] => {
    switch (r.scheme) {
      case 'number':
        return [{ family: 'unknown', code: hex8(r.value) }];
      case 'obd':
        return [{ family: 'obd', code: r.code }];
      case 'http':
        return [{ family: 'http', code: String(r.status) }];
      default:
        return [];
    }
  });
}
