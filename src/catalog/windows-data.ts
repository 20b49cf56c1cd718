/**
 * The generated reference catalogs in data/catalogs/ (see data/catalogs/README.md and
 * scripts/catalogs/generate.ts): their zod schemas, TypeScript types and a fast loader.
 *
 * Files: windows.json (public domain), windows-lgpl.json (LGPL-2.1+, same format), errno.json,
 * http.json. Each is `{ schemaVersion: 1, generatedBy, catalog, description, licence, source,
 * [headers], [facilities], entries }`.
 *
 * `loadCatalogFiles` parses with JSON.parse and validates every file's envelope with zod plus a light
 * hand-written check of each entry (types of the required fields). The full schemas
 * (`*FileSchema.parse`) are used by the tests on the committed files.
 */

import { z } from 'zod';

export const CATALOG_SCHEMA_VERSION = 1;

export const WINDOWS_FAMILIES = [
  'win32',
  'hresult',
  'ntstatus',
  'bugcheck',
  'configret',
  'cmprob',
  'mmresult',
  'mcierror',
  'jet',
  'pdh',
] as const;
export const HTTP_CLASSES = [
  'informational',
  'success',
  'redirection',
  'client-error',
  'server-error',
] as const;

const uint32 = z.number().int().min(0).max(0xffff_ffff);
const line = z.number().int().positive();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const licenceSchema = z.object({
  id: z.string().min(1),
  note: z.string().min(1),
  notices: z.record(z.string(), z.string()).optional(),
});

export const packageSourceSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  architecture: z.string().min(1),
  deb: z.string().endsWith('.deb'),
  sha256,
  obtainedWith: z.string(),
});

const envelope = {
  schemaVersion: z.literal(CATALOG_SCHEMA_VERSION),
  generatedBy: z.literal('scripts/catalogs/generate.ts'),
  description: z.string(),
  licence: licenceSchema,
};

// --- Windows -----------------------------------------------------------------------------------------

export const windowsEntrySchema = z.strictObject({
  symbol: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  value: uint32,
  family: z.enum(WINDOWS_FAMILIES),
  /** Header stem: winerror, ntstatus, wuerror, lmerr, wininet, winhttp, setupapi, bugcodes, ... */
  catalog: z.string().min(1),
  header: z.string().endsWith('.h'),
  line,
  /** Other headers that define the same symbol with the same value. */
  alsoIn: z
    .array(z.strictObject({ header: z.string().endsWith('.h'), line }))
    .min(1)
    .optional(),
});

export const facilitySchema = z.strictObject({
  name: z.string().startsWith('FACILITY_'),
  value: z.number().int().min(0).max(0x1fff),
  family: z.enum(['hresult', 'ntstatus']),
  header: z.string().endsWith('.h'),
  line,
});

export const windowsHeaderSchema = z.strictObject({
  path: z.string(),
  sha256,
  lines: z.number().int().positive(),
  catalog: z.string(),
  why: z.string(),
  licence: z.string(),
  licenceNote: z.string(),
  selection: z.string(),
  codes: z.number().int().nonnegative(),
  facilities: z.number().int().nonnegative(),
  skipped: z.record(z.string(), z.number().int().positive()),
  markers: z.array(z.string()),
  unevaluated: z.array(z.string()).optional(),
});

export const windowsCatalogFileSchema = z.object({
  ...envelope,
  catalog: z.enum(['windows', 'windows-lgpl']),
  source: z.object({
    package: packageSourceSchema,
    copyright: z.object({ path: z.string(), sha256, format: z.string() }),
  }),
  headers: z.record(z.string(), windowsHeaderSchema),
  facilities: z.array(facilitySchema),
  entries: z.array(windowsEntrySchema),
});

/** windows-sdk.json: the same entries, from the Windows SDK headers (names and values only). */
export const windowsSdkEntrySchema = windowsEntrySchema.extend({
  /** A mingw-w64 header defines the same symbol and value: this place is added to that entry. */
  inHeaders: z.literal(true).optional(),
});

export const windowsSdkFileSchema = z.object({
  ...envelope,
  catalog: z.literal('windows-sdk'),
  source: z
    .object({ repository: z.url(), commit: z.string().regex(/^[0-9a-f]{40}$/), file: z.string() })
    .catchall(z.unknown()),
  headers: z.record(
    z.string(),
    windowsHeaderSchema
      .omit({ sha256: true, licence: true, licenceNote: true })
      .extend({ blob: z.string().regex(/^[0-9a-f]{40}$/), sha256 }),
  ),
  facilities: z.array(facilitySchema),
  entries: z.array(windowsSdkEntrySchema),
});

// --- errno -------------------------------------------------------------------------------------------

export const errnoEntrySchema = z.strictObject({
  symbol: z.string().regex(/^E[A-Z0-9]+$/),
  number: z.number().int().positive().max(4095),
  header: z.string(),
  line,
  aliasOf: z.string().optional(),
  /** Node's (libuv's) message; provenance in the file's source.node. */
  message: z.string().optional(),
  nodeCode: z.string().optional(),
});

export const errnoCatalogFileSchema = z.object({
  ...envelope,
  catalog: z.literal('errno'),
  source: z.object({
    package: packageSourceSchema,
    node: z.object({ version: z.string(), api: z.string(), provenance: z.string() }),
  }),
  headers: z.record(
    z.string(),
    z.strictObject({
      path: z.string(),
      sha256,
      spdx: z.string().nullable(),
      entries: z.number().int().nonnegative(),
    }),
  ),
  entries: z.array(errnoEntrySchema),
});

// --- HTTP --------------------------------------------------------------------------------------------

export const httpEntrySchema = z.strictObject({
  status: z.number().int().min(100).max(599),
  reason: z.string().min(1),
  class: z.enum(HTTP_CLASSES),
  rfc9110Section: z
    .string()
    .regex(/^15\.\d+\.\d+$/)
    .optional(),
  reasonSource: z.enum(['node', 'rfc9110']),
  nodeReason: z.string().optional(),
  unused: z.literal(true).optional(),
  deprecated: z.literal(true).optional(),
  note: z.string().optional(),
});

export const httpCatalogFileSchema = z.object({
  ...envelope,
  catalog: z.literal('http'),
  source: z.object({
    node: z.object({ version: z.string(), api: z.string(), provenance: z.string() }),
    rfc: z.object({ id: z.string(), title: z.string(), date: z.string(), table: z.string() }),
  }),
  entries: z.array(httpEntrySchema),
});

// --- extracted tables (Microsoft documentation, Chromium) ---------------------------------------------

export const tableEntrySchema = z.strictObject({
  symbol: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  value: uint32,
  family: z.enum(['bugcheck', 'chromium-net', 'setup', 'hresult', 'mysql', 'osstatus']),
  catalog: z.string().min(1),
  /** Documentation page of this code. */
  doc: z.url().optional(),
  /** A header defines the same symbol and value: the page is added to that entry. */
  inHeaders: z.literal(true).optional(),
  group: z.string().optional(),
  /** Line in the source header (Apple's MacErrors.h). */
  line: line.optional(),
});

export const tableCatalogFileSchema = z.object({
  ...envelope,
  catalog: z.enum(['microsoft-docs', 'chromium-net', 'mysql', 'mariadb', 'apple-osstatus']),
  source: z.record(z.string(), z.unknown()),
  skipped: z.array(z.strictObject({ symbol: z.string(), value: uint32, reason: z.string() })).optional(),
  entries: z.array(tableEntrySchema),
});

export const manpageErrnoSchema = z.strictObject({
  symbol: z.string().regex(/^E[A-Z0-9]+$/),
  message: z.string().min(1),
  title: z.string().min(1),
  standards: z.array(z.string()).optional(),
  line,
  /** The kernel headers of errno.json do not define this name. */
  notInHeaders: z.literal(true).optional(),
});

export const errnoManpagesFileSchema = z.object({
  ...envelope,
  catalog: z.literal('errno-manpages'),
  source: z.object({
    package: packageSourceSchema,
    page: z.object({ path: z.string(), sha256 }),
  }),
  entries: z.array(manpageErrnoSchema),
});

export const opensslEntrySchema = z.strictObject({
  symbol: z.string().regex(/^[A-Z0-9_]+_R_[A-Z0-9_]+$/),
  value: uint32,
  family: z.literal('openssl'),
  catalog: z.string().min(1),
  header: z.string().endsWith('.h'),
  line,
  lib: z.string().startsWith('ERR_LIB_'),
  reason: z.number().int().nonnegative(),
});

export const opensslFileSchema = z.object({
  ...envelope,
  catalog: z.literal('openssl'),
  source: z.object({ package: packageSourceSchema }),
  headers: z.record(
    z.string(),
    z.strictObject({
      path: z.string(),
      sha256,
      codes: z.number().int().nonnegative(),
      skipped: z.record(z.string(), z.number().int().positive()),
    }),
  ),
  entries: z.array(opensslEntrySchema),
});

export const nssEntrySchema = z.strictObject({
  symbol: z.string().regex(/^(SEC_ERROR|SSL_ERROR|PR)_[A-Z0-9_]+$/),
  value: uint32,
  family: z.literal('nss'),
  catalog: z.enum(['secerr', 'sslerr', 'prerr']),
  header: z.string().endsWith('.h'),
  line,
});

export const nssFileSchema = z.object({
  ...envelope,
  catalog: z.literal('nss'),
  source: z.object({ nss: packageSourceSchema, nspr: packageSourceSchema }),
  headers: z.record(
    z.string(),
    z.strictObject({
      path: z.string(),
      sha256,
      codes: z.number().int().positive(),
      skipped: z.record(z.string(), z.string()),
    }),
  ),
  entries: z.array(nssEntrySchema),
});

export type NssFile = z.infer<typeof nssFileSchema>;
export type OpensslEntry = z.infer<typeof opensslEntrySchema>;
export type OpensslFile = z.infer<typeof opensslFileSchema>;
export type ManpageErrno = z.infer<typeof manpageErrnoSchema>;
export type ErrnoManpagesFile = z.infer<typeof errnoManpagesFileSchema>;
export type TableEntry = z.infer<typeof tableEntrySchema>;
export type TableCatalogFile = z.infer<typeof tableCatalogFileSchema>;

export type WindowsFamily = (typeof WINDOWS_FAMILIES)[number];
export type HttpClass = (typeof HTTP_CLASSES)[number];
export type WindowsEntry = z.infer<typeof windowsEntrySchema>;
export type Facility = z.infer<typeof facilitySchema>;
export type WindowsHeader = z.infer<typeof windowsHeaderSchema>;
export type WindowsCatalogFile = z.infer<typeof windowsCatalogFileSchema>;
export type WindowsSdkEntry = z.infer<typeof windowsSdkEntrySchema>;
export type WindowsSdkFile = z.infer<typeof windowsSdkFileSchema>;
export type ErrnoEntry = z.infer<typeof errnoEntrySchema>;
export type ErrnoCatalogFile = z.infer<typeof errnoCatalogFileSchema>;
export type HttpEntry = z.infer<typeof httpEntrySchema>;
export type HttpCatalogFile = z.infer<typeof httpCatalogFileSchema>;
