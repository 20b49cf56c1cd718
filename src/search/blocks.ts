/**
 * A term's postings as the database keeps them: best first (impact, then packed posting, both
 * descending), cut into blocks of BLOCK postings, each block one row holding its postings as
 * little-endian float64 pairs (impact, packed posting). A query reads the few first blocks of a term
 * instead of hundreds of rows, and writing 100,000 documents writes ~50× fewer rows. Pure.
 */

/** Postings per block. */
export const BLOCK = 128;

/** One posting of a term: its impact (the order) and the packed posting (terms.ts packPosting). */
export interface Ranked {
  impact: number;
  posting: number;
}

/** Best first: the order of a term's list, and of the blocks' contents. */
export function bestFirst(a: Ranked, b: Ranked): number {
  return b.impact - a.impact || b.posting - a.posting;
}

/**
 * A term's postings as they are gathered, in any order: impacts and packed postings at the same index
 * (arrays of numbers, not an object per posting: a collection has millions of postings), and postings
 * whose impacts wait for the collection's statistics to be final.
 */
export class TermPostings {
  readonly impacts: number[] = [];
  readonly postings: number[] = [];
  readonly unranked: number[] = [];

  add(impact: number, posting: number): void {
    this.impacts.push(impact);
    this.postings.push(posting);
  }

  /** Gives every unranked posting its impact. */
  rank(impactOf: (posting: number) => number): void {
    for (const posting of this.unranked) this.add(impactOf(posting), posting);
    this.unranked.length = 0;
  }

  get length(): number {
    return this.impacts.length;
  }
}

/** A term's postings as its blocks' bytes (block 0 first): sorted best first. */
export function encodeBlocks(list: TermPostings): Buffer[] {
  if (list.unranked.length > 0) throw new Error('postings without impacts cannot be written');
  const { impacts, postings } = list;
  const bytes = Buffer.allocUnsafe(list.length * 16);
  let at = 0;
  const put = (impact: number, posting: number) => {
    bytes.writeDoubleLE(impact, at);
    bytes.writeDoubleLE(posting, at + 8);
    at += 16;
  };
  if (list.length <= 64) {
    const order = impacts.map((_, i) => i);
    order.sort((a, b) => impacts[b]! - impacts[a]! || postings[b]! - postings[a]!);
    for (const i of order) put(impacts[i]!, postings[i]!);
  } else {
    // Long lists hold few distinct impacts (one per field, frequency and length): sorted as numbers per
    // impact, natively, instead of through a comparison function.
    const byImpact = new Map<number, number[]>();
    for (let i = 0; i < impacts.length; i++) {
      const same = byImpact.get(impacts[i]!);
      if (same) same.push(postings[i]!);
      else byImpact.set(impacts[i]!, [postings[i]!]);
    }
    const distinct = Float64Array.from(byImpact.keys()).sort();
    for (let i = distinct.length - 1; i >= 0; i--) {
      const same = Float64Array.from(byImpact.get(distinct[i]!)!).sort();
      for (let j = same.length - 1; j >= 0; j--) put(distinct[i]!, same[j]!);
    }
  }
  const blocks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += BLOCK * 16) {
    blocks.push(bytes.subarray(start, Math.min(start + BLOCK * 16, bytes.length)));
  }
  return blocks;
}

/** Calls `each` with a block's postings in order, at most `max` of them; returns how many it read. */
export function decodeBlock(
  bytes: Uint8Array,
  max: number,
  each: (impact: number, posting: number) => void,
): number {
  if (bytes.byteLength % 16 !== 0) throw new Error(`a search block of ${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Math.min(bytes.byteLength / 16, max);
  for (let i = 0, at = 0; i < n; i++, at += 16)
    each(view.getFloat64(at, true), view.getFloat64(at + 8, true));
  return n;
}

/** Every posting of a term's blocks (given in block order). */
export function decodeBlocks(blocks: readonly Uint8Array[]): Ranked[] {
  const list: Ranked[] = [];
  for (const bytes of blocks)
    decodeBlock(bytes, Infinity, (impact, posting) => list.push({ impact, posting }));
  return list;
}

/** The blocks to read for a term's first `limit` postings and one more (to know whether it was cut). */
export function blocksFor(limit: number): number {
  return Math.floor(limit / BLOCK) + 1;
}

/**
 * A term's first `limit` postings in one collection, read from its first blocks (in order): `each` gets
 * each packed posting; returns the impact of the last one taken when at least one was left unread, else 0.
 */
export function firstPostings(
  blocks: readonly Uint8Array[],
  limit: number,
  each: (posting: number) => void,
): number {
  let taken = 0;
  let last = 0;
  let threshold = 0;
  for (const bytes of blocks) {
    if (taken > limit) break;
    decodeBlock(bytes, limit + 1 - taken, (impact, posting) => {
      if (taken < limit) {
        each(posting);
        last = impact;
      } else {
        threshold = last;
      }
      taken++;
    });
  }
  return threshold;
}
