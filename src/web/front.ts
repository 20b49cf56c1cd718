/**
 * Cached public pages answered by the HTTP server itself, before the framework: on a reading site
 * most requests are a page already rendered, and a map lookup plus one write is all they need. Only
 * a GET of an address exactly as cached (no query, no escapes) after its route has sent it once is
 * answered here, with the same status, headers and body the route sends; everything else, and every
 * page not cached yet, goes to Fastify.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyServerOptions } from 'fastify';
import type { CachedPage, PageCache } from './page-cache.ts';
import type { RequestObserver } from './metrics.ts';
import { SECURITY_HEADERS } from './security.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Where the front answers from; filled in once the cache and the metrics exist. */
export interface Front {
  cache?: PageCache;
  observe?: RequestObserver;
}

/** The page's headers with the site's security headers, built once per cached page. */
const headersOf = new WeakMap<
  CachedPage,
  { ok: Record<string, string | number>; notModified: Record<string, string> }
>();

function headers(page: CachedPage) {
  let built = headersOf.get(page);
  if (!built) {
    const notModified = { ...SECURITY_HEADERS, ...page.headers };
    built = { ok: { ...notModified, 'content-length': page.body.length }, notModified };
    headersOf.set(page, built);
  }
  return built;
}

/** Answers the request when it is a cached page; false when Fastify must answer it. */
export function answerFromFront(front: Front, request: IncomingMessage, response: ServerResponse): boolean {
  const { cache, observe } = front;
  const url = request.url;
  if (!cache || request.method !== 'GET' || !url || url.includes('?') || url.includes('%')) return false;
  const page = cache.hit(url);
  // A page not yet sent through its route has no metrics label: the route answers it this once.
  if (page?.route === undefined) return false;
  const start = performance.now();
  page.onHit?.();
  const built = headers(page);
  if (request.headers['if-none-match'] === page.etag) {
    response.writeHead(304, built.notModified).end();
  } else {
    response.writeHead(200, built.ok).end(page.body);
  }
  observe?.('GET', page.route, response.statusCode, (performance.now() - start) / 1000);
  return true;
}

/**
 * Fastify's `serverFactory`: the HTTP server Fastify would build (same limits and timeouts), with the
 * front in the request path.
 */
export function frontServer(front: Front) {
  return (handler: Handler, options: FastifyServerOptions & { http?: ServerOptions }): Server => {
    const server = createServer(options.http ?? {}, (request, response) => {
      if (!answerFromFront(front, request, response)) handler(request, response);
    });
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout ?? 0);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}
