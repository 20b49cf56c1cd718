import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerHookHandler,
  preValidationHookHandler,
} from 'fastify';
import { z } from 'zod';
import { AppError } from '../base/errors.ts';
import { guideSchema } from '../guides/schema.ts';
import type { Db } from '../store/db.ts';
import { createGuide, getRevision, listForEditors, listRevisions, workingCopy } from '../guides/editing.ts';
import { listReports, REPORT_STATUSES, setReportStatus } from '../feedback/reports.ts';
import { audit, auditLog, createUser, listUsers, ROLES, updateUser, type Permission } from './auth.ts';
import { ACTIONS, act, restore } from './workflow.ts';

interface ApiDeps {
  db: Db;
  guard: (permission?: Permission) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  csrfCheck: preValidationHookHandler;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  throw new AppError('INVALID_REQUEST', details[0], details);
}

/** A numeric id in a path: digits only, so "abc" or "1.5" is a 400 and never NaN. */
export const numericId = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, { error: 'must be a positive whole number' })
  .transform(Number);
const idParams = z.object({ id: numericId });
const revisionParams = z.object({ id: z.string(), n: numericId });

const saveSchema = z.object({
  guide: z.unknown(),
  expectedRevision: z.number().int().positive(),
  message: z.string().max(500).optional(),
});
const actionSchema = z.object({
  expectedRevision: z.number().int().positive(),
  message: z.string().max(500).optional(),
});

/** The admin operations as JSON under /api/v1/admin: same sessions, CSRF token in x-csrf-token. */
export function registerAdminApi(app: FastifyInstance, { db, guard, csrfCheck }: ApiDeps): void {
  const read = { preHandler: guard() as preHandlerHookHandler };
  const write = (permission: Permission = 'edit') => ({
    preValidation: csrfCheck,
    preHandler: guard(permission) as preHandlerHookHandler,
  });

  app.get('/api/v1/admin/me', read, async (request) => ({
    email: request.user!.email,
    role: request.user!.role,
  }));

  app.get('/api/v1/admin/guides', read, async () => ({
    guides: (await listForEditors(db)).map(({ row }) => row),
  }));

  app.get<{ Params: { id: string } }>('/api/v1/admin/guides/:id', read, async (request) => {
    const copy = await workingCopy(db, request.params.id);
    if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${request.params.id}".`);
    return copy;
  });

  app.post('/api/v1/admin/guides', write(), async (request, reply) => {
    const guide = parse(guideSchema, (request.body as { guide?: unknown } | undefined)?.guide);
    const draft = { ...guide, status: 'draft' as const };
    await createGuide(db, draft, request.user!.email);
    await audit(db, request.user!.email, 'guide-created', draft.id);
    return reply.code(201).send(await workingCopy(db, draft.id));
  });

  app.put<{ Params: { id: string } }>('/api/v1/admin/guides/:id', write(), async (request) => {
    const body = parse(saveSchema, request.body);
    const guide = parse(guideSchema, body.guide);
    const saved = await act(db, request.user!, {
      id: request.params.id,
      action: 'save',
      expectedRevision: body.expectedRevision,
      guide,
      message: body.message,
    });
    return saved;
  });

  app.post<{ Params: { id: string; action: string } }>(
    '/api/v1/admin/guides/:id/:action',
    write(),
    async (request) => {
      const action = parse(z.enum(ACTIONS), request.params.action);
      const body = parse(actionSchema, request.body);
      const saved = await act(db, request.user!, { id: request.params.id, action, ...body });
      return saved;
    },
  );

  app.get<{ Params: { id: string } }>('/api/v1/admin/guides/:id/revisions', read, async (request) => ({
    revisions: await listRevisions(db, request.params.id),
  }));

  app.get<{ Params: { id: string; n: string } }>(
    '/api/v1/admin/guides/:id/revisions/:n',
    read,
    async (request) => {
      const { id, n } = parse(revisionParams, request.params);
      const guide = await getRevision(db, id, n);
      if (!guide) throw new AppError('NOT_FOUND', `Guide "${id}" has no revision ${n}.`);
      return guide;
    },
  );

  app.post<{ Params: { id: string; n: string } }>(
    '/api/v1/admin/guides/:id/revisions/:n/restore',
    write(),
    async (request) => {
      const { id, n } = parse(revisionParams, request.params);
      const body = parse(actionSchema, request.body);
      const saved = await restore(db, request.user!, id, n, body.expectedRevision);
      return saved;
    },
  );

  app.get('/api/v1/admin/reports', read, async () => ({ reports: await listReports(db) }));

  app.post<{ Params: { id: string } }>('/api/v1/admin/reports/:id', write(), async (request) => {
    const { id } = parse(idParams, request.params);
    const body = parse(
      z.object({
        status: z.enum(REPORT_STATUSES),
        fixedRevision: z.number().int().positive().nullable().optional(),
      }),
      request.body,
    );
    if (!(await setReportStatus(db, id, body.status, body.fixedRevision ?? null))) {
      throw new AppError('NOT_FOUND', `There is no report ${id}.`);
    }
    return { id, status: body.status };
  });

  app.get('/api/v1/admin/users', { preHandler: guard('manageUsers') }, async () => ({
    users: await listUsers(db),
  }));

  app.post('/api/v1/admin/users', write('manageUsers'), async (request, reply) => {
    const body = parse(
      z.object({ email: z.string(), password: z.string(), role: z.enum(ROLES) }),
      request.body,
    );
    const created = await createUser(db, body.email, body.password, body.role).catch((error: unknown) => {
      if (error instanceof z.ZodError) throw new AppError('INVALID_REQUEST', error.issues[0]?.message);
      throw error;
    });
    await audit(db, request.user!.email, 'user-created', created.email, body.role);
    return reply.code(201).send(created);
  });

  app.post<{ Params: { id: string } }>('/api/v1/admin/users/:id', write('manageUsers'), async (request) => {
    const { id } = parse(idParams, request.params);
    const body = parse(
      z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }),
      request.body,
    );
    if (id === request.user!.id && (body.disabled || (body.role && body.role !== 'admin'))) {
      throw new AppError('INVALID_REQUEST', 'You cannot disable yourself or take away your own admin role.');
    }
    await updateUser(db, id, body);
    await audit(db, request.user!.email, 'user-changed', String(id), JSON.stringify(body));
    return { id, ...body };
  });

  app.get('/api/v1/admin/audit', { preHandler: guard('readAudit') }, async () => ({
    entries: await auditLog(db),
  }));
}
