import { describe, expect, it } from 'vitest';
import { buildErrno } from './errno.ts';
import { formatCatalog } from './format.ts';
import { buildHttp, httpClass } from './http.ts';
import {
  bannerLicence,
  dep5LicenceFor,
  dep5Match,
  parseDep5,
  parseDep5LicenceTexts,
  resolveHeaderLicence,
} from './licence.ts';

describe('licences', () => {
  const dep5 = parseDep5(`Format: x

Files: *
Copyright: project
License: ZPL-2.1
 long text
 .
 more

Files: a/crt/*
       a/include/*
Copyright: public-domain
License: public-domain

Files: a/include/w?nhttp.h
Copyright: 2007 Someone
License: LGPL-2.1+

License: ZPL-2.1
 standalone licence text
`);

  it('parses stanzas and applies the last matching one', () => {
    expect(dep5).toHaveLength(3);
    expect(dep5[1]!.files).toEqual(['a/crt/*', 'a/include/*']);
    expect(dep5LicenceFor(dep5, 'a/include/winerror.h')!.license).toBe('public-domain');
    expect(dep5LicenceFor(dep5, 'a/include/winhttp.h')!.license).toBe('LGPL-2.1+');
    expect(dep5LicenceFor(dep5, 'b/other.c')!.license).toBe('ZPL-2.1');
    expect(dep5Match('a/*', 'a/b/c.h')).toBe(true);
    expect(dep5Match('a/?.h', 'a/bb.h')).toBe(false);
  });

  it('reads licence statements from banners', () => {
    expect(
      bannerLicence('/**\n * This file has no copyright assigned and is placed in the Public Domain.\n */')
        .licence,
    ).toBe('public-domain');
    expect(
      bannerLicence(
        '/* Source: x */\n#define A 1\n/*  This source code is offered for use in the public domain. */',
      ),
    ).toEqual({
      licence: 'public-domain',
      statement: 'This source code is offered for use in the public domain.',
      line: 3,
    });
    expect(bannerLicence('/**\n * No warranty is given.\n */').licence).toBeNull();
  });

  it('fails when banner and debian/copyright disagree', () => {
    const pd = '/* This file has no copyright assigned and is placed in the Public Domain. */';
    expect(resolveHeaderLicence('winerror.h', 'a/include/winerror.h', dep5, pd).licence).toBe(
      'public-domain',
    );
    expect(() => resolveHeaderLicence('winhttp.h', 'a/include/winhttp.h', dep5, pd)).toThrow(
      /banner .* says public-domain but debian\/copyright says LGPL-2.1\+/,
    );
    expect(resolveHeaderLicence('x.h', 'a/include/x.h', dep5, '/* no statement */').note).toMatch(
      /^banner states no licence/,
    );
  });

  it("records mingw-w64's ZPL marker over debian/copyright's public-domain, saying why", () => {
    const zpl =
      '/**\n * This file is part of the mingw-w64 runtime package.\n * No warranty is given; refer to the file DISCLAIMER within this package.\n */';
    const r = resolveHeaderLicence('raserror.h', 'a/include/raserror.h', dep5, zpl);
    expect(r.licence).toBe('ZPL-2.1');
    expect(r.note).toMatch(/stricter ZPL-2\.1 is recorded/);
    expect(
      bannerLicence('/* No warranty is given; refer to the file DISCLAIMER.PD within this package. */')
        .licence,
    ).toBeNull();
  });

  it('reads licence texts', () => {
    const texts = parseDep5LicenceTexts(
      'Files: *\nLicense: ZPL-2.1\n Line one\n .\n Line two\n\nLicense: expat\n Permission\n',
    );
    expect(texts.get('ZPL-2.1')).toBe('Line one\n\nLine two');
    expect(texts.get('expat')).toBe('Permission');
  });
});

describe('errno', () => {
  const base =
    '/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n#define\tEPERM\t\t 1\t/* Operation not permitted */\n#define\tEAGAIN\t\t11\n';
  const more = '#define\tEDEADLK\t\t35\n#define\tEWOULDBLOCK\tEAGAIN\n#define EDEADLOCK EDEADLK\n';
  const r = buildErrno({
    includeDir: 'usr/include',
    headers: new Map([
      ['asm-generic/errno-base.h', { text: base, sha256: 'a' }],
      ['asm-generic/errno.h', { text: more, sha256: 'b' }],
    ]),
    systemErrorMap: [
      [-1, ['EPERM', 'operation not permitted']],
      [-11, ['EAGAIN', 'resource temporarily unavailable']],
      [-3008, ['EAI_NONAME', 'unknown node or service']],
    ],
  });

  it('evaluates numbers, aliases and attaches Node messages by number', () => {
    expect(r.entries).toEqual([
      {
        symbol: 'EPERM',
        number: 1,
        header: 'asm-generic/errno-base.h',
        line: 2,
        message: 'operation not permitted',
      },
      {
        symbol: 'EAGAIN',
        number: 11,
        header: 'asm-generic/errno-base.h',
        line: 3,
        message: 'resource temporarily unavailable',
      },
      {
        symbol: 'EWOULDBLOCK',
        number: 11,
        header: 'asm-generic/errno.h',
        line: 2,
        aliasOf: 'EAGAIN',
        message: 'resource temporarily unavailable',
        nodeCode: 'EAGAIN',
      },
      { symbol: 'EDEADLK', number: 35, header: 'asm-generic/errno.h', line: 1 },
      { symbol: 'EDEADLOCK', number: 35, header: 'asm-generic/errno.h', line: 3, aliasOf: 'EDEADLK' },
    ]);
    expect(r.headers[0]![1].spdx).toBe('GPL-2.0 WITH Linux-syscall-note');
  });

  it('reports an errno define that does not evaluate with file:line', () => {
    expect(() =>
      buildErrno({
        includeDir: 'usr/include',
        headers: new Map([
          ['asm-generic/errno-base.h', { text: base, sha256: 'a' }],
          ['asm-generic/errno.h', { text: '\n#define EBROKEN ENOPE\n', sha256: 'b' }],
        ]),
        systemErrorMap: [],
      }),
    ).toThrow(/asm-generic\/errno\.h:2: cannot evaluate EBROKEN = 'ENOPE': unknown symbol ENOPE/);
  });
});

describe('http', () => {
  const entries = buildHttp({
    '200': 'OK',
    '413': 'Payload Too Large',
    '418': "I'm a Teapot",
    '422': 'Unprocessable Entity',
    '429': 'Too Many Requests',
  });
  const get = (s: number) => entries.find((e) => e.status === s);

  it('applies RFC 9110 phrases and records what Node said', () => {
    expect(get(413)).toMatchObject({
      reason: 'Content Too Large',
      nodeReason: 'Payload Too Large',
      rfc9110Section: '15.5.14',
      reasonSource: 'rfc9110',
    });
    expect(get(422)).toMatchObject({ reason: 'Unprocessable Content', rfc9110Section: '15.5.21' });
    expect(get(200)).toEqual({
      status: 200,
      reason: 'OK',
      class: 'success',
      rfc9110Section: '15.3.1',
      reasonSource: 'rfc9110',
    });
    expect(get(429)).toEqual({
      status: 429,
      reason: 'Too Many Requests',
      class: 'client-error',
      reasonSource: 'node',
    });
  });

  it('keeps 418 but marks it unused, and adds RFC-only codes', () => {
    expect(get(418)).toMatchObject({ reason: "I'm a Teapot", unused: true, rfc9110Section: '15.5.19' });
    expect(get(306)).toMatchObject({ reason: '(Unused)', unused: true, class: 'redirection' });
    expect(get(503)).toMatchObject({ reason: 'Service Unavailable', reasonSource: 'rfc9110' });
  });

  it('classifies', () => {
    expect([100, 204, 308, 451, 511].map(httpClass)).toEqual([
      'informational',
      'success',
      'redirection',
      'client-error',
      'server-error',
    ]);
    expect(() => httpClass(600)).toThrow();
  });
});

describe('formatCatalog', () => {
  it('writes one array element per line, valid JSON, final newline', () => {
    const doc = {
      schemaVersion: 1,
      source: { a: { x: 1 }, b: { y: 2 } },
      note: { id: 'x' },
      entries: [{ a: 1 }, { a: 2 }],
      empty: [],
    };
    const text = formatCatalog(doc);
    expect(text).toBe(
      '{\n  "schemaVersion": 1,\n  "source": {\n    "a": {"x":1},\n    "b": {"y":2}\n  },\n  "note": {"id":"x"},\n  "entries": [\n    {"a":1},\n    {"a":2}\n  ],\n  "empty": []\n}\n',
    );
    expect(JSON.parse(text)).toEqual(doc);
  });
});
