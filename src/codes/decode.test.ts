import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numericDecoding } from './decode.ts';
import { readToken } from './parse.ts';

describe('numericDecoding', () => {
  it('shows a Windows Update error in every form and as an HRESULT', () => {
    const d = numericDecoding(0x80244007);
    expect(d.forms).toEqual({ hex: '0x80244007', signed: -2145107961, unsigned: 2149859335 });
    expect(d.hresult).toMatchObject({ failure: true, facility: 36, code: 0x4007 });
    expect(d.win32).toBeUndefined();
    expect(d.ntMapped).toBeUndefined();
    expect(d.win32AsHresult).toBeUndefined();
  });

  it('writes hex digits in upper case after a lower-case 0x', () => {
    expect(numericDecoding(0xc000021a).forms.hex).toBe('0xC000021A');
    expect(numericDecoding(5).forms.hex).toBe('0x00000005');
  });

  it('unwraps HRESULT_FROM_WIN32 values to the Win32 code', () => {
    const d = numericDecoding(0x80070005);
    expect(d.hresult.facility).toBe(7);
    expect(d.win32).toBe(5);
  });

  it('reads 0xC0000005 as an NTSTATUS error', () => {
    const d = numericDecoding(0xc0000005);
    expect(d.ntstatus).toMatchObject({ severity: 'error', facility: 0, code: 5 });
    expect(d.ntMapped).toBeUndefined();
  });

  it('unwraps an N-bit HRESULT to the NTSTATUS it carries', () => {
    const d = numericDecoding(0xd0000022);
    expect(d.hresult.ntMapped).toBe(true);
    expect(d.ntMapped).toMatchObject({ value: 0xc0000022, severity: 'error', code: 0x22 });
    expect(d.ntstatus).toBeUndefined();
  });

  it('offers the HRESULT form of a short Win32 code', () => {
    expect(numericDecoding(5).win32AsHresult).toBe(0x80070005);
    expect(numericDecoding(12002).win32AsHresult).toBe(0x80072ee2);
    expect(numericDecoding(0).win32AsHresult).toBeUndefined();
    expect(numericDecoding(0x10000).win32AsHresult).toBeUndefined();
  });

  it('passes the facility lookup through to every decoding', () => {
    const d = numericDecoding(0xd0000022, (family, n) => `${family}:${n}`);
    expect(d.hresult.facilityName).toBe('ntstatus:0');
    expect(d.ntMapped?.facilityName).toBe('ntstatus:0');
  });

  it('decodes every 32-bit value, and every form reads back to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -0x8000_0000, max: 0xffff_ffff }), (n) => {
        const d = numericDecoding(n);
        const v = n >>> 0;
        expect(d.value).toBe(v);
        expect(d.forms.hex).toMatch(/^0x[0-9A-F]{8}$/);
        expect(parseInt(d.forms.hex, 16)).toBe(v);
        expect(d.forms.signed >>> 0).toBe(v);
        expect(d.forms.unsigned).toBe(v);
        for (const text of [d.forms.hex, String(d.forms.signed), String(d.forms.unsigned)]) {
          const values = readToken(text).flatMap((r) => (r.scheme === 'number' ? [r.value] : []));
          expect(values).toContain(v);
        }
      }),
    );
  });
});
