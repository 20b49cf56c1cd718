import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SearchService } from '../search/service.ts';
import type { Db } from '../store/db.ts';
import { contentVersion } from '../guides/content-events.ts';
import { countPublished } from '../guides/repository.ts';
import type { PageCache } from './page-cache.ts';

export interface MetricsOptions {
  db: Db;
  search: SearchService;
  cache: PageCache;
  /** Caches of recent answers by name (lookup redirects, search pages), counted like the page cache. */
  answers?: Record<string, { stats: { hits: number; misses: number } }>;
  /**
   * When set, GET /metrics needs `Authorization: Bearer <token>`; when not, it answers only requests
   * from a loopback address that carry no forwarding header.
   */
  token?: string;
}

/** Counts one answered request (answers sent before Fastify, such as cached pages, count here too). */
export type RequestObserver = (method: string, route: string, status: number, seconds: number) => void;

/** The route label of requests no route matched: one value, whatever the address was. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Request durations, in seconds: pages answer in milliseconds, anything over a second is trouble. */
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/*
 * The Node.js process metrics (CPU, memory, heap, event loop lag, GC, handles) describe the process,
 * not an app, and their collectors start timers and observers that are never stopped. So they are
 * collected once per process into a registry of their own; each app keeps its own metrics in its own
 * registry, and a scrape answers both.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The connection comes from this machine and no proxy relayed it (a proxy would add a forwarding header). */
function directFromLoopback(request: FastifyRequest): boolean {
  const peer = request.raw.socket?.remoteAddress ?? '';
  const relayed = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => request.headers[h] !== undefined);
  return LOOPBACK.test(peer) && !relayed;
}

function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Prometheus metrics at GET /metrics: requests by method, route pattern and status, their durations,
 * the page and search caches, and the published guides and content version read at each scrape.
 * Registered before the other routes so its hooks see every request.
 */
export function metrics(
  app: FastifyInstance,
  { db, search, cache, answers = {}, token }: MetricsOptions,
): { registry: Registry; observe: RequestObserver } {
  const registry = new Registry();
  const requests = new Counter({
    name: 'errata_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'errata_http_request_duration_seconds',
    help: 'Time from receiving a request to sending the response, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  new Counter({
    name: 'errata_page_cache_lookups_total',
    help: 'Rendered-page cache lookups: hit (served from memory) or miss (rendered).',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, cache.stats.hits);
      this.inc({ result: 'miss' }, cache.stats.misses);
    },
  });
  new Counter({
    name: 'errata_search_cache_lookups_total',
    help: 'Searches answered from the recent answers (hit) or run by the search engine (miss).',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, search.stats.hits);
      this.inc({ result: 'miss' }, search.stats.misses);
    },
  });
  new Counter({
    name: 'errata_answer_cache_lookups_total',
    help: 'Recent answers (lookup redirects, search pages) given from memory (hit) or computed (miss).',
    labelNames: ['cache', 'result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, { stats }] of Object.entries(answers)) {
        this.inc({ cache: name, result: 'hit' }, stats.hits);
        this.inc({ cache: name, result: 'miss' }, stats.misses);
      }
    },
  });
  const published = new Gauge({
    name: 'errata_published_guides',
    help: 'Published guides in the database, read at each scrape.',
    registers: [registry],
  });
  const version = new Gauge({
    name: 'errata_content_version',
    help: 'The content version: it moves on whenever a guide changes. Read at each scrape.',
    registers: [registry],
  });
  const databaseUp = new Gauge({
    name: 'errata_database_up',
    help: '1 when the last scrape could read the database, else 0.',
    registers: [registry],
  });

  /** One cheap query each: a failing database is reported, never a failed scrape. */
  const readDatabase = async () => {
    try {
      published.set(await countPublished(db));
      version.set(Number(await contentVersion(db)) || 0);
      databaseUp.set(1);
    } catch (err) {
      app.log.warn({ err }, 'metrics: database read failed');
      databaseUp.set(0);
    }
  };

  // The labelled series of each method and route pattern (/:a/:b, never the address itself, so the
  // label values stay few), looked up once: a request only counts and observes.
  const series = new Map<
    string,
    {
      duration: ReturnType<typeof durations.labels>;
      byStatus: Map<number, ReturnType<typeof requests.labels>>;
    }
  >();
  const observe: RequestObserver = (method, route, status, seconds) => {
    const key = `${method} ${route}`;
    let one = series.get(key);
    if (!one) {
      one = { duration: durations.labels(method, route), byStatus: new Map() };
      series.set(key, one);
    }
    let counter = one.byStatus.get(status);
    if (!counter) {
      counter = requests.labels(method, route, String(status));
      one.byStatus.set(status, counter);
    }
    counter.inc();
    one.duration.observe(seconds);
  };
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    observe(
      request.method,
      request.routeOptions.url ?? UNMATCHED_ROUTE,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (token !== undefined) {
      const auth = request.headers.authorization ?? '';
      const given = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim() ?? '';
      if (!sameToken(given, token)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .type('text/plain; charset=utf-8')
          .send('A bearer token is required for /metrics.\n');
      }
    } else if (!directFromLoopback(request)) {
      // Safe by default: without a token, only a scraper on this machine, not relayed by a proxy.
      return reply
        .code(403)
        .type('text/plain; charset=utf-8')
        .send('Without METRICS_TOKEN, /metrics answers only requests from this machine.\n');
    }
    await readDatabase();
    const text = (await processMetrics().metrics()) + (await registry.metrics());
    return reply.type(registry.contentType).send(text);
  });
  return { registry, observe };
}
