import { can, type User } from '../accounts/model.ts';
import type { RevisionSummary, WorkingCopy } from '../guides/editing.ts';
import { getSchedule, listComments, type GuideComment } from '../guides/review.ts';
import type { GuideStatus } from '../guides/schema.ts';
import type { Db } from '../store/db.ts';
import { defaultComparison } from './review.ts';
import { ReviewPanel } from './views/review.tsx';

/** The editor page's review section for a stored guide: its comments, schedule and the reviewer's forms. */
export async function reviewPanelFor(
  db: Db,
  {
    copy,
    history,
    user,
    csrfToken,
  }: { copy: WorkingCopy; history: readonly RevisionSummary[]; user: User; csrfToken: string },
) {
  const id = copy.guide.id;
  const [{ comments, total }, schedule] = await Promise.all([listComments(db, id), getSchedule(db, id)]);
  const standing = { status: copy.guide.status, publicStatus: copy.publicStatus, pending: copy.pendingDraft };
  const canReview = can(user.role, 'publish');
  return (
    <ReviewPanel
      guideId={id}
      revision={copy.revision}
      standing={standing}
      comments={comments}
      total={total}
      schedule={schedule}
      canReview={canReview}
      csrfToken={csrfToken}
      comparison={defaultComparison(history, standing, canReview)}
      openRequest={openRequest(comments, history, standing.status)}
    />
  );
}

/**
 * The newest request for changes, while it is unanswered: the working copy is a draft and no revision
 * since went to review or live.
 */
export function openRequest(
  comments: readonly GuideComment[],
  history: readonly Pick<RevisionSummary, 'number' | 'status'>[],
  status: GuideStatus,
): GuideComment | undefined {
  if (status !== 'draft') return undefined;
  const request = comments.findLast((c) => c.kind === 'changes-requested');
  if (!request) return undefined;
  const answered = history.some(
    (r) => r.number > request.revision && (r.status === 'review' || r.status === 'published'),
  );
  return answered ? undefined : request;
}

/** Said after any edit that cancelled a publication set for a time. */
export const UNSCHEDULED_NOTICE =
  'The scheduled publication was cancelled because the text changed since it was reviewed: schedule it again after the review.';

/** The notices of the review forms, by the `done` value they redirect with. */
export function reviewNotice(done: string | undefined): string | undefined {
  const notices: Record<string, string> = {
    commented: 'Comment added.',
    'changes-requested': 'Changes requested: the guide is back to draft and the author sees your comment.',
    scheduled: 'Publication scheduled. It happens at the time shown (UTC) unless the guide is edited first.',
    'schedule-cancelled': 'The scheduled publication is cancelled.',
  };
  return done === undefined ? undefined : notices[done];
}
