import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, normaliseEmail, type User } from '../accounts/model.ts';
import { passwordProblem } from '../accounts/password.ts';
import { audit } from '../accounts/repository.ts';
import { createSession, endSession, SESSION_MAX_MS } from '../accounts/sessions.ts';
import { checkPassword, setPassword } from '../accounts/users.ts';
import { AppError } from '../base/errors.ts';
import { putStash } from '../guides/stash.ts';
import { renderDocument } from '../web/views/layout.tsx';
import { errorSchema } from './api-schemas.ts';
import { readStashedForm } from './guide-form.ts';
import {
  adminContext,
  editorGuideId,
  editorPath,
  guard,
  one,
  page,
  safeNext,
  SESSION_COOKIE,
  signedInUser,
  type AdminDeps,
  type FormBody,
} from './http.ts';
import { LoginPage, PasswordPage } from './views/sign-in.tsx';

const SIGN_IN_LIMIT = { rateLimit: { max: 30, timeWindow: '15 minutes' } };

/** Sign-in and sign-out (form and JSON), the CSRF token for JSON clients, and changing one's password. */
export function signInRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, origin, secureCookies, limiter, csrfCheck } = deps;
  const ctx = (request: FastifyRequest, reply: FastifyReply) => adminContext(origin, request, reply);

  const sessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      path: '/',
      maxAge: SESSION_MAX_MS / 1000,
    });

  const signIn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    typed: string,
    password: string,
  ): Promise<User | undefined> => {
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

  app.post<{ Body: FormBody }>(
    '/admin/login',
    { preValidation: csrfCheck, config: SIGN_IN_LIMIT },
    async (request, reply) => {
      const email = one(request.body.email).trim();
      const next = safeNext(one(request.body.next));
      // An editor's form posted after the session ended rides along until the sign-in succeeds.
      const carried = one(request.body.carried);
      const found = await signIn(request, reply, email, one(request.body.password));
      if (!found) {
        return page(
          reply,
          renderDocument(
            <LoginPage
              ctx={ctx(request, reply)}
              next={next}
              email={email}
              carried={carried || undefined}
              error="That email address and password do not match an account."
            />,
          ),
          401,
        );
      }
      const form = carried ? readStashedForm(carried) : undefined;
      const guideId = editorGuideId(next);
      if (form && guideId !== undefined && can(found.role, 'edit')) {
        const token = await putStash(db, { userId: found.id, guideId }, JSON.stringify(form));
        return reply.redirect(`${editorPath(guideId)}?draft=${token}&from=sign-in`, 303);
      }
      return reply.redirect(next, 303);
    },
  );

  app.post('/admin/logout', { preValidation: csrfCheck }, async (request, reply) => {
    if (request.user) await audit(db, request.user.email, 'sign-out', request.user.email);
    await endSession(db, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/admin/login', 303);
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/admin/csrf',
    {
      schema: {
        summary: 'A CSRF token: send it as x-csrf-token with every state change',
        tags: ['admin'],
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (_request, reply) => ({ token: reply.generateCsrf() }),
  );

  api.post(
    '/api/v1/admin/session',
    {
      preValidation: csrfCheck,
      config: SIGN_IN_LIMIT,
      schema: {
        summary: 'Sign in: sets the session cookie',
        tags: ['admin'],
        // Bounded, not checked further: a wrong address is a failed sign-in like any other.
        body: z.object({ email: z.string().max(320), password: z.string().max(1000) }),
        response: {
          200: z.object({ email: z.string(), role: z.string() }),
          400: errorSchema,
          401: errorSchema,
          429: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const found = await signIn(request, reply, request.body.email, request.body.password);
      if (!found) throw new AppError('SIGN_IN_FAILED');
      return { email: found.email, role: found.role };
    },
  );

  app.get('/admin/password', { preHandler: guard() }, async (request, reply) =>
    page(reply, renderDocument(<PasswordPage ctx={ctx(request, reply)} />)),
  );

  app.post<{ Body: FormBody }>(
    '/admin/password',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      const me = signedInUser(request);
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
}
