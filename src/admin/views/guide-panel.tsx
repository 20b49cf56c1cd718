import type { RevisionSummary } from '../../guides/editing.ts';
import type { GuideStatus } from '../../guides/schema.ts';
import { sitePath } from '../../web/redirect.ts';

/** Where a stored guide stands: the working copy's status, the public one, and a pending edit. */
export interface GuideStanding {
  status: GuideStatus;
  publicStatus: GuideStatus;
  pending: boolean;
}

export type RevisionMark = 'live' | 'in review';

/**
 * Which revision readers see (the newest published one, while the guide is public) and which waits for
 * review (the newest, while the working copy is in review). Revisions come newest first.
 */
export function revisionMarks(
  revisions: readonly RevisionSummary[],
  standing: GuideStanding,
): Map<number, RevisionMark> {
  const marks = new Map<number, RevisionMark>();
  if (standing.publicStatus === 'published') {
    const live = revisions.find((r) => r.status === 'published');
    if (live) marks.set(live.number, 'live');
  }
  const newest = revisions[0];
  if (standing.status === 'review' && newest?.status === 'review') marks.set(newest.number, 'in review');
  return marks;
}

export function RevisionMarkBadge({ mark }: { mark?: RevisionMark }) {
  return mark ? <strong class={`mark mark-${mark === 'live' ? 'live' : 'review'}`}> {mark}</strong> : null;
}

const SHOWN = 5;

/** The editor's way around one guide: its live page, history (live and in-review marked) and stats. */
export function GuidePanel({
  guideId,
  standing,
  revisions,
  liveHref,
}: {
  guideId: string;
  standing: GuideStanding;
  revisions: readonly RevisionSummary[];
  /** The public page's address, while the guide is on the site. */
  liveHref?: string;
}) {
  const base = sitePath(['admin', 'guides', guideId]);
  const marks = revisionMarks(revisions, standing);
  return (
    <aside class="guide-panel" aria-labelledby="guide-panel-title">
      <h2 id="guide-panel-title">This guide</h2>
      <ul class="panel-links">
        {liveHref ? (
          <li>
            <a href={liveHref}>The live page</a>
          </li>
        ) : (
          <li>Not on the public site</li>
        )}
        <li>
          <a href={`${base}/history`}>History and changes</a>
        </li>
        <li>
          <a href={`${base}/stats`}>What worked for readers</a>
        </li>
      </ul>
      <h3>Latest revisions</h3>
      <ol class="panel-history">
        {revisions.slice(0, SHOWN).map((r) => (
          <li>
            <a href={`${base}/revisions/${r.number}`}>Revision {r.number}</a>
            <RevisionMarkBadge mark={marks.get(r.number)} /> · {r.status} · {r.author} ·{' '}
            <time dateTime={r.createdAt}>{r.createdAt.slice(0, 16).replace('T', ' ')}</time>
            {r.message && <span class="panel-message"> — {r.message}</span>}
          </li>
        ))}
      </ol>
      {revisions.length > SHOWN && (
        <p>
          <a href={`${base}/history`}>All {revisions.length} revisions</a>
        </p>
      )}
    </aside>
  );
}
