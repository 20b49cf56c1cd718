import type { FastifyInstance } from 'fastify';
import { editorPath, guard, numberParam, one, signedInUser, type AdminDeps, type FormBody } from './http.ts';
import { cancelPublication, comment, requestChanges, schedulePublication } from './review.ts';

/** A few comments and review decisions a minute per address is plenty; more is a script. */
const REVIEW_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** The review workflow's forms on the editor page; each answers with the editor and a notice. */
export function reviewRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, csrfCheck } = deps;
  const options = (permission: 'edit' | 'publish') => ({
    preValidation: csrfCheck,
    preHandler: guard(permission),
    // The size is bounded by the form parser (admin plugin) and the comment's length check.
    config: REVIEW_LIMIT,
  });
  const back = (id: string, done: string) => `${editorPath(id)}?done=${done}#review-title`;

  app.post<{ Params: { id: string }; Body: FormBody }>(
    '/admin/guides/:id/comments',
    options('edit'),
    async (request, reply) => {
      const { id } = request.params;
      await comment(db, signedInUser(request), { id, comment: one(request.body.comment) });
      return reply.redirect(back(id, 'commented'), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: FormBody }>(
    '/admin/guides/:id/request-changes',
    options('publish'),
    async (request, reply) => {
      const { id } = request.params;
      await requestChanges(db, signedInUser(request), {
        id,
        expectedRevision: numberParam(one(request.body.expectedRevision)),
        comment: one(request.body.comment),
      });
      return reply.redirect(back(id, 'changes-requested'), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: FormBody }>(
    '/admin/guides/:id/schedule',
    options('publish'),
    async (request, reply) => {
      const { id } = request.params;
      await schedulePublication(db, signedInUser(request), {
        id,
        expectedRevision: numberParam(one(request.body.expectedRevision)),
        when: one(request.body.publishAt),
      });
      return reply.redirect(back(id, 'scheduled'), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: FormBody }>(
    '/admin/guides/:id/schedule/cancel',
    options('publish'),
    async (request, reply) => {
      const { id } = request.params;
      await cancelPublication(db, signedInUser(request), id);
      return reply.redirect(back(id, 'schedule-cancelled'), 303);
    },
  );
}
