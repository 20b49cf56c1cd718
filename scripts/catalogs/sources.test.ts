import { describe, expect, it } from 'vitest';
import { evaluateExpression, parseDefines } from './cpp.ts';
import { parsePageHeading, parseReferenceTable } from './extract-ms-docs.ts';
import { parseNetErrors } from './extract-chromium.ts';
import { parseErrnoPage } from './manpages.ts';
import { buildBugChecks, buildChromiumNet, buildSetupErrors } from './tables.ts';

describe('header macro expansion', () => {
  const defines = parseDefines(
    '#define _FACD3D 0x876\n#define MAKE_D3DHRESULT(code) MAKE_HRESULT(1, _FACD3D, code)\n#define TWICE(a, b) ((a) + (b))\n',
    'd3d9.h',
  );
  const env = {
    lookup: (name: string) => {
      const d = defines.find((x) => x.name === name && x.params === null);
      return d ? evaluateExpression(d.body, env) : undefined;
    },
    macro: (name: string) => defines.find((x) => x.name === name && x.params !== null),
  };

  it('expands a header macro into the HRESULT it builds, tagged as one', () => {
    const v = evaluateExpression('MAKE_D3DHRESULT(2154)', env);
    expect(v.value).toBe(0x8876086a);
    expect(v.tags.has('hresult')).toBe(true);
  });

  it('substitutes arguments in parentheses and checks their number', () => {
    expect(evaluateExpression('TWICE(1 | 2, 4) * 2', env).value).toBe(14);
    expect(() => evaluateExpression('TWICE(1)', env)).toThrow(/expects 2 argument/);
  });
});

describe('Microsoft documentation extraction', () => {
  it('reads the reference table, including a letter written outside its link', () => {
    const rows = parseReferenceTable(
      '| Code | Name |\n|---|---|\n| 0x00000133 | [**DPC\\_WATCHDOG\\_VIOLATION**](bug-check-0x133-dpc-watchdog-violation.md) |\n| 0x000000DF | I[**MPERSONATING\\_WORKER\\_THREAD**](bug-check-0xdf--impersonating-worker-thread.md) |\n',
    );
    expect(rows).toEqual([
      { value: 0x133, symbol: 'DPC_WATCHDOG_VIOLATION', page: 'bug-check-0x133-dpc-watchdog-violation' },
      {
        value: 0xdf,
        symbol: 'IMPERSONATING_WORKER_THREAD',
        page: 'bug-check-0xdf--impersonating-worker-thread',
      },
    ]);
  });

  it('reads a page heading with or without 0x', () => {
    expect(parsePageHeading('---\n---\n# Bug Check 0x124: WHEA\\_UNCORRECTABLE\\_ERROR\n')).toEqual({
      value: 0x124,
      symbol: 'WHEA_UNCORRECTABLE_ERROR',
    });
    expect(parsePageHeading('# Bug Check 17C: PDC\\_LOCK\\_WATCHDOG\\_LIVEDUMP')?.value).toBe(0x17c);
    expect(parsePageHeading('# Something else')).toBeNull();
  });

  it("prefers a page's heading over the table's spelling, records the spelling, and links header entries", () => {
    const text = JSON.stringify({
      source: { pageBase: 'https://learn.microsoft.com/x/' },
      entries: [
        { value: '0x000001D0', symbol: 'ACPI_FIRMWARE_WATCHDOG_TIMEOUT', page: 'p1', from: ['page'] },
        { value: '0x000001D0', symbol: 'CPI_FIRMWARE_WATCHDOG_TIMEOUT', page: 'p1', from: ['table'] },
        { value: '0x00000133', symbol: 'DPC_WATCHDOG_VIOLATION', page: 'p2', from: ['page', 'table'] },
      ],
    });
    const r = buildBugChecks(text, [{ symbol: 'DPC_WATCHDOG_VIOLATION', value: 0x133, family: 'bugcheck' }]);
    expect(r.entries.map((e) => e.symbol)).toEqual([
      'DPC_WATCHDOG_VIOLATION',
      'ACPI_FIRMWARE_WATCHDOG_TIMEOUT',
    ]);
    expect(r.entries[0]).toMatchObject({ inHeaders: true, doc: 'https://learn.microsoft.com/x/p2' });
    expect(r.skipped).toEqual([expect.objectContaining({ symbol: 'CPI_FIRMWARE_WATCHDOG_TIMEOUT' })]);
  });

  it('rejects setup rows that are not MOSETUP_E_ codes', () => {
    const bad = JSON.stringify({ source: {}, entries: [{ value: '0xC1900101', symbol: 'NOT_SETUP' }] });
    expect(() => buildSetupErrors(bad)).toThrow(/bad row/);
  });
});

describe('Chromium extraction', () => {
  it('reads code, name and range from the package classes, and stores negatives unsigned', () => {
    const rows = parseNetErrors(
      'this.code = -102;\n    this.description = \'CONNECTION_REFUSED\';\n    this.type = "connection";\n',
    );
    expect(rows).toEqual([{ symbol: 'ERR_CONNECTION_REFUSED', value: -102, type: 'connection' }]);
    const built = buildChromiumNet(JSON.stringify({ source: {}, entries: rows }));
    expect(built.entries[0]).toMatchObject({
      value: 0xffffff9a,
      family: 'chromium-net',
      group: 'connection',
    });
    expect(() =>
      buildChromiumNet(JSON.stringify({ source: {}, entries: [{ ...rows[0], value: 5 }] })),
    ).toThrow();
  });
});

describe('errno(3) descriptions', () => {
  const page = [
    '.SS List of error names',
    '.TP 16',
    '.B EAGAIN',
    'Resource temporarily unavailable (may be the same value as',
    '.BR EWOULDBLOCK )',
    '(POSIX.1-2001).',
    '.TP',
    '.B ENOENT',
    'No such file or directory (POSIX.1-2001).',
    '.IP',
    'Typically, this error results when a pathname does not exist.',
    '.TP',
    '.B EDEADLOCK',
    'On most architectures, a synonym for',
    '.BR EDEADLK .',
    '.SH NOTES',
  ].join('\n');

  it('keeps the first paragraph, splits off standards and titles the first phrase', () => {
    const rows = parseErrnoPage(
      page.replace('.SH NOTES', Array(100).fill('.TP\n.B EX\nX.').join('\n') + '\n.SH NOTES'),
    );
    expect(rows[0]).toMatchObject({
      symbol: 'EAGAIN',
      title: 'Resource temporarily unavailable',
      message: 'Resource temporarily unavailable (may be the same value as EWOULDBLOCK)',
      standards: ['POSIX.1-2001'],
    });
    expect(rows[1]).toMatchObject({ symbol: 'ENOENT', message: 'No such file or directory' });
    expect(rows[2]).toMatchObject({ symbol: 'EDEADLOCK', title: 'Synonym for EDEADLK' });
  });

  it('refuses a page whose layout changed', () => {
    expect(() => parseErrnoPage(page)).toThrow(/layout changed/);
    expect(() => parseErrnoPage('no list here')).toThrow(/List of error names/);
  });
});
