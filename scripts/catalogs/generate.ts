/**
 * Regenerates the reference catalogs in data/catalogs/ from real data, with provenance.
 *
 *   node --import tsx scripts/catalogs/generate.ts            # download current packages, write files
 *   node --import tsx scripts/catalogs/generate.ts --check    # regenerate to memory from the package
 *                                                             # versions the committed files name, diff
 *
 * Options:
 *   --check              compare instead of writing; exit 1 when any file differs, 2 when the
 *                        packages cannot be had (apt-get download failed)
 *   --out DIR            catalog directory (default: data/catalogs of this repository)
 *   --mingw-deb PATH     use this mingw-w64-common .deb instead of downloading (env ERRATA_MINGW_DEB)
 *   --libc-deb PATH      use this linux-libc-dev .deb instead of downloading (env ERRATA_LIBC_DEV_DEB)
 *
 * Inputs: Debian `mingw-w64-common` (Windows headers), `linux-libc-dev` (errno headers),
 * `manpages-dev`, `libssl-dev`, `libnss3-dev` and `libnspr4-dev`, the extracted tables in data/sources/
 * (data/catalogs/README.md), and the running Node's `http.STATUS_CODES` and `util.getSystemErrorMap()`. Every problem (a code define that
 * does not evaluate, a licence disagreement, ...) is printed as file:line and fails the run.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getSystemErrorMap } from 'node:util';
import {
  type GeneratorInput,
  LIBC_FILES,
  LIBC_PACKAGE,
  MINGW_FILES,
  MINGW_PACKAGE,
  type NodeTables,
  OUTPUT_FILES,
  type OutputFile,
  generateCatalogs,
} from './core.ts';
import { progress } from '../../src/cli/progress.ts';
import { acquirePackage } from './debs.ts';
import { ERRNO_PAGE, MANPAGES_PACKAGE } from './manpages.ts';
import { OPENSSL_HEADERS, OPENSSL_INCLUDE_DIR, OPENSSL_PACKAGE } from './openssl.ts';
import { NSPR_HEADERS, NSPR_PACKAGE, NSS_HEADERS, NSS_PACKAGE } from './nss.ts';
import {
  BUG_CHECKS_SOURCE,
  NET_ERRORS_SOURCE,
  SERVICING_ERRORS_SOURCE,
  SETUP_ERRORS_SOURCE,
} from './tables.ts';
import { SDK_DEFINES_SOURCE } from './windows-sdk.ts';
import { MAC_ERRORS_SOURCE, MARIADB_SOURCE, MYSQL_SOURCE } from './more.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_DATA_DIR = join(REPO_ROOT, 'data', 'catalogs');
/** Keeps pinned .debs between `--check` runs (the sha256 recorded in the catalogs is compared anyway). */
export const DEB_CACHE_DIR = join(tmpdir(), 'errata-catalog-debs');

export function nodeTables(): NodeTables {
  return {
    version: process.version,
    statusCodes: { ...STATUS_CODES },
    systemErrorMap: [...getSystemErrorMap().entries()].sort(([a], [b]) => a - b),
  };
}

export interface SourceOptions {
  mingwDeb?: string;
  libcDeb?: string;
  /** Pin package versions (as the committed files name them). */
  mingwVersion?: string;
  libcVersion?: string;
  manpagesDeb?: string;
  manpagesVersion?: string;
  opensslVersion?: string;
  nssVersion?: string;
  nsprVersion?: string;
}

export type InputResult = { ok: true; input: GeneratorInput } | { ok: false; reason: string };

export function collectInput(opts: SourceOptions): InputResult {
  const mingw = acquirePackage({
    name: MINGW_PACKAGE,
    files: MINGW_FILES,
    version: opts.mingwVersion,
    debPath: opts.mingwDeb,
    cacheDir: DEB_CACHE_DIR,
  });
  if (!mingw.ok) return { ok: false, reason: mingw.reason };
  const libc = acquirePackage({
    name: LIBC_PACKAGE,
    files: LIBC_FILES,
    version: opts.libcVersion,
    debPath: opts.libcDeb,
    cacheDir: DEB_CACHE_DIR,
  });
  if (!libc.ok) return { ok: false, reason: libc.reason };
  const manpages = acquirePackage({
    name: MANPAGES_PACKAGE,
    files: [ERRNO_PAGE],
    version: opts.manpagesVersion,
    debPath: opts.manpagesDeb,
    cacheDir: DEB_CACHE_DIR,
  });
  if (!manpages.ok) return { ok: false, reason: manpages.reason };
  const openssl = acquirePackage({
    name: OPENSSL_PACKAGE,
    files: OPENSSL_HEADERS.map((h) => `${OPENSSL_INCLUDE_DIR}/${h}`),
    version: opts.opensslVersion,
    cacheDir: DEB_CACHE_DIR,
  });
  if (!openssl.ok) return { ok: false, reason: openssl.reason };
  const nss = acquirePackage({
    name: NSS_PACKAGE,
    files: NSS_HEADERS,
    version: opts.nssVersion,
    cacheDir: DEB_CACHE_DIR,
  });
  if (!nss.ok) return { ok: false, reason: nss.reason };
  const nspr = acquirePackage({
    name: NSPR_PACKAGE,
    files: NSPR_HEADERS,
    version: opts.nsprVersion,
    cacheDir: DEB_CACHE_DIR,
  });
  if (!nspr.ok) return { ok: false, reason: nspr.reason };
  const table = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
  return {
    ok: true,
    input: {
      mingw: mingw.pkg,
      libc: libc.pkg,
      manpages: manpages.pkg,
      openssl: openssl.pkg,
      nss: nss.pkg,
      nspr: nspr.pkg,
      node: nodeTables(),
      tables: {
        bugChecks: table(BUG_CHECKS_SOURCE),
        netErrors: table(NET_ERRORS_SOURCE),
        setupErrors: table(SETUP_ERRORS_SOURCE),
        servicingErrors: table(SERVICING_ERRORS_SOURCE),
        windowsSdk: table(SDK_DEFINES_SOURCE),
        mysql: table(MYSQL_SOURCE),
        mariadb: table(MARIADB_SOURCE),
        macErrors: table(MAC_ERRORS_SOURCE),
      },
    },
  };
}

/** Package versions the committed catalogs were generated from. */
export function committedVersions(dataDir: string): {
  mingwVersion?: string;
  libcVersion?: string;
  manpagesVersion?: string;
  opensslVersion?: string;
  nssVersion?: string;
  nsprVersion?: string;
} {
  const read = (f: string): string | undefined => {
    const p = join(dataDir, f);
    if (!existsSync(p)) return undefined;
    const doc = JSON.parse(readFileSync(p, 'utf8')) as { source?: { package?: { version?: unknown } } };
    const v = doc.source?.package?.version;
    return typeof v === 'string' ? v : undefined;
  };
  const nssDoc = (key: 'nss' | 'nspr'): string | undefined => {
    const p = join(dataDir, 'nss.json');
    if (!existsSync(p)) return undefined;
    const v = (JSON.parse(readFileSync(p, 'utf8')) as { source?: Record<string, { version?: unknown }> })
      .source?.[key]?.version;
    return typeof v === 'string' ? v : undefined;
  };
  return {
    nssVersion: nssDoc('nss'),
    nsprVersion: nssDoc('nspr'),
    mingwVersion: read('windows.json'),
    libcVersion: read('errno.json'),
    manpagesVersion: read('errno-manpages.json'),
    opensslVersion: read('openssl.json'),
  };
}

export interface FileDiff {
  file: OutputFile;
  /** 1-based first differing line, or 0 when the committed file is missing. */
  line: number;
  committed: string | null;
  generated: string | null;
}

export type CheckResult =
  { status: 'same' } | { status: 'different'; diffs: FileDiff[] } | { status: 'unavailable'; reason: string };

/** Compares generated texts with the files in `dataDir`. */
export function compareOutputs(dataDir: string, outputs: Map<OutputFile, string>): FileDiff[] {
  const diffs: FileDiff[] = [];
  for (const name of OUTPUT_FILES) {
    const generated = outputs.get(name)!;
    const p = join(dataDir, name);
    if (!existsSync(p)) {
      diffs.push({ file: name, line: 0, committed: null, generated: generated.split('\n')[0] ?? '' });
      continue;
    }
    const committed = readFileSync(p, 'utf8');
    if (committed === generated) continue;
    const a = committed.split('\n');
    const b = generated.split('\n');
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    diffs.push({ file: name, line: i + 1, committed: a[i] ?? null, generated: b[i] ?? null });
  }
  return diffs;
}

/** Regenerates in memory from the pinned package versions and diffs against `dataDir`. */
export function checkCatalogs(dataDir: string, opts: SourceOptions = {}): CheckResult {
  const pinned = committedVersions(dataDir);
  const got = collectInput({ ...pinned, ...opts });
  if (!got.ok) return { status: 'unavailable', reason: got.reason };
  const diffs = compareOutputs(dataDir, generateCatalogs(got.input));
  return diffs.length ? { status: 'different', diffs } : { status: 'same' };
}

function summary(outputs: Map<OutputFile, string>): string {
  const lines: string[] = [];
  for (const [name, text] of outputs) {
    const doc = JSON.parse(text) as {
      entries: Array<{ family?: string; catalog?: string }>;
      facilities?: unknown[];
    };
    const counts = new Map<string, number>();
    for (const e of doc.entries) {
      const k = e.family ? `${e.family}/${e.catalog}` : '';
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const detail = [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
    lines.push(
      `  ${name}: ${doc.entries.length} entries${doc.facilities ? `, ${doc.facilities.length} facilities` : ''}${detail ? ` (${detail})` : ''}`,
    );
  }
  return lines.join('\n');
}

interface Args {
  check: boolean;
  out: string;
  mingwDeb?: string;
  libcDeb?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    check: false,
    out: DEFAULT_DATA_DIR,
    mingwDeb: process.env.ERRATA_MINGW_DEB || undefined,
    libcDeb: process.env.ERRATA_LIBC_DEV_DEB || undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--check') args.check = true;
    else if (flag === '--out') args.out = resolve(value());
    else if (flag === '--mingw-deb') args.mingwDeb = resolve(value());
    else if (flag === '--libc-deb') args.libcDeb = resolve(value());
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('*/')[0]!
          .replace(/^\/\*\*?|^ \* ?/gm, ''),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** Steps done of 3 (packages read, catalogs generated, files written): one redrawn line, or plain lines. */
const steps = () =>
  progress('catalogs: generating', 'steps', {
    isTTY: process.stderr.isTTY === true,
    write: (text) => process.stderr.write(text),
  });

export function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (args.check) {
    const r = checkCatalogs(args.out, { mingwDeb: args.mingwDeb, libcDeb: args.libcDeb });
    if (r.status === 'unavailable') {
      process.stderr.write(`catalogs: cannot check, the packages are unavailable: ${r.reason}\n`);
      return 2;
    }
    if (r.status === 'different') {
      for (const d of r.diffs) {
        process.stderr.write(
          d.committed === null && d.line === 0
            ? `catalogs: ${d.file} is missing\n`
            : `catalogs: ${d.file} differs from line ${d.line}:\n  committed: ${d.committed ?? '(end of file)'}\n  generated: ${d.generated ?? '(end of file)'}\n`,
        );
      }
      process.stderr.write(
        'catalogs: run `node --import tsx scripts/catalogs/generate.ts` and commit the result\n',
      );
      return 1;
    }
    process.stderr.write(`catalogs: ${OUTPUT_FILES.join(', ')} are up to date\n`);
    return 0;
  }
  const shown = steps();
  shown.update(0, 3);
  const got = collectInput({ mingwDeb: args.mingwDeb, libcDeb: args.libcDeb });
  if (!got.ok) {
    shown.end();
    process.stderr.write(`catalogs: ${got.reason}\n`);
    return 2;
  }
  shown.update(1, 3);
  const outputs = generateCatalogs(got.input);
  shown.update(2, 3);
  mkdirSync(args.out, { recursive: true });
  for (const [name, text] of outputs) writeFileSync(join(args.out, name), text);
  shown.update(3, 3);
  shown.end();
  const { mingw, libc } = got.input;
  process.stderr.write(
    `catalogs: wrote ${outputs.size} files to ${args.out}\n` +
      `  from ${mingw.info.deb} (sha256 ${mingw.info.sha256}), ${libc.info.deb} (sha256 ${libc.info.sha256}), node ${got.input.node.version}\n` +
      `${summary(outputs)}\n`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`catalogs: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
