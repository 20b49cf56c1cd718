import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CATALOG_FILES,
  type CatalogFiles,
  CatalogFileError,
  allWindowsEntries,
  loadCatalogFiles,
  loadCatalogFilesSync,
  validateCatalogData,
} from './files.ts';
import {
  WINDOWS_FAMILIES,
  tableCatalogFileSchema,
  opensslFileSchema,
  errnoCatalogFileSchema,
  httpCatalogFileSchema,
  windowsCatalogFileSchema,
} from './windows-data.ts';

const DATA_DIR = fileURLToPath(new URL('../../data/catalogs/', import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(`${DATA_DIR}/${file}`, 'utf8'));

describe('committed catalog files', () => {
  let files: CatalogFiles;
  beforeAll(async () => {
    files = await loadCatalogFiles(DATA_DIR);
  });

  it('match the full schemas', () => {
    expect(() => windowsCatalogFileSchema.parse(readJson(CATALOG_FILES.windows))).not.toThrow();
    expect(() => windowsCatalogFileSchema.parse(readJson(CATALOG_FILES.windowsLgpl))).not.toThrow();
    expect(() => errnoCatalogFileSchema.parse(readJson(CATALOG_FILES.errno))).not.toThrow();
    expect(() => httpCatalogFileSchema.parse(readJson(CATALOG_FILES.http))).not.toThrow();
    expect(() => tableCatalogFileSchema.parse(readJson(CATALOG_FILES.microsoftDocs))).not.toThrow();
    expect(() => tableCatalogFileSchema.parse(readJson(CATALOG_FILES.chromiumNet))).not.toThrow();
    expect(() => opensslFileSchema.parse(readJson(CATALOG_FILES.openssl))).not.toThrow();
  });

  it('hold the bug checks of the documentation that the headers lack, with their pages', () => {
    const find = (symbol: string) => files.microsoftDocs.entries.find((e) => e.symbol === symbol);
    for (const [symbol, value] of [
      ['DPC_WATCHDOG_VIOLATION', 0x133],
      ['WHEA_UNCORRECTABLE_ERROR', 0x124],
      ['KERNEL_SECURITY_CHECK_FAILURE', 0x139],
      ['VIDEO_TDR_FAILURE', 0x116],
    ] as const) {
      expect(find(symbol), symbol).toMatchObject({ value, family: 'bugcheck' });
      expect(find(symbol)!.doc).toMatch(
        /^https:\/\/learn\.microsoft\.com\/windows-hardware\/drivers\/debugger\/bug-check-0x/,
      );
    }
    // A page's heading wins over the reference table's misspelling, which is recorded.
    expect(files.microsoftDocs.skipped).toContainEqual(
      expect.objectContaining({ symbol: 'CPI_FIRMWARE_WATCHDOG_TIMEOUT' }),
    );
    expect(find('CPI_FIRMWARE_WATCHDOG_TIMEOUT')).toBeUndefined();
  });

  it('hold OpenSSL reason codes packed as OpenSSL prints them', () => {
    const e = files.openssl.entries.find((x) => x.symbol === 'SSL_R_CERTIFICATE_VERIFY_FAILED');
    expect(e).toMatchObject({ value: 0x0a000086, lib: 'ERR_LIB_SSL', reason: 134, header: 'sslerr.h' });
  });

  it("hold Chromium's network errors, negative as Chromium writes them", () => {
    const refused = files.chromiumNet.entries.find((e) => e.symbol === 'ERR_CONNECTION_REFUSED');
    expect(refused).toMatchObject({ family: 'chromium-net', group: 'connection' });
    expect(refused!.value | 0).toBe(-102);
    expect(files.chromiumNet.licence.id).toMatch(/BSD-3-Clause/);
  });

  // Load time is measured by npm run bench:catalog, not asserted here.
  it('load the same data sync and async', async () => {
    expect(await loadCatalogFiles(DATA_DIR)).toEqual(loadCatalogFilesSync(DATA_DIR));
  });

  it('hold at least 6,000 Windows entries', () => {
    expect(allWindowsEntries(files).length).toBeGreaterThanOrEqual(6000);
  });

  const one = (symbol: string) => {
    const found = allWindowsEntries(files).filter((e) => e.symbol === symbol);
    expect(found, symbol).toHaveLength(1);
    return found[0]!;
  };

  it('decode the well-known Windows codes', () => {
    expect(one('WU_E_PT_SOAPCLIENT_SOAPFAULT')).toMatchObject({
      value: 0x80244007,
      catalog: 'wuerror',
      family: 'hresult',
      header: 'wuerror.h',
    });
    expect(one('WU_E_PT_EXCEEDED_MAX_SERVER_TRIPS')).toMatchObject({ value: 0x80244010, family: 'hresult' });
    expect(one('E_ACCESSDENIED')).toMatchObject({
      value: 0x80070005,
      family: 'hresult',
      catalog: 'winerror',
    });
    expect(one('ERROR_ACCESS_DENIED')).toMatchObject({ value: 5, family: 'win32', catalog: 'winerror' });
    expect(one('STATUS_ACCESS_VIOLATION')).toMatchObject({
      value: 0xc0000005,
      family: 'ntstatus',
      catalog: 'ntstatus',
    });
    expect(one('CRITICAL_PROCESS_DIED')).toMatchObject({
      value: 0xef,
      family: 'bugcheck',
      catalog: 'bugcodes',
    });
  });

  it('keep WinINet and WinHTTP 12002 apart, in their licence files', () => {
    expect(one('ERROR_INTERNET_TIMEOUT')).toMatchObject({
      value: 12002,
      catalog: 'wininet',
      family: 'win32',
    });
    const winhttp = files.windowsLgpl.entries.filter((e) => e.catalog === 'winhttp' && e.value === 12002);
    expect(winhttp.map((e) => e.symbol)).toEqual(['ERROR_WINHTTP_TIMEOUT']);
    expect(files.windowsLgpl.licence.id).toBe('LGPL-2.1-or-later');
    expect(files.windows.licence.id).toBe('ZPL-2.1 AND public-domain');
    expect(files.windows.licence.notices?.['ZPL-2.1']).toMatch(
      /Zope|Redistributions in source code must retain/,
    );
    expect(files.windows.headers['winerror.h']!.licence).toBe('public-domain');
    expect(files.windows.headers['raserror.h']!.licence).toBe('ZPL-2.1');
    expect(files.windowsLgpl.headers['winhttp.h']!.licence).toBe('LGPL-2.1-or-later');
    expect(files.windowsLgpl.licence.notices?.['winhttp.h']).toMatch(/Copyright \(C\) 2007 Francois Gouget/);
    expect(files.windows.entries.some((e) => e.header === 'winhttp.h')).toBe(false);
  });

  it('list facilities', () => {
    const fac = (name: string, family: string) =>
      files.windows.facilities.find((f) => f.name === name && f.family === family);
    expect(fac('FACILITY_WINDOWSUPDATE', 'hresult')).toMatchObject({ value: 36, header: 'winerror.h' });
    expect(fac('FACILITY_WIN32', 'hresult')).toMatchObject({ value: 7 });
    expect(fac('FACILITY_DEBUGGER', 'ntstatus')).toMatchObject({ value: 1, header: 'ntstatus.h' });
  });

  it('record where each entry comes from', () => {
    for (const f of [files.windows, files.windowsLgpl]) {
      expect(f.source.package.name).toBe('mingw-w64-common');
      const bad = f.entries.filter((e) => !f.headers[e.header] || e.catalog !== e.header.replace(/\.h$/, ''));
      expect(bad).toEqual([]);
    }
  });

  it('are sorted by family, value, symbol with unique symbol+value', () => {
    const order: readonly string[] = WINDOWS_FAMILIES;
    for (const f of [files.windows, files.windowsLgpl]) {
      for (let i = 1; i < f.entries.length; i++) {
        const a = f.entries[i - 1]!;
        const b = f.entries[i]!;
        const cmp =
          order.indexOf(a.family) - order.indexOf(b.family) ||
          a.value - b.value ||
          (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
        if (cmp >= 0) expect.fail(`${a.symbol} (${a.value}) is not before ${b.symbol} (${b.value})`);
      }
    }
  });

  it('hold errno numbers with Node messages', () => {
    const enoent = files.errno.entries.find((e) => e.symbol === 'ENOENT');
    expect(enoent).toMatchObject({
      number: 2,
      header: 'asm-generic/errno-base.h',
      message: 'no such file or directory',
    });
    expect(files.errno.source.node.provenance).toMatch(/^node v\d+\.\d+\.\d+ util\.getSystemErrorMap$/);
    expect(files.errno.source.package.name).toBe('linux-libc-dev');
  });

  it('hold HTTP statuses with RFC 9110 phrases', () => {
    const http = (status: number) => files.http.entries.find((e) => e.status === status);
    expect(http(503)).toMatchObject({
      reason: 'Service Unavailable',
      class: 'server-error',
      rfc9110Section: '15.6.4',
    });
    expect(http(413)).toMatchObject({
      reason: 'Content Too Large',
      class: 'client-error',
      rfc9110Section: '15.5.14',
    });
    expect(http(422)?.reason).toBe('Unprocessable Content');
    expect(http(416)?.reason).toBe('Range Not Satisfiable');
    expect(http(418)).toMatchObject({ unused: true, rfc9110Section: '15.5.19' });
  });

  it('end with one newline and put one entry per line', () => {
    for (const file of Object.values(CATALOG_FILES)) {
      const text = readFileSync(`${DATA_DIR}/${file}`, 'utf8');
      expect(text.endsWith('}\n') && !text.endsWith('\n\n'), file).toBe(true);
      const doc = JSON.parse(text) as { entries: unknown[] };
      const entryLines = text.split('\n').filter((l) => /^ {4}\{/.test(l) && !/^ {4}"/.test(l));
      expect(entryLines.length, file).toBeGreaterThanOrEqual(doc.entries.length);
    }
  });
});

describe('validateCatalogData', () => {
  const raw = () => ({
    windows: readJson(CATALOG_FILES.windows),
    windowsLgpl: readJson(CATALOG_FILES.windowsLgpl),
    errno: readJson(CATALOG_FILES.errno),
    http: readJson(CATALOG_FILES.http),
    microsoftDocs: readJson(CATALOG_FILES.microsoftDocs),
    chromiumNet: readJson(CATALOG_FILES.chromiumNet),
    errnoManpages: readJson(CATALOG_FILES.errnoManpages),
    openssl: readJson(CATALOG_FILES.openssl),
    windowsSdk: readJson(CATALOG_FILES.windowsSdk),
    mysql: readJson(CATALOG_FILES.mysql),
    mariadb: readJson(CATALOG_FILES.mariadb),
    appleOsstatus: readJson(CATALOG_FILES.appleOsstatus),
    nss: readJson(CATALOG_FILES.nss),
  });

  it('rejects a bad envelope', () => {
    const r = raw();
    (r.http as { schemaVersion: number }).schemaVersion = 2;
    expect(() => validateCatalogData(r)).toThrow(CatalogFileError);
    expect(() => validateCatalogData(r)).toThrow(/^http\.json: /);
  });

  it('rejects a bad entry', () => {
    const r = raw();
    (r.windows as { entries: Array<Record<string, unknown>> }).entries[3]!.value = '5';
    expect(() => validateCatalogData(r)).toThrow(/windows\.json: entries\[3\]\.value must be a number/);
    const r2 = raw();
    (r2.windows as { entries: Array<Record<string, unknown>> }).entries[0]!.family = 'dos';
    expect(() => validateCatalogData(r2)).toThrow(/unknown family dos/);
  });
});
