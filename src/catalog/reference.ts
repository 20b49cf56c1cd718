import type { CodeReading } from '../codes/parse.ts';
import { ntstatusFromHresult, win32FromHresult } from '../codes/hresult.ts';
import type { CatalogFiles } from './files.ts';
import { type CatalogIndex, squash } from './index-shape.ts';
import { MemoryIndex } from './memory-index.ts';

import {
  FAMILY_RANK,
  GENERIC_PREFIXES,
  type ReferenceEntry,
  type ReferenceFamily,
  type ReferenceHit,
  type Relation,
  obdEntry,
} from './entry.ts';
import { primacy } from './windows-entries.ts';

export * from './entry.ts';
export { DERIVED_TITLE, isDefiningEntry } from './windows-entries.ts';

export type { CatalogIndex } from './index-shape.ts';

/**
 * The reference catalogs, queried by value, by name and by part of a name. Pure: built from the parsed
 * catalog files (or a compiled snapshot of them), so it can be tested without disk or database.
 */
export class ReferenceCatalog {
  /** Identifies the data the catalog was built from; changes when the data files change. */
  readonly version: string;
  private readonly index: CatalogIndex;
  /** Entries by family and upper 16 bits, built on first use. */
  private byFacility: Map<string, ReferenceEntry[]> | undefined;

  constructor(source: CatalogFiles | CatalogIndex, version = 'unversioned') {
    this.index = 'withValue' in source ? source : new MemoryIndex(source, version);
    this.version = this.index.version;
  }

  /** Every entry, in the catalog files' order. */
  get entries(): readonly ReferenceEntry[] {
    return this.index.entries();
  }

  /** How many entries, without reading them all. */
  get size(): number {
    return this.index.count();
  }

  facilityName = (family: 'hresult' | 'ntstatus', facility: number): string | undefined =>
    this.index.facility(`${family}:${facility}`);

  /** The entry at its own address, /reference/<family>/<name>[-<code>] (found by name, not by a map of every address). */
  byPath(url: string): ReferenceEntry | undefined {
    const m = /^\/reference\/([a-z0-9-]+)\/([^/?#]+)$/.exec(url);
    if (!m) return undefined;
    let key: string;
    try {
      key = decodeURIComponent(m[2]!);
    } catch {
      return undefined;
    }
    if (m[1] === 'http') return this.withValue(Number(key), 'http').find((e) => e.url === url);
    const dash = key.lastIndexOf('-');
    const candidates = [
      ...this.index.withKey(key.toUpperCase()),
      ...(dash > 0 ? this.index.withKey(key.slice(0, dash).toUpperCase()) : []),
    ];
    return candidates.find((e) => e.url === url);
  }

  withValue(value: number, family?: ReferenceFamily): ReferenceEntry[] {
    const all = this.index.withValue(value);
    return family ? all.filter((e) => e.family === family) : [...all];
  }

  /** Entries by name, ignoring case; Chromium's `net::`/`NET::` prefix (as Chrome shows it) is dropped. */
  withSymbol(symbol: string): ReferenceEntry[] {
    const name = symbol.toUpperCase().replace(/^NET::/, '');
    return [...this.index.withKey(name)];
  }

  /** Names containing the text, ignoring case and underscores; the shortest (closest) names first. */
  withSymbolPart(text: string, limit = 20): ReferenceEntry[] {
    const needle = squash(text);
    if (needle.length < 3) return [];
    const found = new Set<number>();
    const index = this.index.names();
    const { names } = index;
    for (let at = names.indexOf(needle); at !== -1; at = names.indexOf(needle, at + 1)) {
      found.add(nameAt(index.starts, at));
    }
    // Names containing the text as typed (with its underscores) first, then the shortest.
    const literal = text.toUpperCase();
    // The generic name first: the part under winerror.h's or ntstatus.h's plain prefix (ERROR_ACCESS_DENIED,
    // STATUS_ACCESS_DENIED) before a component's (HCS_E_ACCESS_DENIED, ER_DB_ACCESS_DENIED).
    const rank = (e: ReferenceEntry) => {
      const name = e.symbol.toUpperCase();
      if (!name.includes(literal)) return 2;
      return GENERIC_PREFIXES.has(name.replace(literal, '')) ? 0 : 1;
    };
    return [...found]
      .map((i) => index.entry(i))
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          primacy(a) - primacy(b) ||
          a.symbol.length - b.symbol.length ||
          FAMILY_RANK[a.family] - FAMILY_RANK[b.family] ||
          a.symbol.localeCompare(b.symbol),
      )
      .slice(0, limit);
  }

  /**
   * Entries of the same family and facility (upper 16 bits) around one: the `count` nearest by value
   * (the lower value first on a tie), in value order. Each facility's list is sorted once, then the
   * nearest are taken by walking outwards from the entry's place.
   */
  neighbours(entry: ReferenceEntry, count = 6): ReferenceEntry[] {
    if (entry.family === 'errno' || entry.family === 'http' || entry.family === 'obd') return [];
    if (!this.byFacility) {
      this.byFacility = new Map();
      for (const e of this.entries) push(this.byFacility, `${e.family}:${e.value >>> 16}`, e);
      for (const list of this.byFacility.values()) list.sort((a, b) => a.value - b.value);
    }
    const list = this.byFacility.get(`${entry.family}:${entry.value >>> 16}`) ?? [];
    const at = list.indexOf(entry, lowerBound(list, entry.value));
    let below = at - 1;
    let above = at + 1;
    const near: ReferenceEntry[] = [];
    while (near.length < count && (below >= 0 || above < list.length)) {
      const down = below >= 0 ? entry.value - list[below]!.value : Infinity;
      const up = above < list.length ? list[above]!.value - entry.value : Infinity;
      near.push(down <= up ? list[below--]! : list[above++]!);
    }
    return near.sort((a, b) => a.value - b.value);
  }

  /**
   * Every catalog entry a reading may mean, most likely first. Eight-digit values read as HRESULT and
   * NTSTATUS first, then what they carry (HRESULT_FROM_WIN32, HRESULT_FROM_NT); small values as Win32
   * errors, stop codes, errno numbers and HTTP statuses, in that order.
   */
  find(reading: CodeReading): ReferenceHit[] {
    const hits: ReferenceHit[] = [];
    const add = (entries: readonly ReferenceEntry[], relation: Relation) => {
      for (const entry of entries) {
        if (!hits.some((h) => h.entry === entry)) hits.push({ entry, relation, reading });
      }
    };
    switch (reading.scheme) {
      case 'number': {
        const v = reading.value;
        const order: ReferenceFamily[] =
          reading.written === 'signed' && v >= 0xffff_0000
            ? ['chromium-net', 'nss', 'jet', 'osstatus', 'hresult', 'ntstatus', 'win32']
            : v > 0xffff
              ? ['hresult', 'ntstatus', 'setup', 'openssl', 'win32', 'bugcheck', 'pdh']
              : reading.written === 'hex'
                ? // Stop codes are written in hex (0x116), Win32 errors in decimal (278).
                  ['bugcheck', 'win32', 'hresult', 'ntstatus']
                : ['win32', 'bugcheck', 'hresult', 'ntstatus'];
        if (v <= 0xffff && reading.written !== 'hex')
          order.push('errno', 'http', 'cmprob', 'mmresult', 'mcierror', 'mysql', 'osstatus');
        if (v <= 0xffff) order.push('configret', 'pdh');
        const exact = order.flatMap((family) => this.withValue(v, family));
        // The defining catalogs' names, then what the value carries, then other headers' aliases.
        add(
          exact.filter((e) => primacy(e) === 0),
          'exact',
        );
        const win32 = win32FromHresult(v);
        if (win32 !== undefined) add(this.withValue(win32, 'win32'), 'win32-in-hresult');
        const nt = ntstatusFromHresult(v);
        if (nt !== undefined) add(this.withValue(nt, 'ntstatus'), 'ntstatus-in-hresult');
        add(exact, 'exact');
        break;
      }
      case 'http':
        add(this.withValue(reading.status, 'http'), 'exact');
        break;
      case 'symbol': {
        add(this.withSymbol(reading.name), 'symbol');
        if (hits.length === 0) add(this.withSymbolPart(reading.name), 'symbol-part');
        break;
      }
      case 'obd': {
        const entry = obdEntry(reading.code);
        if (entry) hits.push({ entry, relation: 'exact', reading });
        break;
      }
    }
    return hits;
  }
}

/** The first index in `list` (sorted by value) whose value is not below `value`. */
function lowerBound(list: readonly ReferenceEntry[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.value < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Which name a position in the joined names falls in (binary search over start offsets). */
function nameAt(starts: ArrayLike<number>, position: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
