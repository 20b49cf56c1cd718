import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH } from '../base/errors.ts';
import { extractCodes, guideCodeKey, isFamilyCode, readQuery, readToken, readingKey } from './parse.ts';

const keys = (text: string) => readQuery(text).map(readingKey);
const SOAPFAULT = 'num:2149859335';

describe('readQuery', () => {
  it.each([
    '0x80244007',
    '0X80244007',
    '80244007',
    '0x80244007L',
    '-2145107961',
    '2149859335',
    'error 0x80244007',
    '  0x80244007  ',
    '(0x80244007)',
    'Windows Update failed with error 0x80244007.',
  ])('reads %s as the value 0x80244007', (text) => {
    expect(keys(text)[0]).toBe(SOAPFAULT);
  });

  it('reads eight bare digits as hex first, then as decimal', () => {
    expect(keys('80244007')).toEqual([SOAPFAULT, 'num:80244007']);
  });

  it('reads a three-digit number as a value and as an HTTP status', () => {
    expect(keys('503')).toEqual(['num:503', 'http:503']);
    expect(keys('HTTP 503')).toEqual(['http:503']);
  });

  it('reads OBD-II codes in any case', () => {
    expect(keys('p0300')).toEqual(['obd:P0300']);
    expect(keys('P0420')).toEqual(['obd:P0420']);
  });

  it('reads symbolic names', () => {
    expect(keys('WU_E_PT_SOAPCLIENT_SOAPFAULT')).toEqual(['sym:WU_E_PT_SOAPCLIENT_SOAPFAULT']);
    expect(keys('enoent')).toEqual(['sym:ENOENT']);
  });

  it('does not read words or out-of-range numbers as codes', () => {
    expect(keys('hello there')).toEqual([]);
    expect(keys('0x123456789')).toEqual([]);
    expect(keys('99999999999')).toEqual([]);
    expect(keys('-99999999999')).toEqual([]);
  });

  it('finds every code in a line of text, in order, once each', () => {
    expect(keys('failed with error 0x80244007 (2149859335)')).toEqual([SOAPFAULT]);
    expect(keys('Installation Failure: Windows failed to install KB5034441 with error 0x80070643')).toEqual([
      'num:2147944003',
    ]);
    expect(keys('hr = -2147024891, then (0x8024402c)')).toEqual(['num:2147942405', 'num:2149859372']);
    expect(keys('ENOENT: no such file or directory')).toEqual(['sym:ENOENT']);
  });

  it('ignores small numbers in text unless they are named as codes', () => {
    expect(keys('step 2 of 5 took 12 seconds')).toEqual([]);
    expect(keys('exited with error 5')).toEqual(['num:5']);
  });
});

describe('extractCodes', () => {
  it('reports where each code starts', () => {
    const found = extractCodes('a 0x5 b P0300');
    expect(found.map((f) => [f.text, f.index])).toEqual([
      ['0x5', 2],
      ['P0300', 8],
    ]);
  });

  it('never throws on any text up to the query limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: MAX_QUERY_LENGTH }), (text) => {
        readQuery(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readToken', () => {
  it('round-trips every 32-bit value through hex, signed and unsigned forms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (value) => {
        const hex = `0x${value.toString(16)}`;
        const signed = String(value | 0);
        // Eight bare digits read as hex first, so the decimal reading may come second.
        return [hex, signed, String(value)].every((t) =>
          readToken(t).some((r) => r.scheme === 'number' && r.value === value),
        );
      }),
    );
  });
});

describe('guideCodeKey', () => {
  it('files guides under their code', () => {
    expect(guideCodeKey('0x80244007')).toBe(SOAPFAULT);
    expect(guideCodeKey('P0300')).toBe('obd:P0300');
    expect(guideCodeKey('503')).toBe('http:503');
    expect(guideCodeKey('ENOENT')).toBe('sym:ENOENT');
    expect(guideCodeKey('not a code!')).toBeNull();
  });
});

describe('family codes', () => {
  it('files family patterns under a family key no reading produces', () => {
    expect(guideCodeKey('0x8024xxxx')).toBe('family:0x8024xxxx');
    expect(guideCodeKey('P03xx')).toBe('family:p03xx');
    expect(guideCodeKey('5xx')).toBe('family:5xx');
    expect(guideCodeKey('ERR_CERT_*')).toBe('family:err-cert');
    expect(guideCodeKey('Stop code *')).toBe('family:stop-code');
    for (const query of ['0x8024xxxx', 'P03xx', '5xx', 'ERR_CERT_*', '0x80240000']) {
      expect(
        readQuery(query)
          .map(readingKey)
          .some((k) => k.startsWith('family:')),
      ).toBe(false);
    }
  });

  it('tells patterns from codes', () => {
    expect(isFamilyCode('U0xxx')).toBe(true);
    for (const code of ['0x80244007', 'P0300', '503', 'ERROR_ACCESS_DENIED', 'ENOENT', 'xx', '*']) {
      expect(isFamilyCode(code)).toBe(false);
    }
  });
});
