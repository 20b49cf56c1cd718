/**
 * Extracts names and numbers (facts) of three more error lists into data/sources/:
 *
 *   mysql/mysql2-errors.json   MySQL 8 server and client error numbers, from the npm package mysql2
 *                              (MIT; generated from MySQL's mysqld_error.h)
 *   mysql/mariadb-errors.json  MariaDB's error numbers, from the npm package mariadb (LGPL-2.1+)
 *   apple/mac-errors.json      macOS OSStatus/OSErr codes, from Apple's MacErrors.h
 *                              (apple-oss-distributions/CarbonHeaders, APSL-2.0)
 *
 *   npm pack mysql2@3.24.5 mariadb@3.5.4
 *   node --import tsx scripts/catalogs/extract-more.ts mysql2-3.24.5.tgz mariadb-3.5.4.tgz CARBON_GIT_DIR [COMMIT]
 *
 * Messages and comments are never kept.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Evaluated, evaluateExpression, stripComments } from './cpp.ts';

const DATA = fileURLToPath(new URL('../../data/sources/', import.meta.url));

export interface NumberRow {
  symbol: string;
  value: number;
}

export interface Skip {
  symbol: string;
  value: number;
  reason: string;
}

/** mysql2's lib/constants/errors.js: `exports.NAME = N;` and `exports[N] = 'NAME';`. */
export function parseMysql2Errors(js: string): { rows: NumberRow[]; skipped: Skip[] } {
  const byNumber = [...js.matchAll(/exports\[(\d+)\]\s*=\s*'([A-Z0-9_]+)'/g)].map((m) => ({
    value: Number(m[1]),
    symbol: m[2]!,
  }));
  const byName = new Map<string, number[]>();
  for (const m of js.matchAll(/exports\.([A-Z0-9_]+)\s*=\s*(\d+);/g))
    byName.set(m[1]!, [...(byName.get(m[1]!) ?? []), Number(m[2])]);
  if (byNumber.length === 0) throw new Error('no exports[N] rows: the package layout changed');
  const rows: NumberRow[] = [];
  const skipped: Skip[] = [];
  for (const r of byNumber) {
    const values = byName.get(r.symbol) ?? [];
    // `exports.NAME` assigned twice: the module exports the last value, so that one is the name's.
    if (values.length > 1 && values.at(-1) !== r.value)
      skipped.push({
        ...r,
        reason: `the package assigns ${r.symbol} twice (${values.join(', ')}); the last assignment, ${values.at(-1)}, is what it exports`,
      });
    else if (values.includes(r.value)) rows.push(r);
    else
      skipped.push({
        ...r,
        reason: `the package's name table gives ${r.symbol} = ${values.join(', ') || 'nothing'}; the number table's row is not taken`,
      });
  }
  return { rows: rows.sort((a, b) => a.value - b.value), skipped };
}

/** mariadb's lib/const/error-code.js: `codes[N] = 'NAME';`. */
export function parseMariadbErrors(js: string): NumberRow[] {
  const rows = [...js.matchAll(/codes\[(\d+)\]\s*=\s*'([A-Z0-9_]+)'/g)].map((m) => ({
    value: Number(m[1]),
    symbol: m[2]!,
  }));
  if (rows.length === 0) throw new Error('no codes[N] rows: the package layout changed');
  return rows.sort((a, b) => a.value - b.value);
}

/**
 * The members of every `enum { ... }` in MacErrors.h: `name = value` (a number, or a name defined
 * before it), or a bare name (the previous value plus one). Values are signed 32-bit numbers.
 */
export function parseMacErrors(header: string): Array<NumberRow & { line: number }> {
  return enumMembers(header, 'MacErrors.h');
}

/**
 * Every member of every `enum { ... }` of a C header, evaluated: `name = expression` (numbers, names
 * defined before it in an enum, or `lookup`'s names, such as a header's #defines) or a bare name
 * (the previous value plus one). Values are signed 32-bit numbers.
 */
export function enumMembers(
  header: string,
  file: string,
  lookup: (name: string) => Evaluated | undefined = () => undefined,
): Array<NumberRow & { line: number }> {
  const { code } = stripComments(header);
  const lineAt = (offset: number) => code.slice(0, offset).split('\n').length;
  const known = new Map<string, number>();
  const env = {
    lookup: (name: string): Evaluated | undefined => {
      const v = known.get(name);
      return v === undefined ? lookup(name) : { value: v >>> 0, tags: new Set() };
    },
  };
  const rows: Array<NumberRow & { line: number }> = [];
  for (const block of code.matchAll(/\benum\s*\{([^}]*)\}/g)) {
    let next = 0;
    let at = block.index + block[0].indexOf('{') + 1;
    for (const part of block[1]!.split(',')) {
      const offset = at + (part.length - part.trimStart().length);
      at += part.length + 1;
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*([^]*?))?\s*$/.exec(part);
      if (!m) {
        if (part.trim() === '') continue;
        throw new Error(`${file}:${lineAt(offset)}: cannot read enum member ${JSON.stringify(part.trim())}`);
      }
      const value = m[2] === undefined ? next : evaluateExpression(m[2], env).value | 0;
      known.set(m[1]!, value);
      rows.push({ symbol: m[1]!, value, line: lineAt(offset) });
      next = value + 1;
    }
  }
  if (rows.length === 0) throw new Error(`${file}: no enum members found`);
  return rows;
}

const json = (source: unknown, entries: unknown[], skipped?: unknown[]): string =>
  `{\n  "source": ${JSON.stringify(source)},\n${skipped ? (skipped.length ? `  "skipped": [\n${skipped.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ],\n` : '  "skipped": [],\n') : ''}  "entries": [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`;

function npmSource(tgz: string, file: string) {
  const bytes = readFileSync(tgz);
  const tar = (path: string) => execFileSync('tar', ['-xzOf', tgz, path], { encoding: 'utf8' });
  const pkg = JSON.parse(tar('package/package.json')) as { name: string; version: string; license?: string };
  return {
    text: tar(file),
    package: {
      registry: 'npm',
      name: pkg.name,
      version: pkg.version,
      licence: pkg.license ?? '',
      tarball: `${pkg.name}-${pkg.version}.tgz`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      obtainedWith: `npm pack ${pkg.name}@${pkg.version}`,
      file,
    },
  };
}

function write(path: string, text: string): void {
  mkdirSync(dirname(`${DATA}${path}`), { recursive: true });
  writeFileSync(`${DATA}${path}`, text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [mysqlTgz, mariadbTgz, carbonGit, carbonRev = 'HEAD'] = process.argv.slice(2);
  if (!mysqlTgz || !mariadbTgz || !carbonGit) {
    process.stderr.write(
      'usage: extract-more.ts mysql2-VERSION.tgz mariadb-VERSION.tgz CARBON_GIT_DIR [COMMIT]\n',
    );
    process.exit(2);
  }
  const mysql = npmSource(mysqlTgz, 'package/lib/constants/errors.js');
  const parsed = parseMysql2Errors(mysql.text);
  const upstreamVersion = /Extracted from version ([0-9.]+)/.exec(mysql.text)?.[1] ?? 'unknown';
  write(
    'mysql/mysql2-errors.json',
    json(
      {
        package: mysql.package,
        upstream: {
          project: 'MySQL',
          version: upstreamVersion,
          files: 'include/mysqld_error.h, include/mysys_err.h (as the package generates them)',
          licence: 'GPL-2.0-only WITH Universal-FOSS-exception-1.0 (names and numbers only)',
        },
        extractedBy: 'scripts/catalogs/extract-more.ts',
      },
      parsed.rows,
      parsed.skipped,
    ),
  );
  const mariadb = npmSource(mariadbTgz, 'package/lib/const/error-code.js');
  const mariaRows = parseMariadbErrors(mariadb.text);
  write(
    'mysql/mariadb-errors.json',
    json(
      {
        package: mariadb.package,
        upstream: {
          project: 'MariaDB Server',
          version: /from MariaDB ([0-9.]+)/.exec(mariadb.text)?.[1] ?? 'unknown',
          licence: 'GPL-2.0-only (names and numbers only)',
        },
        extractedBy: 'scripts/catalogs/extract-more.ts',
      },
      mariaRows,
    ),
  );
  const commit = execFileSync('git', ['--git-dir', carbonGit, 'rev-parse', carbonRev], {
    encoding: 'utf8',
  }).trim();
  const header = execFileSync('git', ['--git-dir', carbonGit, 'show', `${commit}:MacErrors.h`]);
  const macRows = parseMacErrors(header.toString('latin1'));
  write(
    'apple/mac-errors.json',
    json(
      {
        repository: 'https://github.com/apple-oss-distributions/CarbonHeaders',
        commit,
        path: 'MacErrors.h',
        sha256: createHash('sha256').update(header).digest('hex'),
        licence: 'APSL-2.0',
        notice:
          'Copyright (c) 1985-2008 by Apple Inc. All rights reserved. Subject to the Apple Public Source License Version 2.0 (https://opensource.apple.com/apsl/).',
        obtainedWith:
          "the search tool's fetch of github:apple-oss-distributions/CarbonHeaders (a git snapshot), read with git show",
        extractedBy: 'scripts/catalogs/extract-more.ts',
      },
      macRows,
    ),
  );
  process.stderr.write(
    `mysql2 ${parsed.rows.length} rows (${parsed.skipped.length} skipped), mariadb ${mariaRows.length}, MacErrors.h ${macRows.length}\n`,
  );
}
