import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { parse as parseQuery } from 'node:querystring';
import { userForSession } from '../accounts/sessions.ts';
import { countReports } from '../feedback/reports.ts';
import { SignInLimiter } from '../accounts/sign-in-limiter.ts';
import type { ReferenceCatalog } from '../catalog/reference.ts';
import type { Db } from '../store/db.ts';
import { registerAdminApi } from './api.ts';
import { registerReviewApi } from './review-api.ts';
import { guideListRoutes } from './guide-list.tsx';
import { conflictRoutes } from './conflicts.tsx';
import { guideRoutes } from './guides.tsx';
import { editorLiveRoutes } from './editor-live.ts';
import { guideStatsRoutes } from './guide-stats.tsx';
import { draftPreviewRoutes } from './draft-preview.tsx';
import { SESSION_COOKIE, type AdminDeps } from './http.ts';
import { reportRoutes } from './reports.tsx';
import { reviewRoutes } from './review-routes.ts';
import { compareRoutes } from './compare.tsx';
import { signInRoutes } from './sign-in.tsx';
import { accountRoutes } from './users.tsx';

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

/**
 * Everything behind sign-in (/admin, /api/v1/admin) and the public "report a problem" form. Cookies,
 * form parsing, CSRF and rate limits are registered here only, so public pages stay lean.
 */
export async function adminPlugin(app: FastifyInstance, options: AdminOptions): Promise<void> {
  const { db } = options;
  await app.register(cookie, { secret: options.secret });
  await app.register(formbody, { parser: (body) => parseQuery(body), bodyLimit: 1_000_000 });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'errata_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: options.secureCookies },
  });
  await app.register(rateLimit, { global: false });

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request, reply) => {
    // Nothing behind sign-in (pages, JSON, errors) may sit in a shared or browser cache.
    reply.header('cache-control', 'no-store');
    request.user = (await userForSession(db, request.cookies[SESSION_COOKIE])) ?? null;
    // One grouped count per admin page, so the menu can say how many reports are new.
    if (request.user && request.url.startsWith('/admin')) request.newReports = (await countReports(db)).new;
  });

  const deps: AdminDeps = {
    db,
    catalog: options.catalog,
    origin: options.origin,
    secureCookies: options.secureCookies,
    staleMonths: options.staleMonths,
    limiter: new SignInLimiter(),
    csrfCheck: app.csrfProtection,
  };
  signInRoutes(app, deps);
  guideListRoutes(app, deps);
  guideRoutes(app, deps);
  conflictRoutes(app, deps);
  reviewRoutes(app, deps);
  compareRoutes(app, deps);
  editorLiveRoutes(app, deps);
  guideStatsRoutes(app, deps);
  draftPreviewRoutes(app, deps);
  reportRoutes(app, deps);
  accountRoutes(app, deps);
  registerAdminApi(app, deps);
  registerReviewApi(app, deps);
}
