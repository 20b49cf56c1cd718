/**
 * Extracts names and values (facts) from Microsoft's documentation repositories into
 * data/sources/microsoft-docs/, so that the catalog generator runs offline and reproducibly.
 * Only code, symbolic name and the page's address are kept: never the documentation's prose.
 *
 *   node --import tsx scripts/catalogs/extract-ms-docs.ts --driver-docs GIT_DIR
 *
 * GIT_DIR is a clone or snapshot of https://github.com/MicrosoftDocs/windows-driver-docs (CC BY 4.0);
 * the commit read is HEAD and is recorded in the output.
 */

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = fileURLToPath(new URL('../../data/sources/microsoft-docs/', import.meta.url));
const DEBUGGER_DIR = 'windows-driver-docs-pr/debugger';
const REFERENCE_TABLE = `${DEBUGGER_DIR}/bug-check-code-reference2.md`;
const LEARN_BASE = 'https://learn.microsoft.com/windows-hardware/drivers/debugger/';

export interface BugCheckRow {
  value: number;
  symbol: string;
  /** Documentation page of this bug check, when there is one. */
  page?: string;
  /** Where the pair was read: the reference table, the page's heading, or both. */
  from: Array<'table' | 'page'>;
}

/** `**DPC\_WATCHDOG\_VIOLATION**` → DPC_WATCHDOG_VIOLATION. */
const unescape = (s: string): string => s.replace(/\\_/g, '_').replace(/\*/g, '').trim();

/** Rows `| 0x00000133 | [**DPC\_WATCHDOG\_VIOLATION**](bug-check-0x133-....md) |` of the reference table. */
export function parseReferenceTable(
  markdown: string,
): Array<{ value: number; symbol: string; page?: string }> {
  const rows: Array<{ value: number; symbol: string; page?: string }> = [];
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*(0x[0-9A-Fa-f]{1,8})\s*\|\s*(.+?)\s*\|\s*$/.exec(line);
    if (!m) continue;
    // One row writes a letter outside its link ("I[**MPERSONATING\_WORKER\_THREAD**](...)").
    const link = /^([A-Z]?)\[([^\]]+)\]\(([^)]+)\)$/.exec(m[2]!);
    const symbol = unescape(link ? link[1]! + link[2]! : m[2]!);
    if (!/^[A-Z0-9_]+$/.test(symbol)) throw new Error(`${REFERENCE_TABLE}: unexpected name '${m[2]}'`);
    rows.push({
      value: parseInt(m[1]!, 16),
      symbol,
      ...(link ? { page: link[3]!.replace(/\.md$/, '') } : {}),
    });
  }
  return rows;
}

/** The `# Bug Check 0x133: DPC_WATCHDOG_VIOLATION` heading of a bug check page. */
export function parsePageHeading(markdown: string): { value: number; symbol: string } | null {
  const m = /^# Bug [Cc]heck (?:0x)?([0-9A-Fa-f]{1,8}):\s*([A-Z0-9_\\]+)\s*$/m.exec(markdown);
  return m ? { value: parseInt(m[1]!, 16), symbol: unescape(m[2]!) } : null;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function extractBugChecks(gitDir: string) {
  const commit = git(gitDir, 'rev-parse', 'HEAD').trim();
  const committed = git(gitDir, 'log', '-1', '--format=%cI', 'HEAD').trim();
  const rows = new Map<string, BugCheckRow>();
  const add = (value: number, symbol: string, from: 'table' | 'page', page?: string) => {
    const key = `${value}:${symbol}`;
    const row = rows.get(key) ?? { value, symbol, from: [] };
    if (!row.from.includes(from)) row.from.push(from);
    if (page && !row.page) row.page = page;
    rows.set(key, row);
  };
  for (const r of parseReferenceTable(git(gitDir, 'show', `HEAD:${REFERENCE_TABLE}`))) {
    add(r.value, r.symbol, 'table', r.page);
  }
  const pages = git(gitDir, 'ls-tree', '-r', '--name-only', 'HEAD', `${DEBUGGER_DIR}/`)
    .split('\n')
    .filter((p) => /\/bug-check-0x[^/]*\.md$/.test(p))
    .sort();
  const unreadable: string[] = [];
  for (const path of pages) {
    const h = parsePageHeading(git(gitDir, 'show', `HEAD:${path}`));
    if (!h) {
      unreadable.push(path);
      continue;
    }
    add(h.value, h.symbol, 'page', path.slice(DEBUGGER_DIR.length + 1).replace(/\.md$/, ''));
  }
  const entries = [...rows.values()]
    .map((r) => ({ ...r, from: [...r.from].sort() }))
    .sort((a, b) => a.value - b.value || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return {
    source: {
      repository: 'https://github.com/MicrosoftDocs/windows-driver-docs',
      commit,
      committed,
      paths: [REFERENCE_TABLE, `${DEBUGGER_DIR}/bug-check-0x*.md (page headings)`],
      pageBase: LEARN_BASE,
      licence: 'CC-BY-4.0',
      licenceNote:
        'Microsoft documentation, Creative Commons Attribution 4.0 International. Only codes, names and page addresses (facts) are extracted; no prose.',
      extractedBy: 'scripts/catalogs/extract-ms-docs.ts',
      pagesWithoutHeading: unreadable,
    },
    entries: entries.map((e) => ({
      value: `0x${e.value.toString(16).toUpperCase().padStart(8, '0')}`,
      symbol: e.symbol,
      ...(e.page ? { page: e.page } : {}),
      from: e.from,
    })),
  };
}

function writeJson(path: string, doc: { source: unknown; entries: unknown[] }): void {
  const lines = doc.entries.map((e) => JSON.stringify(e));
  writeFileSync(
    path,
    `{\n  "source": ${JSON.stringify(doc.source)},\n  "entries": [\n    ${lines.join(',\n    ')}\n  ]\n}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--driver-docs');
  if (i === -1 || !process.argv[i + 1]) {
    process.stderr.write('usage: extract-ms-docs.ts --driver-docs GIT_DIR\n');
    process.exit(2);
  }
  const doc = extractBugChecks(process.argv[i + 1]!);
  writeJson(join(OUT_DIR, 'bug-checks.json'), doc);
  process.stderr.write(`bug-checks.json: ${doc.entries.length} rows from ${doc.source.commit}\n`);
}
