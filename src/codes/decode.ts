import {
  type FacilityLookup,
  type HresultDecoding,
  decodeHresult,
  hresultFromWin32,
  ntstatusFromHresult,
  win32FromHresult,
} from './hresult.ts';
import { type NtstatusDecoding, decodeNtstatus, looksLikeNtstatus } from './ntstatus.ts';
import { type NumericForms, numericForms, toUint32 } from './number.ts';

/** Every structural reading of one 32-bit value, as the decode panel shows them. */
export interface NumericDecoding {
  /** The value as a uint32. */
  value: number;
  /** 0x80244007 (upper-case digits), signed and unsigned decimal. */
  forms: NumericForms;
  /** The value split as an HRESULT; always present, since any 32 bits read as one. */
  hresult: HresultDecoding;
  /** For 0x8007xxxx: the Win32 error code that HRESULT_FROM_WIN32 wrapped. */
  win32?: number;
  /** For an N-bit HRESULT: the NTSTATUS it carries (0xD0000022 → 0xC0000022), decoded. */
  ntMapped?: NtstatusDecoding;
  /** The value split as an NTSTATUS, when it reads as one (N clear, severity not success). */
  ntstatus?: NtstatusDecoding;
  /** For a short value (1–0xFFFF) that may be a bare Win32 code: its HRESULT_FROM_WIN32 form. */
  win32AsHresult?: number;
}

/** Decodes a number every way the catalogs read numbers; pure, never throws. */
export function numericDecoding(value: number, lookup?: FacilityLookup): NumericDecoding {
  const v = toUint32(value);
  const decoding: NumericDecoding = {
    value: v,
    forms: numericForms(v),
    hresult: decodeHresult(v, lookup),
  };
  const win32 = win32FromHresult(v);
  if (win32 !== undefined) decoding.win32 = win32;
  const carried = ntstatusFromHresult(v);
  if (carried !== undefined) decoding.ntMapped = decodeNtstatus(carried, lookup);
  if (looksLikeNtstatus(v)) decoding.ntstatus = decodeNtstatus(v, lookup);
  if (v >= 1 && v <= 0xffff) decoding.win32AsHresult = hresultFromWin32(v);
  return decoding;
}
