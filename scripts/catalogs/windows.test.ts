import { describe, expect, it } from 'vitest';
import { parseDep5 } from './licence.ts';
import {
  CatalogProblems,
  type HeaderSpec,
  type WindowsConfig,
  buildWindowsCatalogs,
  classifyDefine,
} from './windows.ts';

const PD = '/**\n * This file has no copyright assigned and is placed in the Public Domain.\n */\n';
const LGPL =
  '/*\n * Copyright (C) 2007 Someone\n *\n * This library is free software; you can redistribute it and/or\n * modify it under the terms of the GNU Lesser General Public\n * License as published by the Free Software Foundation; either\n * version 2.1 of the License, or (at your option) any later version.\n */\n';

const COPYRIGHT = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

Files: *
Copyright: the project
License: ZPL-2.1

Files: inc/*
Copyright: public-domain
License: public-domain

Files: inc/lg.h
Copyright: 2007 Someone
License: LGPL-2.1+
`;

const SPECS: HeaderSpec[] = [
  {
    file: 'winerror.h',
    family: 'derive',
    facilities: 'hresult',
    notCodes: { WSABASEERR: 'base' },
    why: 'test',
  },
  { file: 'net.h', family: 'win32', facilities: null, select: /^ERROR_/, why: 'test' },
  { file: 'lg.h', family: 'win32', facilities: null, select: /^ERROR_/, why: 'test' },
];

const WINERROR = `${PD}#ifndef _WINERROR_
#define _WINERROR_
#define FACILITY_WIN32 7
#define FACILITY_WINDOWSUPDATE 36
#define SEVERITY_ERROR 1
#define ERROR_SUCCESS __MSABI_LONG(0)
#define ERROR_ACCESS_DENIED __MSABI_LONG(5)
#define ERROR_INSUFFICIENT_BUFFER __MSABI_LONG(122)
#define WSABASEERR 10000
#define WSAEINTR (WSABASEERR + 4)
#define HRESULT_FROM_WIN32(x) __HRESULT_FROM_WIN32(x)
#define E_ACCESSDENIED _HRESULT_TYPEDEF_(0x80070005L)
#define E_NOT_SUFFICIENT_BUFFER HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)
#define OLE_E_FIRST ((HRESULT)0x80040000)
#define DRAGDROP_E_NOTREGISTERED __MSABI_LONG(0x80040100)
#define NOERROR 0
#define S_OK ((HRESULT)0x00000000)
#endif
`;

const NET = `${PD}#define NET_BASE 12000
#define NET_FLAG 0x4
#define ERROR_NET_TIMEOUT (NET_BASE + 2)
#define ERROR_SHARED 5
#define ERROR_SHARED 5
`;

const LG = `${LGPL}#define LG_BASE 12000
#define ERROR_LG_TIMEOUT (LG_BASE + 2)
#define ERROR_ACCESS_DENIED 5
`;

const enc = (text: string) => ({ text, sha256: 'x'.repeat(64) });

function build(headers: Record<string, string>, config: Partial<WindowsConfig> = {}) {
  return buildWindowsCatalogs(
    {
      includeDir: 'inc',
      upstreamDir: 'inc',
      headers: new Map(Object.entries(headers).map(([k, v]) => [k, enc(v)])),
      copyright: parseDep5(COPYRIGHT),
    },
    { specs: SPECS, fallback: ['winerror.h'], ignores: [], ...config },
  );
}

describe('buildWindowsCatalogs', () => {
  const r = build({ 'winerror.h': WINERROR, 'net.h': NET, 'lg.h': LG });
  const find = (symbol: string) => [...r.main.entries, ...r.lgpl.entries].filter((e) => e.symbol === symbol);

  it('evaluates values and derives families', () => {
    expect(find('ERROR_ACCESS_DENIED')[0]).toMatchObject({
      value: 5,
      family: 'win32',
      catalog: 'winerror',
      line: 10,
    });
    expect(find('WSAEINTR')[0]).toMatchObject({ value: 10004, family: 'win32' });
    expect(find('E_ACCESSDENIED')[0]).toMatchObject({ value: 0x80070005, family: 'hresult' });
    expect(find('E_NOT_SUFFICIENT_BUFFER')[0]).toMatchObject({ value: 0x8007007a, family: 'hresult' });
    expect(find('DRAGDROP_E_NOTREGISTERED')[0]).toMatchObject({ family: 'hresult' });
    expect(find('NOERROR')[0]).toMatchObject({ value: 0, family: 'hresult' });
    expect(find('S_OK')[0]).toMatchObject({ value: 0, family: 'hresult' });
    expect(find('ERROR_NET_TIMEOUT')[0]).toMatchObject({ value: 12002, family: 'win32', catalog: 'net' });
  });

  it('skips markers, facilities, severities, guards and unselected defines, and counts them', () => {
    for (const s of [
      'OLE_E_FIRST',
      'WSABASEERR',
      'FACILITY_WIN32',
      'SEVERITY_ERROR',
      '_WINERROR_',
      'NET_BASE',
      'NET_FLAG',
    ]) {
      expect(find(s)).toEqual([]);
    }
    const winerror = Object.fromEntries(r.main.headers)['winerror.h']!;
    expect(winerror.markers).toEqual(['OLE_E_FIRST']);
    expect(winerror.skipped).toMatchObject({
      'function-like macro': 1,
      'range marker': 1,
      'severity constant': 1,
    });
    const net = Object.fromEntries(r.main.headers)['net.h']!;
    expect(net.skipped).toMatchObject({
      'not selected (^ERROR_)': 2,
      'repeated definition with the same value': 1,
    });
  });

  it('publishes facilities', () => {
    expect(r.main.facilities).toEqual([
      { name: 'FACILITY_WIN32', value: 7, family: 'hresult', header: 'winerror.h', line: 6 },
      { name: 'FACILITY_WINDOWSUPDATE', value: 36, family: 'hresult', header: 'winerror.h', line: 7 },
    ]);
  });

  it('merges the same symbol and value across headers, keeping collisions of different symbols apart', () => {
    expect(find('ERROR_ACCESS_DENIED')).toEqual([
      {
        symbol: 'ERROR_ACCESS_DENIED',
        value: 5,
        family: 'win32',
        catalog: 'winerror',
        header: 'winerror.h',
        line: 10,
        alsoIn: [{ header: 'lg.h', line: 11 }],
      },
    ]);
    expect(find('ERROR_NET_TIMEOUT')[0]!.value).toBe(find('ERROR_LG_TIMEOUT')[0]!.value);
  });

  it('splits LGPL headers into their own output', () => {
    expect(r.lgpl.entries.map((e) => e.symbol)).toEqual(['ERROR_LG_TIMEOUT']);
    expect(r.lgpl.headers.map(([h]) => h)).toEqual(['lg.h']);
    expect(r.licences.get('lg.h')!.licence).toBe('LGPL-2.1-or-later');
    expect(r.licences.get('winerror.h')!.licence).toBe('public-domain');
    expect(r.main.entries.some((e) => e.header === 'lg.h')).toBe(false);
  });

  it('orders entries by family, value, symbol', () => {
    const keys = r.main.entries.map(
      (e) => [['win32', 'hresult', 'ntstatus', 'bugcheck'].indexOf(e.family), e.value, e.symbol] as const,
    );
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1));
    expect(keys).toEqual(sorted);
  });

  it('reports a code that cannot be evaluated with file:line, and fails', () => {
    const broken = `${NET}#define ERROR_NET_BROKEN (NET_BASE + UNKNOWN_THING)\n`;
    let err: unknown;
    try {
      build({ 'winerror.h': WINERROR, 'net.h': broken, 'lg.h': LG });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CatalogProblems);
    expect((err as CatalogProblems).problems).toEqual([
      "net.h:9: cannot evaluate ERROR_NET_BROKEN = '(NET_BASE + UNKNOWN_THING)': unknown symbol UNKNOWN_THING",
    ]);
  });

  it('reports a malformed #define line with file:line', () => {
    expect(() => build({ 'winerror.h': WINERROR, 'net.h': `${NET}#define 42\n`, 'lg.h': LG })).toThrow(
      /net\.h:9: malformed #define/,
    );
  });

  it('accepts a failing define only through the explicit ignore list, and flags stale ignores', () => {
    const broken = `${NET}#define ERROR_NET_BROKEN (NET_BASE + UNKNOWN_THING)\n`;
    const ignores = [{ header: 'net.h', symbol: 'ERROR_NET_BROKEN', reason: 'test reason' }];
    const ok = build({ 'winerror.h': WINERROR, 'net.h': broken, 'lg.h': LG }, { ignores });
    expect(Object.fromEntries(ok.main.headers)['net.h']!.skipped).toMatchObject({
      'ignored (could not evaluate): test reason': 1,
    });
    expect(() => build({ 'winerror.h': WINERROR, 'net.h': NET, 'lg.h': LG }, { ignores })).toThrow(
      /IGNORED_DEFINES entry net\.h ERROR_NET_BROKEN matches nothing/,
    );
  });

  it('reports conflicting redefinitions and oversized Win32 codes', () => {
    expect(() =>
      build({ 'winerror.h': WINERROR, 'net.h': `${NET}#define ERROR_SHARED 6\n`, 'lg.h': LG }),
    ).toThrow(/net\.h:9: ERROR_SHARED redefined with a different value/);
    expect(() =>
      build({ 'winerror.h': WINERROR, 'net.h': `${NET}#define ERROR_HUGE 0x10000\n`, 'lg.h': LG }),
    ).toThrow(/net\.h:9: ERROR_HUGE = 0x10000 is too large for a Win32 error code/);
  });

  it('reports a missing header', () => {
    expect(() => build({ 'winerror.h': WINERROR, 'net.h': NET })).toThrow(
      /inc\/lg\.h: missing from the package/,
    );
  });
});

describe('classifyDefine', () => {
  const spec: HeaderSpec = {
    file: 'n.h',
    family: 'ntstatus',
    facilities: 'ntstatus',
    codesDespiteName: { STATUS_NOT_AT_BASE: 'x' },
    why: '',
  };
  const d = (name: string, body = '1') => ({ name, params: null, body, line: 1 });
  it('keeps codes that only look like markers when told so', () => {
    expect(classifyDefine(spec, d('STATUS_NOT_AT_BASE'))).toEqual({ kind: 'code' });
    expect(classifyDefine(spec, d('STATUS_RANGE_LAST'))).toEqual({ kind: 'skip', reason: 'range marker' });
    expect(classifyDefine(spec, d('FACILITY_DEBUGGER'))).toEqual({ kind: 'facility' });
    expect(classifyDefine(spec, d('STATUS_SEVERITY_ERROR'))).toEqual({
      kind: 'skip',
      reason: 'severity constant',
    });
  });
});
