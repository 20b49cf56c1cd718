import { beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/load.ts';
import { makeDb } from '../../test/helpers.ts';
import { PublishedGuides } from '../guides/published.ts';
import { DbSource } from './db-source.ts';
import { SearchEngine } from './engine.ts';
import { QUERY_BOUNDS } from './scoring.ts';
import { SYNONYMS } from './synonyms.ts';
import { CRAFTED } from '../../bench/queries.ts';
import type { TermSource } from './source.ts';

let engine: SearchEngine;
/** Rows a query read from the index (vocabulary, postings, documents): its cost, without a clock. */
let work = 0;

/** The database's index, counting every row it hands out. */
function metered(source: TermSource): TermSource {
  return {
    vocabulary: async (q) => {
      const answer = await source.vocabulary(q);
      work += answer.rows.length;
      return answer;
    },
    postings: async (requests) => {
      const lists = await source.postings(requests);
      for (const list of lists.values()) work += list.postings.length;
      return lists;
    },
    footprints: async (ids) => {
      const prints = await source.footprints(ids);
      work += prints.length;
      return prints;
    },
    stats: () => source.stats(),
    documents: async (ids) => {
      const docs = await source.documents(ids);
      work += docs.length;
      return docs;
    },
  };
}

beforeAll(async () => {
  const db = await makeDb();
  const catalog = bundledCatalog();
  const published = new PublishedGuides(db, catalog);
  await published.refresh();
  engine = new SearchEngine(
    catalog,
    metered(new DbSource(db)),
    published.all().map((s) => s.guide),
  );
});

/** Index rows read by a search and by suggestions for the same text. */
async function cost(query: string): Promise<number> {
  work = 0;
  await engine.search(query);
  await engine.suggest(query);
  return work;
}

/**
 * Index terms one query word reaches through synonyms, at most: its own, and those of the words it may
 * be a typo of, are all among the synonyms' targets.
 */
const MOST_SYNONYMS = new Set([...SYNONYMS.values()].flat()).size;

/** Most rows any query may read: every word, expansion and document at its budget. */
const CEILING =
  2 *
    (QUERY_BOUNDS.maxTerms * QUERY_BOUNDS.postingsExact +
      QUERY_BOUNDS.maxPrefixExpansions * QUERY_BOUNDS.postingsPrefix +
      QUERY_BOUNDS.maxTerms * QUERY_BOUNDS.fuzzyPerTerm * QUERY_BOUNDS.postingsFuzzy +
      QUERY_BOUNDS.maxTerms * MOST_SYNONYMS * QUERY_BOUNDS.postingsFuzzy) *
    2 +
  (QUERY_BOUNDS.maxResults + QUERY_BOUNDS.maxCompletions) * 2;

describe('the work of one query is bounded', () => {
  it('a crafted 200-character query reads about as much of the index as a normal one, and never more than the budget', async () => {
    const normal: number[] = [];
    for (const q of [
      'windows update error',
      'access denied installing updates',
      'catalytic converter efficiency',
    ]) {
      normal.push(await cost(q));
    }
    for (const query of CRAFTED) {
      const spent = await cost(query);
      expect(spent, JSON.stringify(query.slice(0, 40))).toBeLessThanOrEqual(Math.max(...normal) * 2);
      expect(spent).toBeLessThanOrEqual(CEILING);
    }
  });

  it('a repeated word costs what the word costs once', async () => {
    expect(await cost('error '.repeat(30).slice(0, 200))).toBe(await cost('error'));
  });

  it('keeps the answers for ordinary queries', async () => {
    const soap = (await engine.search('soapfault')).results.slice(0, 3).map((r) => r.symbol);
    expect(soap).toContain('WU_E_PT_SOAPCLIENT_SOAPFAULT');
    expect((await engine.search('err err err err')).total).toBe((await engine.search('err')).total);
  });
});
