/**
 * OpenSSL 3 reason codes from Debian `libssl-dev` (usr/include/openssl/*err.h, Apache-2.0): every
 * `<LIB>_R_<REASON>` define, packed the way OpenSSL prints it in "error:0A000086:SSL routines::...":
 * `ERR_PACK(lib, 0, reason)` = lib << 23 | reason, with the library number from err.h's `ERR_LIB_<LIB>`.
 *
 * Pure: header texts in, entries and a per-header record of what was skipped out.
 */

import { evaluateExpression, parseDefines } from './cpp.ts';

export const OPENSSL_PACKAGE = 'libssl-dev';
export const OPENSSL_INCLUDE_DIR = 'usr/include/openssl';
/** The headers of OpenSSL 3.0's reason codes, as libssl-dev installs them. */
export const OPENSSL_HEADERS = [
  'asn1err.h',
  'asyncerr.h',
  'bioerr.h',
  'bnerr.h',
  'buffererr.h',
  'cmperr.h',
  'cmserr.h',
  'comperr.h',
  'conferr.h',
  'crmferr.h',
  'cryptoerr.h',
  'cterr.h',
  'decodererr.h',
  'dherr.h',
  'dsaerr.h',
  'ecerr.h',
  'encodererr.h',
  'engineerr.h',
  'err.h',
  'esserr.h',
  'evperr.h',
  'httperr.h',
  'kdferr.h',
  'objectserr.h',
  'ocsperr.h',
  'pemerr.h',
  'pkcs12err.h',
  'pkcs7err.h',
  'proverr.h',
  'randerr.h',
  'rsaerr.h',
  'sslerr.h',
  'storeerr.h',
  'tserr.h',
  'uierr.h',
  'x509err.h',
  'x509v3err.h',
] as const;

const LIB_OFFSET = 23;
const REASON_MASK = 0x7fffff;

export interface OpensslEntry {
  symbol: string;
  value: number;
  family: 'openssl';
  catalog: string;
  header: string;
  line: number;
  /** err.h's library name (ERR_LIB_SSL) and the reason number within it. */
  lib: string;
  reason: number;
}

export interface OpensslHeaderRecord {
  path: string;
  sha256: string;
  codes: number;
  skipped: Record<string, number>;
}

/** Builds the entries; `headers` maps a file name under usr/include/openssl to its text and sha256. */
export function buildOpenssl(headers: ReadonlyMap<string, { text: string; sha256: string }>): {
  entries: OpensslEntry[];
  headers: Array<[string, OpensslHeaderRecord]>;
} {
  const errH = headers.get('err.h');
  if (!errH) throw new Error(`${OPENSSL_INCLUDE_DIR}/err.h is missing`);
  const libs = new Map<string, number>();
  for (const d of parseDefines(errH.text, 'err.h')) {
    const m = /^ERR_LIB_([A-Z0-9_]+)$/.exec(d.name);
    if (!m || d.params !== null || !/^\d+$/.test(d.body)) continue;
    libs.set(m[1]!, Number(d.body));
  }
  const entries: OpensslEntry[] = [];
  const records: Array<[string, OpensslHeaderRecord]> = [];
  for (const file of OPENSSL_HEADERS) {
    const h = headers.get(file);
    if (!h) throw new Error(`${OPENSSL_INCLUDE_DIR}/${file} is missing`);
    const skipped: Record<string, number> = {};
    const skip = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
    let codes = 0;
    for (const d of parseDefines(h.text, file)) {
      const m = /^([A-Z0-9_]+?)_R_[A-Z0-9_]+$/.exec(d.name);
      if (d.params !== null || !m) {
        skip('not a reason code (<LIB>_R_<REASON>)');
        continue;
      }
      if (m[1] === 'ERR') {
        skip('ERR_R_* common reason: shared by every library, with flag bits, not one packed code');
        continue;
      }
      const lib = libs.get(m[1]!);
      if (lib === undefined) throw new Error(`${file}:${d.line}: no ERR_LIB_${m[1]} in err.h for ${d.name}`);
      const reason = evaluateExpression(d.body, { lookup: () => undefined }).value;
      if (reason > REASON_MASK)
        throw new Error(`${file}:${d.line}: ${d.name} = ${reason} does not fit the reason bits`);
      codes++;
      entries.push({
        symbol: d.name,
        value: ((lib << LIB_OFFSET) | reason) >>> 0,
        family: 'openssl',
        catalog: file.replace(/\.h$/, ''),
        header: file,
        line: d.line,
        lib: `ERR_LIB_${m[1]}`,
        reason,
      });
    }
    records.push([
      file,
      {
        path: `${OPENSSL_INCLUDE_DIR}/${file}`,
        sha256: h.sha256,
        codes,
        skipped: Object.fromEntries(Object.entries(skipped).sort(([a], [b]) => (a < b ? -1 : 1))),
      },
    ]);
  }
  entries.sort((a, b) => a.value - b.value || (a.symbol < b.symbol ? -1 : 1));
  return { entries, headers: records };
}
