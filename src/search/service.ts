import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type MiniSearch from 'minisearch';
import type { ReferenceCatalog } from '../catalog/reference.ts';
import type { Db } from '../store/db.ts';
import { contentVersion } from '../guides/content-events.ts';
import { PublishedGuides } from '../guides/published.ts';
import { recordZeroResult } from './log.ts';
import type { SearchDoc } from './documents.ts';
import { SearchEngine, type Filters, type SearchResponse } from './engine.ts';

const shared = new Map<string, MiniSearch<SearchDoc>>();

/** Where the reference index snapshot for a database file lives: beside it, named by catalog version. */
export function snapshotPath(dbFile: string, catalog: ReferenceCatalog): string | undefined {
  if (dbFile === ':memory:') return undefined;
  return join(dirname(dbFile), `search-references-${catalog.version}.json`);
}

/**
 * The reference entries' index: from memory if this process has it, else from a snapshot file, else
 * built and saved as a snapshot so the next start only loads it.
 */
export function referenceIndex(catalog: ReferenceCatalog, snapshot?: string): MiniSearch<SearchDoc> {
  const cached = shared.get(catalog.version);
  if (cached) return cached;
  let index: MiniSearch<SearchDoc> | undefined;
  if (snapshot && existsSync(snapshot)) {
    try {
      index = SearchEngine.loadReferences(readFileSync(snapshot, 'utf8'));
    } catch {
      index = undefined; // a damaged snapshot is rebuilt below
    }
  }
  if (!index) {
    index = SearchEngine.indexReferences(catalog);
    if (snapshot) {
      mkdirSync(dirname(snapshot), { recursive: true });
      const partial = `${snapshot}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify(index));
      renameSync(partial, snapshot);
    }
  }
  shared.set(catalog.version, index);
  return index;
}

/** Search over the store's published guides and the catalogs, kept fresh as content changes. */
export class SearchService {
  private version = '';
  /** Recent answers, dropped whenever content changes: popular codes are searched again and again. */
  private readonly recent = new Map<string, SearchResponse>();
  private static readonly RECENT_LIMIT = 1000;
  /** Searches answered from the recent answers, and searches the engine ran (for /metrics). */
  readonly stats = { hits: 0, misses: 0 };
  /** Told when a search without results could not be counted; the search still answers. */
  onLogError: (error: unknown) => void = () => {};

  private constructor(
    private readonly db: Db,
    private readonly engine: SearchEngine,
    private readonly published: PublishedGuides,
  ) {}

  /** `published` is shared with the pages when given, so one read serves both. */
  static async open(
    db: Db,
    catalog: ReferenceCatalog,
    snapshot?: string,
    published = new PublishedGuides(db, catalog),
  ): Promise<SearchService> {
    // The reference index (a snapshot of several MB) loads on the first search, not before the first page.
    const engine = new SearchEngine(catalog, () => referenceIndex(catalog, snapshot));
    const service = new SearchService(db, engine, published);
    // With its version, so the first content check of a running app finds nothing to re-read.
    await service.refresh(await contentVersion(db));
    return service;
  }

  /** Re-reads published guides; `version` skips the work when content has not changed. */
  async refresh(version?: string): Promise<void> {
    if (version !== undefined && version === this.version) return;
    await this.published.refresh(version);
    this.engine.setGuides(this.published.all().map((s) => s.guide));
    this.recent.clear();
    if (version !== undefined) this.version = version;
  }

  /** Searches, and counts the query when it found nothing so editors can see what is missing. */
  async search(query: string, filters: Filters = {}, page = 1): Promise<SearchResponse> {
    const key = JSON.stringify([query, filters, page]);
    let response = this.recent.get(key);
    if (response) {
      this.stats.hits++;
      this.recent.delete(key); // most recently used goes last
    } else {
      this.stats.misses++;
      response = this.engine.search(query, filters, page);
      if (this.recent.size >= SearchService.RECENT_LIMIT)
        this.recent.delete(this.recent.keys().next().value!);
    }
    this.recent.set(key, response);
    if (response.total === 0 && query.trim() !== '') {
      // A count the database refuses (an outage, a full disk) is given up: the answer matters more.
      await recordZeroResult(this.db, query).catch((error: unknown) => this.onLogError(error));
    }
    return response;
  }

  /** Loads the search indexes now, so the first search does not wait for them. */
  warm(): void {
    this.engine.warm();
  }

  suggest(query: string, limit?: number) {
    return this.engine.suggest(query, limit);
  }
}
