import type { CodeReading } from '../codes/parse.ts';
import { ntstatusFromHresult, win32FromHresult } from '../codes/hresult.ts';
import { readableTitle } from './titles.ts';
import type { CatalogFiles } from './files.ts';

import {
  FAMILY_RANK,
  GENERIC_PREFIXES,
  type ReferenceEntry,
  type ReferenceFamily,
  type ReferenceHit,
  type Relation,
  obdEntry,
  referenceUrl,
  sentenceCase,
} from './entry.ts';
import { DERIVED_TITLE, NO_ROW, type Origin, WindowsEntryView, primacy } from './windows-entries.ts';

export * from './entry.ts';
export { DERIVED_TITLE, isDefiningEntry } from './windows-entries.ts';

const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * The reference catalogs in memory, indexed by value and by name. Pure: built from the parsed
 * catalog files, so it can be tested without disk or database.
 */
export class ReferenceCatalog {
  readonly entries: readonly ReferenceEntry[];
  /** Identifies the data the catalog was built from; changes when the data files change. */
  readonly version: string;
  // One entry, or a list when several share the key: most keys have one, and a list each is 60,000 arrays.
  private readonly byValue = new Map<number, ReferenceEntry | ReferenceEntry[]>();
  private readonly bySymbol = new Map<string, ReferenceEntry | ReferenceEntry[]>();
  /** Every name squashed (upper case, no underscores), joined by newlines: one indexOf scans them all. */
  #names: { names: string; starts: number[]; entries: ReferenceEntry[] } | undefined;
  private readonly facilities = new Map<string, string>();
  /** Entries by family and upper 16 bits, built on first use. */
  private byFacility: Map<string, ReferenceEntry[]> | undefined;

  constructor(files: CatalogFiles, version = 'unversioned') {
    this.version = version;
    const entries: ReferenceEntry[] = [];
    for (const file of [files.windows, files.windowsLgpl]) {
      const origin: Origin = {
        source: `Debian ${file.source.package.name} ${file.source.package.version}`,
        licence: file.licence.id,
        licenceOf: (header) => file.headers[header]?.licence,
      };
      for (const e of file.entries)
        entries.push(new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, origin, e));
      for (const f of file.facilities) this.facilities.set(`${f.family}:${f.value}`, f.name);
    }
    // The Windows SDK's headers: a place added to the mingw-w64 entry of the same symbol and value,
    // or an entry of its own.
    const sdk = files.windowsSdk;
    const windowsBySymbol = new Map<string, WindowsEntryView | WindowsEntryView[]>();
    for (const e of entries) add(windowsBySymbol, e.symbol, e as WindowsEntryView);
    const sdkOrigin: Origin = {
      source: `Windows SDK headers (${sdk.source.repository} ${sdk.source.commit.slice(0, 12)})`,
      licence: sdk.licence.id,
      fileOf: (header) => sdk.headers[header]?.path ?? header,
      placeSuffix: ' (Windows SDK)',
    };
    for (const e of sdk.entries) {
      const existing = e.inHeaders
        ? listOf(windowsBySymbol, e.symbol).find((w) => w.value === e.value)
        : undefined;
      if (existing) existing.addPlace(sdkOrigin, e);
      else entries.push(new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, sdkOrigin, e));
    }
    for (const f of sdk.facilities)
      if (!this.facilities.has(`${f.family}:${f.value}`))
        this.facilities.set(`${f.family}:${f.value}`, f.name);
    // Pages from Microsoft's documentation: added to the header's entry, or a new entry.
    const docs = files.microsoftDocs;
    const byKey = new Map<string, ReferenceEntry>();
    for (const e of entries)
      if (e.family === 'bugcheck' || e.family === 'hresult') byKey.set(`${e.symbol}:${e.value}`, e);
    const sources = docs.source as Record<string, { repository?: string } | undefined>;
    for (const e of docs.entries) {
      const existing = e.inHeaders ? byKey.get(`${e.symbol}:${e.value}`) : undefined;
      if (existing) {
        if (e.doc) (existing as WindowsEntryView).doc = e.doc;
        continue;
      }
      const from =
        e.family === 'setup'
          ? sources.setupErrors
          : e.family === 'hresult'
            ? sources.servicingErrors
            : sources.bugChecks;
      const view = new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, {
        source: `Microsoft documentation (${from?.repository ?? 'MicrosoftDocs'})`,
        file: e.doc ?? '',
        licence: docs.licence.id,
      });
      if (e.doc) view.doc = e.doc;
      entries.push(view);
    }
    const net = files.chromiumNet;
    const pkg = net.source.package as { name?: string; version?: string } | undefined;
    const upstream = net.source.upstream as { path?: string } | undefined;
    const netOrigin: Origin = {
      source:
        `Chromium ${upstream?.path ?? 'net_error_list.h'}, via npm ${pkg?.name ?? ''} ${pkg?.version ?? ''}`.trim(),
      file: upstream?.path ?? '',
      licence: net.licence.id,
    };
    for (const e of net.entries)
      entries.push(new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, netOrigin));
    // MySQL, then MariaDB's names MySQL lacks (a shared name and number adds MariaDB to the entry).
    const mysqlByKey = new Map<string, WindowsEntryView>();
    for (const [file, label] of [
      [files.mysql, 'MySQL'],
      [files.mariadb, 'MariaDB'],
    ] as const) {
      const from = file.source.package as { name?: string; version?: string; file?: string } | undefined;
      const version = (file.source.upstream as { version?: string } | undefined)?.version ?? '';
      const origin: Origin = {
        source: `${label} ${version}, via npm ${from?.name ?? ''} ${from?.version ?? ''}`,
        file: String(from?.file ?? ''),
        licence: file.licence.id,
        placeSuffix: `${label} ${version}`.trim(),
      };
      for (const e of file.entries) {
        const existing = e.inHeaders ? mysqlByKey.get(`${e.symbol}:${e.value}`) : undefined;
        if (existing) {
          existing.addPlace(origin, NO_ROW);
          continue;
        }
        const view = new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, origin);
        mysqlByKey.set(`${e.symbol}:${e.value}`, view);
        entries.push(view);
      }
    }
    const nss = files.nss;
    const nssOrigin: Origin = {
      source: `Debian ${nss.source.nss.name} ${nss.source.nss.version}, ${nss.source.nspr.name} ${nss.source.nspr.version}`,
      licence: nss.licence.id,
    };
    for (const e of nss.entries)
      entries.push(new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, nssOrigin, e));
    const apple = files.appleOsstatus;
    const appleOrigin: Origin = {
      source: `Apple MacErrors.h (${String(apple.source.repository)} ${String(apple.source.commit).slice(0, 12)})`,
      file: 'MacErrors.h',
      licence: apple.licence.id,
    };
    for (const e of apple.entries)
      entries.push(new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, appleOrigin, e));
    const ssl = files.openssl;
    const sslOrigin: Origin = {
      source: `Debian ${ssl.source.package.name} ${ssl.source.package.version}`,
      licence: ssl.licence.id,
    };
    for (const e of ssl.entries)
      entries.push(new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, sslOrigin, e));
    const errnoSource = `Debian ${files.errno.source.package.name} ${files.errno.source.package.version}`;
    const manpages = new Map(files.errnoManpages.entries.map((m) => [m.symbol, m]));
    const manpagesSource = `errno(3), Linux man-pages (Debian ${files.errnoManpages.source.package.name} ${files.errnoManpages.source.package.version}, ${files.errnoManpages.licence.id})`;
    for (const e of files.errno.entries) {
      const page = manpages.get(e.symbol);
      const title = page ? page.title : e.message ? sentenceCase(e.message) : readableTitle(e.symbol);
      const message = page ? page.message : e.message;
      entries.push({
        family: 'errno',
        catalog: 'errno',
        symbol: e.symbol,
        value: e.number,
        code: e.symbol,
        title,
        ...(message ? { message } : {}),
        titleSource: page
          ? manpagesSource
          : e.message
            ? `${files.errno.source.node.provenance} (MIT)`
            : DERIVED_TITLE,
        url: referenceUrl('errno', e.symbol),
        provenance: { source: errnoSource, file: e.header, line: e.line, licence: files.errno.licence.id },
      });
    }
    for (const e of files.http.entries) {
      entries.push({
        family: 'http',
        catalog: 'http',
        symbol: e.reason,
        value: e.status,
        code: String(e.status),
        title: e.reason,
        titleSource:
          e.reasonSource === 'rfc9110'
            ? 'RFC 9110 reason phrase'
            : `${files.http.source.node.provenance} (MIT)`,
        url: referenceUrl('http', String(e.status)),
        provenance: {
          source: e.reasonSource === 'rfc9110' ? 'RFC 9110' : files.http.source.node.provenance,
          file: e.rfc9110Section ? `RFC 9110 section ${e.rfc9110Section}` : 'http.STATUS_CODES',
          licence: files.http.licence.id,
        },
      });
    }
    this.entries = entries;
    for (const entry of entries) {
      add(this.byValue, entry.value, entry);
      if (entry.family === 'http') continue;
      const key = entry.symbol.toUpperCase();
      const same = this.bySymbol.get(key);
      // The same name with another value in one family (a header and the documentation disagree, or
      // two headers do) gets its own address: the name followed by its code.
      if (
        same &&
        entry instanceof WindowsEntryView &&
        (Array.isArray(same) ? same.some((e) => e.family === entry.family) : same.family === entry.family)
      )
        entry.suffixed = true;
      add(this.bySymbol, key, entry);
    }
    // Among entries of one value, the family's own catalog first (winerror.h before the headers that
    // alias its codes: E_ACCESSDENIED before DE_E_ACCESS_DENIED).
    for (const list of this.byValue.values())
      if (Array.isArray(list)) list.sort((a, b) => primacy(a) - primacy(b));
  }

  /** Every name squashed (upper case, no underscores), built on the first search by part of a name. */
  private nameIndex(): { names: string; starts: number[]; entries: ReferenceEntry[] } {
    if (!this.#names) {
      const squashedNames: string[] = [];
      const starts: number[] = [];
      const named: ReferenceEntry[] = [];
      let offset = 0;
      for (const entry of this.entries) {
        if (entry.family === 'http') continue;
        const key = squash(entry.symbol);
        squashedNames.push(key);
        starts.push(offset);
        named.push(entry);
        offset += key.length + 1;
      }
      this.#names = { names: squashedNames.join('\n'), starts, entries: named };
    }
    return this.#names;
  }

  facilityName = (family: 'hresult' | 'ntstatus', facility: number): string | undefined =>
    this.facilities.get(`${family}:${facility}`);

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
      ...listOf(this.bySymbol, key.toUpperCase()),
      ...(dash > 0 ? listOf(this.bySymbol, key.slice(0, dash).toUpperCase()) : []),
    ];
    return candidates.find((e) => e.url === url);
  }

  withValue(value: number, family?: ReferenceFamily): ReferenceEntry[] {
    const all = listOf(this.byValue, value);
    return family ? all.filter((e) => e.family === family) : all;
  }

  /** Entries by name, ignoring case; Chromium's `net::`/`NET::` prefix (as Chrome shows it) is dropped. */
  withSymbol(symbol: string): ReferenceEntry[] {
    const name = symbol.toUpperCase().replace(/^NET::/, '');
    return listOf(this.bySymbol, name);
  }

  /** Names containing the text, ignoring case and underscores; the shortest (closest) names first. */
  withSymbolPart(text: string, limit = 20): ReferenceEntry[] {
    const needle = squash(text);
    if (needle.length < 3) return [];
    const found = new Set<number>();
    const { names, entries } = this.nameIndex();
    for (let at = names.indexOf(needle); at !== -1; at = names.indexOf(needle, at + 1)) {
      found.add(this.nameIndexAt(at));
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
      .map((i) => entries[i]!)
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

  /** Which name a position in the joined names falls in (binary search over start offsets). */
  private nameIndexAt(position: number): number {
    let lo = 0;
    const starts = this.nameIndex().starts;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
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

/** Adds to a map of one value or a list of them. */
function add<K, V extends object>(map: Map<K, V | V[]>, key: K, value: V): void {
  const got = map.get(key);
  if (got === undefined) map.set(key, value);
  else if (Array.isArray(got)) got.push(value);
  else map.set(key, [got, value]);
}

/** The values under a key of such a map, as a list. */
function listOf<K, V extends object>(map: Map<K, V | V[]>, key: K): V[] {
  const got = map.get(key);
  return got === undefined ? [] : Array.isArray(got) ? got : [got];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
