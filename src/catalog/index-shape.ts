/** What the catalog's queries read: its entries by value, by name and by part of a name. */
import type { ReferenceEntry } from './entry.ts';

/** Every name squashed (upper case, no underscores) and joined by newlines: one indexOf scans them all. */
export interface NameIndex {
  names: string;
  /** Where each name starts in `names`, ascending. */
  starts: ArrayLike<number>;
  /** The entry of the i-th name. */
  entry(i: number): ReferenceEntry;
}

/**
 * The lists behind the catalog, built in memory from the catalog files (memory-index.ts) or read from
 * the compiled snapshot (snapshot.ts). Both give the same entries in the same order.
 */
export interface CatalogIndex {
  /** Identifies the data the catalog was built from; changes when the data files change. */
  readonly version: string;
  entries(): readonly ReferenceEntry[];
  /** How many entries, without reading them. */
  count(): number;
  /** Entries with the value, the family's own catalog first. */
  withValue(value: number): readonly ReferenceEntry[];
  /** Entries whose upper-cased name is the key (HTTP statuses have no name key). */
  withKey(key: string): readonly ReferenceEntry[];
  names(): NameIndex;
  /** A facility's name by `family:value`. */
  facility(key: string): string | undefined;
  /** Every facility, as `family:value` and name. */
  facilities(): Iterable<[string, string]>;
}

export const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Adds to a map of one value or a list of them. */
export function add<K, V extends object>(map: Map<K, V | V[]>, key: K, value: V): void {
  const got = map.get(key);
  if (got === undefined) map.set(key, value);
  else if (Array.isArray(got)) got.push(value);
  else map.set(key, [got, value]);
}

/** The values under a key of such a map, as a list. */
export function listOf<K, V extends object>(map: Map<K, V | V[]>, key: K): V[] {
  const got = map.get(key);
  return got === undefined ? [] : Array.isArray(got) ? got : [got];
}
