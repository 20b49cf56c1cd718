import { decodeObd, obdStructureTitle } from '../codes/obd.ts';
import { numericForms, type NumericForms } from '../codes/number.ts';
import type { CodeReading } from '../codes/parse.ts';
import { hresultFromWin32, ntstatusFromHresult, win32FromHresult } from '../codes/hresult.ts';
import { readableTitle } from './titles.ts';
import type { CatalogFiles } from './windows-data.ts';

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
  errno: 'Linux errno',
  http: 'HTTP status',
  obd: 'OBD-II trouble code',
};

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
      return String(value | 0);
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
  private readonly byValue = new Map<number, ReferenceEntry[]>();
  private readonly bySymbol = new Map<string, ReferenceEntry[]>();
  private readonly byUrl = new Map<string, ReferenceEntry>();
  /** Every name squashed (upper case, no underscores), joined by newlines: one indexOf scans them all. */
  private readonly names: string;
  private readonly nameStarts: number[] = [];
  private readonly nameEntries: ReferenceEntry[] = [];
  private readonly facilities = new Map<string, string>();
  /** Entries by family and upper 16 bits, built on first use. */
  private byFacility: Map<string, ReferenceEntry[]> | undefined;

  constructor(files: CatalogFiles, version = 'unversioned') {
    this.version = version;
    const entries: ReferenceEntry[] = [];
    for (const file of [files.windows, files.windowsLgpl]) {
      const pkg = `Debian ${file.source.package.name} ${file.source.package.version}`;
      for (const e of file.entries) {
        entries.push(
          new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, {
            source: pkg,
            file: e.header,
            line: e.line,
            ...(e.alsoIn ? { alsoIn: e.alsoIn } : {}),
            licence: file.headers[e.header]?.licence ?? file.licence.id,
          }),
        );
      }
      for (const f of file.facilities) this.facilities.set(`${f.family}:${f.value}`, f.name);
    }
    // Pages from Microsoft's documentation: added to the header's entry, or a new entry.
    const docs = files.microsoftDocs;
    const byKey = new Map<string, ReferenceEntry>();
    for (const e of entries) if (e.family === 'bugcheck') byKey.set(`${e.symbol}:${e.value}`, e);
    const sources = docs.source as Record<string, { repository?: string } | undefined>;
    for (const e of docs.entries) {
      const existing = e.inHeaders ? byKey.get(`${e.symbol}:${e.value}`) : undefined;
      if (existing) {
        if (e.doc) (existing as WindowsEntryView).doc = e.doc;
        continue;
      }
      const from = e.family === 'setup' ? sources.setupErrors : sources.bugChecks;
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
    for (const e of net.entries) {
      entries.push(
        new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, {
          source:
            `Chromium ${upstream?.path ?? 'net_error_list.h'}, via npm ${pkg?.name ?? ''} ${pkg?.version ?? ''}`.trim(),
          file: upstream?.path ?? '',
          licence: net.licence.id,
        }),
      );
    }
    const ssl = files.openssl;
    const sslSource = `Debian ${ssl.source.package.name} ${ssl.source.package.version}`;
    for (const e of ssl.entries) {
      entries.push(
        new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, {
          source: sslSource,
          file: e.header,
          line: e.line,
          licence: ssl.licence.id,
        }),
      );
    }
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
    // The same name with another value (a header and the documentation disagree, or two headers do)
    // gets its own address: the name followed by its code.
    const taken = new Set<string>();
    for (const entry of entries) {
      if (taken.has(entry.url) && entry instanceof WindowsEntryView) {
        entry.url = `${entry.url}-${entry.code.toLowerCase()}`;
      }
      taken.add(entry.url);
    }
    for (const entry of entries) {
      push(this.byValue, entry.value, entry);
      if (entry.family !== 'http') push(this.bySymbol, entry.symbol.toUpperCase(), entry);
      this.byUrl.set(entry.url, entry);
    }
    // Among entries of one value, the family's own catalog first (winerror.h before the headers that
    // alias its codes: E_ACCESSDENIED before DE_E_ACCESS_DENIED).
    for (const list of this.byValue.values())
      if (list.length > 1) list.sort((a, b) => primacy(a) - primacy(b));
    const squashedNames: string[] = [];
    let offset = 0;
    for (const entry of entries) {
      if (entry.family === 'http') continue;
      const key = squash(entry.symbol);
      squashedNames.push(key);
      this.nameStarts.push(offset);
      this.nameEntries.push(entry);
      offset += key.length + 1;
    }
    this.names = squashedNames.join('\n');
  }

  facilityName = (family: 'hresult' | 'ntstatus', facility: number): string | undefined =>
    this.facilities.get(`${family}:${facility}`);

  byPath(url: string): ReferenceEntry | undefined {
    return this.byUrl.get(url);
  }

  withValue(value: number, family?: ReferenceFamily): ReferenceEntry[] {
    const all = this.byValue.get(value) ?? [];
    return family ? all.filter((e) => e.family === family) : all;
  }

  /** Entries by name, ignoring case; Chromium's `net::`/`NET::` prefix (as Chrome shows it) is dropped. */
  withSymbol(symbol: string): ReferenceEntry[] {
    const name = symbol.toUpperCase().replace(/^NET::/, '');
    return this.bySymbol.get(name) ?? [];
  }

  /** Names containing the text, ignoring case and underscores; the shortest (closest) names first. */
  withSymbolPart(text: string, limit = 20): ReferenceEntry[] {
    const needle = squash(text);
    if (needle.length < 3) return [];
    const found = new Set<number>();
    for (let at = this.names.indexOf(needle); at !== -1; at = this.names.indexOf(needle, at + 1)) {
      found.add(this.nameIndexAt(at));
    }
    // Names containing the text as typed (with its underscores) first, then the shortest.
    const literal = text.toUpperCase();
    const rank = (e: ReferenceEntry) => (e.symbol.toUpperCase().includes(literal) ? 0 : 1);
    return [...found]
      .map((i) => this.nameEntries[i]!)
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          primacy(a) - primacy(b) ||
          a.symbol.length - b.symbol.length ||
          a.symbol.localeCompare(b.symbol),
      )
      .slice(0, limit);
  }

  /** Which name a position in the joined names falls in (binary search over start offsets). */
  private nameIndexAt(position: number): number {
    let lo = 0;
    let hi = this.nameStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.nameStarts[mid]! <= position) lo = mid;
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
            ? ['chromium-net', 'jet', 'hresult', 'ntstatus', 'win32']
            : v > 0xffff
              ? ['hresult', 'ntstatus', 'setup', 'openssl', 'win32', 'bugcheck', 'pdh']
              : reading.written === 'hex'
                ? // Stop codes are written in hex (0x116), Win32 errors in decimal (278).
                  ['bugcheck', 'win32', 'hresult', 'ntstatus']
                : ['win32', 'bugcheck', 'hresult', 'ntstatus'];
        if (v <= 0xffff && reading.written !== 'hex')
          order.push('errno', 'http', 'cmprob', 'mmresult', 'mcierror');
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

/** Said of titles Errata derives from the symbol (prefix labels and an abbreviation dictionary). */
export const DERIVED_TITLE = "Errata's reading of the symbolic name (src/catalog/titles.ts)";

/** A Windows catalog entry whose readable title is derived on first use: most are never shown. */
class WindowsEntryView implements ReferenceEntry {
  readonly code: string;
  url: string;
  /** The code's page in its vendor's documentation. */
  doc: string | undefined;
  #title: string | undefined;

  constructor(
    readonly family: ReferenceFamily,
    readonly catalog: string,
    readonly symbol: string,
    readonly value: number,
    readonly provenance: Provenance,
  ) {
    this.code = displayCode(family, value, symbol);
    this.url = referenceUrl(family, symbol);
  }

  get title(): string {
    this.#title ??= readableTitle(this.symbol);
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
