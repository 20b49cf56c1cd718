import { AppError } from '../base/errors.ts';
import { withStepIds } from '../guides/schema.ts';
import type { DraftGuide } from '../guides/draft.ts';
import type { Db } from '../store/db.ts';
import {
  createGuide,
  getRevision,
  saveWorkingCopy,
  setAssignee,
  workingCopy,
  type SavedCopy,
} from '../guides/editing.ts';
import { transition } from '../guides/lifecycle.ts';
import { can, normaliseEmail, type AuditAction, type User } from '../accounts/model.ts';
import { audit, userWithHash } from '../accounts/repository.ts';

/**
 * What editors can do to a guide; the lifecycle table (guides/lifecycle.ts) decides the resulting
 * status, never the form. Restoring an old revision has its own route.
 */
export const ACTIONS = ['save', 'submit', 'publish', 'unpublish', 'archive'] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

const AUDITED: Partial<Record<WorkflowAction, AuditAction>> = {
  submit: 'guide-submitted',
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
  request: {
    id: string;
    action: WorkflowAction;
    expectedRevision: number;
    /** May be an incomplete draft for save; the store refuses one for anything else. */
    guide?: DraftGuide;
    message?: string;
  },
): Promise<SavedCopy> {
  if (!allowed(user, request.action)) {
    throw new AppError('FORBIDDEN', `An ${user.role} cannot ${request.action} guides.`);
  }
  const current = await workingCopy(db, request.id);
  if (!current) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${request.id}".`);
  const base: DraftGuide = request.guide ?? current.guide;
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
  request: { guide: DraftGuide; action: CreateAction; message?: string },
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

/** Asks a user to work on a guide next (an enabled account), or nobody when `assignee` is null. */
export async function assign(db: Db, user: User, id: string, assignee: string | null): Promise<void> {
  if (!can(user.role, 'edit')) throw new AppError('FORBIDDEN', `An ${user.role} cannot assign guides.`);
  let email: string | null = null;
  if (assignee !== null) {
    const found = await userWithHash(db, normaliseEmail(assignee));
    if (!found || found.user.disabled) {
      throw new AppError('INVALID_REQUEST', `There is no active account "${assignee.slice(0, 100)}".`);
    }
    email = found.user.email;
  }
  if (!(await setAssignee(db, id, email))) {
    throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${id}".`);
  }
  await audit(db, user.email, 'guide-assigned', id, email ?? 'nobody');
}

export const BULK_ACTIONS = ['submit', 'publish', 'archive', 'assign'] as const;
/** At most this many guides in one bulk request: each is its own transaction and audit entry. */
export const BULK_LIMIT = 200;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface BulkRequest {
  action: BulkAction;
  /** Each guide with the revision the editor saw: a guide changed since then is refused, not acted on. */
  guides: readonly { id: string; expectedRevision: number }[];
  /** For assign: an email, or null for nobody. */
  assignee?: string | null;
}

export interface BulkResult {
  done: { id: string; revision: number }[];
  refused: { id: string; reason: string }[];
  publicChanged: boolean;
}

/**
 * One action on many guides, each through the same checks as a single action (permission, lifecycle,
 * stale revision) and audited on its own; a refusal of one guide does not stop the others.
 */
export async function bulkAct(db: Db, user: User, request: BulkRequest): Promise<BulkResult> {
  const result: BulkResult = { done: [], refused: [], publicChanged: false };
  const seen = new Set<string>();
  for (const { id, expectedRevision } of request.guides) {
    if (seen.has(id)) continue;
    seen.add(id);
    try {
      if (request.action === 'assign') {
        const current = await workingCopy(db, id);
        if (!current) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${id}".`);
        if (current.revision !== expectedRevision) {
          throw new AppError(
            'EDIT_CONFLICT',
            `Changed since you loaded the list (now revision ${current.revision}).`,
          );
        }
        await assign(db, user, id, request.assignee ?? null);
        result.done.push({ id, revision: current.revision });
      } else {
        const saved = await act(db, user, { id, action: request.action, expectedRevision });
        result.done.push({ id, revision: saved.revision });
        if (saved.publicChanged) result.publicChanged = true;
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const reason =
        error.code === 'EDIT_CONFLICT' && request.action !== 'assign'
          ? 'Changed since you loaded the list: reload and try again.'
          : error.message;
      result.refused.push({ id, reason });
    }
  }
  return result;
}

const DONE_WORDS: Record<BulkAction, string> = {
  submit: 'Submitted for review',
  publish: 'Published',
  archive: 'Archived',
  assign: 'Assigned',
};

/** One plain sentence per outcome: what was done, and what was refused grouped by reason. */
export function bulkSummary(action: BulkAction, result: Pick<BulkResult, 'done' | 'refused'>): string {
  const list = (ids: readonly string[]) =>
    ids.length > 10 ? `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more` : ids.join(', ');
  const parts: string[] = [];
  if (result.done.length > 0) {
    parts.push(`${DONE_WORDS[action]} ${result.done.length}: ${list(result.done.map((d) => d.id))}.`);
  }
  const byReason = new Map<string, string[]>();
  for (const { id, reason } of result.refused) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
  for (const [reason, ids] of byReason) parts.push(`Refused ${ids.length} (${reason}): ${list(ids)}.`);
  return parts.join(' ') || 'No guide was selected.';
}
