/**
 * windows-sdk.json: error and status values of the Windows SDK headers, from the extracted table
 * data/sources/windows-sdk/defines.json (scripts/catalogs/extract-windows-sdk.ts). Pure.
 *
 * Merging with the mingw-w64 catalogs: a symbol with the same value in windows.json or
 * windows-lgpl.json is kept here with `inHeaders`, and the loader adds the SDK header to that entry's
 * `alsoIn` instead of repeating it. A symbol the SDK gives another value (the SDK renumbered it, or
 * the two disagree) is an entry of its own.
 */

import { createHash } from 'node:crypto';
import { compareEntries, type Facility, type WindowsEntry } from './windows.ts';

export const SDK_DEFINES_SOURCE = 'data/sources/windows-sdk/defines.json';

export interface SdkEntry extends WindowsEntry {
  inHeaders?: true;
}

interface SdkDoc {
  source: Record<string, unknown>;
  headers: Record<string, Record<string, unknown>>;
  facilities: Facility[];
  entries: WindowsEntry[];
}

export function buildWindowsSdk(
  text: string,
  headerEntries: ReadonlyArray<{ symbol: string; value: number }>,
): {
  source: Record<string, unknown>;
  headers: Record<string, Record<string, unknown>>;
  facilities: Facility[];
  entries: SdkEntry[];
} {
  const doc = JSON.parse(text) as SdkDoc;
  if (!doc || !Array.isArray(doc.entries) || typeof doc.headers !== 'object' || !doc.source)
    throw new Error(`${SDK_DEFINES_SOURCE}: expected { source, headers, facilities, entries }`);
  const known = new Set(headerEntries.map((e) => `${e.symbol}:${e.value}`));
  const seen = new Set<string>();
  const entries = doc.entries.map((e): SdkEntry => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(e.symbol) || e.value >>> 0 !== e.value || !doc.headers[e.header])
      throw new Error(`${SDK_DEFINES_SOURCE}: bad row ${JSON.stringify(e)}`);
    const key = `${e.symbol}:${e.value}`;
    if (seen.has(key)) throw new Error(`${SDK_DEFINES_SOURCE}: ${e.symbol} appears twice`);
    seen.add(key);
    return known.has(key) ? { ...e, inHeaders: true } : { ...e };
  });
  entries.sort(compareEntries);
  const { extractedBy, ...rest } = doc.source;
  return {
    source: {
      ...rest,
      extractedBy,
      file: SDK_DEFINES_SOURCE,
      fileSha256: createHash('sha256').update(text).digest('hex'),
    },
    headers: doc.headers,
    facilities: doc.facilities,
    entries,
  };
}
