/**
 * The generator's core: unpacked package files + Node's tables in, catalog file texts out.
 * Pure and deterministic (no I/O, no clock), so `--check` and the tests can regenerate to memory
 * and compare with the committed files byte for byte.
 */

import { createHash } from 'node:crypto';
import { buildErrno, ERRNO_HEADERS, type SystemErrorMap } from './errno.ts';
import { formatCatalog } from './format.ts';
import { buildHttp } from './http.ts';
import { normaliseLicence, parseDep5, parseDep5LicenceTexts } from './licence.ts';
import { type HeaderInput, REQUIRED_HEADERS, buildWindowsCatalogs } from './windows.ts';
import { stripComments } from './cpp.ts';
import { buildBugChecks, buildChromiumNet, buildServicingErrors, buildSetupErrors } from './tables.ts';
import { buildWindowsSdk } from './windows-sdk.ts';
import { buildMacErrors, buildMariadb, buildMysql } from './more.ts';
import { NSPR_HEADERS, NSS_HEADERS, buildNss } from './nss.ts';
import { ERRNO_PAGE, parseErrnoPage } from './manpages.ts';
import { OPENSSL_HEADERS, OPENSSL_INCLUDE_DIR, buildOpenssl } from './openssl.ts';
import { gunzipSync } from 'node:zlib';

export const SCHEMA_VERSION = 1;
export const GENERATED_BY = 'scripts/catalogs/generate.ts';

export const MINGW_PACKAGE = 'mingw-w64-common';
export const LIBC_PACKAGE = 'linux-libc-dev';

/** Where the packages keep what we read. */
export const MINGW_INCLUDE_DIR = 'usr/share/mingw-w64/include';
export const MINGW_UPSTREAM_DIR = 'mingw-w64-headers/include';
export const MINGW_COPYRIGHT = 'usr/share/doc/mingw-w64-common/copyright';
export const LIBC_INCLUDE_DIR = 'usr/include';

export const MINGW_FILES: readonly string[] = [
  MINGW_COPYRIGHT,
  ...REQUIRED_HEADERS.map((h) => `${MINGW_INCLUDE_DIR}/${h}`),
];
export const LIBC_FILES: readonly string[] = ERRNO_HEADERS.map((h) => `${LIBC_INCLUDE_DIR}/${h}`);

export const OUTPUT_FILES = [
  'windows.json',
  'windows-lgpl.json',
  'errno.json',
  'http.json',
  'microsoft-docs.json',
  'chromium-net.json',
  'errno-manpages.json',
  'openssl.json',
  'windows-sdk.json',
  'mysql.json',
  'mariadb.json',
  'apple-osstatus.json',
  'nss.json',
] as const;
export type OutputFile = (typeof OUTPUT_FILES)[number];

export interface PackageInfo {
  name: string;
  version: string;
  architecture: string;
  /** File name of the .deb. */
  deb: string;
  /** sha256 (hex) of the .deb. */
  sha256: string;
}

export interface UnpackedPackage {
  info: PackageInfo;
  /** Contents by path relative to the package root (as `dpkg-deb -x` lays it out). */
  files: ReadonlyMap<string, Uint8Array>;
}

export interface NodeTables {
  /** process.version, e.g. "v20.20.2". */
  version: string;
  statusCodes: Readonly<Record<string, string | undefined>>;
  systemErrorMap: SystemErrorMap;
}

export interface GeneratorInput {
  mingw: UnpackedPackage;
  libc: UnpackedPackage;
  /** Debian manpages-dev: errno(3)'s descriptions. */
  manpages: UnpackedPackage;
  /** Debian libssl-dev: OpenSSL's reason codes. */
  openssl: UnpackedPackage;
  /** Debian libnss3-dev and libnspr4-dev: NSS's and NSPR's error codes. */
  nss: UnpackedPackage;
  nspr: UnpackedPackage;
  node: NodeTables;
  /** Texts of the extracted tables kept in the repository (tables.ts names their paths). */
  tables: {
    bugChecks: string;
    netErrors: string;
    setupErrors: string;
    servicingErrors: string;
    windowsSdk: string;
    mysql: string;
    mariadb: string;
    macErrors: string;
  };
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const utf8 = new TextDecoder('utf-8', { fatal: false });

function file(pkg: UnpackedPackage, path: string): Uint8Array {
  const b = pkg.files.get(path);
  if (!b) throw new Error(`${pkg.info.name} ${pkg.info.version}: ${path} is missing from the package`);
  return b;
}

function headerInputs(pkg: UnpackedPackage, dir: string, names: readonly string[]): Map<string, HeaderInput> {
  const out = new Map<string, HeaderInput>();
  for (const name of names) {
    const b = file(pkg, `${dir}/${name}`);
    out.set(name, { text: utf8.decode(b), sha256: sha256(b) });
  }
  return out;
}

const packageRecord = (p: PackageInfo): Record<string, string> => ({
  name: p.name,
  version: p.version,
  architecture: p.architecture,
  deb: p.deb,
  sha256: p.sha256,
  obtainedWith: `apt-get download ${p.name}=${p.version}`,
});

/** The `Copyright:` field of the first DEP-5 stanza under licence `id` (normalised). */
function copyrightHolder(copyrightText: string, id: string): string {
  const stanza = parseDep5(copyrightText).find((s) => normaliseLicence(s.license) === id);
  return stanza?.copyright.split('\n')[0] ?? 'the mingw-w64 project';
}

/** The first comment of a header, as written (used as the licence notice the LGPL asks us to keep). */
function firstComment(text: string): string {
  const c = stripComments(text).comments[0];
  return c ? c.text : '';
}

/** Generates every catalog file. Throws with `file:line` details when the input cannot be handled. */
export function generateCatalogs(input: GeneratorInput): Map<OutputFile, string> {
  const out = new Map<OutputFile, string>();

  // --- Windows -------------------------------------------------------------------------------------
  const copyrightBytes = file(input.mingw, MINGW_COPYRIGHT);
  const copyrightText = utf8.decode(copyrightBytes);
  const headers = headerInputs(input.mingw, MINGW_INCLUDE_DIR, REQUIRED_HEADERS);
  const win = buildWindowsCatalogs({
    includeDir: MINGW_INCLUDE_DIR,
    upstreamDir: MINGW_UPSTREAM_DIR,
    headers,
    copyright: parseDep5(copyrightText),
  });
  // Licence texts the package ships, for licences that ask for their notice to travel with the data.
  const licenceTexts = new Map(
    [...parseDep5LicenceTexts(copyrightText)].map(([name, text]) => [normaliseLicence(name), text] as const),
  );
  const noticesFor = (ids: string[]): Record<string, string> | undefined => {
    const wanted = ids.filter((id) => id !== 'public-domain' && !id.startsWith('LGPL'));
    if (wanted.length === 0) return undefined;
    return Object.fromEntries(
      wanted.map((id) => {
        const text = licenceTexts.get(id);
        if (!text) throw new Error(`${MINGW_COPYRIGHT}: no licence text for ${id}`);
        return [id, `Copyright: ${copyrightHolder(copyrightText, id)}\n\n${text}`];
      }),
    );
  };
  const windowsSource = {
    package: packageRecord(input.mingw.info),
    copyright: { path: MINGW_COPYRIGHT, sha256: sha256(copyrightBytes), format: 'DEP-5' },
  };
  const mainLicences = [...new Set(win.main.headers.map(([, h]) => h.licence))].sort();
  out.set(
    'windows.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'windows',
      description:
        'Windows error and status codes (Win32, HRESULT, NTSTATUS, bug check) with their symbolic names, evaluated from the mingw-w64 headers. Generated; do not edit by hand.',
      licence: {
        id: mainLicences.join(' AND '),
        note: 'Each header listed under "headers" has its own licence (its "licence" and "licenceNote": from its banner and the package\'s debian/copyright); entries carry their header. Headers under the LGPL are kept in windows-lgpl.json. The texts of the licences that require their notice to be kept follow, as the package\'s debian/copyright gives them.',
        notices: noticesFor(mainLicences),
      },
      source: windowsSource,
      headers: Object.fromEntries(win.main.headers),
      facilities: win.main.facilities,
      entries: win.main.entries,
    }),
  );
  const lgplLicences = [...new Set(win.lgpl.headers.map(([, h]) => h.licence))].sort();
  out.set(
    'windows-lgpl.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'windows-lgpl',
      description:
        'Windows error codes from mingw-w64 headers that are under the GNU LGPL (taken from Wine), kept apart from the public-domain data. Same format as windows.json. Generated; do not edit by hand.',
      licence: {
        id: lgplLicences.join(' AND '),
        note: 'The entries below are derived from the headers listed under "headers", which are licensed under the GNU Lesser General Public License, version 2.1 or (at your option) any later version. The full licence text is at https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html (on Debian: /usr/share/common-licenses/LGPL-2.1). The notices of those headers follow.',
        notices: Object.fromEntries(
          win.lgpl.headers.map(([name]) => [name, firstComment(headers.get(name)!.text)]),
        ),
      },
      source: windowsSource,
      headers: Object.fromEntries(win.lgpl.headers),
      facilities: win.lgpl.facilities,
      entries: win.lgpl.entries,
    }),
  );

  // --- errno ---------------------------------------------------------------------------------------
  const errno = buildErrno({
    includeDir: LIBC_INCLUDE_DIR,
    headers: headerInputs(input.libc, LIBC_INCLUDE_DIR, ERRNO_HEADERS),
    systemErrorMap: input.node.systemErrorMap,
  });
  out.set(
    'errno.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'errno',
      description:
        "Linux errno numbers (asm-generic numbering: x86, ARM, RISC-V and most architectures; Alpha, MIPS, PA-RISC and SPARC differ) with Node's message text where it has one. Generated; do not edit by hand.",
      licence: {
        id: 'facts',
        note: `Only names and numbers are taken from the kernel UAPI headers (${[
          ...new Set(errno.headers.map(([, h]) => h.spdx)),
        ].join(
          ', ',
        )}; the syscall note covers user-space use of these headers); their comments are not copied. Messages are Node.js's (libuv, MIT licence), from util.getSystemErrorMap() of ${input.node.version}.`,
      },
      source: {
        package: packageRecord(input.libc.info),
        node: {
          version: input.node.version,
          api: 'util.getSystemErrorMap()',
          provenance: `node ${input.node.version} util.getSystemErrorMap`,
        },
      },
      headers: Object.fromEntries(errno.headers),
      entries: errno.entries,
    }),
  );

  // --- HTTP ----------------------------------------------------------------------------------------
  out.set(
    'http.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'http',
      description:
        "HTTP status codes: Node's http.STATUS_CODES brought up to RFC 9110 reason phrases (table in scripts/catalogs/http.ts). Generated; do not edit by hand.",
      licence: {
        id: 'facts',
        note: 'Status codes and reason phrases are protocol facts; the base table is Node.js (MIT licence), section numbers and changed phrases are from RFC 9110.',
      },
      source: {
        node: {
          version: input.node.version,
          api: 'http.STATUS_CODES',
          provenance: `node ${input.node.version} http.STATUS_CODES`,
        },
        rfc: {
          id: 'RFC 9110',
          title: 'HTTP Semantics',
          date: '2022-06',
          table: 'RFC9110_STATUS in scripts/catalogs/http.ts',
        },
      },
      entries: buildHttp(input.node.statusCodes),
    }),
  );
  // --- Windows SDK ----------------------------------------------------------------------------------
  const sdk = buildWindowsSdk(input.tables.windowsSdk, [...win.main.entries, ...win.lgpl.entries]);
  out.set(
    'windows-sdk.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'windows-sdk',
      description:
        'Windows error and status values (Win32, HRESULT, NTSTATUS, bug check, ...) of the Windows SDK headers that microsoft/win32metadata carries, evaluated with the same rules as windows.json. Entries marked inHeaders are also defined, with the same value, by a mingw-w64 header and add this place to that entry. Generated; do not edit by hand.',
      licence: {
        id: 'facts',
        note: "Only symbolic names, numeric values and where each is defined (header and line) are taken from Microsoft's Windows SDK headers (Copyright Microsoft Corporation), as the repository https://github.com/microsoft/win32metadata carries them at the commit in source.commit; that repository's MIT licence does not extend to the SDK headers (its LICENSE says so), so nothing else of them (comments, message texts) is copied. Names and values are the facts a program needs to interoperate with Windows.",
      },
      source: sdk.source,
      headers: sdk.headers,
      facilities: sdk.facilities,
      entries: sdk.entries,
    }),
  );

  // --- Microsoft documentation --------------------------------------------------------------------
  const bugChecks = buildBugChecks(input.tables.bugChecks, [
    ...win.main.entries,
    ...win.lgpl.entries,
    ...sdk.entries,
  ]);
  const setup = buildSetupErrors(input.tables.setupErrors);
  const servicing = buildServicingErrors(input.tables.servicingErrors, [
    ...win.main.entries,
    ...win.lgpl.entries,
    ...sdk.entries,
  ]);
  out.set(
    'microsoft-docs.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'microsoft-docs',
      description:
        "Codes and names from Microsoft's documentation (the bug check code reference and each bug check's page; Windows Setup's modern setup errors; servicing (CBS_E_*, PSFX_E_*) errors from the support articles), with the page's address. Entries marked inHeaders are also defined by a header and add their page to that entry. Generated; do not edit by hand.",
      licence: {
        id: 'CC-BY-4.0',
        note: 'Extracted from Microsoft documentation (MicrosoftDocs repositories), licensed under Creative Commons Attribution 4.0 International (https://creativecommons.org/licenses/by/4.0/). Only codes, symbolic names and page addresses are taken; no prose. Attribution: Microsoft Corporation, the pages linked from each entry.',
      },
      source: { bugChecks: bugChecks.source, setupErrors: setup.source, servicingErrors: servicing.source },
      skipped: bugChecks.skipped,
      entries: [...bugChecks.entries, ...setup.entries, ...servicing.entries],
    }),
  );

  // --- Chromium ------------------------------------------------------------------------------------
  const net = buildChromiumNet(input.tables.netErrors);
  out.set(
    'chromium-net.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'chromium-net',
      description:
        "Chromium's network error codes (ERR_*, as Chrome, Edge and other Chromium browsers show them), negative as Chromium writes them and stored as unsigned 32-bit values. Generated; do not edit by hand.",
      licence: {
        id: 'BSD-3-Clause AND MIT',
        note: "Names and codes from Chromium's net/base/net_error_list.h (Copyright The Chromium Authors, BSD-3-Clause, https://chromium.googlesource.com/chromium/src/+/HEAD/LICENSE), as packaged by the npm package chromium-net-errors (MIT, Copyright Max Kueng and contributors). Chromium's comments and the package's messages are not copied.",
      },
      source: net.source,
      entries: net.entries,
    }),
  );
  // --- errno messages (man-pages) ------------------------------------------------------------------
  const pageBytes = file(input.manpages, ERRNO_PAGE);
  const errnoNames = new Set(errno.entries.map((e) => e.symbol));
  const manpageRows = parseErrnoPage(gunzipSync(pageBytes).toString('utf8'));
  out.set(
    'errno-manpages.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'errno-manpages',
      description:
        "Descriptions of the errno names from the Linux man-pages project's errno(3), the wording of the C library's strerror(); titles are each description's first phrase. Names the kernel headers do not define on this numbering are marked notInHeaders. Generated; do not edit by hand.",
      licence: {
        id: 'GPL-2.0-or-later',
        note: 'From errno(3) of the Linux man-pages project, Copyright (c) 1996 Andries Brouwer and the man-pages contributors, licensed under the GNU General Public License, version 2 or (at your option) any later version (https://www.gnu.org/licenses/old-licenses/gpl-2.0.html; on Debian: /usr/share/common-licenses/GPL-2). Kept apart from the other catalogs for that licence.',
      },
      source: {
        package: packageRecord(input.manpages.info),
        page: { path: ERRNO_PAGE, sha256: sha256(pageBytes) },
      },
      entries: manpageRows.map((r) => (errnoNames.has(r.symbol) ? r : { ...r, notInHeaders: true })),
    }),
  );
  // --- OpenSSL --------------------------------------------------------------------------------------
  const ssl = buildOpenssl(headerInputs(input.openssl, OPENSSL_INCLUDE_DIR, OPENSSL_HEADERS));
  out.set(
    'openssl.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'openssl',
      description:
        'OpenSSL 3 reason codes (<LIB>_R_<REASON>), packed as OpenSSL prints them in "error:0A000086:SSL routines::...": the library number from err.h shifted left 23 bits, OR the reason. Generated; do not edit by hand.',
      licence: {
        id: 'Apache-2.0',
        note: "Names and numbers from OpenSSL's headers (Copyright The OpenSSL Project Authors, Apache License 2.0, https://www.apache.org/licenses/LICENSE-2.0), as Debian's libssl-dev installs them. Only names and numbers are taken.",
      },
      source: { package: packageRecord(input.openssl.info) },
      headers: Object.fromEntries(ssl.headers),
      entries: ssl.entries,
    }),
  );
  // --- NSS and NSPR ---------------------------------------------------------------------------------
  const nssHeaders = new Map<string, HeaderInput>();
  for (const [pkg, paths] of [
    [input.nss, NSS_HEADERS],
    [input.nspr, NSPR_HEADERS],
  ] as const) {
    for (const path of paths) {
      const b = file(pkg, path);
      nssHeaders.set(path, { text: utf8.decode(b), sha256: sha256(b) });
    }
  }
  const nss = buildNss(nssHeaders);
  out.set(
    'nss.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'nss',
      description:
        "Error codes of Mozilla's NSS (SEC_ERROR_*, SSL_ERROR_*) and NSPR (PR_*_ERROR), as Firefox, Thunderbird and other NSS programs show them: negative as NSS writes them, stored as unsigned 32-bit values. Generated; do not edit by hand.",
      licence: {
        id: 'MPL-2.0',
        note: "Names and values from NSS's secerr.h and sslerr.h and NSPR's prerr.h (Mozilla Public License 2.0, https://mozilla.org/MPL/2.0/), as Debian's libnss3-dev and libnspr4-dev install them. Only names and values are taken; the headers' comments are not copied.",
      },
      source: { nss: packageRecord(input.nss.info), nspr: packageRecord(input.nspr.info) },
      headers: Object.fromEntries(nss.headers),
      entries: nss.entries,
    }),
  );
  // --- MySQL and MariaDB ----------------------------------------------------------------------------
  const mysql = buildMysql(input.tables.mysql);
  out.set(
    'mysql.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'mysql',
      description:
        "MySQL's error numbers (server ER_*, mysys EE_*, storage engine HA_ERR_* and the like), as the mysql2 driver lists them from MySQL's headers. Generated; do not edit by hand.",
      licence: {
        id: 'MIT',
        note: "Names and numbers from the npm package mysql2 (MIT, Copyright (c) 2016 Andrey Sidorov and contributors; its list is generated from MySQL's headers, Copyright Oracle and/or its affiliates, GPL-2.0 with the Universal FOSS Exception). Only names and numbers are taken; no message texts.",
      },
      source: mysql.source,
      skipped: mysql.skipped,
      entries: mysql.entries,
    }),
  );
  const mariadb = buildMariadb(input.tables.mariadb, mysql.entries);
  out.set(
    'mariadb.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'mariadb',
      description:
        "MariaDB's error numbers, as the mariadb driver lists them from MariaDB Server. Entries marked inHeaders have the same name and number in mysql.json and add MariaDB to that entry. Generated; do not edit by hand.",
      licence: {
        id: 'LGPL-2.1-or-later',
        note: "Names and numbers from the npm package mariadb (MariaDB Corporation Ab, GNU Lesser General Public License 2.1 or later, https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html), generated by it from MariaDB Server's error list. Kept apart from mysql.json for that licence. Only names and numbers are taken.",
      },
      source: mariadb.source,
      entries: mariadb.entries,
    }),
  );
  // --- Apple OSStatus -------------------------------------------------------------------------------
  const mac = buildMacErrors(input.tables.macErrors);
  out.set(
    'apple-osstatus.json',
    formatCatalog({
      schemaVersion: SCHEMA_VERSION,
      generatedBy: GENERATED_BY,
      catalog: 'apple-osstatus',
      description:
        "macOS OSStatus and OSErr codes (fnfErr -43, ioErr -36, ...) from Apple's MacErrors.h, negative as Apple writes them and stored as unsigned 32-bit values. Generated; do not edit by hand.",
      licence: {
        id: 'APSL-2.0',
        note: "Names and values from Apple's MacErrors.h (Copyright (c) 1985-2008 Apple Inc., Apple Public Source License 2.0, https://opensource.apple.com/apsl/), as apple-oss-distributions/CarbonHeaders publishes it at the commit in source.commit. Only names and values are taken; the header's comments are not copied.",
      },
      source: mac.source,
      entries: mac.entries,
    }),
  );
  return out;
}
