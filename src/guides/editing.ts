import { sql } from 'kysely';
import { AppError } from '../base/errors.ts';
import { type Guide, type GuideStatus } from './schema.ts';
import { completeGuide, readDraft, type DraftGuide } from './draft.ts';
import { transition, type LifecycleAction } from './lifecycle.ts';
import type { Db } from '../store/db.ts';
import { insertRevision, toRow } from './repository.ts';
import { bumpContentVersion, publicContentChanged } from './content-events.ts';
import {
  asJsonText,
  containsPattern,
  EDITOR_LIST_LIMIT,
  guideMatches,
  normaliseEditorQuery,
} from './editor-search.ts';

/** What an editor works on: the pending draft if there is one, else the guide itself. */
export interface WorkingCopy {
  /** A draft may be incomplete (draft.ts); anything submitted, in review or published is complete. */
  guide: DraftGuide;
  /** Latest revision number: the editor sends it back so stale copies are refused. */
  revision: number;
  /** Status of what the public sees (published, or not shown). */
  publicStatus: GuideStatus;
  /** A published guide with an unpublished edit waiting. */
  pendingDraft: boolean;
  updatedAt: string;
}

export async function workingCopy(db: Db, id: string): Promise<WorkingCopy | undefined> {
  const row = await db
    .selectFrom('guides')
    .select(['data', 'draft', 'revision', 'status', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    guide: readDraft(row.draft ?? row.data),
    revision: row.revision,
    publicStatus: row.status as GuideStatus,
    pendingDraft: row.draft !== null,
    updatedAt: row.updated_at,
  };
}

export interface EditorListRow {
  id: string;
  code: string;
  title: string;
  category: string;
  brand: string;
  product: string;
  /** Status of the working copy. */
  status: GuideStatus;
  publicStatus: GuideStatus;
  pendingDraft: boolean;
  reviewed: string;
  revision: number;
  updatedAt: string;
  /** The email of the user asked to work on it next, or null. */
  assignedTo: string | null;
}

export interface EditorListFilter {
  /** Words in the code, title, summary, causes, steps or FAQ (any status). */
  text?: string;
  /** The working copy's status. */
  status?: GuideStatus;
  /** An email, or null for guides nobody is assigned. */
  assignedTo?: string | null;
  limit?: number;
}

export interface EditorList {
  guides: { row: EditorListRow; guide: DraftGuide }[];
  /** More guides matched than `limit`. */
  truncated: boolean;
}

/** The longest ASCII word of a query: SQLite's lower() folds ASCII only, so only that narrows in SQL. */
function narrowingWord(query: string): string | undefined {
  const words = query.split(' ').filter((w) => /^[\x20-\x7e]+$/.test(w));
  return words.sort((a, b) => b.length - a.length)[0];
}

/** Guides as editors see them (the working copy's fields), newest change first, filtered and bounded. */
export async function listForEditors(db: Db, filter: EditorListFilter = {}): Promise<EditorList> {
  const limit = filter.limit ?? EDITOR_LIST_LIMIT;
  const query = normaliseEditorQuery(filter.text ?? '');
  let select = db
    .selectFrom('guides')
    .select(['id', 'data', 'draft', 'revision', 'status', 'updated_at', 'assigned_to'])
    .orderBy('updated_at', 'desc')
    .orderBy('id');
  if (filter.assignedTo === null) select = select.where('assigned_to', 'is', null);
  else if (filter.assignedTo !== undefined) select = select.where('assigned_to', '=', filter.assignedTo);
  const word = narrowingWord(query);
  if (word) {
    const pattern = containsPattern(asJsonText(word));
    select = select.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('data')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('draft')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  const guides: EditorList['guides'] = [];
  let truncated = false;
  for (const r of await select.execute()) {
    const guide = readDraft(r.draft ?? r.data);
    if (filter.status && guide.status !== filter.status) continue;
    if (!guideMatches(guide, query)) continue;
    if (guides.length === limit) {
      truncated = true;
      break;
    }
    guides.push({
      guide,
      row: {
        id: r.id,
        code: guide.code,
        title: guide.title,
        category: guide.category,
        brand: guide.brand,
        product: guide.product,
        status: guide.status,
        publicStatus: r.status as GuideStatus,
        pendingDraft: r.draft !== null,
        reviewed: guide.reviewed,
        revision: r.revision,
        updatedAt: r.updated_at,
        assignedTo: r.assigned_to,
      },
    });
  }
  return { guides, truncated };
}

/** Asks a user (by email) to work on a guide next, or nobody; false if there is no such guide. */
export async function setAssignee(db: Db, id: string, assignedTo: string | null): Promise<boolean> {
  const result = await db
    .updateTable('guides')
    .set({ assigned_to: assignedTo })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface SaveRequest {
  /**
   * The working copy's text; its status is decided by the lifecycle, not taken from here. It may be
   * incomplete only when the lifecycle leaves it a draft that is not public.
   */
  guide: DraftGuide;
  action: LifecycleAction;
  /** The revision the editor started from; anything else means someone saved in between. */
  expectedRevision: number;
  author: string;
  message: string;
  now?: string;
}

export interface SavedCopy extends WorkingCopy {
  /** What the public sees changed (the lifecycle table's answer); the event has fired already. */
  publicChanged: boolean;
  /** A publication set for a time was cancelled, because the text changed since it was reviewed. */
  scheduleCancelled: boolean;
}

/**
 * Saves an editor's copy as a new revision, with the status the lifecycle table gives the action. A
 * published guide keeps showing its published text until the copy itself is published; unpublishing or
 * archiving takes it off the site at once (the content version moves and the event fires, so every
 * instance refreshes).
 */
export async function saveWorkingCopy(db: Db, request: SaveRequest): Promise<SavedCopy> {
  const { expectedRevision, author, message, action } = request;
  const now = request.now ?? new Date().toISOString();
  const saved = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('guides')
      .select(['revision', 'status', 'data', 'draft'])
      .where('id', '=', request.guide.id)
      .executeTakeFirst();
    if (!row) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${request.guide.id}".`);
    if (row.revision !== expectedRevision) {
      throw new AppError(
        'EDIT_CONFLICT',
        `Someone saved this guide (revision ${row.revision}) after you opened revision ${expectedRevision}. Your text is kept below: compare it with the latest revision before saving again.`,
      );
    }
    const working = readDraft(row.draft ?? row.data).status;
    const step = transition(row.status as GuideStatus, action, working);
    if (!step.ok) throw new AppError('STATUS_CONFLICT', step.reason);
    const guide: DraftGuide = { ...request.guide, status: step.workingStatus };
    // In review or published means complete; taking a guide off the site or archiving never waits.
    if (step.workingStatus === 'review' || step.workingStatus === 'published') requireComplete(guide);
    const number = row.revision + 1;
    if (step.pending) {
      await trx
        .updateTable('guides')
        .set({ draft: JSON.stringify(guide), revision: number, updated_at: now, origin: 'editor' })
        .where('id', '=', guide.id)
        .execute();
    } else {
      await trx
        .updateTable('guides')
        .set({ ...toRow(guide, now), draft: null, revision: number, origin: 'editor' })
        .where('id', '=', guide.id)
        .execute();
    }
    await insertRevision(trx, { guide, number, author, message, now });
    if (step.publicChanged) await bumpContentVersion(trx);
    // A publication set for a time was for the reviewed text: a new revision cancels it.
    const unscheduled = await trx
      .deleteFrom('publish_schedules')
      .where('guide_id', '=', guide.id)
      .executeTakeFirst();
    return {
      scheduleCancelled: Number(unscheduled.numDeletedRows) > 0,
      guide,
      revision: number,
      publicStatus: step.publicStatus,
      pendingDraft: step.pending,
      updatedAt: now,
      publicChanged: step.publicChanged,
    };
  });
  if (saved.publicChanged) await publicContentChanged(db);
  return saved;
}

/**
 * Submitting, reviewing and publishing need a complete guide: an incomplete one is refused, naming
 * what is missing (the editor names each field; this is the store's own guard).
 */
export function requireComplete(guide: DraftGuide): Guide {
  const complete = completeGuide(guide);
  if (complete) return complete;
  throw new AppError(
    'INVALID_REQUEST',
    `"${guide.id}" is an incomplete draft: complete it before it is submitted for review or published.`,
  );
}

/** Creates a guide from the editor as revision 1, in the status it carries (only a draft may be incomplete). */
export async function createGuide(
  db: Db,
  guide: DraftGuide,
  author: string,
  now = new Date().toISOString(),
  message = 'Created',
) {
  if (guide.status !== 'draft') requireComplete(guide);
  await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('guides').select('id').where('id', '=', guide.id).executeTakeFirst();
    if (exists) throw new AppError('EDIT_CONFLICT', `A guide with the id "${guide.id}" already exists.`);
    await trx
      .insertInto('guides')
      .values({ ...toRow(guide, now), revision: 1, origin: 'editor', draft: null })
      .execute();
    await insertRevision(trx, { guide, number: 1, author, message, now });
    if (guide.status === 'published') await bumpContentVersion(trx);
  });
  if (guide.status === 'published') await publicContentChanged(db);
}

export interface RevisionSummary {
  number: number;
  status: GuideStatus;
  author: string;
  message: string;
  createdAt: string;
}

export async function listRevisions(db: Db, guideId: string): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('revisions')
    .select(['number', 'status', 'author', 'message', 'created_at'])
    .where('guide_id', '=', guideId)
    .orderBy('number', 'desc')
    .execute();
  return rows.map((r) => ({
    number: r.number,
    status: r.status as GuideStatus,
    author: r.author,
    message: r.message,
    createdAt: r.created_at,
  }));
}

export async function getRevision(db: Db, guideId: string, number: number): Promise<DraftGuide | undefined> {
  const row = await db
    .selectFrom('revisions')
    .select('data')
    .where('guide_id', '=', guideId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row && readDraft(row.data);
}
