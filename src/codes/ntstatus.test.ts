import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNtstatus, looksLikeNtstatus } from './ntstatus.ts';

describe('decodeNtstatus', () => {
  it('reads STATUS_ACCESS_VIOLATION as an error in facility 0, code 5', () => {
    expect(decodeNtstatus(0xc0000005)).toEqual({
      value: 0xc0000005,
      severity: 'error',
      severityBits: 3,
      customer: false,
      reservedN: false,
      facility: 0,
      code: 5,
    });
  });

  it('reads the four severities from the top two bits', () => {
    expect(decodeNtstatus(0x00000103).severity).toBe('success'); // STATUS_PENDING
    expect(decodeNtstatus(0x40000000).severity).toBe('informational');
    expect(decodeNtstatus(0x80000005).severity).toBe('warning'); // STATUS_BUFFER_OVERFLOW
    expect(decodeNtstatus(0xc0000022).severity).toBe('error');
  });

  it('reads the twelve-bit facility, customer and reserved bits', () => {
    // STATUS_RPC_NT_SERVER_UNAVAILABLE: facility 2 (RPC runtime).
    expect(decodeNtstatus(0xc002001b)).toMatchObject({ facility: 2, code: 0x1b });
    expect(decodeNtstatus(0xcfff0000).facility).toBe(0xfff);
    expect(decodeNtstatus(0xe0000001)).toMatchObject({ customer: true, reservedN: false, facility: 0 });
    expect(decodeNtstatus(0xd0000022)).toMatchObject({ customer: false, reservedN: true, facility: 0 });
  });

  it('names the facility in the NTSTATUS numbering space', () => {
    const d = decodeNtstatus(0xc0070005, (family, n) =>
      family === 'ntstatus' && n === 7 ? 'FACILITY_NTWIN32' : undefined,
    );
    expect(d.facilityName).toBe('FACILITY_NTWIN32');
    expect('facilityName' in decodeNtstatus(0xc0000005, () => undefined)).toBe(false);
  });

  it('decodes every 32-bit value into fields that rebuild it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (v) => {
        const d = decodeNtstatus(v);
        const rebuilt =
          ((d.severityBits << 30) |
            (d.customer ? 0x2000_0000 : 0) |
            (d.reservedN ? 0x1000_0000 : 0) |
            (d.facility << 16) |
            d.code) >>>
          0;
        expect(rebuilt).toBe(v);
      }),
    );
  });
});

describe('looksLikeNtstatus', () => {
  it('accepts warning, error and informational values with N clear', () => {
    expect(looksLikeNtstatus(0xc0000005)).toBe(true);
    expect(looksLikeNtstatus(0x80000005)).toBe(true);
    expect(looksLikeNtstatus(0x40000000)).toBe(true);
  });

  it('rejects success-severity values and N-bit HRESULTs', () => {
    expect(looksLikeNtstatus(5)).toBe(false);
    expect(looksLikeNtstatus(0xd0000022)).toBe(false);
  });
});
