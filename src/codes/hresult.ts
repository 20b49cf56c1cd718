import { toInt32, toUint32 } from './number.ts';

/** Which numbering space a facility number belongs to; the two spaces reuse numbers. */
export type FacilityFamily = 'hresult' | 'ntstatus';

/** Finds a facility's name (from generated data); decoders stay pure by taking it as an argument. */
export type FacilityLookup = (family: FacilityFamily, facility: number) => string | undefined;

/** The fields of an HRESULT, bit by bit. */
export interface HresultDecoding {
  /** The value as a uint32. */
  value: number;
  severity: 'success' | 'failure';
  /** S, bit 31. */
  failure: boolean;
  /** R, bit 30: reserved unless N is set, when it belongs to the NTSTATUS severity. */
  reserved: boolean;
  /** C, bit 29: customer-defined rather than Microsoft-defined. */
  customer: boolean;
  /** N, bit 28: an NTSTATUS value with this bit set (HRESULT_FROM_NT). */
  ntMapped: boolean;
  /** X, bit 27: reserved by the spec, but taken by facilities above 0x7FF in winerror.h. */
  reservedX: boolean;
  /** Bits 16–26, eleven bits, as [MS-ERREF] 2.1 lays them out. */
  facility: number;
  /**
   * Bits 16–27. winerror.h defines facilities past eleven bits (FACILITY_DXGI 0x87A, FACILITY_PIX 0xABC)
   * that spill into X, so 0x887A0005 is facility 0x87A there; equals `facility` when X is clear.
   */
  extendedFacility: number;
  /** Low 16 bits. */
  code: number;
  /** Name of the facility, when a lookup was given and knows it. */
  facilityName?: string;
}

// Bit positions per [MS-ERREF] 2.1 HRESULT: S R C N X, Facility (11 bits), Code (16 bits).
const S_BIT = 0x8000_0000;
const R_BIT = 0x4000_0000;
const C_BIT = 0x2000_0000;
/** FACILITY_NT_BIT in winerror.h; HRESULT_FROM_NT(x) is (x | FACILITY_NT_BIT). */
export const FACILITY_NT_BIT = 0x1000_0000;
const X_BIT = 0x0800_0000;
export const FACILITY_WIN32 = 7;

/** Splits a uint32 into HRESULT fields; never throws, every 32-bit value has a reading. */
export function decodeHresult(value: number, lookup?: FacilityLookup): HresultDecoding {
  const v = toUint32(value);
  const failure = (v & S_BIT) !== 0;
  const reservedX = (v & X_BIT) !== 0;
  const facility = (v >>> 16) & 0x7ff;
  const extendedFacility = (v >>> 16) & 0xfff;
  const decoding: HresultDecoding = {
    value: v,
    severity: failure ? 'failure' : 'success',
    failure,
    reserved: (v & R_BIT) !== 0,
    customer: (v & C_BIT) !== 0,
    ntMapped: (v & FACILITY_NT_BIT) !== 0,
    reservedX,
    facility,
    extendedFacility,
    code: v & 0xffff,
  };
  if (lookup !== undefined) {
    // An N-bit HRESULT carries an NTSTATUS, so its facility is in the NTSTATUS space.
    const name = decoding.ntMapped
      ? lookup('ntstatus', (v >>> 16) & 0xfff)
      : ((reservedX ? lookup('hresult', extendedFacility) : undefined) ?? lookup('hresult', facility));
    if (name !== undefined) decoding.facilityName = name;
  }
  return decoding;
}

/** True for 0x8007xxxx: S set, R/C/N/X clear, facility FACILITY_WIN32, as HRESULT_FROM_WIN32 makes them. */
export function isHresultFromWin32(value: number): boolean {
  return toUint32(value) >>> 16 === 0x8007;
}

/** The Win32 error code inside a 0x8007xxxx HRESULT, else undefined. */
export function win32FromHresult(value: number): number | undefined {
  return isHresultFromWin32(value) ? toUint32(value) & 0xffff : undefined;
}

/**
 * HRESULT_FROM_WIN32 as winerror.h and [MS-ERREF] 2.1.2 define it: values that are zero or negative
 * as a signed 32-bit number pass through, others keep their low 16 bits under 0x8007.
 */
export function hresultFromWin32(code: number): number {
  if (toInt32(code) <= 0) return toUint32(code);
  return toUint32((code & 0xffff) | (FACILITY_WIN32 << 16) | S_BIT);
}

/** The NTSTATUS inside an N-bit HRESULT: the same value with N cleared ([MS-ERREF] 2.1, N bit). */
export function ntstatusFromHresult(value: number): number | undefined {
  const v = toUint32(value);
  if ((v & FACILITY_NT_BIT) === 0) return undefined;
  return toUint32(v & ~FACILITY_NT_BIT);
}

/** HRESULT_FROM_NT: (x | FACILITY_NT_BIT). */
export function hresultFromNtstatus(status: number): number {
  return toUint32(status | FACILITY_NT_BIT);
}
