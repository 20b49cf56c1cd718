/** Entries of the generated catalog files, with titles, codes and provenance derived on first use. */
import { mysqlTitle, nssTitle, osstatusTitle, readableTitle } from './titles.ts';

import {
  type Provenance,
  type ReferenceEntry,
  type ReferenceFamily,
  displayCode,
  referenceUrl,
} from './entry.ts';

/** What the entries of one catalog file share; each entry's own place is its row. */
export interface Origin {
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
export interface Row {
  header?: string;
  line?: number;
  alsoIn?: readonly { header: string; line: number }[];
}

export const NO_ROW: Row = {};

/** Said of titles Errata derives from the symbol (prefix labels and an abbreviation dictionary). */
export const DERIVED_TITLE = "Errata's reading of the symbolic name (src/catalog/titles.ts)";

/** A Windows catalog entry whose readable title is derived on first use: most are never shown. */
export class WindowsEntryView implements ReferenceEntry {
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
export const primacy = (e: ReferenceEntry): number => (PRIMARY_CATALOGS.has(e.catalog) ? 0 : 1);

/**
 * Whether the entry comes from the catalog that defines its family (winerror.h, ntstatus.h, the bug
 * check reference, ...) rather than from a header that reuses the value under another name.
 */
export function isDefiningEntry(entry: ReferenceEntry): boolean {
  return primacy(entry) === 0;
}
