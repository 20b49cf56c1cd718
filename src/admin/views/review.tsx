import { COMMENT_MAX, formatUtc, type GuideComment, type PublishSchedule } from '../../guides/review.ts';
import { sitePath } from '../../web/redirect.ts';
import type { Comparison } from '../review.ts';
import type { GuideStanding } from './guide-panel.tsx';
import { Csrf } from './layout.tsx';

export interface ReviewPanelProps {
  guideId: string;
  /** The working copy's revision, sent back so a stale review is refused. */
  revision: number;
  standing: GuideStanding;
  comments: readonly GuideComment[];
  /** How many comments the guide has (more than shown: only the newest are). */
  total: number;
  schedule?: PublishSchedule;
  /** The user may publish: request changes and schedule. */
  canReview: boolean;
  csrfToken: string;
  /** The comparison a reviewer starts from, when there is one. */
  comparison?: Comparison;
  /** The reviewer's request the author has not answered yet (the guide was not resubmitted since). */
  openRequest?: GuideComment;
}

const when = (iso: string) => formatUtc(iso);

function Thread({ comments, total }: { comments: readonly GuideComment[]; total: number }) {
  if (comments.length === 0) return <p class="hint">No comments yet.</p>;
  return (
    <>
      {total > comments.length && (
        <p class="hint">
          The newest {comments.length} of {total} comments.
        </p>
      )}
      <ol class="comment-thread">
        {comments.map((c) => (
          <li
            class={c.kind === 'changes-requested' ? 'comment comment-changes' : 'comment'}
            id={`comment-${c.id}`}
          >
            <p class="comment-meta">
              {c.kind === 'changes-requested' && <strong class="mark mark-review">Changes requested </strong>}
              <span class="comment-author">{c.author}</span> ·{' '}
              <time dateTime={c.createdAt}>{when(c.createdAt)}</time> · revision {c.revision}
            </p>
            {/* A text child: Preact escapes it; line breaks are kept by CSS. */}
            <p class="comment-body">{c.body}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * The review side of the editor: where the guide stands in review, the comparison a reviewer needs,
 * the thread of comments, and the reviewer's forms (request changes, publish at a time). Each form is
 * its own, outside the guide form, so it posts only what it is about.
 */
export function ReviewPanel({
  guideId,
  revision,
  standing,
  comments,
  total,
  schedule,
  canReview,
  csrfToken,
  comparison,
  openRequest,
}: ReviewPanelProps) {
  const base = sitePath(['admin', 'guides', guideId]);
  const inReview = standing.status === 'review';
  return (
    <section class="review-panel" aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      {openRequest && (
        <p class="notice notice-changes" role="note">
          <strong>Changes requested</strong> by {openRequest.author} ({when(openRequest.createdAt)}): see{' '}
          <a href={`#comment-${openRequest.id}`}>the comment</a>. Edit the guide, then submit it for review
          again.
        </p>
      )}
      <p class="review-state">
        {inReview
          ? schedule
            ? 'In review, with its publication scheduled.'
            : 'In review: waiting for a reviewer.'
          : standing.status === 'draft'
            ? 'Draft: submit it for review when it is ready.'
            : standing.status === 'archived'
              ? 'Archived.'
              : 'Published: no edit waits for review.'}
        {comparison && (
          <>
            {' '}
            <a href={`${base}/diff?a=${comparison.a}&b=${comparison.b}`}>
              {comparison.kind === 'live-vs-proposed'
                ? 'Compare the live version with the proposed one'
                : 'Compare with the previous revision'}
            </a>
          </>
        )}
      </p>
      {schedule && (
        <div class="schedule-state">
          <p>
            <strong>Scheduled:</strong> revision {schedule.revision} goes live at{' '}
            <time dateTime={schedule.publishAt}>{when(schedule.publishAt)}</time> (set by{' '}
            {schedule.scheduledBy}). Any edit before then cancels it.
          </p>
          {canReview && (
            <form method="post" action={`${base}/schedule/cancel`} class="review-form">
              <Csrf token={csrfToken} />
              <button type="submit" class="button-secondary">
                Cancel the schedule
              </button>
            </form>
          )}
        </div>
      )}
      {canReview && inReview && (
        <div class="review-actions">
          <form method="post" action={`${base}/request-changes`} class="review-form">
            <Csrf token={csrfToken} />
            <input type="hidden" name="expectedRevision" value={String(revision)} />
            <label for="request-changes-comment">What needs to change (sent back to the author)</label>
            <textarea
              id="request-changes-comment"
              name="comment"
              rows={3}
              required
              maxLength={COMMENT_MAX}
              aria-describedby="request-changes-hint"
            />
            <p class="hint" id="request-changes-hint">
              Required. The guide goes back to draft with this comment.
            </p>
            <button type="submit" class="button-secondary">
              Request changes
            </button>
          </form>
          <form method="post" action={`${base}/schedule`} class="review-form">
            <Csrf token={csrfToken} />
            <input type="hidden" name="expectedRevision" value={String(revision)} />
            <label for="schedule-at">Publish revision {revision} at (UTC)</label>
            <input
              id="schedule-at"
              name="publishAt"
              type="datetime-local"
              required
              aria-describedby="schedule-hint"
              value={schedule?.revision === revision ? schedule.publishAt.slice(0, 16) : undefined}
            />
            <p class="hint" id="schedule-hint">
              The time is read as UTC (not your local time) and must be in the future.
            </p>
            <button type="submit" class="button-secondary">
              {schedule ? 'Change the scheduled time' : 'Schedule publication'}
            </button>
          </form>
        </div>
      )}
      <h3 id="comments-title">Comments</h3>
      <Thread comments={comments} total={total} />
      <form method="post" action={`${base}/comments`} class="review-form" aria-labelledby="comments-title">
        <Csrf token={csrfToken} />
        <label for="new-comment">Add a comment</label>
        <textarea id="new-comment" name="comment" rows={2} required maxLength={COMMENT_MAX} />
        <button type="submit" class="button-secondary">
          Comment
        </button>
      </form>
    </section>
  );
}
