/**
 * Loading the generated catalogs in data/catalogs/: `loadCatalogFiles` parses with JSON.parse and
 * validates every file's envelope with zod plus a light hand-written check of each entry (types of the
 * required fields). The full schemas (`*FileSchema.parse`, windows-data.ts) are used by the tests.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  HTTP_CLASSES,
  WINDOWS_FAMILIES,
  errnoCatalogFileSchema,
  errnoManpagesFileSchema,
  httpCatalogFileSchema,
  nssFileSchema,
  opensslFileSchema,
  tableCatalogFileSchema,
  windowsCatalogFileSchema,
  windowsSdkFileSchema,
  type ErrnoCatalogFile,
  type ErrnoManpagesFile,
  type HttpCatalogFile,
  type NssFile,
  type OpensslFile,
  type TableCatalogFile,
  type WindowsCatalogFile,
  type WindowsEntry,
  type WindowsSdkFile,
} from './windows-data.ts';

export const CATALOG_FILES = {
  windows: 'windows.json',
  windowsLgpl: 'windows-lgpl.json',
  errno: 'errno.json',
  http: 'http.json',
  microsoftDocs: 'microsoft-docs.json',
  chromiumNet: 'chromium-net.json',
  errnoManpages: 'errno-manpages.json',
  openssl: 'openssl.json',
  windowsSdk: 'windows-sdk.json',
  mysql: 'mysql.json',
  mariadb: 'mariadb.json',
  appleOsstatus: 'apple-osstatus.json',
  nss: 'nss.json',
} as const;

export interface CatalogFiles {
  /** Public-domain Windows catalog. */
  windows: WindowsCatalogFile;
  /** LGPL-2.1+ Windows catalog (WinHTTP), same format. */
  windowsLgpl: WindowsCatalogFile;
  errno: ErrnoCatalogFile;
  http: HttpCatalogFile;
  /** Bug checks from Microsoft's documentation (CC BY 4.0). */
  microsoftDocs: TableCatalogFile;
  /** Chromium's network errors (BSD-3-Clause). */
  chromiumNet: TableCatalogFile;
  /** errno descriptions from man-pages' errno(3) (GPL-2.0-or-later). */
  errnoManpages: ErrnoManpagesFile;
  /** OpenSSL reason codes (Apache-2.0). */
  openssl: OpensslFile;
  /** Windows SDK headers' names and values (facts), merged with the mingw-w64 entries. */
  windowsSdk: WindowsSdkFile;
  /** MySQL error numbers (MIT, via mysql2). */
  mysql: TableCatalogFile;
  /** MariaDB error numbers (LGPL-2.1+, via the mariadb driver). */
  mariadb: TableCatalogFile;
  /** macOS OSStatus/OSErr codes (APSL-2.0). */
  appleOsstatus: TableCatalogFile;
  /** NSS and NSPR error codes (MPL-2.0). */
  nss: NssFile;
}

/** Every Windows entry of both Windows files. */
export function allWindowsEntries(files: Pick<CatalogFiles, 'windows' | 'windowsLgpl'>): WindowsEntry[] {
  return [...files.windows.entries, ...files.windowsLgpl.entries];
}

export class CatalogFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'CatalogFileError';
  }
}

// --- light validation --------------------------------------------------------------------------------

const unknownEntries = { entries: z.array(z.unknown()) };
const windowsEnvelope = windowsCatalogFileSchema.extend(unknownEntries);
const windowsSdkEnvelope = windowsSdkFileSchema.extend(unknownEntries);
const errnoEnvelope = errnoCatalogFileSchema.extend(unknownEntries);
const httpEnvelope = httpCatalogFileSchema.extend(unknownEntries);
const tableEnvelope = tableCatalogFileSchema.extend(unknownEntries);

type FieldCheck = Record<string, 'string' | 'number'>;
const WINDOWS_FIELDS: FieldCheck = {
  symbol: 'string',
  value: 'number',
  family: 'string',
  catalog: 'string',
  header: 'string',
  line: 'number',
};
const ERRNO_FIELDS: FieldCheck = { symbol: 'string', number: 'number', header: 'string', line: 'number' };
const HTTP_FIELDS: FieldCheck = {
  status: 'number',
  reason: 'string',
  class: 'string',
  reasonSource: 'string',
};
const TABLE_FIELDS: FieldCheck = { symbol: 'string', value: 'number', family: 'string', catalog: 'string' };
const FAMILY_SET = new Set<string>(WINDOWS_FAMILIES);
const CLASS_SET = new Set<string>(HTTP_CLASSES);

function checkEntries(
  file: string,
  entries: unknown[],
  fields: FieldCheck,
  extra?: (e: Record<string, unknown>) => string | null,
): void {
  const keys = Object.entries(fields);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null)
      throw new CatalogFileError(file, `entries[${i}] is not an object`);
    for (const [k, t] of keys) {
      if (typeof e[k] !== t) throw new CatalogFileError(file, `entries[${i}].${k} must be a ${t}`);
    }
    const problem = extra?.(e);
    if (problem) throw new CatalogFileError(file, `entries[${i}]: ${problem}`);
  }
}

function envelopeParse<T extends z.ZodType>(file: string, schema: T, data: unknown): z.infer<T> {
  const r = schema.safeParse(data);
  if (!r.success) throw new CatalogFileError(file, z.prettifyError(r.error));
  return r.data;
}

/** Validates parsed catalog data: zod for each envelope, a light check for each entry. */
export function validateCatalogData(raw: Record<keyof CatalogFiles, unknown>): CatalogFiles {
  const windowsCheck = (e: Record<string, unknown>): string | null =>
    !FAMILY_SET.has(e.family as string)
      ? `unknown family ${String(e.family)}`
      : (e.value as number) >>> 0 !== e.value
        ? `value ${String(e.value)} is not an unsigned 32-bit integer`
        : null;
  const out = {} as Record<keyof CatalogFiles, unknown>;
  for (const key of ['windows', 'windowsLgpl'] as const) {
    const file = CATALOG_FILES[key];
    const doc = envelopeParse(file, windowsEnvelope, raw[key]);
    checkEntries(file, doc.entries, WINDOWS_FIELDS, windowsCheck);
    out[key] = doc;
  }
  const sdk = envelopeParse(CATALOG_FILES.windowsSdk, windowsSdkEnvelope, raw.windowsSdk);
  checkEntries(CATALOG_FILES.windowsSdk, sdk.entries, WINDOWS_FIELDS, windowsCheck);
  out.windowsSdk = sdk;
  const errno = envelopeParse(CATALOG_FILES.errno, errnoEnvelope, raw.errno);
  checkEntries(CATALOG_FILES.errno, errno.entries, ERRNO_FIELDS);
  out.errno = errno;
  const http = envelopeParse(CATALOG_FILES.http, httpEnvelope, raw.http);
  checkEntries(CATALOG_FILES.http, http.entries, HTTP_FIELDS, (e) =>
    CLASS_SET.has(e.class as string) ? null : `unknown class ${String(e.class)}`,
  );
  out.http = http;
  for (const key of ['microsoftDocs', 'chromiumNet', 'mysql', 'mariadb', 'appleOsstatus'] as const) {
    const file = CATALOG_FILES[key];
    const doc = envelopeParse(file, tableEnvelope, raw[key]);
    checkEntries(file, doc.entries, TABLE_FIELDS, (e) =>
      (e.value as number) >>> 0 !== e.value
        ? `value ${String(e.value)} is not an unsigned 32-bit integer`
        : null,
    );
    out[key] = doc;
  }
  const manpages = envelopeParse(
    CATALOG_FILES.errnoManpages,
    errnoManpagesFileSchema.extend(unknownEntries),
    raw.errnoManpages,
  );
  checkEntries(CATALOG_FILES.errnoManpages, manpages.entries, {
    symbol: 'string',
    title: 'string',
    message: 'string',
  });
  out.errnoManpages = manpages;
  const openssl = envelopeParse(CATALOG_FILES.openssl, opensslFileSchema.extend(unknownEntries), raw.openssl);
  checkEntries(CATALOG_FILES.openssl, openssl.entries, {
    symbol: 'string',
    value: 'number',
    catalog: 'string',
    header: 'string',
    line: 'number',
  });
  out.openssl = openssl;
  const nss = envelopeParse(CATALOG_FILES.nss, nssFileSchema.extend(unknownEntries), raw.nss);
  checkEntries(CATALOG_FILES.nss, nss.entries, {
    symbol: 'string',
    value: 'number',
    catalog: 'string',
    header: 'string',
    line: 'number',
  });
  out.nss = nss;
  return out as unknown as CatalogFiles;
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CatalogFileError(file, `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads and validates every catalog file in `dataDir` (normally data/catalogs). */
export async function loadCatalogFiles(dataDir: string): Promise<CatalogFiles> {
  const keys = Object.keys(CATALOG_FILES) as Array<keyof CatalogFiles>;
  const texts = await Promise.all(keys.map((k) => readFile(join(dataDir, CATALOG_FILES[k]), 'utf8')));
  const raw = Object.fromEntries(keys.map((k, i) => [k, parseJson(CATALOG_FILES[k], texts[i]!)])) as Record<
    keyof CatalogFiles,
    unknown
  >;
  return validateCatalogData(raw);
}

/** Synchronous {@link loadCatalogFiles}, for start-up code and CLIs. */
export function loadCatalogFilesSync(dataDir: string, { validate = true } = {}): CatalogFiles {
  const keys = Object.keys(CATALOG_FILES) as Array<keyof CatalogFiles>;
  const raw = Object.fromEntries(
    keys.map((k) => [k, parseJson(CATALOG_FILES[k], readFileSync(join(dataDir, CATALOG_FILES[k]), 'utf8'))]),
  ) as Record<keyof CatalogFiles, unknown>;
  // The bundled files are generated and validated by the generator and the test suite.
  return validate ? validateCatalogData(raw) : (raw as unknown as CatalogFiles);
}
