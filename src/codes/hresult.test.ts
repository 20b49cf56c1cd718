import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FacilityLookup,
  decodeHresult,
  hresultFromNtstatus,
  hresultFromWin32,
  isHresultFromWin32,
  ntstatusFromHresult,
  win32FromHresult,
} from './hresult.ts';

const uint32 = fc.integer({ min: 0, max: 0xffff_ffff });

describe('decodeHresult', () => {
  it('splits a Windows Update failure into severity, facility and code', () => {
    expect(decodeHresult(0x80244007)).toEqual({
      value: 0x80244007,
      severity: 'failure',
      failure: true,
      reserved: false,
      customer: false,
      ntMapped: false,
      reservedX: false,
      facility: 36,
      extendedFacility: 36,
      code: 0x4007,
    });
  });

  it('reads S_OK and S_FALSE as success', () => {
    expect(decodeHresult(0).severity).toBe('success');
    expect(decodeHresult(1)).toMatchObject({ failure: false, facility: 0, code: 1 });
  });

  it('reads each flag bit on its own', () => {
    expect(decodeHresult(0x4000_0000)).toMatchObject({ reserved: true, customer: false, ntMapped: false });
    expect(decodeHresult(0x2000_0000)).toMatchObject({ reserved: false, customer: true, ntMapped: false });
    expect(decodeHresult(0x1000_0000)).toMatchObject({ customer: false, ntMapped: true, reservedX: false });
    expect(decodeHresult(0x0800_0000)).toMatchObject({ ntMapped: false, reservedX: true, facility: 0 });
  });

  it('keeps eleven facility bits and offers the X-bit facility winerror.h uses past 0x7FF', () => {
    // DXGI_ERROR_DEVICE_REMOVED: FACILITY_DXGI is 0x87A.
    expect(decodeHresult(0x887a0005)).toMatchObject({
      reservedX: true,
      facility: 0x7a,
      extendedFacility: 0x87a,
      code: 5,
    });
    expect(decodeHresult(0x87ff_0000).facility).toBe(0x7ff);
  });

  it('accepts signed input the way JavaScript bitwise results come', () => {
    expect(decodeHresult(-2145107961)).toEqual(decodeHresult(0x80244007));
  });

  it('names the facility through the lookup, in the right numbering space', () => {
    const calls: string[] = [];
    const lookup: FacilityLookup = (family, facility) => {
      calls.push(`${family}:${facility}`);
      if (family === 'hresult' && facility === 36) return 'FACILITY_WINDOWSUPDATE';
      if (family === 'hresult' && facility === 0x87a) return 'FACILITY_DXGI';
      return undefined;
    };
    expect(decodeHresult(0x80244007, lookup).facilityName).toBe('FACILITY_WINDOWSUPDATE');
    expect(decodeHresult(0x887a0005, lookup).facilityName).toBe('FACILITY_DXGI');
    calls.length = 0;
    expect(decodeHresult(0xd0000022, lookup).facilityName).toBeUndefined();
    expect(calls).toEqual(['ntstatus:0']);
  });

  it('leaves facilityName out when no lookup is given', () => {
    expect('facilityName' in decodeHresult(0x80070005)).toBe(false);
  });

  it('decodes every 32-bit value into fields that rebuild it', () => {
    fc.assert(
      fc.property(uint32, (v) => {
        const d = decodeHresult(v);
        const rebuilt =
          ((d.failure ? 0x8000_0000 : 0) |
            (d.reserved ? 0x4000_0000 : 0) |
            (d.customer ? 0x2000_0000 : 0) |
            (d.ntMapped ? 0x1000_0000 : 0) |
            (d.reservedX ? 0x0800_0000 : 0) |
            (d.facility << 16) |
            d.code) >>>
          0;
        expect(rebuilt).toBe(v);
        expect(d.extendedFacility & 0x7ff).toBe(d.facility);
      }),
    );
  });
});

describe('HRESULT_FROM_WIN32', () => {
  it('unwraps 0x80070005 to Win32 error 5', () => {
    expect(isHresultFromWin32(0x80070005)).toBe(true);
    expect(win32FromHresult(0x80070005)).toBe(5);
    expect(decodeHresult(0x80070005)).toMatchObject({ facility: 7, code: 5 });
  });

  it('does not unwrap other facilities or flagged values', () => {
    for (const v of [0x80244007, 0x00070005, 0xc0070005, 0xa0070005, 0x90070005, 0x88070005]) {
      expect(isHresultFromWin32(v)).toBe(false);
      expect(win32FromHresult(v)).toBeUndefined();
    }
  });

  it('wraps Win32 codes as the macro does', () => {
    expect(hresultFromWin32(5)).toBe(0x80070005);
    expect(hresultFromWin32(1223)).toBe(0x800704c7);
    // Zero and negative values pass through unchanged.
    expect(hresultFromWin32(0)).toBe(0);
    expect(hresultFromWin32(0x80004005)).toBe(0x80004005);
    // Only the low 16 bits survive.
    expect(hresultFromWin32(0x12345)).toBe(0x80072345);
  });

  it('round-trips every 16-bit Win32 code', () => {
    for (let code = 1; code <= 0xffff; code++) {
      const hr = hresultFromWin32(code);
      if (!isHresultFromWin32(hr) || win32FromHresult(hr) !== code) {
        expect.fail(`code ${code} did not round-trip (got 0x${hr.toString(16)})`);
      }
    }
  });

  it('round-trips every wrapped HRESULT back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0xffff }), (low) => {
        const hr = (0x8007_0000 | low) >>> 0;
        expect(hresultFromWin32(win32FromHresult(hr)!)).toBe(hr);
      }),
    );
  });
});

describe('HRESULT_FROM_NT', () => {
  it('maps 0xD0000022 back to STATUS_ACCESS_DENIED 0xC0000022', () => {
    expect(decodeHresult(0xd0000022).ntMapped).toBe(true);
    expect(ntstatusFromHresult(0xd0000022)).toBe(0xc0000022);
    expect(hresultFromNtstatus(0xc0000022)).toBe(0xd0000022);
  });

  it('has nothing to unwrap without the N bit', () => {
    expect(ntstatusFromHresult(0x80070005)).toBeUndefined();
    expect(ntstatusFromHresult(0xc0000005)).toBeUndefined();
  });

  it('inverts HRESULT_FROM_NT for every value with N clear', () => {
    fc.assert(
      fc.property(uint32, (v) => {
        const status = (v & ~0x1000_0000) >>> 0;
        expect(ntstatusFromHresult(hresultFromNtstatus(status))).toBe(status);
      }),
    );
  });
});
