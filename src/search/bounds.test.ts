import { beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/load.ts';
import { loadContent } from '../guides/load-files.ts';
import { CONTENT_DIR } from '../../test/helpers.ts';
import { SearchEngine } from './engine.ts';

/** Postings of one term: field → document → term frequency. */
type Postings = Map<number, Map<number, number>>;

/** The radix tree MiniSearch keeps its terms in, with the three look-ups a query makes. */
interface TermTree {
  get(term: string): Postings | undefined;
  atPrefix(prefix: string): Map<string, Postings>;
  fuzzyGet(term: string, distance: number): Map<string, [Postings, number]>;
}

let engine: SearchEngine;
/** Index terms and (term, document) pairs a query made MiniSearch read: its CPU cost, without a clock. */
let work = 0;

const postings = (p: Postings | undefined) => {
  let n = 1;
  for (const docs of p?.values() ?? []) n += docs.size;
  return n;
};

function meter(tree: TermTree) {
  const { get, atPrefix, fuzzyGet } = tree;
  tree.get = (term) => {
    const found = get.call(tree, term);
    work += postings(found);
    return found;
  };
  tree.atPrefix = (prefix) => {
    const found = atPrefix.call(tree, prefix);
    for (const p of found.values()) work += postings(p);
    return found;
  };
  tree.fuzzyGet = (term, distance) => {
    const found = fuzzyGet.call(tree, term, distance);
    for (const [p] of found.values()) work += postings(p);
    return found;
  };
}

beforeAll(() => {
  const { guides } = loadContent([CONTENT_DIR], 'yaml', '2026-11-26');
  engine = SearchEngine.build(bundledCatalog(), guides);
  const indexes = engine as unknown as Record<'guides' | 'references', { _index: TermTree }>;
  meter(indexes.references._index);
  meter(indexes.guides._index);
});

/** Index terms touched by a search and by suggestions for the same text. */
function cost(query: string): number {
  work = 0;
  engine.search(query);
  engine.suggest(query);
  return work;
}

const CRAFTED = [
  'E_ '.repeat(99),
  '0x8 '.repeat(50),
  'err '.repeat(50),
  'e a i o u s t n r l d c m p f g h b w y k v x z j q'.repeat(8),
  Array.from({ length: 60 }, (_, i) => `ab${i}`).join(' '),
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnop '.repeat(5),
  Array.from({ length: 40 }, (_, i) => `erro${String.fromCharCode(97 + (i % 26))}`).join(' '),
].map((q) => q.slice(0, 200));

describe('the work of one query is bounded', () => {
  it('a crafted 200-character query touches about as many index terms as a normal one', () => {
    const normal = Math.max(
      ...['windows update error', 'access denied installing updates', 'catalytic converter efficiency'].map(
        cost,
      ),
    );
    for (const query of CRAFTED) {
      expect(cost(query), JSON.stringify(query.slice(0, 40))).toBeLessThanOrEqual(normal * 2);
    }
  });

  it('a repeated word costs what the word costs once', () => {
    expect(cost('error '.repeat(30).slice(0, 200))).toBe(cost('error'));
  });

  it('keeps the answers for ordinary queries', () => {
    const soap = engine
      .search('soapfault')
      .results.slice(0, 3)
      .map((r) => r.symbol);
    expect(soap).toContain('WU_E_PT_SOAPCLIENT_SOAPFAULT');
    expect(engine.search('err err err err').total).toBe(engine.search('err').total);
  });
});
