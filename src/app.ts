import { join } from 'node:path';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { apiV1 } from './api/v1.ts';
import { bundledCatalog } from './catalog/load.ts';
import type { ReferenceCatalog } from './catalog/reference.ts';
import { PACKAGE_ROOT } from './config.ts';
import { loadSections, type SectionInfo } from './guides/sections.ts';
import { SearchService } from './search/service.ts';
import type { Db } from './store/db.ts';
import { contentVersion } from './store/guides.ts';
import { assetRoutes } from './web/assets.ts';
import { errorHandling } from './web/errors.tsx';
import { PageCache } from './web/page-cache.ts';
import { securityHeaders } from './web/security.ts';
import { siteRoutes } from './web/site.tsx';

export interface AppOptions {
  db: Db;
  /** Browse page introductions; read from the bundled content/sections.yaml by default. */
  sections?: Map<string, SectionInfo>;
  /** Reference catalogs; the bundled ones by default. */
  catalog?: ReferenceCatalog;
  /** Public origin used in canonical URLs, sitemap and OpenGraph. */
  origin: string;
  logLevel?: string;
  /** Snapshot file of the reference search index (none: built in memory). */
  searchSnapshot?: string;
  /** How often to check whether content changed in another process, in ms. */
  contentPollMs?: number;
}

/** Builds the whole HTTP application; listening is left to the caller. */
export async function buildApp({
  db,
  catalog = bundledCatalog(),
  sections = loadSections(join(PACKAGE_ROOT, 'content')),
  origin,
  logLevel = 'silent',
  contentPollMs = 2000,
  searchSnapshot,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logLevel === 'silent' ? false : { level: logLevel },
    disableRequestLogging: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
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
  const search = await SearchService.open(db, catalog, searchSnapshot);
  const sync = async () => {
    const version = await contentVersion(db);
    cache.setVersion(version);
    await search.refresh(version);
  };
  await sync();
  const timer = setInterval(
    () => void sync().catch((err) => app.log.warn({ err }, 'content version check failed')),
    contentPollMs,
  );
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  securityHeaders(app);
  errorHandling(app, origin);
  assetRoutes(app);
  apiV1(app, { db, catalog, search });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  siteRoutes(app, { db, search, catalog, sections, cache, origin });
  return app;
}
