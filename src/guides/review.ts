import type { Db } from '../store/db.ts';

/**
 * The review workflow's storage: comments on a guide's working copy (remarks, and a reviewer's request
 * for changes) and publications set for a time. Times are ISO 8601 in UTC, compared as strings.
 */

export const COMMENT_KINDS = ['comment', 'changes-requested'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];
/** The longest comment kept, in characters: a review note, not a document. */
export const COMMENT_MAX = 2000;
/** The most comments the editor page shows (the newest ones). */
export const COMMENTS_SHOWN = 100;

export interface GuideComment {
  id: number;
  guideId: string;
  revision: number;
  author: string;
  kind: CommentKind;
  body: string;
  createdAt: string;
}

export async function addComment(
  db: Db,
  comment: Omit<GuideComment, 'id' | 'createdAt'> & { createdAt?: string },
): Promise<void> {
  await db
    .insertInto('guide_comments')
    .values({
      guide_id: comment.guideId,
      revision: comment.revision,
      author: comment.author,
      kind: comment.kind,
      body: comment.body,
      created_at: comment.createdAt ?? new Date().toISOString(),
    })
    .execute();
}

/** The newest `limit` comments on a guide, oldest first (a thread reads down), and how many there are. */
export async function listComments(
  db: Db,
  guideId: string,
  limit = COMMENTS_SHOWN,
): Promise<{ comments: GuideComment[]; total: number }> {
  const rows = await db
    .selectFrom('guide_comments')
    .select(['id', 'guide_id', 'revision', 'author', 'kind', 'body', 'created_at'])
    .where('guide_id', '=', guideId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const count = await db
    .selectFrom('guide_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('guide_id', '=', guideId)
    .executeTakeFirstOrThrow();
  return {
    total: Number(count.n),
    comments: rows.reverse().map((r) => ({
      id: r.id,
      guideId: r.guide_id,
      revision: r.revision,
      author: r.author,
      kind: r.kind === 'changes-requested' ? 'changes-requested' : 'comment',
      body: r.body,
      createdAt: r.created_at,
    })),
  };
}

export interface PublishSchedule {
  guideId: string;
  /** The reviewed revision: only it goes live, and a newer revision cancels the schedule. */
  revision: number;
  publishAt: string;
  scheduledBy: string;
  createdAt: string;
}

const toSchedule = (r: {
  guide_id: string;
  revision: number;
  publish_at: string;
  scheduled_by: string;
  created_at: string;
}): PublishSchedule => ({
  guideId: r.guide_id,
  revision: r.revision,
  publishAt: r.publish_at,
  scheduledBy: r.scheduled_by,
  createdAt: r.created_at,
});

/** Sets (or moves) the one publication of a guide. */
export async function putSchedule(db: Db, schedule: PublishSchedule): Promise<void> {
  const row = {
    guide_id: schedule.guideId,
    revision: schedule.revision,
    publish_at: schedule.publishAt,
    scheduled_by: schedule.scheduledBy,
    created_at: schedule.createdAt,
  };
  await db
    .insertInto('publish_schedules')
    .values(row)
    .onConflict((oc) =>
      oc.column('guide_id').doUpdateSet({
        revision: row.revision,
        publish_at: row.publish_at,
        scheduled_by: row.scheduled_by,
        created_at: row.created_at,
      }),
    )
    .execute();
}

export async function getSchedule(db: Db, guideId: string): Promise<PublishSchedule | undefined> {
  const row = await db
    .selectFrom('publish_schedules')
    .selectAll()
    .where('guide_id', '=', guideId)
    .executeTakeFirst();
  return row && toSchedule(row);
}

/** Removes a guide's schedule; true when there was one. */
export async function deleteSchedule(db: Db, guideId: string): Promise<boolean> {
  const result = await db.deleteFrom('publish_schedules').where('guide_id', '=', guideId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Schedules due at `now`, oldest first, at most `limit` (a tick does bounded work). */
export async function dueSchedules(db: Db, now: string, limit = 50): Promise<PublishSchedule[]> {
  const rows = await db
    .selectFrom('publish_schedules')
    .selectAll()
    .where('publish_at', '<=', now)
    .orderBy('publish_at')
    .orderBy('guide_id')
    .limit(limit)
    .execute();
  return rows.map(toSchedule);
}

/**
 * Takes a due schedule for this process: one conditional delete, so when several instances see the
 * same row only one of them removes it, and only that one publishes.
 */
export async function claimSchedule(db: Db, schedule: PublishSchedule): Promise<boolean> {
  const result = await db
    .deleteFrom('publish_schedules')
    .where('guide_id', '=', schedule.guideId)
    .where('revision', '=', schedule.revision)
    .where('publish_at', '=', schedule.publishAt)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The schedules due at `now` (publish time reached), oldest first. */
export function duePublications<T extends Pick<PublishSchedule, 'publishAt' | 'guideId'>>(
  now: Date,
  rows: readonly T[],
): T[] {
  const at = now.toISOString();
  return rows
    .filter((r) => r.publishAt <= at)
    .sort((a, b) => a.publishAt.localeCompare(b.publishAt) || a.guideId.localeCompare(b.guideId));
}

/** How far ahead a publication may be set: a year. */
export const SCHEDULE_HORIZON_MS = 366 * 24 * 60 * 60 * 1000;

export type ScheduleTimeResult = { ok: true; at: Date } | { ok: false; message: string };

/**
 * A publication time from a form's `datetime-local` value (no zone: read as UTC, and the form says so)
 * or an ISO 8601 time with Z; it must be in the future and within SCHEDULE_HORIZON_MS.
 */
export function parseScheduleTime(value: string, now: Date): ScheduleTimeResult {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?Z?$/.exec(value.trim());
  if (!match) return { ok: false, message: 'Give a date and time such as 2026-12-24T09:00 (UTC).' };
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const parts = { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0 };
  const at = new Date(
    Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, second ?? 0),
  );
  // Date.UTC rolls 2026-02-30 over to March: a date that does not exist is refused instead.
  if (
    at.getUTCMonth() !== parts.month - 1 ||
    at.getUTCDate() !== parts.day ||
    parts.hour > 23 ||
    parts.minute > 59 ||
    (second ?? 0) > 59
  ) {
    return { ok: false, message: 'That date or time does not exist.' };
  }
  if (at.getTime() <= now.getTime()) {
    return {
      ok: false,
      message: `The time must be in the future (it is now ${formatUtc(now.toISOString())}).`,
    };
  }
  if (at.getTime() - now.getTime() > SCHEDULE_HORIZON_MS) {
    return { ok: false, message: 'Set a time within a year.' };
  }
  return { ok: true, at };
}

/** An ISO time as people read it: "2026-12-24 09:00 UTC". */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
