import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type Role, type User } from '../accounts/model.ts';
import { audit, auditLog, listUsers, updateUser, userById } from '../accounts/repository.ts';
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

  app.get<{ Querystring: { done?: string; user?: string } }>(
    '/admin/users',
    { preHandler: guard('manageUsers') },
    async (request, reply) => {
      const users = await listUsers(db);
      const changed = users.find((u) => String(u.id) === request.query.user);
      const message = changed && userMessage(request.query.done, changed);
      return page(
        reply,
        renderDocument(<UsersPage ctx={ctx(request, reply)} users={users} message={message} />),
      );
    },
  );

  app.post<{ Body: FormBody }>(
    '/admin/users',
    { preValidation: csrfCheck, preHandler: guard('manageUsers') },
    async (request, reply) => {
      const role = one(request.body.role) as Role;
      let createdId: number;
      try {
        if (!ROLES.includes(role)) throw new AppError('INVALID_REQUEST', 'Pick a role.');
        const created = await createUser(db, one(request.body.email), one(request.body.password), role);
        await audit(db, signedInUser(request).email, 'user-created', created.email, role);
        createdId = created.id;
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
      return reply.redirect(`/admin/users?done=created&user=${createdId}`, 303);
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
      const target = await userById(db, id);
      if (!target) throw new AppError('NOT_FOUND', `There is no user ${id}.`);
      await updateUser(db, id, { role, disabled });
      // The audit log names the person, not a row id.
      await audit(
        db,
        signedInUser(request).email,
        'user-changed',
        target.email,
        `${role}${disabled ? ', disabled' : ''}`,
      );
      return reply.redirect(`/admin/users?done=changed&user=${id}`, 303);
    },
  );

  app.get('/admin/audit', { preHandler: guard('readAudit') }, async (request, reply) => {
    // Older entries named a changed account by its id: show its address instead.
    const emails = new Map((await listUsers(db)).map((u) => [String(u.id), u.email]));
    const entries = (await auditLog(db)).map((e) =>
      e.action === 'user-changed' ? { ...e, target: emails.get(e.target) ?? e.target } : e,
    );
    return page(reply, renderDocument(<AuditPage ctx={ctx(request, reply)} entries={entries} />));
  });

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

function userMessage(done: string | undefined, user: User): string | undefined {
  const access = `${user.role}${user.disabled ? ', disabled (signed out everywhere)' : ''}`;
  if (done === 'created') return `Added ${user.email} as ${access}.`;
  if (done === 'changed') return `Saved ${user.email}: ${access}.`;
  return undefined;
}
