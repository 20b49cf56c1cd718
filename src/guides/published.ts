import type { Db } from '../store/db.ts';
import { listPublished, withdrawnPaths, type GuideFilter, type StoredGuide } from './repository.ts';
import { guideCodeKey } from '../codes/parse.ts';
import type { ReferenceCatalog, ReferenceHit } from '../catalog/reference.ts';
import { officialEntries } from '../catalog/official.ts';
import { guidePath, isFamilyGuide, type Guide, type GuidePath } from './schema.ts';

const pathKey = (p: GuidePath) => `${p.category}/${p.brand}/${p.product}/${p.code}`;

/**
 * The read model of published content: the published guides of one content version, read from the
 * store once and then answered from memory, with what pages show beside a guide (its official catalog
 * entries, its related guides). Pages, lookup, search, feedback and the sitemap ask here, never the
 * database; `refresh` follows the public content event (guides/content-events.ts).
 */
export class PublishedGuides {
  private version: string | undefined;
  private stored: readonly StoredGuide[] = [];
  private byKey = new Map<string, StoredGuide[]>();
  private ids = new Map<string, StoredGuide>();
  private paths = new Map<string, StoredGuide>();
  private withdrawnAt = new Set<string>();
  private familyGuides: readonly Guide[] = [];
  private officialOf = new Map<string, ReferenceHit[]>();

  /** `catalog` answers official entries; without it a guide has none. */
  constructor(
    private readonly db: Db,
    private readonly catalog?: ReferenceCatalog,
  ) {}

  /** Re-reads the guides unless `version` is the one held; true when it read them. */
  async refresh(version?: string): Promise<boolean> {
    if (version !== undefined && version === this.version) return false;
    const [stored, withdrawn] = await Promise.all([listPublished(this.db), withdrawnPaths(this.db)]);
    const byKey = new Map<string, StoredGuide[]>();
    for (const s of stored) {
      const key = guideCodeKey(s.guide.code);
      if (key === null) continue;
      const list = byKey.get(key);
      if (list) list.push(s);
      else byKey.set(key, [s]);
    }
    this.stored = stored;
    this.byKey = byKey;
    this.ids = new Map(stored.map((s) => [s.guide.id, s]));
    this.paths = new Map(stored.map((s) => [pathKey(guidePath(s.guide)), s]));
    this.withdrawnAt = new Set(withdrawn.map(pathKey));
    this.familyGuides = stored.map((s) => s.guide).filter(isFamilyGuide);
    this.officialOf = new Map();
    this.version = version;
    return true;
  }

  /** Every published guide, ordered by category, brand, product and code slug. */
  all(): readonly StoredGuide[] {
    return this.stored;
  }

  byId(id: string): StoredGuide | undefined {
    return this.ids.get(id);
  }

  /** The guide at its public address (slugs). */
  byPath(path: GuidePath): StoredGuide | undefined {
    return this.paths.get(pathKey(path));
  }

  /** Whether the guide at `path` was public and was taken off the site (its address answers 410). */
  withdrawn(path: GuidePath): boolean {
    return this.withdrawnAt.has(pathKey(path));
  }

  /** Published guides within one category, brand or product (by slug), in the order of all(). */
  inSection(filter: GuideFilter): StoredGuide[] {
    return this.stored.filter((s) => {
      const p = guidePath(s.guide);
      return (
        (!filter.category || p.category === filter.category) &&
        (!filter.brand || p.brand === filter.brand) &&
        (!filter.product || p.product === filter.product)
      );
    });
  }

  /** The published family guides: general guidance for entries that have no guide of their own. */
  families(): readonly Guide[] {
    return this.familyGuides;
  }

  /** Guides whose code has one of `keys`, in the order of the keys (the most likely reading first). */
  byCodeKeys(keys: readonly string[]): StoredGuide[] {
    return [...new Set(keys)].flatMap((key) => this.byKey.get(key) ?? []);
  }

  /** The published guides of the codes a guide names as related. */
  related(guide: Guide): StoredGuide[] {
    return this.byCodeKeys(guide.related.map(guideCodeKey).filter((k): k is string => k !== null));
  }

  /** The catalog entries that name a published guide's code (officialEntries), computed once per version. */
  official(guide: Guide): ReferenceHit[] {
    if (!this.catalog) return [];
    let hits = this.officialOf.get(guide.id);
    if (!hits) this.officialOf.set(guide.id, (hits = officialEntries(this.catalog, guide.code)));
    return hits;
  }
}
