import { can, type User } from '../accounts/model.ts';
import { audit } from '../accounts/repository.ts';
import { AppError } from '../base/errors.ts';
import { saveWorkingCopy, workingCopy, type RevisionSummary, type SavedCopy } from '../guides/editing.ts';
import { transition } from '../guides/lifecycle.ts';
import {
  addComment,
  COMMENT_MAX,
  deleteSchedule,
  formatUtc,
  parseScheduleTime,
  putSchedule,
  type PublishSchedule,
} from '../guides/review.ts';
import type { GuideStanding } from './views/guide-panel.tsx';
import type { Db } from '../store/db.ts';

/**
 * The review workflow on top of the lifecycle: a reviewer (who may publish) requests changes with a
 * comment or sets a time to publish; anyone who may edit comments on the working copy.
 */

/** A comment's text, trimmed and bounded; `field` names the input in the message. */
export function checkedComment(text: string, field = 'comment'): string {
  const body = text.replace(/\r\n/g, '\n').trim();
  if (body === '') throw new AppError('INVALID_REQUEST', `${field}: write a comment.`);
  if (body.length > COMMENT_MAX) {
    throw new AppError(
      'INVALID_REQUEST',
      `${field}: at most ${COMMENT_MAX} characters (this has ${body.length}).`,
    );
  }
  return body;
}

async function currentCopy(db: Db, id: string, expectedRevision: number) {
  const copy = await workingCopy(db, id);
  if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${id}".`);
  if (copy.revision !== expectedRevision) {
    throw new AppError(
      'EDIT_CONFLICT',
      `Someone saved this guide (revision ${copy.revision}) after you opened revision ${expectedRevision}: reload it first.`,
    );
  }
  return copy;
}

/** Sends a guide in review back to its author as a draft, with the reviewer's comment beside it. */
export async function requestChanges(
  db: Db,
  user: User,
  request: { id: string; expectedRevision: number; comment: string },
): Promise<SavedCopy> {
  if (!can(user.role, 'publish')) {
    throw new AppError('FORBIDDEN', `An ${user.role} cannot request changes: a reviewer does.`);
  }
  const body = checkedComment(request.comment);
  const copy = await currentCopy(db, request.id, request.expectedRevision);
  const saved = await saveWorkingCopy(db, {
    guide: copy.guide,
    action: 'request-changes',
    expectedRevision: request.expectedRevision,
    author: user.email,
    message: 'Changes requested',
  });
  await addComment(db, {
    guideId: request.id,
    revision: saved.revision,
    author: user.email,
    kind: 'changes-requested',
    body,
  });
  await audit(db, user.email, 'guide-changes-requested', request.id, `revision ${saved.revision}`);
  return saved;
}

/** A remark on a guide's working copy, by anyone who may edit it. */
export async function comment(db: Db, user: User, request: { id: string; comment: string }): Promise<void> {
  if (!can(user.role, 'edit')) throw new AppError('FORBIDDEN', `An ${user.role} cannot comment on guides.`);
  const body = checkedComment(request.comment);
  const copy = await workingCopy(db, request.id);
  if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${request.id}".`);
  await addComment(db, {
    guideId: request.id,
    revision: copy.revision,
    author: user.email,
    kind: 'comment',
    body,
  });
  await audit(db, user.email, 'guide-commented', request.id, `revision ${copy.revision}`);
}

/**
 * Sets the reviewed revision to go live at a time (`when`: a datetime-local value read as UTC, or ISO
 * with Z). The guide must be in review and unchanged since the reviewer opened it.
 */
export async function schedulePublication(
  db: Db,
  user: User,
  request: { id: string; expectedRevision: number; when: string; now?: Date },
): Promise<PublishSchedule> {
  if (!can(user.role, 'publish')) {
    throw new AppError('FORBIDDEN', `An ${user.role} cannot schedule publishing: a reviewer does.`);
  }
  const now = request.now ?? new Date();
  const time = parseScheduleTime(request.when, now);
  if (!time.ok) throw new AppError('INVALID_REQUEST', `publishAt: ${time.message}`);
  const copy = await currentCopy(db, request.id, request.expectedRevision);
  const step = transition(copy.publicStatus, 'schedule', copy.guide.status);
  if (!step.ok) throw new AppError('STATUS_CONFLICT', `${step.reason} Submit it for review first.`);
  const schedule: PublishSchedule = {
    guideId: request.id,
    revision: copy.revision,
    publishAt: time.at.toISOString(),
    scheduledBy: user.email,
    createdAt: now.toISOString(),
  };
  await putSchedule(db, schedule);
  await audit(
    db,
    user.email,
    'guide-scheduled',
    request.id,
    `revision ${copy.revision} at ${formatUtc(schedule.publishAt)}`,
  );
  return schedule;
}

/** Cancels a guide's publication set for a time; a 404 when there is none. */
export async function cancelPublication(db: Db, user: User, id: string): Promise<void> {
  if (!can(user.role, 'publish')) {
    throw new AppError('FORBIDDEN', `An ${user.role} cannot cancel a scheduled publication.`);
  }
  if (!(await deleteSchedule(db, id))) {
    throw new AppError('NOT_FOUND', `No publication of "${id}" is scheduled.`);
  }
  await audit(db, user.email, 'guide-schedule-cancelled', id, 'by hand');
}

export interface Comparison {
  a: number;
  b: number;
  /** live-vs-proposed: what readers see against what waits for review. */
  kind: 'live-vs-proposed' | 'previous';
}

/**
 * The comparison the diff opens with when none is asked for: a reviewer (or anyone coming from the
 * review queue) of a guide in review with a live version sees live → proposed; otherwise the previous
 * revision → the newest. Revisions come newest first; undefined when there is nothing to compare.
 */
export function defaultComparison(
  revisions: readonly Pick<RevisionSummary, 'number' | 'status'>[],
  standing: GuideStanding,
  reviewing: boolean,
): Comparison | undefined {
  const [newest, previous] = revisions;
  if (!newest) return undefined;
  const live =
    standing.publicStatus === 'published' ? revisions.find((r) => r.status === 'published') : undefined;
  if (reviewing && standing.status === 'review' && live && live.number !== newest.number) {
    return { a: live.number, b: newest.number, kind: 'live-vs-proposed' };
  }
  return previous ? { a: previous.number, b: newest.number, kind: 'previous' } : undefined;
}

/** A revision's name in a comparison: "Live (revision 5)", "Proposed (revision 8)" or "Revision 3". */
export function comparisonLabel(
  number: number,
  revisions: readonly Pick<RevisionSummary, 'number' | 'status'>[],
  standing: GuideStanding,
): string {
  const live =
    standing.publicStatus === 'published' ? revisions.find((r) => r.status === 'published') : undefined;
  if (live?.number === number) return `Live (revision ${number})`;
  if (standing.status === 'review' && revisions[0]?.number === number) return `Proposed (revision ${number})`;
  return `Revision ${number}`;
}
