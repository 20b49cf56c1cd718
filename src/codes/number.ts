/** Every way people write one 32-bit value. */
export interface NumericForms {
  hex: string;
  signed: number;
  unsigned: number;
}

export const UINT32_MAX = 0xffff_ffff;

export function toUint32(n: number): number {
  return n >>> 0;
}

export function toInt32(n: number): number {
  return n | 0;
}

/** Canonical display of a 32-bit value: 0x and eight lowercase hex digits when it has the high word, else short. */
export function hex32(value: number, pad = 8): string {
  return `0x${toUint32(value).toString(16).padStart(pad, '0')}`;
}

export function numericForms(value: number): NumericForms {
  const unsigned = toUint32(value);
  return { hex: hex32(unsigned).toUpperCase().replace('0X', '0x'), signed: toInt32(unsigned), unsigned };
}
