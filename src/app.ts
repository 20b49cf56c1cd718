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
import { startPublishScheduler, type PublishScheduler } from './admin/scheduler.ts';
import { feedbackPlugin } from './web/feedback.tsx';
import { SearchService } from './search/service.ts';
import { appSecret } from './store/secret.ts';
import type { Db } from './store/db.ts';
import { PublicContentWatcher } from './guides/content-events.ts';
import { PublishedGuides } from './guides/published.ts';
import { UnguidedVisitLog } from './lookup/unguided-visits.ts';
import { assetRoutes } from './web/assets.ts';
import { errorHandling, frameworkErrorOptions } from './web/errors.tsx';
import { metrics } from './web/metrics.ts';
import { PageCache } from './web/page-cache.ts';
import { AnswerCache } from './web/answer-cache.ts';
import { securityHeaders } from './web/security.ts';
import { frontServer, type Front } from './web/front.ts';
import {
  LOOKUP_CACHE_LIMITS,
  lookupRedirectBytes,
  siteRoutes,
  type LookupRedirect,
  type SitePages,
} from './web/site.tsx';
import { SEARCH_PAGE_CACHE_LIMITS, searchPageRoute } from './web/search-page.tsx';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: readonly { method: string; url: string }[];
    /** The HTML of the reference entry page at `path` (its canonical address), without a request. */
    referencePage(path: string): string | undefined;
    /** The public pages without a request, for the static export. */
    pages: SitePages;
    /** Publishes guides whose scheduled time came (with the admin on); tests call tick(). */
    publishScheduler?: PublishScheduler;
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
  /**
   * Write the catalog's search index into a database that lacks it a second after listening (serve
   * sets it); otherwise the first search writes it.
   */
  prepareSearchIndex?: boolean;
  /** How often to check whether content changed in another process, in ms. */
  contentPollMs?: number;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Which proxies' X-Forwarded-For to believe, so rate limits see the reader's address (see config.ts). */
  trustProxy?: boolean | string;
  /**
   * Scheduled publishing (with the admin on): how often to look for due guides, and the clock, which
   * tests inject; false turns it off.
   */
  publishScheduler?: { intervalMs?: number; clock?: () => Date } | false;
}

/** Builds the whole HTTP application; listening is left to the caller. */
export async function buildApp({
  db,
  catalog = bundledCatalog(),
  sections = loadSections(join(PACKAGE_ROOT, 'content')),
  origin,
  logLevel = 'silent',
  contentPollMs = 1000,
  prepareSearchIndex = false,
  admin = {},
  answersPerMinute,
  searchesPerMinute = 60,
  metricsToken,
  trustProxy = false,
  publishScheduler = {},
}: AppOptions): Promise<FastifyInstance> {
  // Cached pages are answered in front of Fastify once the cache and the metrics exist (web/front.ts).
  const front: Front = {};
  const app = Fastify({
    serverFactory: frontServer(front),
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
      components: {
        // The admin API: a session from /api/v1/admin/session, and the CSRF token for state changes.
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'errata_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    hideUntagged: true,
  });

  const cache = new PageCache();
  const lookups = new AnswerCache<LookupRedirect>(LOOKUP_CACHE_LIMITS, lookupRedirectBytes);
  const searchPages = new AnswerCache<Buffer>(SEARCH_PAGE_CACHE_LIMITS, (html) => html.length);
  const published = new PublishedGuides(db, catalog);
  const search = await SearchService.open(db, catalog, published);
  // The one place public content changes are acted on: the guides layer's event (a write in this
  // process, or the poll seeing another process's write). The read model first, then search, then the
  // pages: a page rendered meanwhile goes into the old cache.
  const content = new PublicContentWatcher(db);
  content.subscribe(async (version) => {
    await published.refresh(version);
    await search.refresh(version);
    cache.setVersion(version);
    lookups.setVersion(version);
    searchPages.setVersion(version);
  });
  await content.check();
  search.onLogError = (err) => app.log.warn({ err }, 'a search without results was not counted');
  let warm: NodeJS.Timeout | undefined;
  if (prepareSearchIndex) {
    // A database without the catalog's search index (new, or upgraded) gets it a second after
    // listening, so the first page is not kept waiting; a search meanwhile waits for it.
    app.addHook('onListen', async () => {
      warm = setTimeout(() => {
        search.ready().catch((err: unknown) => {
          app.log.warn({ err }, 'search index not written yet; the next search tries again');
        });
      }, 1000);
      warm.unref();
    });
  }
  app.addHook('onClose', async () => clearTimeout(warm));
  content.poll(contentPollMs, {
    failing: (err) => app.log.warn({ err }, 'content version check failed; retrying'),
    recovered: () => app.log.info('content version check works again'),
  });
  app.addHook('onClose', async () => content.close());

  const visits = new UnguidedVisitLog(db, {
    onError: (err, { pending, dropped }) =>
      app.log.warn({ err, pending, dropped }, 'visits without a guide not counted yet; kept for a retry'),
  });
  app.addHook('onClose', () => visits.close());

  securityHeaders(app);
  front.observe = metrics(app, {
    db,
    search,
    cache,
    answers: { lookup: lookups, search_page: searchPages },
    token: metricsToken,
  }).observe;
  front.cache = cache;
  errorHandling(app, origin);
  assetRoutes(app);
  // Search in a scope of its own with the rate limiter, so other routes pay nothing for it.
  const searchLimit = { max: searchesPerMinute, timeWindow: '1 minute' };
  await app.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    apiV1(scope, { catalog, search, published, visits, searchLimit });
    searchPageRoute(scope, { search, origin, limit: searchLimit, pages: searchPages });
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const secret = await appSecret(db);
  await app.register(feedbackPlugin, { db, origin, secret, published, answersPerMinute });
  if (admin) {
    await app.register(adminPlugin, {
      db,
      catalog,
      origin,
      secret,
      secureCookies: admin.secureCookies ?? origin.startsWith('https:'),
      staleMonths: admin.staleMonths ?? 12,
    });
    if (publishScheduler) {
      const scheduler = startPublishScheduler(db, {
        intervalMs: publishScheduler.intervalMs ?? 30_000,
        clock: publishScheduler.clock,
        onError: (err) => app.log.warn({ err }, 'scheduled publishing failed; retrying'),
        onPublished: (report) => app.log.info(report, 'scheduled publishing ran'),
      });
      app.decorate('publishScheduler', scheduler);
      app.addHook('onClose', async () => scheduler.stop());
    }
  }
  siteRoutes(app, { db, search, published, catalog, sections, cache, lookups, origin, secret, visits });
  return app;
}
