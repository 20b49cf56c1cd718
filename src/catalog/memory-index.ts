/** The catalog's lists built in memory from the parsed catalog files (the source of truth). */
import { readableTitle } from './titles.ts';
import type { CatalogFiles } from './files.ts';
import { type ReferenceEntry, referenceUrl, sentenceCase } from './entry.ts';
import { DERIVED_TITLE, NO_ROW, type Origin, WindowsEntryView, primacy } from './windows-entries.ts';
import { type CatalogIndex, type NameIndex, add, listOf, squash } from './index-shape.ts';

/** Every entry of the catalog files merged (a name defined by several sources is one entry with its places). */
export class MemoryIndex implements CatalogIndex {
  readonly #entries: ReferenceEntry[];
  private readonly facilityNames = new Map<string, string>();
  // One entry, or a list when several share the key: most keys have one, and a list each is 60,000 arrays.
  private readonly byValue = new Map<number, ReferenceEntry | ReferenceEntry[]>();
  private readonly bySymbol = new Map<string, ReferenceEntry | ReferenceEntry[]>();
  #names: NameIndex | undefined;

  constructor(
    files: CatalogFiles,
    readonly version: string,
  ) {
    const entries: ReferenceEntry[] = [];
    for (const file of [files.windows, files.windowsLgpl]) {
      const origin: Origin = {
        source: `Debian ${file.source.package.name} ${file.source.package.version}`,
        licence: file.licence.id,
        licenceOf: (header) => file.headers[header]?.licence,
      };
      for (const e of file.entries)
        entries.push(new WindowsEntryView(e.family, e.catalog, e.symbol, e.value, origin, e));
      for (const f of file.facilities) this.facilityNames.set(`${f.family}:${f.value}`, f.name);
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
      if (!this.facilityNames.has(`${f.family}:${f.value}`))
        this.facilityNames.set(`${f.family}:${f.value}`, f.name);
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
    this.#entries = entries;
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

  entries(): readonly ReferenceEntry[] {
    return this.#entries;
  }

  count(): number {
    return this.#entries.length;
  }

  withValue(value: number): readonly ReferenceEntry[] {
    return listOf(this.byValue, value);
  }

  withKey(key: string): readonly ReferenceEntry[] {
    return listOf(this.bySymbol, key);
  }

  facility(key: string): string | undefined {
    return this.facilityNames.get(key);
  }

  facilities(): Iterable<[string, string]> {
    return this.facilityNames;
  }

  /** Every name squashed, built on the first search by part of a name. */
  names(): NameIndex {
    if (!this.#names) {
      const squashedNames: string[] = [];
      const starts: number[] = [];
      const named: ReferenceEntry[] = [];
      let offset = 0;
      for (const entry of this.#entries) {
        if (entry.family === 'http') continue;
        const key = squash(entry.symbol);
        squashedNames.push(key);
        starts.push(offset);
        named.push(entry);
        offset += key.length + 1;
      }
      this.#names = { names: squashedNames.join('\n'), starts, entry: (i) => named[i]! };
    }
    return this.#names;
  }
}
