import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../accounts/model.ts';
import { audit, auditLog, listUsers, updateUser } from '../accounts/repository.ts';
import { createUser } from '../accounts/users.ts';
import { AppError } from '../base/errors.ts';
import { obdEntry } from '../catalog/reference.ts';
import { publishedFamilyGuides } from '../guides/repository.ts';
import { guidanceFor } from '../lookup/guidance.ts';
import { unguidedTotals } from '../lookup/unguided-visits.ts';
import { renderDocument } from '../web/views/layout.tsx';
import {
  adminContext,
  guard,
  numberParam,
  one,
  page,
  signedInUser,
  type AdminDeps,
  type FormBody,
} from './http.ts';
import { UnguidedPage, type UnguidedPeriod } from './views/unguided.tsx';
import { AuditPage, UsersPage } from './views/users.tsx';

/** Accounts and the audit log (admins), and the codes readers looked up without finding a guide. */
export function accountRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, catalog, origin, csrfCheck } = deps;
  const ctx = (request: FastifyRequest, reply: FastifyReply) => adminContext(origin, request, reply);

  app.get('/admin/users', { preHandler: guard('manageUsers') }, async (request, reply) =>
    page(reply, renderDocument(<UsersPage ctx={ctx(request, reply)} users={await listUsers(db)} />)),
  );

  app.post<{ Body: FormBody }>(
    '/admin/users',
    { preValidation: csrfCheck, preHandler: guard('manageUsers') },
    async (request, reply) => {
      const role = one(request.body.role) as Role;
      try {
        if (!ROLES.includes(role)) throw new AppError('INVALID_REQUEST', 'Pick a role.');
        const created = await createUser(db, one(request.body.email), one(request.body.password), role);
        await audit(db, signedInUser(request).email, 'user-created', created.email, role);
      } catch (error) {
        // A refused address or password keeps the form on screen with the reason.
        if (!(error instanceof AppError && ['INVALID_REQUEST', 'EDIT_CONFLICT'].includes(error.code)))
          throw error;
        return page(
          reply,
          renderDocument(
            <UsersPage ctx={ctx(request, reply)} users={await listUsers(db)} error={error.message} />,
          ),
          400,
        );
      }
      return reply.redirect('/admin/users', 303);
    },
  );

  app.post<{ Params: { id: string }; Body: FormBody }>(
    '/admin/users/:id',
    { preValidation: csrfCheck, preHandler: guard('manageUsers') },
    async (request, reply) => {
      const role = one(request.body.role) as Role;
      if (!ROLES.includes(role)) throw new AppError('INVALID_REQUEST', 'Pick a role.');
      const id = numberParam(request.params.id);
      const disabled = one(request.body.disabled) === 'on';
      if (id === signedInUser(request).id && (disabled || role !== 'admin')) {
        throw new AppError(
          'INVALID_REQUEST',
          'You cannot disable yourself or take away your own admin role.',
        );
      }
      await updateUser(db, id, { role, disabled });
      await audit(
        db,
        signedInUser(request).email,
        'user-changed',
        String(id),
        `${role}${disabled ? ', disabled' : ''}`,
      );
      return reply.redirect('/admin/users', 303);
    },
  );

  app.get('/admin/audit', { preHandler: guard('readAudit') }, async (request, reply) =>
    page(reply, renderDocument(<AuditPage ctx={ctx(request, reply)} entries={await auditLog(db)} />)),
  );

  app.get<{ Querystring: { days?: string } }>(
    '/admin/unguided',
    { preHandler: guard() },
    async (request, reply) => {
      const period: UnguidedPeriod =
        request.query.days === '7' || request.query.days === 'all' ? request.query.days : '30';
      const since =
        period === 'all'
          ? undefined
          : new Date(Date.now() - (Number(period) - 1) * 86_400_000).toISOString().slice(0, 10);
      const { codes, families } = await unguidedTotals(db, { since, limit: 100 });
      const familyGuides = (await publishedFamilyGuides(db)).map((s) => s.guide);
      const rows = codes.map((c) => {
        const entry =
          c.family === 'obd'
            ? (obdEntry(c.code) ?? undefined)
            : catalog.entries.find((e) => e.family === c.family && e.code === c.code);
        const guidance = entry && guidanceFor(entry, familyGuides);
        return { ...c, ...(entry ? { url: entry.url } : {}), ...(guidance ? { guidance } : {}) };
      });
      return page(
        reply,
        renderDocument(
          <UnguidedPage ctx={ctx(request, reply)} period={period} families={families} codes={rows} />,
        ),
      );
    },
  );
}
