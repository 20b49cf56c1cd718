import type { FacilityLookup } from './hresult.ts';
import { toUint32 } from './number.ts';

export type NtstatusSeverity = 'success' | 'informational' | 'warning' | 'error';

/** The fields of an NTSTATUS, bit by bit. */
export interface NtstatusDecoding {
  /** The value as a uint32. */
  value: number;
  /** Sev, bits 30–31: STATUS_SEVERITY_SUCCESS (0) … STATUS_SEVERITY_ERROR (3). */
  severity: NtstatusSeverity;
  severityBits: 0 | 1 | 2 | 3;
  /** C, bit 29: customer-defined rather than Microsoft-defined. */
  customer: boolean;
  /** N, bit 28: reserved, must be 0; set, the value is an HRESULT_FROM_NT rather than an NTSTATUS. */
  reservedN: boolean;
  /** Bits 16–27, twelve bits. */
  facility: number;
  /** Low 16 bits. */
  code: number;
  /** Name of the facility, when a lookup was given and knows it. */
  facilityName?: string;
}

// Index is the Sev field, per [MS-ERREF] 2.3 NTSTATUS: Sev (2 bits), C, N, Facility (12 bits), Code (16 bits).
const SEVERITIES: readonly NtstatusSeverity[] = ['success', 'informational', 'warning', 'error'];

/** Splits a uint32 into NTSTATUS fields; never throws, every 32-bit value has a reading. */
export function decodeNtstatus(value: number, lookup?: FacilityLookup): NtstatusDecoding {
  const v = toUint32(value);
  const severityBits = (v >>> 30) as 0 | 1 | 2 | 3;
  const facility = (v >>> 16) & 0xfff;
  const decoding: NtstatusDecoding = {
    value: v,
    severity: SEVERITIES[severityBits]!,
    severityBits,
    customer: (v & 0x2000_0000) !== 0,
    reservedN: (v & 0x1000_0000) !== 0,
    facility,
    code: v & 0xffff,
  };
  const name = lookup?.('ntstatus', facility);
  if (name !== undefined) decoding.facilityName = name;
  return decoding;
}

/** Whether a value reads plausibly as an NTSTATUS: N clear and a non-success severity (0x4…, 0x8…, 0xC…). */
export function looksLikeNtstatus(value: number): boolean {
  const v = toUint32(value);
  return (v & 0x1000_0000) === 0 && v >>> 30 !== 0;
}
