import { plainText } from '../../guides/markdown.ts';
import type { Match, UnknownCode } from '../../lookup/matches.ts';
import type { SearchHit } from '../../search/engine.ts';
import { Layout } from './layout.tsx';
import { GuideList, type GuideLink } from './pages.tsx';
import { DecodingPanel } from './reference.tsx';
import { titleBesideCode } from '../../codes/list-title.ts';

const searchHref = (text: string) => `/search?q=${encodeURIComponent(text)}`;

/** Short form of pasted text for titles: its first line, at most 80 characters. */
export function shortQuery(query: string): string {
  const line = query.split('\n', 1)[0]!.trim();
  return line.length > 80 || line.length < query.trim().length ? `${line.slice(0, 80)}…` : line;
}

function MatchItem({ m }: { m: Match }) {
  const label = titleBesideCode(m.code, m.kind === 'guide' ? plainText(m.title) : m.symbol, m.title);
  return (
    <li>
      <a href={m.url}>
        <code>{m.code}</code> <span>{label}</span>
      </a>
      <span class="meta">
        {m.kind === 'guide'
          ? `Guide · ${m.brand} ${m.product}`
          : label === m.title
            ? 'Reference'
            : `Reference · ${m.title}`}
        {m.familyName && ` · ${m.familyName}`} · read as {m.reading}
        {m.why && (
          <>
            <br />
            Why listed: {m.why}
          </>
        )}
      </span>
    </li>
  );
}

export function ChoicePage({
  origin,
  query,
  matches,
  others = [],
}: {
  origin: string;
  query: string;
  matches: readonly Match[];
  others?: readonly Match[];
}) {
  const short = shortQuery(query);
  return (
    <Layout
      origin={origin}
      title={`${short} — several matches | Errata`}
      description={`"${short}" can mean several things.`}
      query={query}
      noindex
    >
      <h1>“{short}” can mean several things</h1>
      <p>Pick the one that matches where you saw it. The most likely comes first.</p>
      <ul class="results">
        {matches.map((m) => (
          <MatchItem m={m} />
        ))}
      </ul>
      {others.length > 0 && (
        <section aria-labelledby="others">
          <h2 id="others">Other codes</h2>
          <p>These are different codes, listed in case you meant one of them.</p>
          <ul class="results">
            {others.map((m) => (
              <MatchItem m={m} />
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

export interface LookupNotFoundProps {
  origin: string;
  query: string;
  unknown?: UnknownCode;
  others: readonly Match[];
  /** What search was asked, and what it found. */
  searchText: string;
  searchResults: readonly SearchHit[];
  nearGuides?: readonly GuideLink[];
}

/** Lookup found no answer: what can be said about the code, then other codes and pages, labelled. */
export function LookupNotFoundPage({
  origin,
  query,
  unknown,
  others,
  searchText,
  searchResults,
  nearGuides = [],
}: LookupNotFoundProps) {
  const short = shortQuery(query);
  const message = unknown
    ? `Errata has no guide and no catalog entry for ${unknown.code}. It is not a code Errata knows, so it shows what can be read from the code itself instead of a different code.`
    : 'Errata could not find a code it knows in what you typed.';
  return (
    <Layout origin={origin} title="Not found | Errata" description={message} query={query} noindex>
      <h1>{unknown ? `${unknown.code}: not in Errata’s catalogs` : `Nothing found for “${short}”`}</h1>
      <p>{message}</p>
      {unknown && (
        <section aria-labelledby="what-is-known">
          <h2 id="what-is-known">What can be said about {unknown.code}</h2>
          <p>
            Read as {unknown.reading}.{unknown.family && ` Most likely family: ${unknown.familyName}.`}
          </p>
          {unknown.guidance && (
            <p>
              General help for this family: <a href={unknown.guidance.url}>{unknown.guidance.title}</a>
            </p>
          )}
          {unknown.decoded && <DecodingPanel decoding={unknown.decoded} />}
        </section>
      )}
      <p>
        <a href={searchHref(searchText)}>Search Errata for “{shortQuery(searchText)}”</a>
      </p>
      <ul class="tips">
        <li>Check the code for typing mistakes: 0 (zero) and O look alike, as do 1 and l.</li>
        <li>Paste the whole message: Errata finds codes inside text.</li>
        <li>Hex codes work with or without 0x, and as decimal numbers.</li>
      </ul>
      {nearGuides.length > 0 && (
        <section aria-labelledby="near-guides">
          <h2 id="near-guides">Guides for nearby codes (not this code)</h2>
          <GuideList guides={nearGuides} />
        </section>
      )}
      {others.length > 0 && (
        <section aria-labelledby="others">
          <h2 id="others">Other codes (not the one you gave)</h2>
          <ul class="results">
            {others.map((m) => (
              <MatchItem m={m} />
            ))}
          </ul>
        </section>
      )}
      {searchResults.length > 0 && (
        <section aria-labelledby="search-results">
          <h2 id="search-results">
            Search results for “{shortQuery(searchText)}” (other pages, not an answer)
          </h2>
          <ul class="results">
            {searchResults.map((r) => (
              <li>
                <a href={r.url}>
                  <code>{r.code}</code> <span>{titleBesideCode(r.code, plainText(r.title))}</span>
                </a>
                <span class="meta">{r.kind === 'guide' ? 'Guide' : 'Reference'} · found by search</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
