import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse as parseQuery } from 'node:querystring';
import { obdEntry, type ReferenceCatalog } from '../catalog/reference.ts';
import { AppError } from '../base/errors.ts';
import { lintGuide } from '../guides/lint.ts';
import { guideUrl, type Guide } from '../guides/schema.ts';
import type { Db } from '../store/db.ts';
import { createGuide, getRevision, listForEditors, listRevisions, workingCopy } from '../guides/editing.ts';
import {
  addReport,
  listReports,
  REPORT_STATUSES,
  setReportStatus,
  type ReportStatus,
} from '../feedback/reports.ts';
import { safeLocalPath } from '../web/redirect.ts';
import { renderGuideHtml } from '../web/site.tsx';
import { renderDocument } from '../web/views/layout.tsx';
import {
  audit,
  auditLog,
  can,
  checkPassword,
  createSession,
  createUser,
  endSession,
  listUsers,
  ROLES,
  normaliseEmail,
  SESSION_COOKIE,
  SESSION_MAX_MS,
  setPassword,
  SignInLimiter,
  updateUser,
  userForSession,
  type Permission,
  type Role,
  type User,
} from './auth.ts';
import { guideStats } from '../web/feedback.tsx';
import { StatsTable } from '../web/views/feedback.tsx';
import { numericId, registerAdminApi } from './api.ts';
import { passwordProblem } from '../accounts/password.ts';
import { diffGuides } from './diff.ts';
import {
  FORM_ERROR_KEY,
  emptyGuideForm,
  formToDraft,
  guideToForm,
  lintFieldToFormField,
  validateDraft,
  type FormFields,
} from './guide-form.ts';
import { GuideDiff } from './views/diff.tsx';
import { GuideEditor } from './views/editor.tsx';
import {
  AuditPage,
  GuideListPage,
  HistoryPage,
  LoginPage,
  PasswordPage,
  ReportFormPage,
  ReportsPage,
  UsersPage,
  AdminLayout,
  type AdminContext,
  type ListedGuide,
} from './views/pages.tsx';
import { act, restore, type WorkflowAction } from './workflow.ts';
import { UnguidedPage, type UnguidedPeriod } from './views/unguided.tsx';
import { guidanceFor } from '../lookup/guidance.ts';
import { publishedById, publishedFamilyGuides } from '../guides/repository.ts';
import { unguidedTotals } from '../lookup/unguided-visits.ts';

export interface AdminOptions {
  db: Db;
  catalog: ReferenceCatalog;
  origin: string;
  /** Signs the CSRF cookie; kept in the database so every instance shares it. */
  secret: string;
  secureCookies: boolean;
  /** Guides reviewed longer ago than this many months are listed as stale. */
  staleMonths: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
}

const HTML = 'text/html; charset=utf-8';
type Body = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

/**
 * Everything behind sign-in (/admin, /api/v1/admin) and the public "report a problem" form. Cookies,
 * form parsing, CSRF and rate limits are registered here only, so public pages stay lean.
 */
export async function adminPlugin(app: FastifyInstance, options: AdminOptions): Promise<void> {
  const { db, catalog, origin, secureCookies, staleMonths } = options;
  await app.register(cookie, { secret: options.secret });
  await app.register(formbody, { parser: (body) => parseQuery(body), bodyLimit: 1_000_000 });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'errata_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookies },
  });
  await app.register(rateLimit, { global: false });
  const limiter = new SignInLimiter();

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request, reply) => {
    // Nothing behind sign-in (pages, JSON, errors) may sit in a shared or browser cache.
    reply.header('cache-control', 'no-store');
    request.user = (await userForSession(db, request.cookies[SESSION_COOKIE])) ?? null;
  });

  /** Refuses requests without a session (401, or the sign-in page) or without the permission (403). */
  const guard =
    (permission: Permission = 'edit') =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.user) {
        if (isApi(request)) throw new AppError('UNAUTHENTICATED');
        return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 302);
      }
      if (!can(request.user.role, permission)) throw new AppError('FORBIDDEN');
    };
  const csrfCheck = app.csrfProtection;
  const ctx = (request: FastifyRequest, reply: FastifyReply): AdminContext => ({
    origin,
    user: request.user ?? undefined,
    csrfToken: reply.generateCsrf(),
  });
  const page = (reply: FastifyReply, html: string, status = 200) =>
    reply.code(status).type(HTML).header('cache-control', 'no-store').send(html);
  const user = (request: FastifyRequest) => request.user!;

  const sessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      path: '/',
      maxAge: SESSION_MAX_MS / 1000,
    });

  // --- sign-in ------------------------------------------------------------------------------------
  const signIn = async (request: FastifyRequest, reply: FastifyReply, typed: string, password: string) => {
    // One spelling for the limiter and the password check alike: " A@b.org" is a@b.org.
    const email = normaliseEmail(typed);
    const address = request.ip;
    if (limiter.blocked(email, address)) {
      await audit(db, email.slice(0, 254), 'sign-in-failed', 'limit', 'too many attempts');
      throw new AppError('RATE_LIMITED');
    }
    const found = await checkPassword(db, email, password);
    if (!found) {
      limiter.fail(email, address);
      await audit(db, email.slice(0, 254), 'sign-in-failed', email.slice(0, 254));
      return undefined;
    }
    limiter.succeed(email);
    // A new session id at every sign-in: a planted cookie never becomes a signed-in one.
    await endSession(db, request.cookies[SESSION_COOKIE]);
    sessionCookie(reply, await createSession(db, found.id));
    await audit(db, found.email, 'sign-in', found.email);
    return found;
  };

  app.get<{ Querystring: { next?: string } }>('/admin/login', async (request, reply) =>
    page(reply, renderDocument(<LoginPage ctx={ctx(request, reply)} next={safeNext(request.query.next)} />)),
  );

  app.post<{ Body: Body }>(
    '/admin/login',
    { preValidation: csrfCheck, config: { rateLimit: { max: 30, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const email = one(request.body.email).trim();
      const found = await signIn(request, reply, email, one(request.body.password));
      if (!found) {
        return page(
          reply,
          renderDocument(
            <LoginPage
              ctx={ctx(request, reply)}
              next={safeNext(one(request.body.next))}
              email={email}
              error="That email address and password do not match an account."
            />,
          ),
          401,
        );
      }
      return reply.redirect(safeNext(one(request.body.next)), 303);
    },
  );

  app.post('/admin/logout', { preValidation: csrfCheck }, async (request, reply) => {
    if (request.user) await audit(db, request.user.email, 'sign-out', request.user.email);
    await endSession(db, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/admin/login', 303);
  });

  app.get('/api/v1/admin/csrf', async (_request, reply) => ({ token: reply.generateCsrf() }));

  app.post<{ Body: { email?: string; password?: string } }>(
    '/api/v1/admin/session',
    { preValidation: csrfCheck, config: { rateLimit: { max: 30, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const found = await signIn(
        request,
        reply,
        String(request.body?.email ?? ''),
        String(request.body?.password ?? ''),
      );
      if (!found) throw new AppError('SIGN_IN_FAILED');
      return { email: found.email, role: found.role };
    },
  );

  // --- password -----------------------------------------------------------------------------------
  app.get('/admin/password', { preHandler: guard() }, async (request, reply) =>
    page(reply, renderDocument(<PasswordPage ctx={ctx(request, reply)} />)),
  );
  app.post<{ Body: Body }>(
    '/admin/password',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      const me = user(request);
      const ok = await checkPassword(db, me.email, one(request.body.current));
      const next = one(request.body.password);
      let error: string | undefined;
      if (!ok) error = 'The current password is not right.';
      else error = await passwordProblem(next, [me.email, ...me.email.split(/[@.]/)]);
      if (error)
        return page(reply, renderDocument(<PasswordPage ctx={ctx(request, reply)} error={error} />), 400);
      await setPassword(db, me.id, next);
      await audit(db, me.email, 'password-changed', me.email);
      sessionCookie(reply, await createSession(db, me.id));
      return page(
        reply,
        renderDocument(<PasswordPage ctx={ctx(request, reply)} message="Your password was changed." />),
      );
    },
  );

  // --- guides -------------------------------------------------------------------------------------
  const warningsFor = (guide: Guide) =>
    lintGuide(guide, catalog)
      .filter((w) => w.severity !== 'info')
      .map((w) => ({ field: lintFieldToFormField(w.field), message: w.message }));

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/admin',
    { preHandler: guard() },
    async (request, reply) => {
      const filters = request.query;
      const all = await listForEditors(db);
      const cutoff = new Date();
      cutoff.setMonth(cutoff.getMonth() - staleMonths);
      const staleBefore = cutoff.toISOString().slice(0, 10);
      const listed: ListedGuide[] = all.map(({ row, guide }) => ({
        ...row,
        warnings: warningsFor(guide).length,
        stale: row.reviewed < staleBefore,
      }));
      const shown = listed.filter(
        (g) =>
          (!filters.status || g.status === filters.status) &&
          (!filters.category || g.category === filters.category) &&
          (!filters.brand || g.brand === filters.brand) &&
          (filters.lint !== 'warnings' || g.warnings > 0) &&
          (filters.stale !== 'yes' || g.stale),
      );
      const distinct = (key: 'category' | 'brand') => [...new Set(listed.map((g) => g[key]))].sort();
      return page(
        reply,
        renderDocument(
          <GuideListPage
            ctx={ctx(request, reply)}
            guides={shown}
            filters={filters}
            categories={distinct('category')}
            brands={distinct('brand')}
            staleMonths={staleMonths}
            message={one(filters.done) || undefined}
          />,
        ),
      );
    },
  );

  const editor = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormFields,
    options: {
      mode: 'new' | 'edit';
      revision?: number;
      errors?: Record<string, string>;
      notice?: string;
      message?: string;
      guide?: Guide;
      status?: number;
    },
  ) =>
    page(
      reply,
      renderDocument(
        <GuideEditor
          origin={origin}
          csrfToken={reply.generateCsrf()}
          form={form}
          errors={options.errors}
          warnings={options.guide ? warningsFor(options.guide) : []}
          revision={options.revision}
          mode={options.mode}
          canPublish={can(user(request).role, 'publish')}
          canArchive={can(user(request).role, 'publish')}
          message={options.message}
          notice={options.notice}
        />,
      ),
      options.status ?? (options.errors && Object.keys(options.errors).length > 0 ? 422 : 200),
    );

  app.get('/admin/guides/new', { preHandler: guard() }, async (request, reply) =>
    editor(request, reply, emptyGuideForm(), { mode: 'new' }),
  );

  app.post<{ Body: Body }>(
    '/admin/guides',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      const submission = formToDraft(request.body);
      if (submission.action.startsWith('add:'))
        return editor(request, reply, submission.form, { mode: 'new', message: submission.message });
      const result = validateDraft({ ...(submission.draft as object), status: 'draft' });
      if (!result.ok)
        return editor(request, reply, submission.form, {
          mode: 'new',
          errors: result.errors,
          message: submission.message,
        });
      if (submission.action === 'preview')
        return page(reply, await renderGuideHtml(db, catalog, origin, result.guide));
      try {
        await createGuide(db, result.guide, user(request).email);
      } catch (error) {
        if (error instanceof AppError) {
          return editor(request, reply, submission.form, {
            mode: 'new',
            errors: { id: error.message },
            message: submission.message,
            status: error.status,
          });
        }
        throw error;
      }
      await audit(db, user(request).email, 'guide-created', result.guide.id);
      return reply.redirect(`/admin/guides/${result.guide.id}/edit?done=created`, 303);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    '/admin/guides/:id/edit',
    { preHandler: guard() },
    async (request, reply) => {
      const copy = await workingCopy(db, request.params.id);
      if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${request.params.id}".`);
      const notice = noticeFor(request.query.done, copy.revision, copy.pendingDraft);
      return editor(request, reply, guideToForm(copy.guide), {
        mode: 'edit',
        revision: copy.revision,
        notice,
        guide: copy.guide,
      });
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/admin/guides/:id',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      const id = request.params.id;
      const submission = formToDraft(request.body);
      const revision = submission.expectedRevision;
      const again = (extra: {
        errors?: Record<string, string>;
        notice?: string;
        status?: number;
        guide?: Guide;
      }) =>
        editor(request, reply, submission.form, {
          mode: 'edit',
          revision,
          message: submission.message,
          ...extra,
        });
      if (submission.action.startsWith('add:')) return again({});
      const result = validateDraft({ ...(submission.draft as object), id });
      if (!result.ok) return again({ errors: result.errors });
      if (submission.action === 'preview')
        return page(reply, await renderGuideHtml(db, catalog, origin, result.guide));
      if (revision === undefined)
        return again({
          errors: { [FORM_ERROR_KEY]: 'The form has no revision number: reload the guide.' },
          status: 400,
        });
      try {
        await act(db, user(request), {
          id,
          action: submission.action as WorkflowAction,
          expectedRevision: revision,
          guide: result.guide,
          message: submission.message,
        });
      } catch (error) {
        // A stale copy keeps the editor's text on screen with the reason: nothing is lost.
        if (
          error instanceof AppError &&
          (error.code === 'EDIT_CONFLICT' || error.code === 'STATUS_CONFLICT' || error.code === 'FORBIDDEN')
        ) {
          return again({
            errors: { [FORM_ERROR_KEY]: error.message },
            status: error.status,
            guide: result.guide,
          });
        }
        throw error;
      }
      return reply.redirect(`/admin/guides/${id}/edit?done=${submission.action}`, 303);
    },
  );

  // --- history ------------------------------------------------------------------------------------
  app.get<{ Params: { id: string } }>(
    '/admin/guides/:id/history',
    { preHandler: guard() },
    async (request, reply) => {
      const copy = await workingCopy(db, request.params.id);
      if (!copy) throw new AppError('GUIDE_NOT_FOUND');
      const revisions = await listRevisions(db, request.params.id);
      return page(
        reply,
        renderDocument(
          <HistoryPage
            ctx={ctx(request, reply)}
            guideId={request.params.id}
            title={copy.guide.title}
            revisions={revisions}
            current={copy.revision}
          />,
        ),
      );
    },
  );

  app.get<{ Params: { id: string; n: string } }>(
    '/admin/guides/:id/revisions/:n',
    { preHandler: guard() },
    async (request, reply) => {
      const guide = await getRevision(db, request.params.id, numberParam(request.params.n));
      if (!guide)
        throw new AppError('NOT_FOUND', `Guide "${request.params.id}" has no revision ${request.params.n}.`);
      return page(reply, await renderGuideHtml(db, catalog, origin, guide));
    },
  );

  app.get<{ Params: { id: string }; Querystring: { a?: string; b?: string } }>(
    '/admin/guides/:id/diff',
    { preHandler: guard() },
    async (request, reply) => {
      const a = numberParam(request.query.a ?? '');
      const b = numberParam(request.query.b ?? '');
      const [before, after] = await Promise.all([
        getRevision(db, request.params.id, a),
        getRevision(db, request.params.id, b),
      ]);
      if (!before || !after) throw new AppError('NOT_FOUND', 'Pick two revisions that exist.');
      return page(
        reply,
        renderDocument(
          <AdminLayout ctx={ctx(request, reply)} title={`Changes in ${request.params.id}`}>
            <h1>Changes in {after.title}</h1>
            <p>
              <a href={`/admin/guides/${request.params.id}/history`}>Back to the history</a>
            </p>
            <GuideDiff
              diffs={diffGuides(before, after)}
              beforeLabel={`Revision ${a}`}
              afterLabel={`Revision ${b}`}
            />
          </AdminLayout>,
        ),
      );
    },
  );

  app.post<{ Params: { id: string; n: string }; Body: Body }>(
    '/admin/guides/:id/revisions/:n/restore',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      await restore(
        db,
        user(request),
        request.params.id,
        numberParam(request.params.n),
        numberParam(one(request.body.expectedRevision)),
      );
      return reply.redirect(`/admin/guides/${request.params.id}/edit?done=restored`, 303);
    },
  );

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
          <AdminLayout ctx={ctx(request, reply)} title={`What worked: ${request.params.id}`}>
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

  // --- reports inbox ------------------------------------------------------------------------------
  app.get<{ Querystring: { status?: string } }>(
    '/admin/reports',
    { preHandler: guard() },
    async (request, reply) => {
      const status = (REPORT_STATUSES as readonly string[]).includes(request.query.status ?? '')
        ? (request.query.status as ReportStatus)
        : undefined;
      return page(
        reply,
        renderDocument(
          <ReportsPage ctx={ctx(request, reply)} reports={await listReports(db, status)} status={status} />,
        ),
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/admin/reports/:id',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      const status = one(request.body.status);
      if (!(REPORT_STATUSES as readonly string[]).includes(status))
        throw new AppError('INVALID_REQUEST', 'Unknown report status.');
      const fixed = one(request.body.fixedRevision).trim();
      const fixedRevision = /^\d{1,9}$/.test(fixed) ? Number(fixed) : null;
      if (!(await setReportStatus(db, numberParam(request.params.id), status as ReportStatus, fixedRevision)))
        throw new AppError('NOT_FOUND');
      return reply.redirect('/admin/reports', 303);
    },
  );

  // --- users and audit (admins) ---------------------------------------------------------------------
  app.get('/admin/users', { preHandler: guard('manageUsers') }, async (request, reply) =>
    page(reply, renderDocument(<UsersPage ctx={ctx(request, reply)} users={await listUsers(db)} />)),
  );

  app.post<{ Body: Body }>(
    '/admin/users',
    { preValidation: csrfCheck, preHandler: guard('manageUsers') },
    async (request, reply) => {
      const role = one(request.body.role) as Role;
      try {
        if (!ROLES.includes(role)) throw new AppError('INVALID_REQUEST', 'Pick a role.');
        const created = await createUser(db, one(request.body.email), one(request.body.password), role);
        await audit(db, user(request).email, 'user-created', created.email, role);
      } catch (error) {
        const message =
          error instanceof AppError
            ? error.message
            : error instanceof Error && 'issues' in error
              ? 'Use a valid email address and a password of 12 characters or more.'
              : undefined;
        if (!message) throw error;
        return page(
          reply,
          renderDocument(<UsersPage ctx={ctx(request, reply)} users={await listUsers(db)} error={message} />),
          400,
        );
      }
      return reply.redirect('/admin/users', 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/admin/users/:id',
    { preValidation: csrfCheck, preHandler: guard('manageUsers') },
    async (request, reply) => {
      const role = one(request.body.role) as Role;
      if (!ROLES.includes(role)) throw new AppError('INVALID_REQUEST', 'Pick a role.');
      const id = numberParam(request.params.id);
      const disabled = one(request.body.disabled) === 'on';
      if (id === user(request).id && (disabled || role !== 'admin')) {
        throw new AppError(
          'INVALID_REQUEST',
          'You cannot disable yourself or take away your own admin role.',
        );
      }
      await updateUser(db, id, { role, disabled });
      await audit(
        db,
        user(request).email,
        'user-changed',
        String(id),
        `${role}${disabled ? ', disabled' : ''}`,
      );
      return reply.redirect('/admin/users', 303);
    },
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

  app.get('/admin/audit', { preHandler: guard('readAudit') }, async (request, reply) =>
    page(reply, renderDocument(<AuditPage ctx={ctx(request, reply)} entries={await auditLog(db)} />)),
  );

  // --- admin JSON API ------------------------------------------------------------------------------
  registerAdminApi(app, { db, guard, csrfCheck });

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

  app.post<{ Params: { id: string }; Body: Body }>(
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

/** A numeric id from a path or form; anything else is a 400, never NaN. */
function numberParam(value: string): number {
  const parsed = numericId.safeParse(value);
  if (!parsed.success) throw new AppError('INVALID_REQUEST', `"${value.slice(0, 20)}" is not a number.`);
  return parsed.data;
}

/** Only local paths under /admin, so a crafted link cannot send people elsewhere after sign-in. */
function safeNext(next: string | undefined): string {
  return safeLocalPath(next, '/admin', '/admin');
}

function noticeFor(done: string | undefined, revision: number, pendingDraft: boolean): string | undefined {
  const messages: Record<string, string> = {
    created: 'Guide created as a draft.',
    save: `Draft saved as revision ${revision}.${pendingDraft ? ' The published version stays live until you publish.' : ''}`,
    submit: `Submitted for review as revision ${revision}.`,
    publish: `Published (revision ${revision}): the public page and search are updated.`,
    unpublish: 'Unpublished: the guide is no longer on the public site.',
    archive: 'Archived: the guide is no longer on the public site.',
    restored: `Restored as revision ${revision}, a draft.`,
  };
  return done ? messages[done] : undefined;
}
