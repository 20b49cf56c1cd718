/**
 * NSS and NSPR error codes (the SEC_ERROR_*, SSL_ERROR_* and PR_*_ERROR names Firefox and other
 * NSS programs show) from Debian `libnss3-dev` (usr/include/nss/secerr.h, sslerr.h) and
 * `libnspr4-dev` (usr/include/nspr/prerr.h), MPL-2.0. Names and values only.
 *
 * secerr.h and sslerr.h number their codes in enums from SEC_ERROR_BASE (-0x2000) and
 * SSL_ERROR_BASE (-0x3000); prerr.h #defines each PR_*_ERROR as a number from -6000. Each list's
 * `*_END_OF_LIST`/`PR_MAX_ERROR` marker is skipped and recorded.
 *
 * Pure: header texts in, entries and per-header records out.
 */

import { type Evaluated, evaluateExpression, parseDefines } from './cpp.ts';
import { enumMembers } from './extract-more.ts';

export const NSS_PACKAGE = 'libnss3-dev';
export const NSPR_PACKAGE = 'libnspr4-dev';
export const NSS_HEADERS = ['usr/include/nss/secerr.h', 'usr/include/nss/sslerr.h'] as const;
export const NSPR_HEADERS = ['usr/include/nspr/prerr.h'] as const;

export interface NssEntry {
  symbol: string;
  value: number;
  family: 'nss';
  catalog: string;
  header: string;
  line: number;
}

export interface NssHeaderRecord {
  path: string;
  sha256: string;
  codes: number;
  skipped: Record<string, string>;
}

const MARKER = /_END_OF_LIST$|^PR_MAX_ERROR$/;

export function buildNss(headers: ReadonlyMap<string, { text: string; sha256: string }>): {
  headers: Array<[string, NssHeaderRecord]>;
  entries: NssEntry[];
} {
  const entries: NssEntry[] = [];
  const records: Array<[string, NssHeaderRecord]> = [];
  for (const [path, h] of headers) {
    const file = path.slice(path.lastIndexOf('/') + 1);
    const catalog = file.replace(/\.h$/, '');
    const defines = parseDefines(h.text, file).filter((d) => d.params === null && d.body !== '');
    const byName = new Map(defines.map((d) => [d.name, d]));
    const lookup = (name: string): Evaluated | undefined => {
      const d = byName.get(name);
      return d ? evaluateExpression(d.body, { lookup }) : undefined;
    };
    const prefix = catalog === 'secerr' ? 'SEC_ERROR_' : catalog === 'sslerr' ? 'SSL_ERROR_' : 'PR_';
    const rows =
      catalog === 'prerr'
        ? defines
            .filter((d) => /^PR_[A-Z0-9_]+_ERROR$/.test(d.name))
            .map((d) => ({ symbol: d.name, value: lookup(d.name)!.value | 0, line: d.line }))
        : enumMembers(h.text, file, lookup).filter((r) => r.symbol.startsWith(prefix));
    const skipped: Record<string, string> = {};
    let codes = 0;
    for (const r of rows) {
      if (MARKER.test(r.symbol)) {
        skipped[r.symbol] = 'end-of-list marker, not a code';
        continue;
      }
      if (r.value >= 0) throw new Error(`${file}:${r.line}: ${r.symbol} = ${r.value} is not negative`);
      codes++;
      entries.push({
        symbol: r.symbol,
        value: r.value >>> 0,
        family: 'nss',
        catalog,
        header: file,
        line: r.line,
      });
    }
    if (codes === 0) throw new Error(`${path}: no codes found`);
    records.push([file, { path, sha256: h.sha256, codes, skipped }]);
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.symbol)) throw new Error(`${e.header}:${e.line}: ${e.symbol} defined twice`);
    seen.add(e.symbol);
  }
  entries.sort((a, b) => (b.value | 0) - (a.value | 0));
  return { headers: records, entries };
}
