/** Page presenters the routes and the static export share: guide pages, browse trees, near guides. */
import { guideCodeKey } from '../codes/parse.ts';
import { guideUrl, slugify, type Guide } from '../guides/schema.ts';
import { type ReferenceCatalog, type ReferenceHit } from '../catalog/reference.ts';
import { FACETS } from '../search/engine.ts';
import type { StepStats } from '../feedback/stats.ts';
import type { Db } from '../store/db.ts';
import { publishedByCodeKeys, type StoredGuide } from '../guides/repository.ts';
import { officialEntries } from '../catalog/official.ts';
import { GuidePage, type OfficialName } from './views/guide.tsx';
import type { RelatedLink } from './views/related.tsx';
import { renderDocument } from './views/layout.tsx';
import type { LinkPolicy } from './links.tsx';
import { type BrowseNode, type GuideLink } from './views/pages.tsx';

export function guideLink(guide: Guide): GuideLink {
  return { code: guide.code, title: guide.title, url: guideUrl(guide), severity: guide.severity };
}

/** Groups guides one level down the category → brand → product tree. */
export function childNodes(
  guides: readonly Guide[],
  level: 'category' | 'brand' | 'product',
  base: string,
): BrowseNode[] {
  const nodes = new Map<string, BrowseNode>();
  for (const g of guides) {
    const name = g[level];
    const slug = slugify(name);
    const node = nodes.get(slug) ?? { name, url: `${base}/${slug}`, count: 0 };
    node.count++;
    nodes.set(slug, node);
  }
  return [...nodes.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/**
 * Guides for codes close to the ones asked about: same kind of code first, and for Windows values the
 * same facility (upper 16 bits), then the nearest value.
 */
export function nearestGuides(guides: readonly Guide[], keys: readonly string[], limit = 8): Guide[] {
  const scored: { guide: Guide; score: number }[] = [];
  for (const guide of guides) {
    const key = guideCodeKey(guide.code) ?? '';
    let best = Infinity;
    for (const wanted of keys) {
      if (key.split(':')[0] !== wanted.split(':')[0]) continue;
      const a = Number(key.slice(4));
      const b = Number(wanted.slice(4));
      const distance = key.startsWith('num:')
        ? (a >>> 16 === b >>> 16 ? 0 : 1) * 2 ** 32 + Math.abs(a - b)
        : 0;
      best = Math.min(best, distance);
    }
    if (best < Infinity) scored.push({ guide, score: best });
  }
  return scored
    .sort((x, y) => x.score - y.score)
    .slice(0, limit)
    .map((s) => s.guide);
}

/** Guides for codes of the same facility as an unknown 32-bit value (0x8024xxxx: Windows Update). */
export function nearFacilityGuides(guides: readonly Guide[], key: string | undefined): Guide[] {
  if (!key?.startsWith('num:') || Number(key.slice(4)) <= 0xffff) return [];
  const facility = Number(key.slice(4)) >>> 16;
  return nearestGuides(guides, [key], 4).filter((g) => {
    const own = guideCodeKey(g.code);
    return own?.startsWith('num:') === true && Number(own.slice(4)) >>> 16 === facility;
  });
}

/** Guides in a product's "most common first" order; guides it does not rank follow by code. */
export function orderByCommonness(guides: Guide[], rank: Map<string, number> | undefined): Guide[] {
  const position = (g: Guide) => rank?.get(g.code.toUpperCase()) ?? Infinity;
  return [...guides].sort((a, b) => position(a) - position(b) || a.code.localeCompare(b.code));
}

export function emptySearch() {
  const facets = Object.fromEntries(FACETS.map((f) => [f, {}])) as Record<
    (typeof FACETS)[number],
    Record<string, number>
  >;
  return { query: '', total: 0, page: 1, pageSize: 10, results: [], facets };
}

/** What a guide page shows beside the guide: its official catalog entries and related guides. */
export function guideHtml(
  origin: string,
  guide: Guide,
  beside: { related: readonly StoredGuide[]; official: readonly ReferenceHit[] },
  readers?: { token: string; stats: readonly StepStats[] },
  links?: LinkPolicy,
  preview?: { backHref: string },
): string {
  const related: RelatedLink[] = beside.related.map(({ guide: r }) => ({
    code: r.code,
    title: r.title,
    url: guideUrl(r),
  }));
  const official: OfficialName[] = beside.official.map((h) => ({
    symbol: h.entry.symbol,
    code: h.entry.code,
    family: h.entry.family,
    url: h.entry.url,
    relation: h.relation,
  }));
  return renderDocument(
    <GuidePage
      origin={origin}
      guide={guide}
      related={related}
      official={official}
      readers={readers}
      preview={preview}
    />,
    links,
  );
}

/**
 * The page of a guide that may not be published (the editors' preview): related guides from the store,
 * official entries from the catalog, as the read model gives them for published guides.
 */
export async function renderGuideHtml(
  db: Db,
  catalog: ReferenceCatalog,
  origin: string,
  guide: Guide,
  readers?: { token: string; stats: readonly StepStats[] },
  links?: LinkPolicy,
  preview?: { backHref: string },
): Promise<string> {
  const relatedKeys = guide.related.map((r) => guideCodeKey(r)).filter((k): k is string => k !== null);
  const related = await publishedByCodeKeys(db, relatedKeys);
  return guideHtml(
    origin,
    guide,
    { related, official: officialEntries(catalog, guide.code) },
    readers,
    links,
    preview,
  );
}
