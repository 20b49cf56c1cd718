import type { FastifyReply, FastifyRequest, preValidationHookHandler } from 'fastify';
import { z } from 'zod';
import { can, type Permission, type User } from '../accounts/model.ts';
import type { SignInLimiter } from '../accounts/sign-in-limiter.ts';
import { AppError } from '../base/errors.ts';
import type { ReferenceCatalog } from '../catalog/reference.ts';
import type { Db } from '../store/db.ts';
import { safeLocalPath, sitePath } from '../web/redirect.ts';
import type { AdminContext } from './views/layout.tsx';

// What every admin route module shares: the session's user, the guard, pages, form values.

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    /** New readers' reports, counted for signed-in admin pages (the menu shows them). */
    newReports?: number;
  }
}

export const SESSION_COOKIE = 'errata_session';

/** What the admin plugin hands each of its route modules. */
export interface AdminDeps {
  db: Db;
  catalog: ReferenceCatalog;
  origin: string;
  secureCookies: boolean;
  staleMonths: number;
  limiter: SignInLimiter;
  csrfCheck: preValidationHookHandler;
}

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

/**
 * A hook that refuses requests without a session (401, or the sign-in page) or without the permission
 * (403). JSON routes run it at onRequest, so a stranger learns nothing from validation.
 */
export function guard(permission: Permission = 'edit') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.user) {
      if (isApi(request)) throw new AppError('UNAUTHENTICATED');
      // A form post cannot be repeated by a redirect: after sign-in, go where a GET can.
      const next = request.method === 'GET' ? request.url : '/admin';
      return reply.redirect(`/admin/login?next=${encodeURIComponent(next)}`, 302);
    }
    if (!can(request.user.role, permission)) throw new AppError('FORBIDDEN');
  };
}

/** The signed-in user of a guarded route: the guard already ran, so none here is a 401 all the same. */
export function signedInUser(request: FastifyRequest): User {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
  return request.user;
}

export function adminContext(origin: string, request: FastifyRequest, reply: FastifyReply): AdminContext {
  return {
    origin,
    user: request.user ?? undefined,
    csrfToken: reply.generateCsrf(),
    newReports: request.newReports,
  };
}

export function page(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** A form body as @fastify/formbody parses it. */
export type FormBody = Record<string, string | string[] | undefined>;
/** One value of a form field: the first if it was sent twice, '' if not at all. */
export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** A numeric id in a path: digits only, so "abc" or "1.5" is a 400 and never NaN. */
export const numericId = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, { error: 'must be a positive whole number' })
  .transform(Number);

/** A numeric id from a path or form; anything else is a 400, never NaN. */
export function numberParam(value: string): number {
  const parsed = numericId.safeParse(value);
  if (!parsed.success) throw new AppError('INVALID_REQUEST', `"${value.slice(0, 20)}" is not a number.`);
  return parsed.data;
}

/** Only local paths under /admin, so a crafted link cannot send people elsewhere after sign-in. */
export function safeNext(next: string | undefined): string {
  return safeLocalPath(next, '/admin', '/admin');
}

/** The editor's address for a guide, or for a new guide when the id is ''. */
export function editorPath(guideId: string): string {
  return guideId === '' ? '/admin/guides/new' : sitePath(['admin', 'guides', guideId, 'edit']);
}

/** The guide an editor address is for ('' for a new guide), or undefined when it is no editor address. */
export function editorGuideId(path: string): string | undefined {
  if (path === '/admin/guides/new') return '';
  const match = /^\/admin\/guides\/([^/?#]+)\/edit$/.exec(path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
