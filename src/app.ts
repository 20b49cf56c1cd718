import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { apiV1 } from './api/v1.ts';
import { bundledCatalog } from './catalog/load.ts';
import type { ReferenceCatalog } from './catalog/reference.ts';
import { PACKAGE_ROOT } from './base/config.ts';
import { loadSections, type SectionInfo } from './guides/sections.ts';
import { adminPlugin } from './admin/plugin.tsx';
import { feedbackPlugin } from './web/feedback.tsx';
import { SearchService } from './search/service.ts';
import { appSecret } from './store/secret.ts';
import type { Db } from './store/db.ts';
import { contentVersion } from './guides/repository.ts';
import { PublishedGuides } from './guides/published.ts';
import { UnguidedVisitLog } from './lookup/unguided-visits.ts';
import { assetRoutes } from './web/assets.ts';
import { errorHandling, frameworkErrorOptions } from './web/errors.tsx';
import { metrics } from './web/metrics.ts';
import { PageCache } from './web/page-cache.ts';
import { securityHeaders } from './web/security.ts';
import { searchPageRoute, siteRoutes, type SitePages } from './web/site.tsx';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: readonly { method: string; url: string }[];
    /** The HTML of the reference entry page at `path` (its canonical address), without a request. */
    referencePage(path: string): string | undefined;
    /** The public pages without a request, for the static export. */
    pages: SitePages;
  }
}

export interface AppOptions {
  db: Db;
  /** Browse page introductions; read from the bundled content/sections.yaml by default. */
  sections?: Map<string, SectionInfo>;
  /** Reference catalogs; the bundled ones by default. */
  catalog?: ReferenceCatalog;
  /** Public origin used in canonical URLs, sitemap and OpenGraph. */
  origin: string;
  logLevel?: string;
  /** Editors' sign-in, editing and review; on unless turned off (e.g. for a static build). */
  admin?: { secureCookies?: boolean; staleMonths?: number } | false;
  /** Readers' answers one address may send per minute (benchmarks raise it). */
  answersPerMinute?: number;
  /** Searches one address may run per minute (pages and API; suggestions get three times as many). */
  searchesPerMinute?: number;
  /** Snapshot file of the reference search index (none: built in memory). */
  searchSnapshot?: string;
  /** How often to check whether content changed in another process, in ms. */
  contentPollMs?: number;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Which proxies' X-Forwarded-For to believe, so rate limits see the reader's address (see config.ts). */
  trustProxy?: boolean | string;
}

/** Builds the whole HTTP application; listening is left to the caller. */
export async function buildApp({
  db,
  catalog = bundledCatalog(),
  sections = loadSections(join(PACKAGE_ROOT, 'content')),
  origin,
  logLevel = 'silent',
  contentPollMs = 1000,
  searchSnapshot,
  admin = {},
  answersPerMinute,
  searchesPerMinute = 60,
  metricsToken,
  trustProxy = false,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...frameworkErrorOptions(origin),
    trustProxy,
    logger: logLevel === 'silent' ? false : { level: logLevel },
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Lookup reads pasted text of up to 8,192 characters from the URL; encoded it may pass Node's 16 KB.
    http: { maxHeaderSize: 64 * 1024 },
  });
  // Every route, for tests that must cover routes added later (the admin guard walk).
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.decorate('routeList', routes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Errata API',
        description: 'What an error code means and how to fix it: lookup and guides.',
        version: '1.0.0',
      },
      servers: [{ url: origin }],
    },
    transform: jsonSchemaTransform,
    hideUntagged: true,
  });

  const cache = new PageCache();
  const published = new PublishedGuides(db);
  const search = await SearchService.open(db, catalog, searchSnapshot, published);
  // New guides first, then the new cache: a page rendered meanwhile goes into the old cache.
  const sync = async () => {
    const version = await contentVersion(db);
    await search.refresh(version);
    cache.setVersion(version);
  };
  await sync();
  search.onLogError = (err) => app.log.warn({ err }, 'a search without results was not counted');
  // During a database outage the check fails every time: logged once, and once more when it recovers.
  let syncFailing = false;
  const timer = setInterval(
    () =>
      void sync().then(
        () => {
          if (syncFailing) app.log.info('content version check works again');
          syncFailing = false;
        },
        (err) => {
          if (!syncFailing) app.log.warn({ err }, 'content version check failed; retrying');
          syncFailing = true;
        },
      ),
    contentPollMs,
  );
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  const visits = new UnguidedVisitLog(db, {
    onError: (err, { pending, dropped }) =>
      app.log.warn({ err, pending, dropped }, 'visits without a guide not counted yet; kept for a retry'),
  });
  app.addHook('onClose', () => visits.close());

  securityHeaders(app);
  metrics(app, { db, search, cache, token: metricsToken });
  errorHandling(app, origin);
  assetRoutes(app);
  // Search in a scope of its own with the rate limiter, so other routes pay nothing for it.
  const searchLimit = { max: searchesPerMinute, timeWindow: '1 minute' };
  await app.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    apiV1(scope, { catalog, search, published, visits, searchLimit });
    searchPageRoute(scope, { search, origin, limit: searchLimit });
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const secret = await appSecret(db);
  await app.register(feedbackPlugin, { db, origin, secret, answersPerMinute });
  if (admin) {
    await app.register(adminPlugin, {
      db,
      catalog,
      origin,
      secret,
      secureCookies: admin.secureCookies ?? origin.startsWith('https:'),
      staleMonths: admin.staleMonths ?? 12,
      onContentChange: sync,
    });
  }
  siteRoutes(app, { db, search, published, catalog, sections, cache, origin, secret, visits });
  return app;
}
