import type { ReferenceCatalog } from '../catalog/reference.ts';
import { numericDecoding, type NumericDecoding } from '../codes/decode.ts';
import { decodeObd, type ObdDecoding } from '../codes/obd.ts';
import { lookup, type GuideSource, type LookupResult } from './lookup.ts';

export interface DecodeResult extends LookupResult {
  /** Bit-level structure of the first number in the query. */
  decoding?: NumericDecoding;
  /** Structure of the first OBD-II code in the query. */
  obd?: ObdDecoding;
}

/** Every reading of a query plus the structure of its first number or OBD-II code. */
export async function decodeQuery(
  guides: GuideSource,
  catalog: ReferenceCatalog,
  query: string,
): Promise<DecodeResult> {
  const result: DecodeResult = await lookup(guides, catalog, query);
  const number = result.readings.find((r) => r.scheme === 'number');
  if (number) result.decoding = numericDecoding(number.value, catalog.facilityName);
  const obdReading = result.readings.find((r) => r.scheme === 'obd');
  const obd = obdReading && decodeObd(obdReading.code);
  if (obd) result.obd = obd;
  return result;
}
