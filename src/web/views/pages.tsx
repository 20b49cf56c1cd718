import { plainText } from '../../guides/markdown.ts';
import type { Guidance } from '../../lookup/guidance.ts';
import { FamilyGuidance } from './family-guidance.tsx';
import { GetForm, Link } from '../links.tsx';
import { Layout, SearchForm } from './layout.tsx';
import { titleBesideCode } from '../../codes/list-title.ts';

export interface GuideLink {
  code: string;
  title: string;
  url: string;
  severity: string;
}

export interface BrowseNode {
  name: string;
  url: string;
  count: number;
}

const EXAMPLES = ['0x80244007', 'P0300', '503', 'failed with error 0x80070643'];

export function HomePage({ origin, categories }: { origin: string; categories: readonly BrowseNode[] }) {
  return (
    <Layout
      origin={origin}
      title="Errata — what an error code means and how to fix it"
      description="Paste an error code from Windows, a car scanner or a browser and get what it means, how serious it is and how to fix it, with sources."
      canonical="/"
      hideTopSearch
    >
      <section class="hero">
        <h1>What does this error code mean?</h1>
        <p>Paste a code, a name or the whole message. Errata tells you what it means and how to fix it.</p>
        <SearchForm id="q-home" />
        <details class="paste">
          <summary>Paste several lines: a whole message or a log excerpt</summary>
          <GetForm action="/lookup" method="get">
            <label for="q-paste">Message or log lines, up to 8,192 characters</label>
            <textarea id="q-paste" name="q" rows={6} maxLength={8192} spellcheck={false} />
            <button type="submit" class="button">
              Look up
            </button>
          </GetForm>
        </details>
        <p class="examples">
          Try:{' '}
          {EXAMPLES.map((e, i) => (
            <>
              {i > 0 && ' · '}
              <Link href={`/lookup?q=${encodeURIComponent(e)}`}>
                <code>{e}</code>
              </Link>
            </>
          ))}
        </p>
      </section>
      <BrowseList heading="Browse by category" nodes={categories} />
    </Layout>
  );
}

export function BrowseList({ heading, nodes }: { heading: string; nodes: readonly BrowseNode[] }) {
  return (
    <section aria-labelledby="browse">
      <h2 id="browse">{heading}</h2>
      <ul class="cards">
        {nodes.map((n) => (
          <li>
            <Link href={n.url}>
              <strong>{n.name}</strong>
              <span>
                {n.count} guide{n.count === 1 ? '' : 's'}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function GuideList({ guides }: { guides: readonly GuideLink[] }) {
  return (
    <ul class="results">
      {guides.map((g) => (
        <li>
          <Link href={g.url}>
            <code>{g.code}</code> <span>{titleBesideCode(g.code, plainText(g.title))}</span>
          </Link>
          <span class={`badge severity-${g.severity}`}>{g.severity}</span>
        </li>
      ))}
    </ul>
  );
}

export interface BrowsePageProps {
  origin: string;
  title: string;
  canonical: string;
  intro?: string;
  basis?: string;
  crumbs: readonly { name: string; url: string }[];
  children?: readonly BrowseNode[];
  childHeading?: string;
  guides: readonly GuideLink[];
}

export function BrowsePage({
  origin,
  title,
  canonical,
  intro,
  basis,
  crumbs,
  children,
  childHeading,
  guides,
}: BrowsePageProps) {
  return (
    <Layout
      origin={origin}
      title={`${title} error codes | Errata`}
      description={`Error codes and fixes for ${title}.`}
      canonical={canonical}
    >
      {crumbs.length > 0 && (
        <nav class="crumbs" aria-label="Breadcrumb">
          <ol>
            {crumbs.map((c) => (
              <li>
                <Link href={c.url}>{c.name}</Link>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <h1>{title}</h1>
      {intro && <p class="lead">{intro}</p>}
      {children && children.length > 0 && <BrowseList heading={childHeading ?? 'Browse'} nodes={children} />}
      <section aria-labelledby="guides">
        <h2 id="guides">{basis ? 'Guides, most common first' : 'Guides'}</h2>
        <GuideList guides={guides} />
        {basis && <p class="hint">How this order was chosen: {basis}</p>}
      </section>
    </Layout>
  );
}

export interface NotFoundProps {
  origin: string;
  query?: string;
  message: string;
  suggestions: readonly GuideLink[];
  /** For a code Errata read but has nothing for: its family's general guide. */
  guidance?: Guidance;
}

export function NotFoundPage({ origin, query, message, suggestions, guidance }: NotFoundProps) {
  return (
    <Layout origin={origin} title="Not found | Errata" description={message} query={query} noindex>
      <h1>{query ? `Nothing found for “${query}”` : 'Page not found'}</h1>
      <p>{message}</p>
      <ul class="tips">
        <li>Check the code for typing mistakes: 0 (zero) and O look alike, as do 1 and l.</li>
        <li>Paste the whole message: Errata finds codes inside text.</li>
        <li>Hex codes work with or without 0x, and as decimal numbers.</li>
      </ul>
      {guidance && <FamilyGuidance guidance={guidance} />}
      {suggestions.length > 0 && (
        <section aria-labelledby="suggestions">
          <h2 id="suggestions">{query ? 'Guides for similar codes' : 'Perhaps you were looking for'}</h2>
          <GuideList guides={suggestions} />
        </section>
      )}
    </Layout>
  );
}

export function ErrorPage({ origin, status, message }: { origin: string; status: number; message: string }) {
  return (
    <Layout origin={origin} title={`Error ${status} | Errata`} description={message} noindex>
      <h1>
        {status >= 500
          ? 'Something went wrong'
          : status === 410
            ? 'No longer available'
            : 'That did not work'}
      </h1>
      <p>{message}</p>
      <p>
        <Link href="/">Back to the home page</Link>
      </p>
    </Layout>
  );
}
