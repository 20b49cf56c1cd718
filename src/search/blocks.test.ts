import { describe, expect, it } from 'vitest';
import {
  BLOCK,
  bestFirst,
  blocksFor,
  decodeBlock,
  decodeBlocks,
  encodeBlocks,
  firstPostings,
  TermPostings,
  type Ranked,
} from './blocks.ts';
import { packPosting } from './terms.ts';

/** A seeded generator (mulberry32): the same lists on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` postings of a term in a shuffled order, best first once sorted. Impacts repeat (as they do: one
 * per field, frequency and length), and so do postings under different impacts.
 */
function postingsOf(n: number, seed = n): { gathered: TermPostings; sorted: Ranked[] } {
  const next = random(seed);
  const list: Ranked[] = Array.from({ length: n }, (_, i) => ({
    impact: Math.floor(next() * 9) / 7 + 0.1,
    posting: packPosting(1 + Math.floor(next() * 50_000), i % 6, 1 + (i % 255), Math.floor(next() * 4096)),
  }));
  const gathered = new TermPostings();
  for (const r of list) gathered.add(r.impact, r.posting);
  return { gathered, sorted: [...list].sort(bestFirst) };
}

const SIZES = [0, 1, 2, 63, 64, 65, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 17, 4 * BLOCK];

describe('search blocks', () => {
  it('keeps every posting, best first, in full blocks but the last, whatever order they came in', () => {
    for (const n of SIZES) {
      const { gathered, sorted } = postingsOf(n);
      const blocks = encodeBlocks(gathered);
      expect(blocks, `${n} postings`).toHaveLength(Math.ceil(n / BLOCK));
      blocks.slice(0, -1).forEach((b) => expect(b.byteLength).toBe(BLOCK * 16));
      expect(decodeBlocks(blocks), `${n} postings`).toEqual(sorted);
      // As a database may hand a blob back: a view at an odd offset of a larger buffer.
      const shifted = blocks.map((b) => {
        const larger = Buffer.concat([Buffer.alloc(3), b]);
        return new Uint8Array(larger.buffer, larger.byteOffset + 3, b.byteLength);
      });
      expect(decodeBlocks(shifted), `${n} postings, unaligned`).toEqual(sorted);
    }
  });

  it("reads a term's first postings and where the list was cut, as a list read whole would", () => {
    for (const n of SIZES) {
      const { gathered, sorted } = postingsOf(n);
      for (const limit of [0, 1, 24, BLOCK - 1, BLOCK, BLOCK + 1, 400, 4 * BLOCK]) {
        const blocks = encodeBlocks(gathered).slice(0, blocksFor(limit));
        const taken: number[] = [];
        const threshold = firstPostings(blocks, limit, (p) => taken.push(p));
        expect(taken, `${n} postings, limit ${limit}`).toEqual(sorted.slice(0, limit).map((p) => p.posting));
        expect(threshold, `${n} postings, limit ${limit}`).toBe(
          n > limit && limit > 0 ? sorted[limit - 1]!.impact : 0,
        );
      }
    }
  });

  it('refuses bytes that are not whole postings', () => {
    expect(() => decodeBlock(new Uint8Array(15), Infinity, () => {})).toThrow(/15 bytes/);
  });
});
