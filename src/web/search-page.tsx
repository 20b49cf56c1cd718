import type { FastifyInstance } from 'fastify';
import { checkQuery } from '../base/errors.ts';
import { FACETS, type Filters } from '../search/engine.ts';
import { SearchPage } from './views/search.tsx';
import { renderDocument } from './views/layout.tsx';
import { emptySearch } from './presenters.tsx';
import type { RateLimit, SiteOptions } from './site.tsx';
import type { AnswerCache } from './answer-cache.ts';

const HTML = 'text/html; charset=utf-8';

/** Bounds of the search pages kept as HTML (a results page is about 10 KB). */
export const SEARCH_PAGE_CACHE_LIMITS = { entries: 1000, bytes: 16_000_000 };

/**
 * The search page, registered by the caller in a scope with the rate limiter (src/app.ts): a search
 * costs far more than a cached page, so each address gets `limit` of them per window.
 */
export function searchPageRoute(
  app: FastifyInstance,
  {
    search,
    origin,
    limit,
    pages,
  }: Pick<SiteOptions, 'search' | 'origin'> & {
    limit: RateLimit;
    /** Rendered pages with results, by query, filters and page, for the current content version. */
    pages: AnswerCache<Buffer>;
  },
): void {
  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(
    '/search',
    { config: { rateLimit: limit } },
    async (request, reply) => {
      const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
      const query = checkQuery(first(request.query.q));
      const filters: Filters = {};
      for (const f of FACETS) {
        const value = first(request.query[f])?.slice(0, 100);
        if (value) filters[f] = value;
      }
      const page = Math.min(1000, Math.max(1, Number.parseInt(first(request.query.page) ?? '1', 10) || 1));
      const key = JSON.stringify([query, filters, page]);
      const known = pages.get(key);
      if (known) return reply.type(HTML).send(known);
      const version = pages.version;
      const response = query === '' ? emptySearch() : await search.search(query, filters, page);
      const html = renderDocument(<SearchPage origin={origin} response={response} filters={filters} />);
      if (query !== '' && response.total === 0) {
        // Never kept: each search without results is counted for editors, so each one runs.
        return reply.code(404).type(HTML).send(html);
      }
      const body = Buffer.from(html);
      pages.set(key, body, version);
      return reply.type(HTML).send(body);
    },
  );
}
