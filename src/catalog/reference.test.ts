import { describe, expect, it } from 'vitest';
import { bundledCatalog } from './load.ts';
import type { ReferenceEntry } from './reference.ts';

const catalog = bundledCatalog();

/** The nearest entries by brute force: every same-facility entry sorted by distance. */
function nearestByScan(entry: ReferenceEntry, count: number): number[] {
  const distances = catalog.entries
    .filter((e) => e !== entry && e.family === entry.family && e.value >>> 16 === entry.value >>> 16)
    .map((e) => Math.abs(e.value - entry.value))
    .sort((a, b) => a - b);
  return distances.slice(0, count);
}

describe('ReferenceCatalog.neighbours', () => {
  it('returns the nearest entries of the same facility, in value order', () => {
    const sample = catalog.entries.filter((_, i) => i % 97 === 0);
    expect(sample.length).toBeGreaterThan(50);
    for (const entry of sample) {
      const near = catalog.neighbours(entry);
      if (entry.family === 'errno' || entry.family === 'http' || entry.family === 'obd') {
        expect(near).toEqual([]);
        continue;
      }
      expect(near).not.toContain(entry);
      for (const e of near) {
        expect(e.family).toBe(entry.family);
        expect(e.value >>> 16).toBe(entry.value >>> 16);
      }
      expect(near.map((e) => e.value)).toEqual([...near.map((e) => e.value)].sort((a, b) => a - b));
      const distances = near.map((e) => Math.abs(e.value - entry.value)).sort((a, b) => a - b);
      expect(distances).toEqual(nearestByScan(entry, 6));
    }
  });

  it('takes as many as asked, and fewer when the facility is small', () => {
    const hresult = catalog.entries.find((e) => e.symbol === 'WU_E_PT_SOAPCLIENT_SOAPFAULT')!;
    expect(catalog.neighbours(hresult, 2)).toHaveLength(2);
    expect(catalog.neighbours(hresult, 100_000).length).toBeLessThan(100_000);
  });
});
