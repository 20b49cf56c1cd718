import type { FastifyInstance } from 'fastify';
import { checkQuery } from '../base/errors.ts';
import { FACETS, type Filters } from '../search/engine.ts';
import { SearchPage } from './views/search.tsx';
import { renderDocument } from './views/layout.tsx';
import { emptySearch } from './presenters.tsx';
import type { RateLimit, SiteOptions } from './site.tsx';

const HTML = 'text/html; charset=utf-8';

/**
 * The search page, registered by the caller in a scope with the rate limiter (src/app.ts): a search
 * costs far more than a cached page, so each address gets `limit` of them per window.
 */
export function searchPageRoute(
  app: FastifyInstance,
  { search, origin, limit }: Pick<SiteOptions, 'search' | 'origin'> & { limit: RateLimit },
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
      const response = query === '' ? emptySearch() : await search.search(query, filters, page);
      return reply
        .code(query !== '' && response.total === 0 ? 404 : 200)
        .type(HTML)
        .send(renderDocument(<SearchPage origin={origin} response={response} filters={filters} />));
    },
  );
}
