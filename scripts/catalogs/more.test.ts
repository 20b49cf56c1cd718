import { describe, expect, it } from 'vitest';
import { enumMembers, parseMacErrors, parseMariadbErrors, parseMysql2Errors } from './extract-more.ts';
import { buildMacErrors, buildMariadb, buildMysql } from './more.ts';
import { buildNss } from './nss.ts';
import { buildServicingErrors } from './tables.ts';
import { buildWindowsSdk } from './windows-sdk.ts';

const doc = (source: object, entries: object[], extra: object = {}) =>
  JSON.stringify({ source, ...extra, entries });

describe('MySQL and MariaDB lists', () => {
  it("takes mysql2's rows whose name table agrees, and the exported value of a name assigned twice", () => {
    const js = [
      'exports.ER_DUP_ENTRY = 1062;',
      'exports.ER_X = 3227;',
      'exports.ER_X = 3898;',
      "exports[1062] = 'ER_DUP_ENTRY';",
      "exports[3227] = 'ER_X';",
      "exports[3898] =\n  'ER_X';",
    ].join('\n');
    const { rows, skipped } = parseMysql2Errors(js);
    expect(rows).toEqual([
      { symbol: 'ER_DUP_ENTRY', value: 1062 },
      { symbol: 'ER_X', value: 3898 },
    ]);
    expect(skipped).toEqual([expect.objectContaining({ symbol: 'ER_X', value: 3227 })]);
    expect(() => parseMysql2Errors('nothing')).toThrow(/layout changed/);
  });

  it('merges a MariaDB name MySQL gives the same number, and keeps one it numbers differently', () => {
    const maria = parseMariadbErrors("codes[1062] = 'ER_DUP_ENTRY';\ncodes[4000] = 'ER_X';\n");
    const mysql = buildMysql(doc({}, [{ symbol: 'ER_DUP_ENTRY', value: 1062 }], { skipped: [] }));
    const built = buildMariadb(doc({}, maria), mysql.entries);
    expect(built.entries).toEqual([
      { symbol: 'ER_DUP_ENTRY', value: 1062, family: 'mysql', catalog: 'mariadb', inHeaders: true },
      { symbol: 'ER_X', value: 4000, family: 'mysql', catalog: 'mariadb' },
    ]);
    expect(() =>
      buildMysql(
        doc({}, [
          { symbol: 'ER_A', value: 1 },
          { symbol: 'ER_A', value: 2 },
        ]),
      ),
    ).toThrow(/appears twice/);
  });
});

describe('C enums (MacErrors.h, NSS)', () => {
  it('evaluates members: numbers, names defined before, bare names counting on', () => {
    const rows = enumMembers(
      'enum {\n  fnfErr = -43, /* File not found */\n  aliasErr = fnfErr,\n  nextErr\n};\nenum { BASE_PLUS = BASE + 2 };',
      'x.h',
      (name) => (name === 'BASE' ? { value: -0x2000 >>> 0, tags: new Set() } : undefined),
    );
    expect(rows.map((r) => [r.symbol, r.value, r.line])).toEqual([
      ['fnfErr', -43, 2],
      ['aliasErr', -43, 3],
      ['nextErr', -42, 4],
      ['BASE_PLUS', -0x2000 + 2, 6],
    ]);
    expect(() => enumMembers('enum { 1bad };', 'x.h')).toThrow(/x\.h:1: cannot read enum member/);
  });

  it('stores OSStatus values unsigned, as every catalog does', () => {
    const rows = parseMacErrors('enum { noErr = 0, fnfErr = -43 };');
    const built = buildMacErrors(doc({}, rows));
    expect(built.entries.map((e) => [e.symbol, e.value, e.family])).toEqual([
      ['noErr', 0, 'osstatus'],
      ['fnfErr', 4294967253, 'osstatus'],
    ]);
  });

  it("reads NSS's enums and NSPR's defines, skipping each list's end marker", () => {
    const headers = new Map([
      [
        'usr/include/nss/secerr.h',
        {
          text: '#define SEC_ERROR_BASE (-0x2000)\ntypedef enum {\n SEC_ERROR_IO = SEC_ERROR_BASE + 0,\n SEC_ERROR_UNKNOWN_ISSUER = (SEC_ERROR_BASE + 13),\n SEC_ERROR_END_OF_LIST\n} SECErrorCodes;\n',
          sha256: 'a',
        },
      ],
      [
        'usr/include/nspr/prerr.h',
        { text: '#define PR_OUT_OF_MEMORY_ERROR (-6000L)\n#define PR_MAX_ERROR (-5924L)\n', sha256: 'b' },
      ],
    ]);
    const { entries, headers: records } = buildNss(headers);
    expect(entries.map((e) => [e.symbol, e.value | 0])).toEqual([
      ['PR_OUT_OF_MEMORY_ERROR', -6000],
      ['SEC_ERROR_UNKNOWN_ISSUER', -8179],
      ['SEC_ERROR_IO', -8192],
    ]);
    expect(Object.fromEntries(records)['secerr.h']!.skipped).toEqual({
      SEC_ERROR_END_OF_LIST: 'end-of-list marker, not a code',
    });
  });
});

describe('Windows SDK table', () => {
  const table = (entries: object[]) =>
    doc({ repository: 'r', commit: 'c', extractedBy: 'x' }, entries, {
      headers: { 'winerror.h': { path: 'p/winerror.h' } },
      facilities: [],
    });

  it('marks a row a mingw-w64 header defines with the same value, and keeps one with another value', () => {
    const built = buildWindowsSdk(
      table([
        {
          symbol: 'E_HANDLE',
          value: 0x80070006,
          family: 'hresult',
          catalog: 'winerror',
          header: 'winerror.h',
          line: 9,
        },
        {
          symbol: 'E_NEW',
          value: 0x80070007,
          family: 'hresult',
          catalog: 'winerror',
          header: 'winerror.h',
          line: 10,
        },
      ]),
      [
        { symbol: 'E_HANDLE', value: 0x80070006 },
        { symbol: 'E_NEW', value: 1 },
      ],
    );
    expect(built.entries.map((e) => [e.symbol, e.inHeaders ?? false])).toEqual([
      ['E_HANDLE', true],
      ['E_NEW', false],
    ]);
    expect(built.source).toMatchObject({ file: 'data/sources/windows-sdk/defines.json' });
  });

  it('refuses a row of a header the table does not describe', () => {
    expect(() =>
      buildWindowsSdk(
        table([{ symbol: 'X', value: 1, family: 'win32', catalog: 'x', header: 'other.h', line: 1 }]),
        [],
      ),
    ).toThrow(/bad row/);
  });
});

describe('servicing (CBS) table', () => {
  const source = {
    pages: [
      { id: 'a', page: 'https://example.org/a' },
      { id: 'b', page: 'https://example.org/b' },
    ],
  };

  it('keeps a name on two pages once, linked to the first, and refuses two values for one name', () => {
    const built = buildServicingErrors(
      doc(source, [
        { value: '0x800F081F', symbol: 'CBS_E_SOURCE_MISSING', from: 'a' },
        { value: '0x800F081F', symbol: 'CBS_E_SOURCE_MISSING', from: 'b' },
      ]),
      [],
    );
    expect(built.entries).toEqual([
      {
        symbol: 'CBS_E_SOURCE_MISSING',
        value: 0x800f081f,
        family: 'hresult',
        catalog: 'cbs',
        doc: 'https://example.org/a',
      },
    ]);
    expect(() =>
      buildServicingErrors(
        doc(source, [
          { value: '0x800F081F', symbol: 'CBS_E_X', from: 'a' },
          { value: '0x800F0820', symbol: 'CBS_E_X', from: 'b' },
        ]),
        [],
      ),
    ).toThrow(/two values/);
  });
});
