import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { GetForm, Link, LinksProvider, useLinks, type LinkPolicy } from '../links.tsx';

export interface LayoutProps {
  /** Public origin for absolute URLs, e.g. https://errata.example. */
  origin: string;
  title: string;
  description: string;
  /** Path of this page's canonical URL, e.g. /operating-systems/microsoft/windows-update/0x80244007. */
  canonical?: string;
  query?: string;
  jsonLd?: readonly object[];
  noindex?: boolean;
  /** The home page has its own, larger search box: one is enough. */
  hideTopSearch?: boolean;
  /** Admin pages: their own stylesheet and script, so public pages never load them. */
  admin?: boolean;
  children: ComponentChildren;
}

/** JSON for a <script type="application/ld+json"> block: "<" escaped so text can never close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function SearchForm({ query, id }: { query?: string; id: string }) {
  return (
    <GetForm class="search" action="/lookup" method="get" role="search">
      <label for={id} class="visually-hidden">
        Error code, name or message
      </label>
      <input
        id={id}
        name="q"
        type="search"
        value={query ?? ''}
        maxLength={8192}
        // Short enough to show whole in a 320 px wide phone screen.
        placeholder="e.g. 0x80244007"
        autocomplete="off"
        spellcheck={false}
        enterkeyhint="search"
      />
      <button type="submit">Look up</button>
    </GetForm>
  );
}

export function Layout({
  origin,
  title,
  description,
  canonical,
  query,
  jsonLd,
  noindex,
  hideTopSearch,
  admin,
  children,
}: LayoutProps) {
  const absolute = canonical && `${origin}${canonical}`;
  const links = useLinks();
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <meta name="color-scheme" content="light dark" />
        {noindex && <meta name="robots" content="noindex" />}
        {absolute && <link rel="canonical" href={absolute} />}
        <meta property="og:type" content="article" />
        <meta property="og:site_name" content="Errata" />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        {absolute && <meta property="og:url" content={absolute} />}
        <link rel="stylesheet" href={links.href('/assets/site.css')!} />
        <link rel="icon" href={links.href('/assets/favicon.svg')!} type="image/svg+xml" />
        <script src={links.href('/assets/site.js')!} defer />
        {admin && <link rel="stylesheet" href={links.href('/assets/admin.css')!} />}
        {admin && <script src={links.href('/assets/admin.js')!} defer />}
        {jsonLd?.map((block) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(block) }} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <Link class="brand" href="/">
            Errata
          </Link>
          {!hideTopSearch && <SearchForm query={query} id="q-top" />}
        </header>
        <main id="main">{children}</main>
        <footer class="bottom">
          <p>
            Errata is an open error-code knowledge base. Every guide cites its sources; check them before you
            act on anything risky.
          </p>
          <nav aria-label="Site">
            <Link href="/">Home</Link> · <Link href="/browse">Browse</Link> ·{' '}
            <Link href="/api/v1/openapi.json">API</Link>
          </nav>
        </footer>
      </body>
    </html>
  );
}

/** The page's HTML; `links` when its internal links are not the server's (the static export). */
export function renderDocument(node: preact.VNode, links?: LinkPolicy): string {
  return `<!doctype html>${renderToString(links ? <LinksProvider links={links}>{node}</LinksProvider> : node)}`;
}
