import { AppError } from '../base/errors.ts';
import { withStepIds, type Guide } from '../guides/schema.ts';
import type { Db } from '../store/db.ts';
import { createGuide, getRevision, saveWorkingCopy, workingCopy, type SavedCopy } from '../guides/editing.ts';
import { transition } from '../guides/lifecycle.ts';
import { can, type AuditAction, type User } from '../accounts/model.ts';
import { audit } from '../accounts/repository.ts';

/**
 * What editors can do to a guide; the lifecycle table (guides/lifecycle.ts) decides the resulting
 * status, never the form. Restoring an old revision has its own route.
 */
export const ACTIONS = ['save', 'submit', 'publish', 'unpublish', 'archive'] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

const AUDITED: Partial<Record<WorkflowAction, AuditAction>> = {
  publish: 'guide-published',
  unpublish: 'guide-unpublished',
  archive: 'guide-archived',
};

export function allowed(user: User, action: WorkflowAction): boolean {
  return action === 'save' || action === 'submit' ? can(user.role, 'edit') : can(user.role, 'publish');
}

/**
 * Applies one action to a guide as a new revision. `guide` is the edited text (save, submit, publish
 * from the editor); without it the current working copy is used (publish from a list, unpublish…).
 */
export async function act(
  db: Db,
  user: User,
  request: { id: string; action: WorkflowAction; expectedRevision: number; guide?: Guide; message?: string },
): Promise<SavedCopy> {
  if (!allowed(user, request.action)) {
    throw new AppError('FORBIDDEN', `An ${user.role} cannot ${request.action} guides.`);
  }
  const current = await workingCopy(db, request.id);
  if (!current) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${request.id}".`);
  const base = request.guide ?? current.guide;
  if (base.id !== request.id) throw new AppError('INVALID_REQUEST', 'The id of a guide cannot change.');
  const saved = await saveWorkingCopy(db, {
    guide: withStepIds(base),
    action: request.action,
    expectedRevision: request.expectedRevision,
    author: user.email,
    message: request.message?.trim() || defaultMessage(request.action),
  });
  const audited = AUDITED[request.action];
  if (audited) await audit(db, user.email, audited, request.id, `revision ${saved.revision}`);
  return saved;
}

/** What a new guide can be created as: the buttons of the new-guide form. */
export const CREATE_ACTIONS = ['save', 'submit', 'publish'] as const;
export type CreateAction = (typeof CREATE_ACTIONS)[number];

/**
 * Creates a guide and does what the button said: a draft, submitted for review, or published. The
 * lifecycle table decides the status as for any guide that is not yet on the site.
 */
export async function create(
  db: Db,
  user: User,
  request: { guide: Guide; action: CreateAction; message?: string },
): Promise<{ publicChanged: boolean }> {
  if (!allowed(user, request.action)) {
    throw new AppError('FORBIDDEN', `An ${user.role} cannot ${request.action} guides.`);
  }
  const step = transition('draft', request.action);
  if (!step.ok) throw new AppError('STATUS_CONFLICT', step.reason);
  const guide = withStepIds({ ...request.guide, status: step.workingStatus });
  const message =
    request.message?.trim() ||
    { save: 'Created', submit: 'Created and submitted for review', publish: 'Created and published' }[
      request.action
    ];
  await createGuide(db, guide, user.email, undefined, message);
  await audit(db, user.email, 'guide-created', guide.id, step.workingStatus);
  const audited = AUDITED[request.action];
  if (audited) await audit(db, user.email, audited, guide.id, 'revision 1');
  return { publicChanged: step.publicChanged };
}

/** Makes an old revision the newest one, as a draft: nothing old goes live without a review. */
export async function restore(
  db: Db,
  user: User,
  id: string,
  number: number,
  expectedRevision: number,
): Promise<SavedCopy> {
  if (!can(user.role, 'edit')) throw new AppError('FORBIDDEN');
  const old = await getRevision(db, id, number);
  if (!old) throw new AppError('NOT_FOUND', `Guide "${id}" has no revision ${number}.`);
  const saved = await saveWorkingCopy(db, {
    guide: old,
    action: 'restore',
    expectedRevision,
    author: user.email,
    message: `Restored revision ${number}`,
  });
  await audit(db, user.email, 'guide-restored', id, `revision ${number} as ${saved.revision}`);
  return saved;
}

function defaultMessage(action: WorkflowAction): string {
  return {
    save: 'Saved draft',
    submit: 'Submitted for review',
    publish: 'Published',
    unpublish: 'Unpublished',
    archive: 'Archived',
  }[action];
}
