import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, auditLog, listUsers, updateUser, userById } from '../accounts/repository.ts';
import { createUser } from '../accounts/users.ts';
import { AppError } from '../base/errors.ts';
import { listReports, setReportStatus } from '../feedback/reports.ts';
import { createGuide, getRevision, listForEditors, listRevisions, workingCopy } from '../guides/editing.ts';
import { draftGuideSchema } from '../guides/draft.ts';
import {
  actionBody,
  actionParams,
  adminErrors,
  auditResponse,
  bulkBody,
  bulkResponse,
  conflictResponse,
  createGuideBody,
  errorSchema,
  guideListQuery,
  guideListResponse,
  guideParams,
  idParams,
  meResponse,
  newUserBody,
  reportChangeBody,
  reportChangeResponse,
  reportsQuery,
  reportsResponse,
  revisionParams,
  revisionsResponse,
  saveGuideBody,
  savedCopySchema,
  userChangeBody,
  userChangeResponse,
  userSchema,
  workingCopySchema,
} from './api-schemas.ts';
import { conflictDetails } from './conflicts.tsx';
import { checkedFix } from './fixes.ts';
import { guard, signedInUser, type AdminDeps } from './http.ts';
import { act, bulkAct, bulkSummary, restore } from './workflow.ts';

/**
 * The admin operations as JSON under /api/v1/admin: same sessions, CSRF token in x-csrf-token. Every
 * route declares its input and output (validated, and listed in /api/v1/openapi.json); the guard runs
 * at onRequest, before validation, so strangers get 401 whatever they send.
 */
export function registerAdminApi(app: FastifyInstance, deps: AdminDeps): void {
  const { db, csrfCheck } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const read = (permission: Parameters<typeof guard>[0] = 'edit') => ({ onRequest: guard(permission) });
  const write = (permission: Parameters<typeof guard>[0] = 'edit') => ({
    onRequest: guard(permission),
    preValidation: csrfCheck,
  });
  const security = [{ session: [] }];
  const writeSecurity = [{ session: [], csrf: [] }];

  api.get(
    '/api/v1/admin/me',
    {
      ...read(),
      schema: {
        summary: 'The signed-in account',
        tags,
        security,
        response: { 200: meResponse, ...adminErrors },
      },
    },
    async (request) => {
      const me = signedInUser(request);
      return { email: me.email, role: me.role };
    },
  );

  api.get(
    '/api/v1/admin/guides',
    {
      ...read(),
      schema: {
        summary: 'Guides as editors see them, in any status: text search and filters, newest change first',
        tags,
        security,
        querystring: guideListQuery,
        response: { 200: guideListResponse, ...adminErrors },
      },
    },
    async (request) => {
      const { q, status, assignee } = request.query;
      const me = signedInUser(request);
      const assignedTo =
        assignee === 'me'
          ? me.email
          : assignee === 'none'
            ? null
            : assignee === undefined
              ? undefined
              : assignee;
      const list = await listForEditors(db, { text: q, status, assignedTo });
      return { guides: list.guides.map(({ row }) => row), truncated: list.truncated };
    },
  );

  api.post(
    '/api/v1/admin/guides/bulk',
    {
      ...write(),
      schema: {
        summary: 'Submit, publish, archive or assign many guides: each checked and audited on its own',
        tags,
        security: writeSecurity,
        body: bulkBody,
        response: { 200: bulkResponse, ...adminErrors },
      },
    },
    async (request) => {
      const { action, guides, assignee } = request.body;
      const result = await bulkAct(db, signedInUser(request), { action, guides, assignee });
      return { done: result.done, refused: result.refused, summary: bulkSummary(action, result) };
    },
  );

  api.get(
    '/api/v1/admin/guides/:id',
    {
      ...read(),
      schema: {
        summary: 'The working copy of a guide and its revision number',
        tags,
        security,
        params: guideParams,
        response: { 200: workingCopySchema, 404: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      const copy = await workingCopy(db, request.params.id);
      if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${request.params.id}".`);
      return copy;
    },
  );

  api.post(
    '/api/v1/admin/guides',
    {
      ...write(),
      schema: {
        summary: 'Create a guide as a draft',
        tags,
        security: writeSecurity,
        body: createGuideBody,
        response: { 201: workingCopySchema, 409: errorSchema, ...adminErrors },
      },
    },
    async (request, reply) => {
      const me = signedInUser(request);
      const draft = { ...request.body.guide, status: 'draft' as const };
      await createGuide(db, draft, me.email);
      await audit(db, me.email, 'guide-created', draft.id);
      const copy = await workingCopy(db, draft.id);
      // Deleted between the two statements: only another writer could do that.
      if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${draft.id}".`);
      return reply.code(201).send(copy);
    },
  );

  api.put(
    '/api/v1/admin/guides/:id',
    {
      ...write(),
      schema: {
        summary: 'Save an edited guide as a new revision',
        tags,
        security: writeSecurity,
        params: guideParams,
        body: saveGuideBody,
        response: { 200: savedCopySchema, 404: errorSchema, 409: conflictResponse, ...adminErrors },
      },
    },
    async (request, reply) => {
      const { guide, expectedRevision, message } = request.body;
      try {
        return await act(db, signedInUser(request), {
          id: request.params.id,
          action: 'save',
          expectedRevision,
          guide,
          message,
        });
      } catch (error) {
        // A stale save answers with what a merge needs: the three versions and what differs.
        if (!(error instanceof AppError) || error.code !== 'EDIT_CONFLICT') throw error;
        const conflict = await conflictDetails(db, request.params.id, expectedRevision, guide);
        return reply.code(409).send({ error: { code: error.code, message: error.message }, conflict });
      }
    },
  );

  api.post(
    '/api/v1/admin/guides/:id/:action',
    {
      ...write(),
      schema: {
        summary: 'Save, submit, publish, unpublish or archive the working copy',
        tags,
        security: writeSecurity,
        params: actionParams,
        body: actionBody,
        response: { 200: savedCopySchema, 404: errorSchema, 409: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      const { id, action } = request.params;
      const saved = await act(db, signedInUser(request), { id, action, ...request.body });
      return saved;
    },
  );

  api.get(
    '/api/v1/admin/guides/:id/revisions',
    {
      ...read(),
      schema: {
        summary: 'The revisions of a guide, newest first',
        tags,
        security,
        params: guideParams,
        response: { 200: revisionsResponse, ...adminErrors },
      },
    },
    async (request) => ({ revisions: await listRevisions(db, request.params.id) }),
  );

  api.get(
    '/api/v1/admin/guides/:id/revisions/:n',
    {
      ...read(),
      schema: {
        summary: 'A guide as it was in one revision',
        tags,
        security,
        params: revisionParams,
        response: { 200: draftGuideSchema, 404: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      const { id, n } = request.params;
      const guide = await getRevision(db, id, n);
      if (!guide) throw new AppError('NOT_FOUND', `Guide "${id}" has no revision ${n}.`);
      return guide;
    },
  );

  api.post(
    '/api/v1/admin/guides/:id/revisions/:n/restore',
    {
      ...write(),
      schema: {
        summary: 'Make an old revision the newest one, as a draft',
        tags,
        security: writeSecurity,
        params: revisionParams,
        body: actionBody.pick({ expectedRevision: true }),
        response: { 200: savedCopySchema, 404: errorSchema, 409: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      const { id, n } = request.params;
      const saved = await restore(db, signedInUser(request), id, n, request.body.expectedRevision);
      return saved;
    },
  );

  api.get(
    '/api/v1/admin/reports',
    {
      ...read(),
      schema: {
        summary: "Readers' reports, newest first",
        tags,
        security,
        querystring: reportsQuery,
        response: { 200: reportsResponse, ...adminErrors },
      },
    },
    async (request) => ({ reports: await listReports(db, request.query.status) }),
  );

  api.post(
    '/api/v1/admin/reports/:id',
    {
      ...write(),
      schema: {
        summary: 'Set the status of a report, and the published revision that fixed it',
        tags,
        security: writeSecurity,
        params: idParams,
        body: reportChangeBody,
        response: { 200: reportChangeResponse, 404: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { status, fixedRevision } = request.body;
      const fix = await checkedFix(db, id, fixedRevision ?? null);
      if (!(await setReportStatus(db, id, status, fix))) {
        throw new AppError('NOT_FOUND', `There is no report ${id}.`);
      }
      return { id, status };
    },
  );

  api.get(
    '/api/v1/admin/users',
    {
      ...read('manageUsers'),
      schema: {
        summary: 'Every account (admins)',
        tags,
        security,
        response: { 200: z.object({ users: z.array(userSchema) }), ...adminErrors },
      },
    },
    async () => ({ users: await listUsers(db) }),
  );

  api.post(
    '/api/v1/admin/users',
    {
      ...write('manageUsers'),
      schema: {
        summary: 'Create an account (admins); the password must be hard to guess',
        tags,
        security: writeSecurity,
        body: newUserBody,
        response: { 201: userSchema, 409: errorSchema, ...adminErrors },
      },
    },
    async (request, reply) => {
      const { email, password, role } = request.body;
      const created = await createUser(db, email, password, role);
      await audit(db, signedInUser(request).email, 'user-created', created.email, role);
      return reply.code(201).send(created);
    },
  );

  api.post(
    '/api/v1/admin/users/:id',
    {
      ...write('manageUsers'),
      schema: {
        summary: 'Change the role of an account or disable it (admins)',
        tags,
        security: writeSecurity,
        params: idParams,
        body: userChangeBody,
        response: { 200: userChangeResponse, 404: errorSchema, ...adminErrors },
      },
    },
    async (request) => {
      const me = signedInUser(request);
      const { id } = request.params;
      const change = request.body;
      if (id === me.id && (change.disabled || (change.role && change.role !== 'admin'))) {
        throw new AppError(
          'INVALID_REQUEST',
          'You cannot disable yourself or take away your own admin role.',
        );
      }
      const target = await userById(db, id);
      if (!target) throw new AppError('NOT_FOUND', `There is no user ${id}.`);
      await updateUser(db, id, change);
      await audit(db, me.email, 'user-changed', target.email, JSON.stringify(change));
      return { id, ...change };
    },
  );

  api.get(
    '/api/v1/admin/audit',
    {
      ...read('readAudit'),
      schema: {
        summary: 'The newest 200 entries of the audit log (admins)',
        tags,
        security,
        response: { 200: auditResponse, ...adminErrors },
      },
    },
    async () => ({ entries: await auditLog(db) }),
  );
}
