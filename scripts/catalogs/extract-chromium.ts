/**
 * Extracts Chromium's network error names and codes (facts) from the npm package
 * `chromium-net-errors`, which generates them from Chromium's net/base/net_error_list.h, into
 * data/sources/chromium/net-errors.json. Messages and descriptions are not kept.
 *
 *   npm pack chromium-net-errors@13.0.0
 *   node --import tsx scripts/catalogs/extract-chromium.ts chromium-net-errors-13.0.0.tgz
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../../data/sources/chromium/net-errors.json', import.meta.url));

export interface NetErrorRow {
  symbol: string;
  value: number;
  /** The package's grouping by Chromium's ranges: system, connection, certificate, http, cache, ... */
  type: string;
}

/** Every `this.code = -102; this.description = 'CONNECTION_REFUSED'; this.type = "connection";` class. */
export function parseNetErrors(js: string): NetErrorRow[] {
  const rows: NetErrorRow[] = [];
  const re = /this\.code = (-?\d+);\s*this\.description = '([A-Z0-9_]+)';\s*this\.type = "([a-z_]+)";/g;
  for (const m of js.matchAll(re)) rows.push({ symbol: `ERR_${m[2]!}`, value: Number(m[1]), type: m[3]! });
  if (rows.length === 0) throw new Error('no NET_ERROR classes found: the package layout changed');
  return rows.sort((a, b) => b.value - a.value || (a.symbol < b.symbol ? -1 : 1));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const tgz = process.argv[2];
  if (!tgz) {
    process.stderr.write('usage: extract-chromium.ts chromium-net-errors-VERSION.tgz\n');
    process.exit(2);
  }
  const bytes = readFileSync(tgz);
  const tar = (path: string) => execFileSync('tar', ['-xzOf', tgz, path], { encoding: 'utf8' });
  const pkg = JSON.parse(tar('package/package.json')) as {
    name: string;
    version: string;
    license?: string;
    licenses?: Array<{ type: string }>;
  };
  const rows = parseNetErrors(tar('package/build/index.js'));
  const source = {
    package: {
      registry: 'npm',
      name: pkg.name,
      version: pkg.version,
      licence: pkg.license ?? (pkg.licenses ?? []).map((l) => l.type).join(' OR '),
      tarball: `${pkg.name}-${pkg.version}.tgz`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      obtainedWith: `npm pack ${pkg.name}@${pkg.version}`,
      file: 'package/build/index.js',
    },
    upstream: {
      project: 'Chromium',
      path: 'net/base/net_error_list.h',
      licence: 'BSD-3-Clause',
      notice:
        'Copyright The Chromium Authors. Use of this source code is governed by a BSD-style license that can be found in the LICENSE file.',
    },
    extractedBy: 'scripts/catalogs/extract-chromium.ts',
  };
  writeFileSync(
    OUT,
    `{\n  "source": ${JSON.stringify(source)},\n  "entries": [\n    ${rows.map((r) => JSON.stringify(r)).join(',\n    ')}\n  ]\n}\n`,
  );
  process.stderr.write(`net-errors.json: ${rows.length} rows from ${pkg.name} ${pkg.version}\n`);
}
