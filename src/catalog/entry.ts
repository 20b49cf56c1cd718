/** A reference entry: its shape, family, address and the keys guides are filed under. */
import { decodeObd, obdStructureTitle } from '../codes/obd.ts';
import { numericForms, type NumericForms } from '../codes/number.ts';
import type { CodeReading } from '../codes/parse.ts';
import { hresultFromWin32 } from '../codes/hresult.ts';

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
export const GENERIC_PREFIXES: ReadonlySet<string> = new Set(['ERROR_', 'STATUS_', 'E_', 'S_']);

/** Families in the order above: on a tie, Windows names before the other catalogs' (ERROR_ACCESS_DENIED before ER_DB_ACCESS_DENIED). */
export const FAMILY_RANK = Object.fromEntries(Object.keys(FAMILY_LABEL).map((f, i) => [f, i])) as Record<
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

export function displayCode(family: ReferenceFamily, value: number, symbol: string): string {
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
export function sentenceCase(message: string): string {
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
