import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../base/errors.ts';
import { workingCopy } from '../guides/editing.ts';
import { getSchedule, listComments } from '../guides/review.ts';
import {
  adminErrors,
  commentBody,
  commentsResponse,
  errorSchema,
  guideParams,
  requestChangesBody,
  savedCopySchema,
  scheduleBody,
  scheduleResponse,
  scheduleSchema,
} from './api-schemas.ts';
import { guard, signedInUser, type AdminDeps } from './http.ts';
import { cancelPublication, comment, requestChanges, schedulePublication } from './review.ts';

/** The review workflow as JSON under /api/v1/admin, beside api.ts and with its conventions. */
export function registerReviewApi(app: FastifyInstance, deps: AdminDeps): void {
  const { db, csrfCheck } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const security = [{ session: [] }];
  const writeSecurity = [{ session: [], csrf: [] }];
  const limit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  const write = (permission: 'edit' | 'publish') => ({
    onRequest: guard(permission),
    preValidation: csrfCheck,
    config: limit,
    bodyLimit: 32_000,
  });
  const comments = async (id: string) => {
    const { comments, total } = await listComments(db, id);
    return { total, comments: comments.map(({ guideId: _guideId, ...c }) => c) };
  };
  const exists = async (id: string) => {
    if (!(await workingCopy(db, id))) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${id}".`);
  };

  api.get(
    '/api/v1/admin/guides/:id/comments',
    {
      onRequest: guard('edit'),
      schema: {
        summary: "Comments on a guide's working copy, oldest first (the newest 100)",
        tags,
        security,
        params: guideParams,
        response: { 200: commentsResponse, 404: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      await exists(request.params.id);
      return comments(request.params.id);
    },
  );

  api.post(
    '/api/v1/admin/guides/:id/comments',
    {
      ...write('edit'),
      schema: {
        summary: "Comment on a guide's working copy",
        tags,
        security: writeSecurity,
        params: guideParams,
        body: commentBody,
        response: { 201: commentsResponse, 404: errorSchema, ...adminErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await comment(db, signedInUser(request), { id, comment: request.body.comment });
      return reply.code(201).send(await comments(id));
    },
  );

  api.post(
    '/api/v1/admin/guides/:id/request-changes',
    {
      ...write('publish'),
      schema: {
        summary: 'Send a guide in review back to draft with a comment for its author (reviewers)',
        tags,
        security: writeSecurity,
        params: guideParams,
        body: requestChangesBody,
        response: { 200: savedCopySchema, 404: errorSchema, 409: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      const { expectedRevision, comment } = request.body;
      return requestChanges(db, signedInUser(request), { id: request.params.id, expectedRevision, comment });
    },
  );

  api.get(
    '/api/v1/admin/guides/:id/schedule',
    {
      onRequest: guard('edit'),
      schema: {
        summary: "A guide's scheduled publication, or null",
        tags,
        security,
        params: guideParams,
        response: { 200: scheduleResponse, 404: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      await exists(request.params.id);
      return { schedule: (await getSchedule(db, request.params.id)) ?? null };
    },
  );

  api.put(
    '/api/v1/admin/guides/:id/schedule',
    {
      ...write('publish'),
      schema: {
        summary: 'Publish the reviewed revision at a time in the future, UTC (reviewers); edits cancel it',
        tags,
        security: writeSecurity,
        params: guideParams,
        body: scheduleBody,
        response: { 200: scheduleSchema, 404: errorSchema, 409: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      const { expectedRevision, publishAt } = request.body;
      return schedulePublication(db, signedInUser(request), {
        id: request.params.id,
        expectedRevision,
        when: publishAt,
      });
    },
  );

  api.delete(
    '/api/v1/admin/guides/:id/schedule',
    {
      ...write('publish'),
      schema: {
        summary: "Cancel a guide's scheduled publication (reviewers)",
        tags,
        security: writeSecurity,
        params: guideParams,
        response: { 200: z.object({ cancelled: z.literal(true) }), 404: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      await cancelPublication(db, signedInUser(request), request.params.id);
      return { cancelled: true as const };
    },
  );
}
