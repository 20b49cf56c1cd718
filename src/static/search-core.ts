/**
 * The static site's search: the server's index of guides and reference entries, held in memory, queried
 * by the server's own text search (search/text-search.ts) — same plan, same expansions, same scores,
 * same floor — so text queries rank as the server ranks them. Shared by the browser bundle (client.ts)
 * and tests; it imports only the pure search modules, so the bundle stays small.
 */
import { MemorySource, type MemoryIndexData } from '../search/memory-source.ts';
import { planTextQuery } from '../search/scoring.ts';
import type { StoredDoc } from '../search/source.ts';
import { searchText } from '../search/text-search.ts';

/** The file written to `<dir>/search-index.json`. */
export interface StaticIndexFile {
  format: 2;
  index: MemoryIndexData;
}

export type StaticHit = Omit<StoredDoc, 'id'> & { score: number };

/** Loads the index from the parsed search-index.json. */
export function loadIndex(file: StaticIndexFile): MemorySource {
  if (file.format !== 2) throw new Error(`search index format ${String(file.format)} is not supported`);
  return MemorySource.fromData(file.index);
}

/** Text matches best first, as the server's text search finds them. */
export async function textSearch(index: MemorySource, query: string): Promise<StaticHit[]> {
  const { matches } = await searchText(index, planTextQuery(query));
  return matches.map((m) => {
    const { id: _id, ...shown } = m.shown;
    return { ...shown, score: m.score };
  });
}
