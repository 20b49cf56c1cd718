import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../base/errors.ts';
import {
  addReport,
  checkFixedRevision,
  listReports,
  REPORT_STATUSES,
  setReportStatus,
  type ReportStatus,
} from '../feedback/reports.ts';
import { fixRevisions, workingCopy } from '../guides/editing.ts';
import { publishedById } from '../guides/repository.ts';
import { guideUrl } from '../guides/schema.ts';
import { renderDocument } from '../web/views/layout.tsx';
import { adminContext, guard, numberParam, one, page, type AdminDeps, type FormBody } from './http.ts';
import { ReportFormPage, ReportsPage } from './views/reports.tsx';

/** Readers' reports: the public "report a problem" form and the editors' inbox. */
export function reportRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, origin, csrfCheck } = deps;
  const ctx = (request: FastifyRequest, reply: FastifyReply) => adminContext(origin, request, reply);
  /** The revisions each report's guide could be fixed in, for the pick list. */
  const fixChoicesFor = async (reports: readonly { guideId: string }[]) => {
    const ids = [...new Set(reports.map((r) => r.guideId))];
    return new Map(await Promise.all(ids.map(async (id) => [id, await fixRevisions(db, id)] as const)));
  };

  app.get<{ Querystring: { status?: string } }>(
    '/admin/reports',
    { preHandler: guard() },
    async (request, reply) => {
      const status = (REPORT_STATUSES as readonly string[]).includes(request.query.status ?? '')
        ? (request.query.status as ReportStatus)
        : undefined;
      const reports = await listReports(db, status);
      return page(
        reply,
        renderDocument(
          <ReportsPage
            ctx={ctx(request, reply)}
            reports={reports}
            status={status}
            fixChoices={await fixChoicesFor(reports)}
          />,
        ),
      );
    },
  );

  app.post<{ Params: { id: string }; Body: FormBody }>(
    '/admin/reports/:id',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      const status = one(request.body.status);
      if (!(REPORT_STATUSES as readonly string[]).includes(status))
        throw new AppError('INVALID_REQUEST', 'Unknown report status.');
      const fixed = one(request.body.fixedRevision).trim();
      const fixedRevision = fixed === '' ? null : numberParam(fixed);
      await checkFixedRevision(db, numberParam(request.params.id), fixedRevision);
      if (!(await setReportStatus(db, numberParam(request.params.id), status as ReportStatus, fixedRevision)))
        throw new AppError('NOT_FOUND');
      return reply.redirect('/admin/reports', 303);
    },
  );

  // --- report a problem (public) --------------------------------------------------------------------
  app.get<{ Params: { id: string } }>('/guides/:id/report', async (request, reply) => {
    const live = await publishedById(db, request.params.id);
    if (!live) throw new AppError('GUIDE_NOT_FOUND');
    return page(
      reply,
      renderDocument(
        <ReportFormPage
          ctx={ctx(request, reply)}
          guideId={request.params.id}
          title={live.guide.title}
          guideHref={guideUrl(live.guide)}
        />,
      ),
    );
  });

  app.post<{ Params: { id: string }; Body: FormBody }>(
    '/guides/:id/report',
    { preValidation: csrfCheck, config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const copy = await workingCopy(db, request.params.id);
      const live = await publishedById(db, request.params.id);
      if (!copy || !live) throw new AppError('GUIDE_NOT_FOUND');
      const message = one(request.body.message).trim();
      const contact = one(request.body.contact).trim().slice(0, 254) || null;
      const form = (error?: string, sent?: boolean) =>
        renderDocument(
          <ReportFormPage
            ctx={ctx(request, reply)}
            guideId={request.params.id}
            title={live.guide.title}
            guideHref={guideUrl(live.guide)}
            error={error}
            sent={sent}
          />,
        );
      // Bots fill the hidden field; they get the same thanks and nothing is stored.
      if (one(request.body.website) !== '') return page(reply, form(undefined, true));
      if (message.length < 10 || message.length > 4000) {
        return page(reply, form('Describe the problem in 10 to 4,000 characters.'), 400);
      }
      await addReport(db, { guideId: request.params.id, guideRevision: copy.revision, message, contact });
      return page(reply, form(undefined, true));
    },
  );
}
