/**
 * Catalogs from the extracted lists of scripts/catalogs/extract-more.ts. Pure: source texts in,
 * entries out.
 *
 * - mysql.json — MySQL's error numbers (family `mysql`, catalog `mysql`).
 * - mariadb.json — MariaDB's (family `mysql`, catalog `mariadb`); a name MySQL gives the same number
 *   is kept with `inHeaders` and adds MariaDB to the MySQL entry instead of repeating it. MariaDB
 *   reuses some numbers for other names after the fork; those are entries of their own.
 * - apple-osstatus.json — macOS OSStatus/OSErr codes (family `osstatus`), signed, stored unsigned.
 */

import { createHash } from 'node:crypto';
import type { TableEntry } from './tables.ts';

export const MYSQL_SOURCE = 'data/sources/mysql/mysql2-errors.json';
export const MARIADB_SOURCE = 'data/sources/mysql/mariadb-errors.json';
export const MAC_ERRORS_SOURCE = 'data/sources/apple/mac-errors.json';

interface Doc {
  source: Record<string, unknown>;
  skipped?: unknown[];
  entries: Array<{ symbol: string; value: number; line?: number }>;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function parse(path: string, text: string, symbol: RegExp, min: number, max: number): Doc {
  const doc = JSON.parse(text) as Doc;
  if (!doc || !Array.isArray(doc.entries) || typeof doc.source !== 'object')
    throw new Error(`${path}: expected { source, entries }`);
  const seen = new Set<string>();
  for (const e of doc.entries) {
    if (!symbol.test(e.symbol) || !Number.isInteger(e.value) || e.value < min || e.value > max)
      throw new Error(`${path}: bad row ${JSON.stringify(e)}`);
    if (seen.has(e.symbol)) throw new Error(`${path}: ${e.symbol} appears twice`);
    seen.add(e.symbol);
  }
  return doc;
}

const MYSQL_NAME = /^[A-Z][A-Z0-9_]*$/;

export function buildMysql(text: string): {
  source: Record<string, unknown>;
  skipped: unknown[];
  entries: TableEntry[];
} {
  const doc = parse(MYSQL_SOURCE, text, MYSQL_NAME, 0, 0xffff);
  return {
    source: { ...doc.source, file: MYSQL_SOURCE, fileSha256: sha256(text) },
    skipped: doc.skipped ?? [],
    entries: doc.entries.map((e) => ({
      symbol: e.symbol,
      value: e.value,
      family: 'mysql',
      catalog: 'mysql',
    })),
  };
}

export function buildMariadb(
  text: string,
  mysql: ReadonlyArray<{ symbol: string; value: number }>,
): { source: Record<string, unknown>; entries: TableEntry[] } {
  const doc = parse(MARIADB_SOURCE, text, MYSQL_NAME, 0, 0xffff);
  const known = new Set(mysql.map((e) => `${e.symbol}:${e.value}`));
  return {
    source: { ...doc.source, file: MARIADB_SOURCE, fileSha256: sha256(text) },
    entries: doc.entries.map((e) => ({
      symbol: e.symbol,
      value: e.value,
      family: 'mysql',
      catalog: 'mariadb',
      ...(known.has(`${e.symbol}:${e.value}`) ? { inHeaders: true as const } : {}),
    })),
  };
}

export function buildMacErrors(text: string): { source: Record<string, unknown>; entries: TableEntry[] } {
  const doc = parse(MAC_ERRORS_SOURCE, text, /^[A-Za-z_][A-Za-z0-9_]*$/, -0x8000_0000, 0x7fff_ffff);
  return {
    source: { ...doc.source, file: MAC_ERRORS_SOURCE, fileSha256: sha256(text) },
    entries: doc.entries.map((e) => ({
      symbol: e.symbol,
      value: e.value >>> 0,
      family: 'osstatus',
      catalog: 'macerrors',
      ...(e.line ? { line: e.line } : {}),
    })),
  };
}
