import { guideCodeKey } from '../codes/parse.ts';
import { guidePath, guideSchema, type Guide, type GuidePath, type GuideStatus } from './schema.ts';
import type { Db } from '../store/db.ts';
import type { GuidesTable } from '../store/schema.ts';
import { bumpContentVersion, publicContentChanged } from './content-events.ts';
import type { DraftGuide } from './draft.ts';

const PUBLISHED: GuideStatus = 'published';

export interface StoredGuide {
  guide: Guide;
  revision: number;
  updatedAt: string;
}

function toStored(row: Pick<GuidesTable, 'data' | 'revision' | 'updated_at'>): StoredGuide {
  return {
    guide: guideSchema.parse(JSON.parse(row.data)),
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export function toRow(
  guide: DraftGuide,
  now: string,
): Omit<GuidesTable, 'revision' | 'origin' | 'draft' | 'assigned_to'> {
  const path = guidePath(guide);
  // A draft without a whole address yet: a placeholder no slug can equal keeps the path index unique.
  if (!path.category || !path.brand || !path.product || !path.code) path.code = `~${guide.id}`;
  return {
    id: guide.id,
    code: guide.code,
    code_key: guideCodeKey(guide.code) ?? '',
    category: guide.category,
    brand: guide.brand,
    product: guide.product,
    category_slug: path.category,
    brand_slug: path.brand,
    product_slug: path.product,
    code_slug: path.code,
    severity: guide.severity,
    status: guide.status,
    title: guide.title,
    data: JSON.stringify(guide),
    updated_at: now,
  };
}

export interface SaveSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Guides left alone because someone changed them after the bundle delivered them. */
  kept: number;
}

/** Where a guide's current text came from: the bundled content, an import, or an editor. */
export type GuideOrigin = 'bundle' | 'import' | 'editor';

export interface SaveOptions {
  origin?: GuideOrigin;
  now?: string;
  /** Called inside the transaction after each guide, with how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Pending edits of published guides (checked by the caller): stored as their working copies. */
  pending?: readonly Guide[];
}

/**
 * Saves guides in one transaction: all or nothing. A guide whose content changed gets a new revision;
 * when what the public sees changed (a published guide added, changed, or taken off) the content version
 * moves on and the event fires, so caches everywhere can tell. Pending edits and drafts change nothing public.
 */
export async function saveGuides(db: Db, guides: readonly Guide[], options: SaveOptions = {}) {
  const { origin = 'import', now = new Date().toISOString(), onProgress } = options;
  let publicChanged = false;
  const saved = await db.transaction().execute(async (trx) => {
    const summary: SaveSummary = { created: 0, updated: 0, unchanged: 0, kept: 0 };
    for (const [index, guide] of guides.entries()) {
      if (index > 0) onProgress?.(index, guides.length);
      const row = { ...toRow(guide, now), origin };
      const existing = await trx
        .selectFrom('guides')
        .select(['data', 'revision', 'origin', 'status'])
        .where('id', '=', guide.id)
        .executeTakeFirst();
      const published = guide.status === PUBLISHED;
      if (!existing) {
        publicChanged ||= published;
        await trx
          .insertInto('guides')
          .values({ ...row, revision: 1 })
          .execute();
        await insertRevision(trx, { guide, number: 1, author: origin, message: `Created by ${origin}`, now });
        summary.created++;
      } else if (origin === 'bundle' && existing.origin !== 'bundle') {
        // A new release never overwrites what an editor or an import changed.
        summary.kept++;
      } else if (existing.data !== row.data) {
        publicChanged ||= published || existing.status === PUBLISHED;
        await trx
          .updateTable('guides')
          .set({ ...row, revision: existing.revision + 1 })
          .where('id', '=', guide.id)
          .execute();
        await insertRevision(trx, {
          guide,
          number: existing.revision + 1,
          author: origin,
          message: `Updated by ${origin}`,
          now,
        });
        summary.updated++;
      } else {
        summary.unchanged++;
      }
    }
    for (const edit of options.pending ?? []) {
      const existing = await trx
        .selectFrom('guides')
        .select(['draft', 'revision'])
        .where('id', '=', edit.id)
        .where('status', '=', PUBLISHED)
        .executeTakeFirst();
      const text = JSON.stringify(edit);
      if (!existing || existing.draft === text) continue;
      const number = existing.revision + 1;
      await trx
        .updateTable('guides')
        .set({ draft: text, revision: number, updated_at: now })
        .where('id', '=', edit.id)
        .execute();
      await insertRevision(trx, {
        guide: edit,
        number,
        author: origin,
        message: `Pending edit by ${origin}`,
        now,
      });
      summary.updated++;
    }
    if (publicChanged) await bumpContentVersion(trx);
    return summary;
  });
  if (publicChanged) await publicContentChanged(db);
  return saved;
}

export interface NewRevision {
  guide: DraftGuide;
  number: number;
  author: string;
  message: string;
  now: string;
}

/** Every change to a guide is kept as a numbered revision with its author and message. */
export async function insertRevision(db: Db, r: NewRevision): Promise<void> {
  await db
    .insertInto('revisions')
    .values({
      guide_id: r.guide.id,
      number: r.number,
      data: JSON.stringify(r.guide),
      status: r.guide.status,
      author: r.author,
      message: r.message,
      created_at: r.now,
    })
    .execute();
}

export async function publishedById(db: Db, id: string): Promise<StoredGuide | undefined> {
  const row = await db
    .selectFrom('guides')
    .select(['data', 'revision', 'updated_at'])
    .where('id', '=', id)
    .where('status', '=', PUBLISHED)
    .executeTakeFirst();
  return row && toStored(row);
}

/** Just the revision of a published guide: a cheap check before re-reading it. */
export async function publishedRevision(db: Db, id: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('guides')
    .select('revision')
    .where('id', '=', id)
    .where('status', '=', PUBLISHED)
    .executeTakeFirst();
  return row?.revision;
}

export async function publishedByPath(db: Db, path: GuidePath): Promise<StoredGuide | undefined> {
  const row = await db
    .selectFrom('guides')
    .select(['data', 'revision', 'updated_at'])
    .where('category_slug', '=', path.category)
    .where('brand_slug', '=', path.brand)
    .where('product_slug', '=', path.product)
    .where('code_slug', '=', path.code)
    .where('status', '=', PUBLISHED)
    .executeTakeFirst();
  return row && toStored(row);
}

export async function publishedByCodeKeys(db: Db, keys: readonly string[]): Promise<StoredGuide[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('guides')
    .select(['data', 'revision', 'updated_at', 'code_key'])
    .where('code_key', 'in', keys)
    .where('status', '=', PUBLISHED)
    .execute();
  // In the order the keys were asked for: the most likely reading first.
  const rank = (key: string) => keys.indexOf(key);
  return rows.sort((a, b) => rank(a.code_key) - rank(b.code_key)).map(toStored);
}

/** Published family guides (their code keys start with `family:`), for entries without a guide. */
export async function publishedFamilyGuides(db: Db): Promise<StoredGuide[]> {
  const rows = await db
    .selectFrom('guides')
    .select(['data', 'revision', 'updated_at'])
    .where('code_key', 'like', 'family:%')
    .where('status', '=', PUBLISHED)
    .orderBy('id')
    .execute();
  return rows.map(toStored);
}

export interface GuideFilter {
  category?: string;
  brand?: string;
  product?: string;
}

/** Published guides, optionally within one category, brand or product (by slug). */
export async function listPublished(db: Db, filter: GuideFilter = {}): Promise<StoredGuide[]> {
  let query = db
    .selectFrom('guides')
    .select(['data', 'revision', 'updated_at'])
    .where('status', '=', PUBLISHED);
  if (filter.category) query = query.where('category_slug', '=', filter.category);
  if (filter.brand) query = query.where('brand_slug', '=', filter.brand);
  if (filter.product) query = query.where('product_slug', '=', filter.product);
  const rows = await query
    .orderBy('category_slug')
    .orderBy('brand_slug')
    .orderBy('product_slug')
    .orderBy('code_slug')
    .execute();
  return rows.map(toStored);
}

export async function countGuides(db: Db): Promise<number> {
  const row = await db
    .selectFrom('guides')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countPublished(db: Db): Promise<number> {
  const row = await db
    .selectFrom('guides')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The addresses of guides that were public and were taken off the site (unpublished or archived). */
export async function withdrawnPaths(db: Db): Promise<GuidePath[]> {
  const rows = await db
    .selectFrom('guides')
    .select(['category_slug', 'brand_slug', 'product_slug', 'code_slug'])
    .where('status', '!=', PUBLISHED)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('revisions')
          .select('revisions.number')
          .whereRef('revisions.guide_id', '=', 'guides.id')
          .where('revisions.status', '=', PUBLISHED),
      ),
    )
    .execute();
  return rows.map((r) => ({
    category: r.category_slug,
    brand: r.brand_slug,
    product: r.product_slug,
    code: r.code_slug,
  }));
}

/**
 * Whether the guide at `path` was on the public site and was taken off it (unpublished or archived):
 * its old address answers 410. Guides never published are not revealed.
 */
export async function withdrawnAtPath(db: Db, path: GuidePath): Promise<boolean> {
  const row = await db
    .selectFrom('guides')
    .select('id')
    .where('category_slug', '=', path.category)
    .where('brand_slug', '=', path.brand)
    .where('product_slug', '=', path.product)
    .where('code_slug', '=', path.code)
    .where('status', '!=', PUBLISHED)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('revisions')
          .select('revisions.number')
          .whereRef('revisions.guide_id', '=', 'guides.id')
          .where('revisions.status', '=', PUBLISHED),
      ),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** Every guide's stored text and pending edit (raw JSON, checked by the caller), ordered by id. */
export async function guideCopyRows(db: Db): Promise<{ id: string; data: string; draft: string | null }[]> {
  return db.selectFrom('guides').select(['id', 'data', 'draft']).orderBy('id').execute();
}

/** True when the database has a `revisions` table (added with editing; older databases lack it). */
export async function hasRevisionsTable(db: Db): Promise<boolean> {
  // Kysely's introspection: sqlite_master on SQLite, information_schema on PostgreSQL.
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === 'revisions' && !t.isView);
}

/** Every stored revision of every guide (deleted guides included), by guide id and number. */
export async function allRevisionRows(db: Db) {
  return db
    .selectFrom('revisions')
    .select(['guide_id', 'number', 'data', 'status', 'author', 'message', 'created_at'])
    .orderBy('guide_id')
    .orderBy('number')
    .execute();
}
