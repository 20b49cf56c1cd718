import type { Db } from '../store/db.ts';
import { listPublished, type StoredGuide } from './repository.ts';
import { guideCodeKey } from '../codes/parse.ts';
import { isFamilyGuide, type Guide } from './schema.ts';

/**
 * The published guides of one content version, read from the store once and then looked up in
 * memory. Pages that only need "the guides for these codes" (reference entries, related links) ask
 * here instead of the database; `refresh` follows content changes like the page cache does.
 */
export class PublishedGuides {
  private version: string | undefined;
  private stored: readonly StoredGuide[] = [];
  private byKey = new Map<string, StoredGuide[]>();
  private ids = new Map<string, StoredGuide>();
  private familyGuides: readonly Guide[] = [];

  constructor(private readonly db: Db) {}

  /** Re-reads the guides unless `version` is the one held; true when it read them. */
  async refresh(version?: string): Promise<boolean> {
    if (version !== undefined && version === this.version) return false;
    const stored = await listPublished(this.db);
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
    this.familyGuides = stored.map((s) => s.guide).filter(isFamilyGuide);
    this.version = version;
    return true;
  }

  all(): readonly StoredGuide[] {
    return this.stored;
  }

  byId(id: string): StoredGuide | undefined {
    return this.ids.get(id);
  }

  /** The published family guides: general guidance for entries that have no guide of their own. */
  families(): readonly Guide[] {
    return this.familyGuides;
  }

  /** Guides whose code has one of `keys`, in the order of the keys (the most likely reading first). */
  byCodeKeys(keys: readonly string[]): StoredGuide[] {
    return [...new Set(keys)].flatMap((key) => this.byKey.get(key) ?? []);
  }
}
