import type { GuideStatus } from './schema.ts';

/**
 * The guide lifecycle as one table: from where a guide stands (what the public sees, and the status of
 * the working copy) and an editor's action to the new public status, the status of the working copy,
 * and whether the public site changed. A published guide's working copy may differ from the public copy
 * (a pending edit); any other guide has one copy, so both statuses are the same.
 *
 * A publication set for a time (`schedule`) is for the reviewed revision only: every action that writes
 * a new revision cancels it (editing.ts), since the text the reviewer approved changed.
 */
export const LIFECYCLE_ACTIONS = [
  'save',
  'submit',
  'publish',
  'unpublish',
  'archive',
  'restore',
  'request-changes',
  'schedule',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export type Transition =
  | {
      ok: true;
      publicStatus: GuideStatus;
      workingStatus: GuideStatus;
      /** The working copy waits beside a published copy that stays live. */
      pending: boolean;
      /** Pages, lookup, search, sitemap and the export must be refreshed. */
      publicChanged: boolean;
    }
  | { ok: false; reason: string };

/** The working copy's status an action leaves on a guide that is not on the public site. */
const WORKING: Record<LifecycleAction, GuideStatus> = {
  save: 'draft',
  submit: 'review',
  publish: 'published',
  unpublish: 'draft',
  archive: 'archived',
  restore: 'draft', // nothing old goes live without a review
  'request-changes': 'draft', // back to the author
  schedule: 'review', // stays in the queue until the time comes
};

/**
 * `workingStatus` is the working copy's status; it defaults to the public one (a guide with one copy).
 * Only saving, requesting changes and scheduling depend on it: the others act the same from any copy.
 */
export function transition(
  publicStatus: GuideStatus,
  action: LifecycleAction,
  workingStatus: GuideStatus = publicStatus,
): Transition {
  let working = WORKING[action];
  const inReview = workingStatus === 'review';
  if ((action === 'request-changes' || action === 'schedule') && !inReview) {
    return { ok: false, reason: 'This guide is not in review.' };
  }
  // Saving a guide in review keeps it in the queue: the reviewer sees the newer text.
  if (action === 'save' && inReview) working = 'review';
  if (publicStatus === 'published') {
    if (action === 'publish' || action === 'unpublish' || action === 'archive') {
      return { ok: true, publicStatus: working, workingStatus: working, pending: false, publicChanged: true };
    }
    // Edits wait beside the published text until they are published.
    return {
      ok: true,
      publicStatus: 'published',
      workingStatus: working,
      pending: true,
      publicChanged: false,
    };
  }
  if (action === 'unpublish') return { ok: false, reason: 'This guide is not on the public site.' };
  if (action === 'archive' && publicStatus === 'archived') {
    return { ok: false, reason: 'This guide is already archived.' };
  }
  return {
    ok: true,
    publicStatus: working,
    workingStatus: working,
    pending: false,
    publicChanged: action === 'publish',
  };
}

/** Whether a guide in this public status answers on its public address. */
export const isPublic = (status: GuideStatus): boolean => status === 'published';
