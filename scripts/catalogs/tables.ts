/**
 * Catalogs built from extracted tables kept in data/sources/ (Microsoft documentation, Chromium),
 * not from package headers. Pure: source texts in, entries out.
 *
 * - microsoft-docs.json — bug check codes from Microsoft's bug check code reference and the
 *   bug check pages (CC BY 4.0; names, values and page addresses only). A row whose symbol and value
 *   a header already defines is kept with `inHeaders` so the header entry gains the page link
 *   instead of being repeated. When the reference table spells a code's name differently from the
 *   code's own page, the page's heading wins and the table's spelling is recorded under `skipped`.
 * - chromium-net.json — Chromium's network errors (ERR_*), negative as Chromium writes them, stored
 *   as unsigned 32-bit values like every other catalog value.
 */

import { createHash } from 'node:crypto';

export const BUG_CHECKS_SOURCE = 'data/sources/microsoft-docs/bug-checks.json';
export const NET_ERRORS_SOURCE = 'data/sources/chromium/net-errors.json';
export const SETUP_ERRORS_SOURCE = 'data/sources/microsoft-docs/setup-errors.json';

export interface TableEntry {
  symbol: string;
  value: number;
  family: string;
  catalog: string;
  /** Documentation page of this code. */
  doc?: string;
  /** The headers define the same symbol and value (the entry adds the page to that one). */
  inHeaders?: true;
  /** Chromium: the range it falls in (system, connection, certificate, http, cache, ...). */
  group?: string;
  /** Line in the source header (Apple's MacErrors.h). */
  line?: number;
}

export interface Skipped {
  symbol: string;
  value: number;
  reason: string;
}

interface SourceDoc<R> {
  source: Record<string, unknown>;
  entries: R[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function parse<R>(path: string, text: string): SourceDoc<R> {
  const doc = JSON.parse(text) as SourceDoc<R>;
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.entries) || typeof doc.source !== 'object')
    throw new Error(`${path}: expected { source, entries }`);
  return doc;
}

interface BugCheckRow {
  value: string;
  symbol: string;
  page?: string;
  from: Array<'table' | 'page'>;
}

export function buildBugChecks(
  text: string,
  headerEntries: ReadonlyArray<{ symbol: string; value: number; family: string }>,
): { source: Record<string, unknown>; entries: TableEntry[]; skipped: Skipped[] } {
  const doc = parse<BugCheckRow>(BUG_CHECKS_SOURCE, text);
  const pageBase = String(doc.source.pageBase ?? '');
  const known = new Set(
    headerEntries.filter((e) => e.family === 'bugcheck').map((e) => `${e.symbol}:${e.value}`),
  );
  const byValue = new Map<number, BugCheckRow[]>();
  for (const row of doc.entries) {
    const value = Number.parseInt(row.value, 16);
    if (!/^0x[0-9A-F]{8}$/.test(row.value) || !/^[A-Z0-9_]+$/.test(row.symbol))
      throw new Error(`${BUG_CHECKS_SOURCE}: bad row ${JSON.stringify(row)}`);
    byValue.set(value, [...(byValue.get(value) ?? []), row]);
  }
  const entries: TableEntry[] = [];
  const skipped: Skipped[] = [];
  for (const [value, rows] of [...byValue].sort(([a], [b]) => a - b)) {
    const headed = rows.some((r) => r.from.includes('page'));
    for (const row of rows) {
      if (headed && !row.from.includes('page')) {
        skipped.push({
          symbol: row.symbol,
          value,
          reason: `the reference table's spelling; the code's own page is headed ${rows.find((r) => r.from.includes('page'))!.symbol}`,
        });
        continue;
      }
      entries.push({
        symbol: row.symbol,
        value,
        family: 'bugcheck',
        catalog: 'bug-check-reference',
        ...(row.page ? { doc: `${pageBase}${row.page}` } : {}),
        ...(known.has(`${row.symbol}:${value}`) ? { inHeaders: true as const } : {}),
      });
    }
  }
  return {
    source: { ...doc.source, file: BUG_CHECKS_SOURCE, fileSha256: sha256(text) },
    entries,
    skipped,
  };
}

interface NetErrorRow {
  symbol: string;
  value: number;
  type: string;
}

export function buildChromiumNet(text: string): { source: Record<string, unknown>; entries: TableEntry[] } {
  const doc = parse<NetErrorRow>(NET_ERRORS_SOURCE, text);
  const seen = new Set<string>();
  const entries = doc.entries.map((r): TableEntry => {
    if (
      !/^ERR_[A-Z0-9_]+$/.test(r.symbol) ||
      !Number.isInteger(r.value) ||
      r.value >= 0 ||
      r.value < -0x8000_0000
    )
      throw new Error(`${NET_ERRORS_SOURCE}: bad row ${JSON.stringify(r)}`);
    if (seen.has(r.symbol)) throw new Error(`${NET_ERRORS_SOURCE}: ${r.symbol} appears twice`);
    seen.add(r.symbol);
    return {
      symbol: r.symbol,
      value: r.value >>> 0,
      family: 'chromium-net',
      catalog: 'net_error_list',
      group: r.type,
    };
  });
  // Chromium lists errors from -1 downwards; keep that order.
  entries.sort((a, b) => (b.value | 0) - (a.value | 0));
  return { source: { ...doc.source, file: NET_ERRORS_SOURCE, fileSha256: sha256(text) }, entries };
}

interface SetupRow {
  value: string;
  symbol: string;
}

/** Windows Setup's MOSETUP_E_* result codes (0xC19xxxxx) from the upgrade resolution procedures table. */
export function buildSetupErrors(text: string): { source: Record<string, unknown>; entries: TableEntry[] } {
  const doc = parse<SetupRow>(SETUP_ERRORS_SOURCE, text);
  const page = String(doc.source.page ?? '');
  const seen = new Set<string>();
  const entries = doc.entries.map((r): TableEntry => {
    if (!/^0x[0-9A-F]{8}$/.test(r.value) || !/^MOSETUP_E_[A-Z0-9_]+$/.test(r.symbol))
      throw new Error(`${SETUP_ERRORS_SOURCE}: bad row ${JSON.stringify(r)}`);
    if (seen.has(r.symbol)) throw new Error(`${SETUP_ERRORS_SOURCE}: ${r.symbol} appears twice`);
    seen.add(r.symbol);
    return {
      symbol: r.symbol,
      value: Number.parseInt(r.value, 16),
      family: 'setup',
      catalog: 'windows-setup',
      doc: page,
    };
  });
  entries.sort((a, b) => a.value - b.value);
  return { source: { ...doc.source, file: SETUP_ERRORS_SOURCE, fileSha256: sha256(text) }, entries };
}

export const SERVICING_ERRORS_SOURCE = 'data/sources/microsoft-docs/servicing-errors.json';

interface ServicingRow {
  value: string;
  symbol: string;
  /** Which of `source.pages` the row is read from. */
  from: string;
}

/**
 * Component-Based Servicing (CBS_E_*) and PSFX_E_* HRESULTs (0x800F08xx/09xx) from Microsoft's
 * support articles: no public header defines them. A name on two pages is one entry, linked to the
 * first page that has it; two pages giving one name different values is an error.
 */
export function buildServicingErrors(
  text: string,
  headerEntries: ReadonlyArray<{ symbol: string; value: number }>,
): { source: Record<string, unknown>; entries: TableEntry[] } {
  const doc = parse<ServicingRow>(SERVICING_ERRORS_SOURCE, text);
  const pages = new Map(
    ((doc.source.pages ?? []) as Array<{ id: string; page: string }>).map((p) => [p.id, p.page]),
  );
  const known = new Set(headerEntries.map((e) => `${e.symbol}:${e.value}`));
  const bySymbol = new Map<string, TableEntry>();
  for (const r of doc.entries) {
    const page = pages.get(r.from);
    if (!/^0x800F0[89][0-9A-F]{2}$/.test(r.value) || !/^(CBS|PSFX)_E_[A-Z0-9_]+$/.test(r.symbol) || !page)
      throw new Error(`${SERVICING_ERRORS_SOURCE}: bad row ${JSON.stringify(r)}`);
    const value = Number.parseInt(r.value, 16);
    const seen = bySymbol.get(r.symbol);
    if (seen) {
      if (seen.value !== value)
        throw new Error(`${SERVICING_ERRORS_SOURCE}: ${r.symbol} has two values (${seen.value}, ${value})`);
      continue;
    }
    bySymbol.set(r.symbol, {
      symbol: r.symbol,
      value,
      family: 'hresult',
      catalog: 'cbs',
      doc: page,
      ...(known.has(`${r.symbol}:${value}`) ? { inHeaders: true as const } : {}),
    });
  }
  const entries = [...bySymbol.values()].sort((a, b) => a.value - b.value);
  return { source: { ...doc.source, file: SERVICING_ERRORS_SOURCE, fileSha256: sha256(text) }, entries };
}
