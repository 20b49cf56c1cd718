import { decodeObd, obdStructureTitle } from '../codes/obd.ts';
import { numericForms, type NumericForms } from '../codes/number.ts';
import type { CodeReading } from '../codes/parse.ts';
import { hresultFromWin32, ntstatusFromHresult, win32FromHresult } from '../codes/hresult.ts';
import { mysqlTitle, nssTitle, osstatusTitle, readableTitle } from './titles.ts';
import type { CatalogFiles } from './files.ts';

export type ReferenceFamily =
  | 'hresult'
  | 'ntstatus'
  | 'win32'
  | 'bugcheck'
  | 'configret'
  | 'cmprob'
  | 'mmresult'
  | 'mcierror'
  | 'jet'
  | 'pdh'
  | 'chromium-net'
  | 'setup'
  | 'openssl'
  | 'mysql'
  | 'osstatus'
  | 'nss'
  | 'errno'
  | 'http'
  | 'obd';

export const FAMILY_LABEL: Record<ReferenceFamily, string> = {
  hresult: 'HRESULT',
  ntstatus: 'NTSTATUS',
  win32: 'Win32 error',
  bugcheck: 'Bug check (stop code)',
  configret: 'CONFIGRET (Configuration Manager)',
  cmprob: 'Device Manager problem code',
  mmresult: 'MMRESULT (Windows multimedia)',
  mcierror: 'MCI error (Media Control Interface)',
  jet: 'ESE / Jet database error',
  pdh: 'PDH status (performance counters)',
  'chromium-net': 'Chromium network error',
  setup: 'Windows Setup result code',
  openssl: 'OpenSSL error',
  mysql: 'MySQL / MariaDB error',
  osstatus: 'macOS OSStatus',
  nss: 'NSS / Firefox security error',
  errno: 'Linux errno',
  http: 'HTTP status',
  obd: 'OBD-II trouble code',
};

/** The plain prefixes of winerror.h and ntstatus.h, which name a condition rather than a component. */
const GENERIC_PREFIXES: ReadonlySet<string> = new Set(['ERROR_', 'STATUS_', 'E_', 'S_']);

/** Families in the order above: on a tie, Windows names before the other catalogs' (ERROR_ACCESS_DENIED before ER_DB_ACCESS_DENIED). */
const FAMILY_RANK = Object.fromEntries(Object.keys(FAMILY_LABEL).map((f, i) => [f, i])) as Record<
  ReferenceFamily,
  number
>;

/** The page that explains a family: what it is, where it is met, how to read its values. */
export function familyUrl(family: ReferenceFamily): string {
  return `/reference/${family}`;
}

export interface Provenance {
  /** Debian package and version, or the runtime the data came from. */
  source: string;
  file: string;
  line?: number;
  alsoIn?: readonly { header: string; line: number }[];
  licence: string;
}

/** One row of an authoritative catalog, shaped for pages and JSON. */
export interface ReferenceEntry {
  family: ReferenceFamily;
  /** Header stem or catalog name: winerror, wuerror, ntstatus, errno, http… */
  catalog: string;
  symbol: string;
  value: number;
  /** Canonical display form: 0x80244007, 5, ENOENT, 503. */
  code: string;
  title: string;
  message?: string;
  /** The code's page in its vendor's documentation. */
  doc?: string;
  /** Where the title (or message) comes from, when it is not derived from the symbol by Errata. */
  titleSource?: string;
  url: string;
  provenance: Provenance;
}

/** How a reading reached an entry: the value itself, or a value carried inside it. */
export type Relation = 'exact' | 'win32-in-hresult' | 'ntstatus-in-hresult' | 'symbol' | 'symbol-part';

export interface ReferenceHit {
  entry: ReferenceEntry;
  relation: Relation;
  reading: CodeReading;
}

const hex8 = (v: number) => `0x${v.toString(16).toUpperCase().padStart(8, '0')}`;

function displayCode(family: ReferenceFamily, value: number, symbol: string): string {
  switch (family) {
    case 'hresult':
    case 'ntstatus':
      return hex8(value);
    case 'bugcheck':
      return hex8(value);
    case 'win32':
      return value > 0xffff ? hex8(value) : String(value);
    case 'configret':
    case 'pdh':
    case 'setup':
      return hex8(value);
    case 'cmprob':
    case 'mmresult':
    case 'mcierror':
      return String(value);
    case 'jet':
    case 'chromium-net':
    case 'osstatus':
    case 'nss':
      return String(value | 0);
    case 'mysql':
      return String(value);
    case 'openssl':
      // As OpenSSL prints it: error:0A000086:SSL routines::certificate verify failed.
      return value.toString(16).toUpperCase().padStart(8, '0');
    case 'errno':
      return symbol;
    case 'http':
    case 'obd':
      return String(value);
  }
}

export function referenceUrl(family: ReferenceFamily, symbol: string): string {
  return `/reference/${family}/${encodeURIComponent(symbol.toLowerCase())}`;
}

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

/** What the entries of one catalog file share; each entry's own place is its row. */
interface Origin {
  source: string;
  licence: string;
  /** One file for every entry (a documentation page, a package's list). */
  file?: string;
  /** The path of a row's header, when it differs from the header's name. */
  fileOf?: (header: string) => string;
  /** A header's own licence, when headers differ. */
  licenceOf?: (header: string) => string | undefined;
  /** Added to the header of a place this source gives another entry (" (Windows SDK)"), or its name. */
  placeSuffix?: string;
}

/** The fields of a catalog row that say where it is defined. */
interface Row {
  header?: string;
  line?: number;
  alsoIn?: readonly { header: string; line: number }[];
}

const NO_ROW: Row = {};

/** Said of titles Errata derives from the symbol (prefix labels and an abbreviation dictionary). */
export const DERIVED_TITLE = "Errata's reading of the symbolic name (src/catalog/titles.ts)";

/** A Windows catalog entry whose readable title is derived on first use: most are never shown. */
class WindowsEntryView implements ReferenceEntry {
  /** The code's page in its vendor's documentation. */
  doc: string | undefined;
  /** Another entry of the family has this name: the address carries the code too. */
  suffixed = false;
  #title: string | undefined;
  #code: string | undefined;
  #url: string | undefined;

  #provenance: Provenance | undefined;
  /** Places merged in from another source (the SDK's header, MariaDB), named by that source's origin. */
  #extra: Array<readonly [Origin, Row]> | undefined;

  constructor(
    readonly family: ReferenceFamily,
    readonly catalog: string,
    readonly symbol: string,
    readonly value: number,
    private readonly origin: Origin,
    private readonly row: Row = NO_ROW,
  ) {}

  /** Another source defines the same symbol and value here. */
  addPlace(origin: Origin, row: Row): void {
    (this.#extra ??= []).push([origin, row]);
  }

  // Built on first use from the file's shared origin and the entry's own row.
  get provenance(): Provenance {
    if (!this.#provenance) {
      const { origin, row } = this;
      const suffix = origin.placeSuffix ?? '';
      const alsoIn = [
        ...(row.alsoIn ?? []).map((a) => (suffix ? { header: `${a.header}${suffix}`, line: a.line } : a)),
        ...(this.#extra ?? []).map(([o, r]) => ({
          header: r.header ? `${r.header}${o.placeSuffix ?? ''}` : (o.placeSuffix ?? ''),
          line: r.line ?? 0,
        })),
      ];
      const header = row.header;
      this.#provenance = {
        source: origin.source,
        file: header ? (origin.fileOf?.(header) ?? header) : (origin.file ?? ''),
        ...(row.line ? { line: row.line } : {}),
        ...(alsoIn.length > 0 ? { alsoIn } : {}),
        licence: (header && origin.licenceOf?.(header)) || origin.licence,
      };
    }
    return this.#provenance;
  }

  // Derived on first use: most of the 30,000 entries are never shown.
  get code(): string {
    this.#code ??= displayCode(this.family, this.value, this.symbol);
    return this.#code;
  }

  get url(): string {
    this.#url ??= this.suffixed
      ? `${referenceUrl(this.family, this.symbol)}-${this.code.toLowerCase()}`
      : referenceUrl(this.family, this.symbol);
    return this.#url;
  }

  get title(): string {
    this.#title ??=
      this.family === 'mysql'
        ? mysqlTitle(this.symbol)
        : this.family === 'osstatus'
          ? osstatusTitle(this.symbol)
          : this.family === 'nss'
            ? nssTitle(this.symbol)
            : readableTitle(this.symbol);
    return this.#title;
  }

  get titleSource(): string {
    return DERIVED_TITLE;
  }

  toJSON(): ReferenceEntry {
    const { family, catalog, symbol, value, code, title, titleSource, url, provenance, doc } = this;
    return {
      family,
      catalog,
      symbol,
      value,
      code,
      title,
      titleSource,
      url,
      provenance,
      ...(doc ? { doc } : {}),
    };
  }
}

/** OpenSSL's reason headers each define their library's codes. */
const OPENSSL_CATALOGS = [
  'asn1err',
  'asyncerr',
  'bioerr',
  'bnerr',
  'buffererr',
  'cmperr',
  'cmserr',
  'comperr',
  'conferr',
  'crmferr',
  'cryptoerr',
  'cterr',
  'decodererr',
  'dherr',
  'dsaerr',
  'ecerr',
  'encodererr',
  'engineerr',
  'esserr',
  'evperr',
  'httperr',
  'kdferr',
  'objectserr',
  'ocsperr',
  'pemerr',
  'pkcs12err',
  'pkcs7err',
  'proverr',
  'randerr',
  'rsaerr',
  'sslerr',
  'storeerr',
  'tserr',
  'uierr',
  'x509err',
  'x509v3err',
];

/** Catalogs that define their family, and the system-wide errno/HTTP tables: ranked before the rest. */
const PRIMARY_CATALOGS: ReadonlySet<string> = new Set([
  'winerror',
  'ntstatus',
  'bugcodes',
  'bug-check-reference',
  'windows-setup',
  'cbs',
  'mysql',
  'mariadb',
  'macerrors',
  'secerr',
  'sslerr',
  'prerr',
  ...OPENSSL_CATALOGS,
  'errno',
  'http',
]);
const primacy = (e: ReferenceEntry): number => (PRIMARY_CATALOGS.has(e.catalog) ? 0 : 1);

/**
 * Whether the entry comes from the catalog that defines its family (winerror.h, ntstatus.h, the bug
 * check reference, ...) rather than from a header that reuses the value under another name.
 */
export function isDefiningEntry(entry: ReferenceEntry): boolean {
  return primacy(entry) === 0;
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

/** OBD-II codes have no redistributable catalog: their reference entry is their decoded structure. */
export function obdEntry(code: string): ReferenceEntry | null {
  const decoded = decodeObd(code);
  if (!decoded) return null;
  return {
    family: 'obd',
    catalog: 'obd-ii',
    symbol: decoded.code,
    value: 0,
    code: decoded.code,
    title: obdStructureTitle(decoded),
    url: referenceUrl('obd', decoded.code),
    provenance: {
      source: 'Decoded from the code structure (SAE J2012 / ISO 15031-6 layout)',
      file: '',
      licence: 'facts',
    },
  };
}

export function valueForms(entry: ReferenceEntry): NumericForms | undefined {
  return entry.family === 'errno' || entry.family === 'http' || entry.family === 'obd'
    ? undefined
    : numericForms(entry.value);
}

/** Node's messages are lower case ("i/o error"): capitalise the first word, keep known acronyms. */
function sentenceCase(message: string): string {
  const text = message.replace(/\bi\/o\b/gi, 'I/O');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Guide keys that belong to a reference entry: its value, and for Win32 errors their HRESULT form. */
export function guideKeysFor(entry: ReferenceEntry): string[] {
  switch (entry.family) {
    case 'win32':
      return entry.value > 0 && entry.value <= 0xffff
        ? [`num:${hresultFromWin32(entry.value)}`, `num:${entry.value}`]
        : [`num:${entry.value}`];
    case 'errno':
      return [`sym:${entry.symbol}`];
    case 'http':
      return [`http:${entry.value}`];
    case 'obd':
      return [`obd:${entry.symbol}`];
    default:
      return [`num:${entry.value}`];
  }
}
