import type { FastifyInstance } from 'fastify';
import { AppError } from '../base/errors.ts';
import { workingCopy } from '../guides/editing.ts';
import { guideStats } from '../web/feedback.tsx';
import { StatsTable } from '../web/views/feedback.tsx';
import { renderDocument } from '../web/views/layout.tsx';
import { adminContext, guard, page, type AdminDeps } from './http.ts';
import { AdminLayout } from './views/layout.tsx';

/** What worked for readers of one guide: every step's rate with its interval, for editors. */
export function guideStatsRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, origin } = deps;
  app.get<{ Params: { id: string } }>(
    '/admin/guides/:id/stats',
    { preHandler: guard() },
    async (request, reply) => {
      const copy = await workingCopy(db, request.params.id);
      if (!copy) throw new AppError('GUIDE_NOT_FOUND');
      const stats = await guideStats(db, copy.guide);
      return page(
        reply,
        renderDocument(
          <AdminLayout ctx={adminContext(origin, request, reply)} title={`What worked: ${request.params.id}`}>
            <h1>What worked: {copy.guide.title}</h1>
            <p>
              <a href={`/admin/guides/${request.params.id}/edit`}>Back to the editor</a>
            </p>
            <StatsTable steps={stats.steps} order={stats.suggestedOrder} />
            <p>
              Did this page help? Yes {stats.page.yes}, no {stats.page.no}
              {Object.entries(stats.page.reasons).map(([reason, n]) => ` · ${reason}: ${n}`)}
            </p>
          </AdminLayout>,
        ),
      );
    },
  );
}
