import type { ReferenceCatalog } from '../catalog/reference.ts';
import { officialEntries } from '../catalog/official.ts';
import type { Guide } from '../guides/schema.ts';
import { sqliteHandle, type Db } from '../store/db.ts';
import { contentVersion } from '../guides/content-events.ts';
import { PublishedGuides } from '../guides/published.ts';
import { recordZeroResult } from './log.ts';
import { guideDoc, referenceDoc, type SearchDoc } from './documents.ts';
import { INDEX_STATE, indexedVersion, shrinkLog, syncGuideIndex, syncReferenceIndex } from './db-index.ts';
import { DbSource } from './db-source.ts';
import { SearchEngine, type Filters, type SearchResponse } from './engine.ts';
import { Gate } from './turns.ts';

/** A guide as indexed: with the catalog names of its own code, so searching a name finds it. */
export function indexedGuide(catalog: ReferenceCatalog, guide: Guide): SearchDoc {
  return guideDoc(
    guide,
    officialEntries(catalog, guide.code).map((h) => `${h.entry.symbol} ${h.entry.title}`),
  );
}

/** The catalog's reference entries as indexed; the entries are read only when the index is written. */
export function indexedReferences(catalog: ReferenceCatalog): {
  version: string;
  readonly entries: SearchDoc[];
} {
  return {
    version: catalog.version,
    get entries() {
      return catalog.entries.map(referenceDoc);
    },
  };
}

/**
 * Brings the whole search index in line with the database's catalogs and published guides: what
 * opening a store does, so a new or upgraded database is indexed before anything serves it (no long
 * write then competes with a server's writers). Returns whether it wrote.
 */
export async function writeSearchIndex(db: Db, catalog: ReferenceCatalog): Promise<boolean> {
  const references = await syncReferenceIndex(db, indexedReferences(catalog));
  const version = await contentVersion(db);
  let guides = false;
  if ((await indexedVersion(db, INDEX_STATE.guides)) !== version) {
    const published = new PublishedGuides(db, catalog);
    await published.refresh(version);
    const docs = () => published.all().map((s) => indexedGuide(catalog, s.guide));
    guides = (await syncGuideIndex(db, version, docs)) !== undefined;
  }
  if (references || guides) shrinkLog(db);
  return references || guides;
}

/**
 * Search over the store's published guides and the catalogs, from the index in the database: every
 * instance reads the same index, and the instance that sees a content change first writes it there.
 */
export class SearchService {
  private version = '';
  /** Recent answers, dropped whenever content changes: popular codes are searched again and again. */
  private readonly recent = new Map<string, SearchResponse>();
  private static readonly RECENT_LIMIT = 1000;
  /** Searches answered from the recent answers, and searches the engine ran (for /metrics). */
  readonly stats = { hits: 0, misses: 0 };
  /** Told when a search without results could not be counted; the search still answers. */
  onLogError: (error: unknown) => void = () => {};
  #references: Promise<void> | undefined;
  /**
   * Searches that run at once; the others wait their turn. On SQLite one (reads are synchronous, so
   * more at once only interleave their steps and keep pages waiting behind all of them); on
   * PostgreSQL a few, whose reads overlap while the server answers.
   */
  private readonly gate: Gate;

  private constructor(
    private readonly db: Db,
    private readonly catalog: ReferenceCatalog,
    private readonly engine: SearchEngine,
    private readonly published: PublishedGuides,
  ) {
    this.gate = new Gate(sqliteHandle(db) ? 1 : 4);
  }

  /** `published` is shared with the pages when given, so one read serves both. */
  static async open(
    db: Db,
    catalog: ReferenceCatalog,
    published = new PublishedGuides(db, catalog),
  ): Promise<SearchService> {
    const engine = new SearchEngine(catalog, new DbSource(db));
    const service = new SearchService(db, catalog, engine, published);
    // With its version, so the first content check of a running app finds nothing to re-read.
    await service.refresh(await contentVersion(db));
    return service;
  }

  /**
   * Re-reads published guides and brings the guide index in line; `version` skips the work when content
   * has not changed. The index write is skipped when another instance already wrote this version.
   */
  async refresh(version?: string): Promise<void> {
    if (version !== undefined && version === this.version) return;
    await this.published.refresh(version);
    const guides = this.published.all().map((s) => s.guide);
    this.engine.setGuides(guides);
    await syncGuideIndex(this.db, version ?? (await contentVersion(this.db)), () =>
      guides.map((g) => indexedGuide(this.catalog, g)),
    );
    this.recent.clear();
    if (version !== undefined) this.version = version;
  }

  /**
   * Writes the reference entries' index when the database holds none for this catalog version (a new
   * database, an upgrade): once per database, whichever instance or command searches first.
   */
  ready(): Promise<void> {
    this.#references ??= syncReferenceIndex(this.db, indexedReferences(this.catalog)).then(
      () => undefined,
      (error: unknown) => {
        this.#references = undefined; // tried again by the next search
        throw error;
      },
    );
    return this.#references;
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
      await this.ready();
      response = await this.gate.run(() => this.engine.search(query, filters, page));
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

  async suggest(query: string, limit?: number) {
    await this.ready();
    return this.gate.run(() => this.engine.suggest(query, limit));
  }
}
