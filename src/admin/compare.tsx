import type { FastifyInstance } from 'fastify';
import { can } from '../accounts/model.ts';
import { AppError } from '../base/errors.ts';
import { getRevision, listRevisions, workingCopy } from '../guides/editing.ts';
import { renderDocument } from '../web/views/layout.tsx';
import { sitePath } from '../web/redirect.ts';
import { diffGuides } from './diff.ts';
import { adminContext, guard, numberParam, page, signedInUser, type AdminDeps } from './http.ts';
import { comparisonLabel, defaultComparison } from './review.ts';
import { GuideDiff } from './views/diff.tsx';
import { AdminLayout } from './views/layout.tsx';

/**
 * The changes between two revisions of a guide. Without a pair, a reviewer (or anyone coming from the
 * review queue) starts from live → proposed, others from the previous revision; the other comparison
 * is a link away.
 */
export function compareRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, origin } = deps;
  app.get<{ Params: { id: string }; Querystring: { a?: string; b?: string; from?: string } }>(
    '/admin/guides/:id/diff',
    { preHandler: guard() },
    async (request, reply) => {
      const { id } = request.params;
      const base = sitePath(['admin', 'guides', id]);
      const [copy, revisions] = await Promise.all([workingCopy(db, id), listRevisions(db, id)]);
      if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${id}".`);
      const standing = {
        status: copy.guide.status,
        publicStatus: copy.publicStatus,
        pending: copy.pendingDraft,
      };
      const reviewing = request.query.from === 'queue' || can(signedInUser(request).role, 'publish');
      if (request.query.a === undefined && request.query.b === undefined) {
        const pair = defaultComparison(revisions, standing, reviewing);
        if (!pair)
          throw new AppError('NOT_FOUND', 'This guide has one revision: there is nothing to compare.');
        return reply.redirect(`${base}/diff?a=${pair.a}&b=${pair.b}`, 303);
      }
      const a = numberParam(request.query.a ?? '');
      const b = numberParam(request.query.b ?? '');
      const [before, after] = await Promise.all([getRevision(db, id, a), getRevision(db, id, b)]);
      if (!before || !after) throw new AppError('NOT_FOUND', 'Pick two revisions that exist.');
      const other = [
        defaultComparison(revisions, standing, true),
        defaultComparison(revisions, standing, false),
      ]
        .filter((c) => c !== undefined)
        .filter((c) => c.a !== a || c.b !== b);
      return page(
        reply,
        renderDocument(
          <AdminLayout ctx={adminContext(origin, request, reply)} title={`Changes in ${id}`}>
            <h1>Changes in {after.title}</h1>
            <p>
              <a href={`${base}/edit`}>Back to the editor</a> · <a href={`${base}/history`}>History</a>
              {other.map((c) => (
                <>
                  {' · '}
                  <a href={`${base}/diff?a=${c.a}&b=${c.b}`}>
                    {c.kind === 'live-vs-proposed'
                      ? 'Compare the live version with the proposed one'
                      : 'Compare with the previous revision'}
                  </a>
                </>
              ))}
            </p>
            <GuideDiff
              diffs={diffGuides(before, after)}
              beforeLabel={comparisonLabel(a, revisions, standing)}
              afterLabel={comparisonLabel(b, revisions, standing)}
            />
          </AdminLayout>,
        ),
      );
    },
  );
}
