/**
 * General guidance for reference entries without a guide of their own: the family guide that covers
 * them, as `{ title, url }` (a JSON contract of lookup and API matches, and a link on reference pages).
 */
import { guideCodeKey } from '../codes/parse.ts';
import { guideKeysFor, type ReferenceEntry } from '../catalog/reference.ts';
import { familyGuideFor } from '../guides/family.ts';
import { guideUrl, type Guide } from '../guides/schema.ts';
import type { StoredGuide } from '../store/guides.ts';

export interface Guidance {
  title: string;
  url: string;
}

/** The family guide for an entry, as a link; undefined when no published family guide covers it. */
export function guidanceFor(entry: ReferenceEntry, familyGuides: readonly Guide[]): Guidance | undefined {
  const guide = familyGuideFor(entry, familyGuides);
  return guide ? { title: guide.title, url: guideUrl(guide) } : undefined;
}

/** Where guidance reads published guides: own guides by code key, and the family guides. */
export interface GuidanceSource {
  byCodeKeys(keys: readonly string[]): StoredGuide[] | Promise<StoredGuide[]>;
  families?(): readonly Guide[] | Promise<readonly Guide[]>;
}

/**
 * Guidance for each entry that has no guide of its own (undefined for the others), in the order given.
 * Two reads in all, whatever the number of entries.
 */
export async function guidanceForEntries(
  source: GuidanceSource,
  entries: readonly ReferenceEntry[],
): Promise<(Guidance | undefined)[]> {
  if (entries.length === 0 || !source.families) return entries.map(() => undefined);
  const families = await source.families();
  if (families.length === 0) return entries.map(() => undefined);
  const own = await source.byCodeKeys(entries.flatMap(guideKeysFor));
  const guided = new Set(own.map((s) => guideCodeKey(s.guide.code)));
  return entries.map((entry) =>
    guideKeysFor(entry).some((key) => guided.has(key)) ? undefined : guidanceFor(entry, families),
  );
}
