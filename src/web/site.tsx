import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { readToken, readingKey } from '../codes/parse.ts';
import { AppError, checkLookupText, checkQuery, RETRY_AFTER_SECONDS } from '../base/errors.ts';
import { guidePath, guideUrl, type Guide } from '../guides/schema.ts';
import {
  guideKeysFor,
  obdEntry,
  type ReferenceCatalog,
  type ReferenceEntry,
  type ReferenceFamily,
} from '../catalog/reference.ts';
import { numericDecoding } from '../codes/decode.ts';
import { decodeObd } from '../codes/obd.ts';
import { decodeQuery } from '../lookup/decode.ts';
import { guidanceFor, unguidedTargets, type Guidance } from '../lookup/guidance.ts';
import { lookup } from '../lookup/lookup.ts';
import type { SectionInfo } from '../guides/sections.ts';
import type { SearchService } from '../search/service.ts';
import { guideStats } from './feedback.tsx';
import { answerToken } from '../feedback/repository.ts';
import { SearchPage } from './views/search.tsx';
import { sitePath } from './redirect.ts';
import type { Db } from '../store/db.ts';
import { storageError } from '../store/faults.ts';
import { recordZeroResult } from '../search/log.ts';
import { ping } from '../store/db.ts';
import type { PublishedGuides } from '../guides/published.ts';
import type { UnguidedVisitLog } from '../lookup/unguided-visits.ts';
import type { CachedPage, PageCache } from './page-cache.ts';
import type { AnswerCache } from './answer-cache.ts';
import { DecodePage, ReferencePage } from './views/reference.tsx';
import { ChoicePage, LookupNotFoundPage } from './views/lookup.tsx';
import { FamilyPage } from './views/family.tsx';
import { FAMILY_GUIDES } from '../catalog/families.ts';
import { renderDocument } from './views/layout.tsx';
import type { LinkPolicy } from './links.tsx';
import { BrowsePage, HomePage, NotFoundPage } from './views/pages.tsx';
import {
  childNodes,
  emptySearch,
  guideHtml,
  guideLink,
  nearFacilityGuides,
  orderByCommonness,
} from './presenters.tsx';

/** Requests one address may make in one window (@fastify/rate-limit's route options). */
export interface RateLimit {
  max: number;
  timeWindow: string;
}

/**
 * The public pages as HTML, without a request: the routes send them with the server's links, the static
 * export writes them with its own (src/static/). Each returns undefined where its route answers 404.
 */
export interface SitePages {
  /** The public origin of canonical links, OpenGraph URLs, JSON-LD and the sitemap. */
  origin: string;
  home(links?: LinkPolicy): string;
  /** A category, brand or product page: /category[/brand[/product]]. */
  browse(path: string, links?: LinkPolicy): Promise<string | undefined>;
  guide(guide: Guide, links?: LinkPolicy): Promise<string>;
  /** The reference entry at its own address (entry.url). */
  reference(path: string, links?: LinkPolicy): string | undefined;
  family(family: string, links?: LinkPolicy): string | undefined;
  /** The decode page without a value. */
  decode(links?: LinkPolicy): string;
  /** The search page without a query. */
  search(links?: LinkPolicy): string;
  notFound(message: string, links?: LinkPolicy): string;
  sitemap(): string;
}

export interface SiteOptions {
  db: Db;
  /** Signs the answer tokens on guide pages. */
  secret: string;
  search: SearchService;
  /** Published guides of the current content version, in memory. */
  published: PublishedGuides;
  /** Introductions and "most common first" orders for browse pages, by path. */
  sections: Map<string, SectionInfo>;
  catalog: ReferenceCatalog;
  cache: PageCache;
  /** Where recent lookups redirected, and the visits each one counts. */
  lookups: AnswerCache<LookupRedirect>;
  origin: string;
  /** Counts visits to codes without a guide. */
  visits?: UnguidedVisitLog;
}

/** A lookup that redirects: the target, and the codes without a guide it counts a visit to. */
export interface LookupRedirect {
  location: string;
  unguided: readonly { family: string; code: string }[];
}

/** Bounds of the lookup answers kept (a redirect is a short address and a few codes). */
export const LOOKUP_CACHE_LIMITS = { entries: 5000, bytes: 2_000_000 };
export const lookupRedirectBytes = (r: LookupRedirect) =>
  2 * r.location.length + r.unguided.reduce((n, t) => n + 2 * (t.family.length + t.code.length) + 32, 64);

const HTML = 'text/html; charset=utf-8';
/** First path segments that belong to the application, never to a category. */
const RESERVED = new Set(['api', 'assets', 'admin', 'lookup', 'search', 'decode', 'reference']);

/** Sends a cached page, answering 304 when the browser already has this version. */
function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage) {
  page.route ??= request.routeOptions.url;
  reply.headers(page.headers);
  if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  return reply.send(page.body);
}

export function siteRoutes(
  app: FastifyInstance,
  { db, search, published, catalog, sections, cache, lookups, origin, secret, visits }: SiteOptions,
): void {
  const notFound = async (
    reply: FastifyReply,
    message: string,
    query?: string,
    near: Guide[] = [],
    guidance?: Guidance,
  ) => {
    const fallback =
      near.length > 0
        ? near
        : published
            .all()
            .slice(0, 8)
            .map((s) => s.guide);
    const html = renderDocument(
      <NotFoundPage
        origin={origin}
        query={query}
        message={message}
        suggestions={fallback.map(guideLink)}
        guidance={guidance}
      />,
    );
    return reply.code(404).type(HTML).send(html);
  };

  /**
   * A cached page answered before its handler runs. Only the address exactly as cached (no query, no
   * escapes) is looked up, so every other spelling still meets the route's redirects and checks.
   */
  const cachedAnswer = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const url = request.url;
    const page = url.includes('?') || url.includes('%') ? undefined : cache.hit(url);
    if (page === undefined) return done();
    page.onHit?.();
    sendPage(request, reply, page);
  };
  const cacheFirst = { onRequest: cachedAnswer };

  const homePage = (links?: LinkPolicy) => {
    const guides = published.all().map((s) => s.guide);
    return renderDocument(
      <HomePage origin={origin} categories={childNodes(guides, 'category', '')} />,
      links,
    );
  };

  app.get('/', cacheFirst, async (request, reply) => {
    const cached = cache.get('/');
    if (cached) return sendPage(request, reply, cached);
    return sendPage(request, reply, cache.put('/', homePage()));
  });

  app.get('/browse', async (_request, reply) => reply.redirect('/#browse', 301));

  app.get<{ Querystring: { q?: string | string[] } }>('/lookup', async (request, reply) => {
    const raw = Array.isArray(request.query.q) ? request.query.q[0] : request.query.q;
    const query = checkLookupText(raw);
    if (query === '') return reply.redirect('/', 302);
    // The same text redirects the same way until content changes: no second read of text and catalog.
    const known = lookups.get(query);
    if (known) {
      for (const t of known.unguided) visits?.add(t.family, t.code);
      return reply.redirect(known.location, 302);
    }
    const version = lookups.version;
    const result = await lookup(published, catalog, query);
    const first = result.matches[0];
    const redirecting = first !== undefined && (result.clear || result.matches.length === 1);
    // Visits without a guide are counted; a lone reference entry is counted on its own page instead.
    const unguided =
      !result.matches.some((m) => m.kind === 'guide') && !(redirecting && first.kind === 'reference')
        ? unguidedTargets(result).map((t) => ({ family: t.family, code: t.code }))
        : [];
    for (const t of unguided) visits?.add(t.family, t.code);
    if (redirecting) {
      lookups.set(query, { location: first.url, unguided }, version);
      return reply.redirect(first.url, 302);
    }
    if (first) {
      return reply
        .type(HTML)
        .send(
          renderDocument(
            <ChoicePage origin={origin} query={query} matches={result.matches} others={result.others} />,
          ),
        );
    }
    // Search is asked about the code itself, or the start of the text: bounded either way.
    const searchText = query.length <= 200 ? query : (result.unknown?.code ?? query.slice(0, 200));
    const found = await search.search(searchText);
    if (!result.unknown && result.candidates.length === 0 && found.total > 0 && query.length <= 200) {
      // No code in it: words, so search them.
      return reply.redirect(`/search?q=${encodeURIComponent(query)}`, 302);
    }
    if (found.total > 0 || searchText !== query) {
      // The lookup found nothing even when search did: editors see what readers asked for.
      await recordZeroResult(db, query.slice(0, 200)).catch((error: unknown) =>
        request.log.warn({ err: error }, 'zero-result count not recorded'),
      );
    }
    const html = renderDocument(
      <LookupNotFoundPage
        origin={origin}
        query={query}
        unknown={result.unknown}
        others={result.others}
        searchText={searchText}
        // Search's own code matches are readings lookup ruled out (another family): never offer them.
        searchResults={found.results.filter((r) => !result.unknown || r.match !== 'code').slice(0, 6)}
        nearGuides={nearFacilityGuides(
          published.all().map((g) => g.guide),
          result.unknown?.key,
        ).map(guideLink)}
      />,
    );
    return reply.code(404).type(HTML).send(html);
  });

  app.get<{ Querystring: { value?: string | string[] } }>('/decode', async (request, reply) => {
    const raw = Array.isArray(request.query.value) ? request.query.value[0] : request.query.value;
    const query = checkQuery(raw);
    if (query === '')
      return reply.type(HTML).send(renderDocument(<DecodePage origin={origin} query="" matches={[]} />));
    const result = await decodeQuery(published, catalog, query);
    const message =
      result.matches.length === 0 && !result.decoding
        ? 'Errata found no code it can read in that.'
        : undefined;
    return reply
      .code(message ? 404 : 200)
      .type(HTML)
      .send(
        renderDocument(
          <DecodePage
            origin={origin}
            query={query}
            decoding={result.decoding}
            obd={result.obd}
            matches={result.matches}
            message={message}
          />,
        ),
      );
  });

  /** The catalog entry a /reference/<family>/<symbol> address names (OBD-II codes are computed). */
  const referenceEntry = (path: string): ReferenceEntry | undefined => {
    const [, , family, symbol = ''] = path.split('/');
    return (
      catalog.byPath(path) ?? (family === 'obd' ? (obdEntry(decodeOnce(symbol)) ?? undefined) : undefined)
    );
  };
  /** The page of the reference entry at its own address (entry.url); undefined for any other path. */
  const referencePage = (path: string, links?: LinkPolicy): string | undefined => {
    const entry = referenceEntry(path);
    if (!entry || entry.url !== path) return undefined;
    const guides = published.byCodeKeys(guideKeysFor(entry)).map((s) => guideLink(s.guide));
    const guidance = guides.length === 0 ? guidanceFor(entry, published.families()) : undefined;
    const numeric = entry.family !== 'errno' && entry.family !== 'http' && entry.family !== 'obd';
    return renderDocument(
      <ReferencePage
        origin={origin}
        entry={entry}
        decoding={numeric ? numericDecoding(entry.value, catalog.facilityName) : undefined}
        obd={entry.family === 'obd' ? (decodeObd(entry.symbol) ?? undefined) : undefined}
        guides={guides}
        guidance={guidance}
        sameValue={
          entry.family === 'obd'
            ? []
            : catalog
                .withValue(entry.value)
                .filter(
                  (e) =>
                    e !== entry &&
                    (numeric ? e.family !== 'errno' && e.family !== 'http' : e.family === entry.family),
                )
        }
        neighbours={catalog.neighbours(entry)}
      />,
      links,
    );
  };
  // The static export renders reference entries (nearly all of its pages) without a request.
  app.decorate('referencePage', (path: string) => referencePage(path));

  /** The page explaining a family, at /reference/<family>; undefined for an unknown family. */
  const familyPage = (family: string, links?: LinkPolicy): string | undefined => {
    if (!Object.hasOwn(FAMILY_GUIDES, family)) return undefined;
    const f = family as ReferenceFamily;
    const all = catalog.entries.filter((e) => e.family === f);
    // The examples the explanation names first, then entries spread over the family's values.
    const named = FAMILY_GUIDES[f].examples
      .flatMap((x) => catalog.withSymbol(x))
      .filter((e) => e.family === f);
    const step = Math.max(1, Math.floor(all.length / 12));
    const sample = [...new Set([...named, ...all.filter((_, i) => i % step === 0)])].slice(0, 12);
    return renderDocument(
      <FamilyPage origin={origin} family={f} count={all.length} sample={sample} />,
      links,
    );
  };

  app.get<{ Params: { family: string } }>('/reference/:family', cacheFirst, async (request, reply) => {
    const path = `/reference/${request.params.family}`;
    if (path !== path.toLowerCase()) return reply.redirect(path.toLowerCase(), 301);
    const cached = cache.get(path);
    if (cached) return sendPage(request, reply, cached);
    const html = familyPage(request.params.family);
    if (html === undefined) return notFound(reply, 'There is no such family of codes.');
    return sendPage(request, reply, cache.put(path, html));
  });

  app.get<{ Params: { family: string; symbol: string } }>(
    '/reference/:family/:symbol',
    cacheFirst,
    async (request, reply) => {
      const { family, symbol } = request.params;
      if (family !== family.toLowerCase() || symbol !== symbol.toLowerCase()) {
        return reply.redirect(sitePath(['reference', family.toLowerCase(), symbol.toLowerCase()]), 301);
      }
      const path = sitePath(['reference', family, symbol]);
      const visited = referenceEntry(path);
      // A code without a guide is counted on every visit, from the cache too.
      const count =
        visits && visited?.url === path && published.byCodeKeys(guideKeysFor(visited)).length === 0
          ? () => visits.add(visited.family, visited.code)
          : undefined;
      const page = cache.get(path);
      if (page) {
        page.onHit?.();
        return sendPage(request, reply, page);
      }
      count?.();
      const html = referencePage(path);
      if (html !== undefined) return sendPage(request, reply, cache.put(path, html, count));
      const entry = referenceEntry(path);
      if (!entry) return notFound(reply, 'There is no reference entry at this address.');
      return reply.redirect(entry.url, 301);
    },
  );

  // Ready only while the database answers: a load balancer stops sending requests during an outage.
  app.get('/healthz', async (_request, reply) => {
    try {
      await ping(db);
      return { status: 'ok' };
    } catch (error) {
      const fault = storageError(error) ?? new AppError('DATABASE_UNAVAILABLE');
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ status: 'unavailable', error: { code: fault.code, message: fault.message } });
    }
  });

  app.get('/robots.txt', async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(`User-agent: *\nDisallow: /lookup\nDisallow: /api/\nSitemap: ${origin}/sitemap.xml\n`),
  );

  const sitemap = () => {
    const guides = published.all().map((s) => s.guide);
    const paths = new Set<string>(['/']);
    for (const g of guides) {
      const p = guidePath(g);
      paths
        .add(`/${p.category}`)
        .add(`/${p.category}/${p.brand}`)
        .add(`/${p.category}/${p.brand}/${p.product}`);
    }
    const entries = [
      ...[...paths].map((p) => `<url><loc>${origin}${p}</loc></url>`),
      ...guides.map((g) => `<url><loc>${origin}${guideUrl(g)}</loc><lastmod>${g.reviewed}</lastmod></url>`),
    ];
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
  };
  app.get('/sitemap.xml', async (_request, reply) =>
    reply.type('application/xml; charset=utf-8').send(sitemap()),
  );

  // Browse and guide pages: /category[/brand[/product[/code]]], one canonical lowercase URL each.
  const browse = async (request: FastifyRequest, reply: FastifyReply, segments: string[]) => {
    if (RESERVED.has(segments[0]!)) return reply.callNotFound();
    // The redirect is built from the segments encoded again: /%2FEvil.com must not become //evil.com.
    if (segments.some((s) => s !== s.toLowerCase())) {
      return reply.redirect(sitePath(segments.map((s) => s.toLowerCase())), 301);
    }
    const path = `/${segments.join('/')}`;
    const cached = cache.get(path);
    if (cached) return sendPage(request, reply, cached);

    const [category, brand, product, code] = segments as [string, string?, string?, string?];
    if (code !== undefined)
      return guidePage(request, reply, { category, brand: brand!, product: product!, code });
    const html = await browsePage(path);
    if (html === undefined) return notFound(reply, 'There is no section at this address.');
    return sendPage(request, reply, cache.put(path, html));
  };

  /** A category, brand or product page at `path` (/category[/brand[/product]]); undefined when empty. */
  const browsePage = async (path: string, links?: LinkPolicy): Promise<string | undefined> => {
    const [category, brand, product] = path.slice(1).split('/') as [string, string?, string?];
    const section = sections.get(path);
    const guides = orderByCommonness(
      published.inSection({ category, brand, product }).map((s) => s.guide),
      section?.rank,
    );
    if (guides.length === 0) return undefined;
    const first = guides[0]!;
    const crumbs = [
      { name: first.category, url: `/${category}` },
      ...(brand ? [{ name: first.brand, url: `/${category}/${brand}` }] : []),
      ...(product ? [{ name: first.product, url: path }] : []),
    ].slice(0, -1);
    const title = product ? `${first.brand} ${first.product}` : brand ? first.brand : first.category;
    const level = product ? undefined : brand ? 'product' : 'brand';
    return renderDocument(
      <BrowsePage
        origin={origin}
        title={title}
        canonical={path}
        intro={section?.intro}
        basis={section?.basis}
        crumbs={crumbs}
        children={level ? childNodes(guides, level, path) : undefined}
        childHeading={level === 'brand' ? 'Brands' : 'Products'}
        guides={guides.map(guideLink)}
      />,
      links,
    );
  };

  const guidePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    path: { category: string; brand: string; product: string; code: string },
  ) => {
    const stored = published.byPath(path);
    if (!stored) {
      // Another spelling of the code (80244007, -2145107961…) redirects to the canonical page.
      const keys = readToken(decodeOnce(path.code)).map(readingKey);
      const candidates = published.byCodeKeys(keys).map((s) => s.guide);
      const same = candidates.find((g) => {
        const p = guidePath(g);
        return p.category === path.category && p.brand === path.brand && p.product === path.product;
      });
      if (same) return reply.redirect(guideUrl(same), 301);
      // Unpublished or archived: 410 tells readers and search engines it is gone for good.
      if (published.withdrawn(path)) throw new AppError('GUIDE_GONE');
      return notFound(reply, 'There is no guide at this address.', undefined, candidates);
    }
    const html = await publishedGuideHtml(stored.guide);
    return sendPage(request, reply, cache.put(guideUrl(stored.guide), html));
  };

  /** A published guide's page from the read model, with the readers' form and step stats. */
  const publishedGuideHtml = async (guide: Guide, links?: LinkPolicy) =>
    guideHtml(
      origin,
      guide,
      { related: published.related(guide), official: published.official(guide) },
      { token: answerToken(secret, guide.id), stats: (await guideStats(db, guide)).steps },
      links,
    );

  app.decorate('pages', {
    origin,
    home: homePage,
    browse: browsePage,
    guide: publishedGuideHtml,
    reference: referencePage,
    family: familyPage,
    decode: (links?: LinkPolicy) =>
      renderDocument(<DecodePage origin={origin} query="" matches={[]} />, links),
    search: (links?: LinkPolicy) =>
      renderDocument(<SearchPage origin={origin} response={emptySearch()} filters={{}} />, links),
    notFound: (message: string, links?: LinkPolicy) =>
      renderDocument(
        <NotFoundPage
          origin={origin}
          message={message}
          suggestions={published
            .all()
            .slice(0, 8)
            .map((s) => guideLink(s.guide))}
        />,
        links,
      ),
    sitemap,
  } satisfies SitePages);

  app.get<{ Params: { a: string } }>('/:a', cacheFirst, (req, reply) => browse(req, reply, [req.params.a]));
  app.get<{ Params: { a: string; b: string } }>('/:a/:b', cacheFirst, (req, reply) =>
    browse(req, reply, [req.params.a, req.params.b]),
  );
  app.get<{ Params: { a: string; b: string; c: string } }>('/:a/:b/:c', cacheFirst, (req, reply) =>
    browse(req, reply, [req.params.a, req.params.b, req.params.c]),
  );
  app.get<{ Params: { a: string; b: string; c: string; d: string } }>(
    '/:a/:b/:c/:d',
    cacheFirst,
    (req, reply) => browse(req, reply, [req.params.a, req.params.b, req.params.c, req.params.d]),
  );
}

/** A path segment with any %-escapes left in it decoded; one that is not valid escaping is read as typed. */
function decodeOnce(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
