import { readQuery } from '../../codes/parse.ts';
import { FACETS, type Facet, type Filters, type SearchResponse } from '../../search/engine.ts';
import { Layout } from './layout.tsx';
import { Link, useLinks } from '../links.tsx';
import { titleBesideCode } from '../../codes/list-title.ts';

const FACET_LABEL: Record<Facet, string> = {
  kind: 'Type',
  category: 'Category',
  brand: 'Brand',
  product: 'Product',
  severity: 'Severity',
};
const KIND_LABEL: Record<string, string> = { guide: 'Guides', reference: 'Reference entries' };

/** The URL of this search with some parameters changed (undefined removes one); page resets unless given. */
export function searchUrl(
  query: string,
  filters: Filters,
  change: Partial<Filters & { page: number }> = {},
): string {
  const params = new URLSearchParams({ q: query });
  for (const f of FACETS) {
    const value = f in change ? change[f] : filters[f];
    if (value) params.set(f, value);
  }
  if (change.page && change.page > 1) params.set('page', String(change.page));
  return `/search?${params.toString()}`;
}

export function SearchPage({
  origin,
  response,
  filters,
}: {
  origin: string;
  response: SearchResponse;
  filters: Filters;
}) {
  const { query, total, page, pageSize, results, facets, didYouMean } = response;
  const pages = Math.ceil(total / pageSize);
  const { clientSearch } = useLinks();
  return (
    <Layout
      origin={origin}
      title={query ? `${query} — search | Errata` : 'Search | Errata'}
      description="Search error codes, symptoms and official names."
      query={query}
      noindex
    >
      <h1>{query ? `Results for “${query}”` : 'Search'}</h1>
      {didYouMean && (
        <p class="did-you-mean">
          Did you mean <Link href={searchUrl(didYouMean, filters)}>{didYouMean}</Link>?
        </p>
      )}
      <div class="search-layout">
        {total > 0 && (
          <nav class="facets" aria-label="Filter results">
            {FACETS.map((f) => {
              const values = Object.entries(facets[f]).sort((a, b) => b[1] - a[1]);
              if (values.length === 0) return null;
              return (
                <section aria-labelledby={`facet-${f}`}>
                  <h2 id={`facet-${f}`}>{FACET_LABEL[f]}</h2>
                  <ul>
                    {filters[f] && (
                      <li>
                        <Link href={searchUrl(query, filters, { [f]: undefined })}>
                          Any {FACET_LABEL[f].toLowerCase()}
                        </Link>
                      </li>
                    )}
                    {values.map(([value, count]) => (
                      <li>
                        {filters[f] === value ? (
                          <strong aria-current="true">
                            {(f === 'kind' && KIND_LABEL[value]) || value} ({count})
                          </strong>
                        ) : (
                          <Link href={searchUrl(query, filters, { [f]: value })}>
                            {(f === 'kind' && KIND_LABEL[value]) || value} ({count})
                          </Link>
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </nav>
        )}
        <div class="hits">
          {total === 0 ? (
            <div class="empty">
              {query ? <NothingClose query={query} /> : <p>Type a code, a name or what you saw.</p>}
            </div>
          ) : (
            <>
              <p class="hint" role="status">
                {total} result{total === 1 ? '' : 's'}
                {pages > 1 ? ` · page ${page} of ${pages}` : ''}
              </p>
              <ol class="results search-results" start={(page - 1) * pageSize + 1}>
                {results.map((r) => (
                  <li>
                    <Link href={r.url}>
                      <code>{r.code}</code> <span>{titleBesideCode(r.code, r.title)}</span>
                    </Link>
                    <span class="meta">
                      {r.kind === 'guide' ? `Guide · ${r.brand} ${r.product}` : `Reference · ${r.product}`}
                      {r.severity && ` · ${r.severity}`}
                    </span>
                    {r.snippet && <p class="snippet" dangerouslySetInnerHTML={{ __html: r.snippet }} />}
                  </li>
                ))}
              </ol>
              {pages > 1 && (
                <nav class="pager" aria-label="Pages">
                  {page > 1 && (
                    <Link href={searchUrl(query, filters, { page: page - 1 })} rel="prev">
                      Previous
                    </Link>
                  )}
                  {page < pages && (
                    <Link href={searchUrl(query, filters, { page: page + 1 })} rel="next">
                      Next
                    </Link>
                  )}
                </nav>
              )}
            </>
          )}
        </div>
      </div>
      {clientSearch && <script src={clientSearch} data-static-search="" defer />}
    </Layout>
  );
}

/** No match clears the relevance floor: say so, and offer what Errata knows instead. */
function NothingClose({ query }: { query: string }) {
  const code = readQuery(query)[0]?.text;
  return (
    <>
      <p>Nothing close to “{query}”. Try fewer words, the code alone, or the exact message.</p>
      <ul class="tips">
        {code && (
          <li>
            <a href={`/lookup?q=${encodeURIComponent(query)}`}>
              What <code>{code}</code> can mean
            </a>
            : its structure and family, read from the code itself.
          </li>
        )}
        <li>
          <a href="/browse">Browse the guides by category</a>.
        </li>
      </ul>
    </>
  );
}
