/**
 * Which family guide speaks for a reference entry that has no guide of its own. Pure and data-driven:
 * a family guide lists its `covers` (family id, optional name prefix, optional value range), so a new
 * family of codes needs only a guide file, never code.
 *
 * When several covers match, the narrowest wins: more conditions first (family + prefix + range beats
 * family + prefix), then the longer prefix, then the smaller range; ties go to the guide id that sorts
 * first, so the answer never depends on the order guides were loaded.
 */
import { isFamilyGuide, type Cover, type Guide } from './schema.ts';

/** What a cover is compared with: the family, name and value of a reference entry. */
export interface CoveredEntry {
  family: string;
  /** Symbolic name (OBD-II: the code itself, such as P0301). */
  symbol: string;
  value: number;
}

export function coverMatches(cover: Cover, entry: CoveredEntry): boolean {
  if (cover.family !== entry.family) return false;
  if (cover.prefix !== undefined && !entry.symbol.toUpperCase().startsWith(cover.prefix.toUpperCase())) {
    return false;
  }
  if (cover.range !== undefined) {
    const [low, high] = cover.range;
    // Catalogs may store a 32-bit code signed or unsigned (Chromium's -102 as 0xFFFFFF9A): either reading counts.
    const inRange = (v: number) => v >= low && v <= high;
    if (!inRange(entry.value) && !inRange(entry.value | 0) && !inRange(entry.value >>> 0)) return false;
  }
  return true;
}

/** Larger is narrower: [conditions, prefix length, minus the range's width]. */
export function coverSpecificity(cover: Cover): [number, number, number] {
  const conditions = (cover.prefix === undefined ? 0 : 1) + (cover.range === undefined ? 0 : 1);
  const width = cover.range ? cover.range[1] - cover.range[0] : Infinity;
  return [conditions, cover.prefix?.length ?? 0, -width];
}

function compareSpecificity(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] === b[2] ? 0 : a[2] > b[2] ? 1 : -1);
}

type FamilyGuide = Pick<Guide, 'id' | 'kind' | 'covers'>;

/** The narrowest matching cover over several possible entries (a number's readings), and its guide. */
function bestCover<G extends FamilyGuide>(
  entries: readonly CoveredEntry[],
  guides: readonly G[],
): G | undefined {
  let best: { guide: G; specificity: [number, number, number] } | undefined;
  for (const guide of guides) {
    if (!isFamilyGuide(guide)) continue;
    for (const cover of guide.covers ?? []) {
      if (!entries.some((entry) => coverMatches(cover, entry))) continue;
      const specificity = coverSpecificity(cover);
      const order = best ? compareSpecificity(specificity, best.specificity) : 1;
      if (order > 0 || (order === 0 && best && guide.id < best.guide.id)) best = { guide, specificity };
    }
  }
  return best?.guide;
}

/** The family guide for an entry: the one with the narrowest matching cover; undefined when none. */
export function familyGuideFor<G extends FamilyGuide>(
  entry: CoveredEntry,
  guides: readonly G[],
): G | undefined {
  return bestCover([entry], guides);
}

/**
 * The family guide for a code no catalog has: a failure-shaped 32-bit number may be an HRESULT or an
 * NTSTATUS, so both are tried and the narrower cover wins (0xC1900223 is Setup's, not a crash status).
 * Names are never guessed at: a cover with a prefix needs a name.
 */
export function familyGuideForUnknown<G extends FamilyGuide>(
  reading: { scheme: 'number'; value: number } | { scheme: 'http'; status: number },
  guides: readonly G[],
): G | undefined {
  if (reading.scheme === 'http')
    return bestCover([{ family: 'http', symbol: '', value: reading.status }], guides);
  const value = reading.value >>> 0;
  if (value < 0x80000000) return undefined;
  return bestCover(
    [
      { family: 'hresult', symbol: '', value },
      { family: 'ntstatus', symbol: '', value },
    ],
    guides,
  );
}

/** A cover as one line of the editor's text field: `hresult prefix=WU_E_ range=0x80240000..0x8024FFFF`. */
export function coverToLine(cover: Cover): string {
  const parts = [cover.family];
  if (cover.prefix !== undefined) parts.push(`prefix=${cover.prefix}`);
  if (cover.range !== undefined)
    parts.push(`range=${formatBound(cover.range[0])}..${formatBound(cover.range[1])}`);
  return parts.join(' ');
}

// Windows values read best in hex; small and negative numbers (HTTP, Chromium) in decimal.
const formatBound = (n: number) =>
  n > 0xffff ? `0x${n.toString(16).toUpperCase().padStart(8, '0')}` : String(n);

const BOUND = /^-?(?:0x[0-9a-f]{1,8}|\d{1,10})$/i;
const parseBound = (text: string): number =>
  text.startsWith('-') ? -parseBound(text.slice(1)) : /^0x/i.test(text) ? parseInt(text, 16) : Number(text);

/**
 * One line of the editor's covers field as a cover for the schema to judge; a line it cannot read comes
 * back as the text itself, which the schema rejects with the field's message.
 */
export function lineToCover(line: string): Record<string, unknown> | string {
  const [family = '', ...rest] = line.trim().split(/\s+/);
  const cover: Record<string, unknown> = { family };
  for (const part of rest) {
    const [key, value = ''] = part.split(/=(.*)/s);
    if (key === 'prefix' && value !== '' && cover.prefix === undefined) cover.prefix = value;
    else if (key === 'range' && cover.range === undefined) {
      const [lo = '', hi = lo] = value.split('..');
      if (!BOUND.test(lo) || !BOUND.test(hi)) return line.trim();
      cover.range = [parseBound(lo), parseBound(hi)];
    } else return line.trim();
  }
  return cover;
}
