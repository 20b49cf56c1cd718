import { FamilyGuideNotice } from './family-guidance.tsx';
import { inlineMarkdown, plainText } from '../../guides/markdown.ts';
import {
  SAFE_TO_USE_MEANING,
  SEVERITY_MEANING,
  guideUrl,
  isFamilyGuide,
  slugify,
  stepKind,
  type Guide,
} from '../../guides/schema.ts';
import { evidenceLine, type StepStats } from '../../feedback/stats.ts';
import { VerdictForm } from './feedback.tsx';
import { RelatedCodes, type RelatedLink } from './related.tsx';
import { Layout } from './layout.tsx';
import { Link, useLinks } from '../links.tsx';
import { actionBesideCommands } from '../../guides/step-text.ts';

function Md({ text, as: Tag = 'span' }: { text: string; as?: 'span' | 'p' | 'div' }) {
  return <Tag dangerouslySetInnerHTML={{ __html: inlineMarkdown(text) }} />;
}

const AUDIENCE_LABEL = {
  everyone: 'Anyone can do this',
  'it-pro': 'For IT staff',
  technician: 'For a technician',
} as const;
const CONFIDENCE_LABEL = {
  high: 'High: the vendor documents this meaning and fix.',
  medium: 'Medium: the meaning is documented; fixes come from established practice.',
  low: 'Low: not yet checked against authoritative sources.',
} as const;

/** The catalog's name for the guide's code: the check that the guide talks about the right thing. */
export interface OfficialName {
  symbol: string;
  code: string;
  family: string;
  url: string;
  relation: string;
}

export interface GuidePageProps {
  origin: string;
  guide: Guide;
  /** The answer token and per-step evidence, on public pages (not in previews). */
  readers?: { token: string; stats: readonly StepStats[] };
  /** An editor's preview: a banner that says so, with the way back to the editor. */
  preview?: { backHref: string };
  related: readonly RelatedLink[];
  official?: readonly OfficialName[];
}

function OfficialNames({ names }: { names: readonly OfficialName[] }) {
  if (names.length === 0) {
    return <p class="official">No reference catalog of Errata has this code.</p>;
  }
  return (
    <p class="official">
      Official name{names.length > 1 ? 's' : ''}:{' '}
      {names.map((n, i) => (
        <>
          {i > 0 && (n.relation === 'win32-in-hresult' ? ', wrapping ' : ' · ')}
          <Link href={n.url}>
            <code>{n.symbol}</code>
          </Link>
          {n.relation === 'win32-in-hresult' && ` (Win32 error ${n.code})`}
        </>
      ))}
    </p>
  );
}

/** Structured data for search engines: the FAQ and the fix as a how-to. */
export function guideJsonLd(origin: string, guide: Guide): object[] {
  const url = `${origin}${guideUrl(guide)}`;
  const blocks: object[] = [
    {
      '@context': 'https://schema.org',
      '@type': 'HowTo',
      name: `How to fix ${plainText(guide.title)}`,
      description: plainText(guide.summary),
      url,
      dateModified: guide.reviewed,
      step: guide.steps.map((step, i) => ({
        '@type': 'HowToStep',
        position: i + 1,
        name: plainText(step.action),
        text: `${plainText(step.action)} ${plainText(step.why)}`,
        url: `${url}#step-${i + 1}`,
      })),
    },
  ];
  if (guide.faq.length > 0) {
    blocks.push({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      mainEntity: guide.faq.map((f) => ({
        '@type': 'Question',
        name: plainText(f.question),
        acceptedAnswer: { '@type': 'Answer', text: plainText(f.answer) },
      })),
    });
  }
  return blocks;
}

export function GuidePage({ origin, guide, related, official, readers, preview }: GuidePageProps) {
  const category = slugify(guide.category);
  const brand = slugify(guide.brand);
  const product = slugify(guide.product);
  const links = useLinks();
  return (
    <Layout
      origin={origin}
      title={`${plainText(guide.title)} | Errata`}
      description={plainText(guide.summary).slice(0, 200)}
      canonical={guideUrl(guide)}
      jsonLd={guideJsonLd(origin, guide)}
    >
      {preview && (
        <p class="notice preview-banner" role="note">
          <strong>Preview</strong>: this text has not been published.{' '}
          <a href={preview.backHref}>Back to the editor</a>
        </p>
      )}
      <nav class="crumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link href={`/${category}`}>{guide.category}</Link>
          </li>
          <li>
            <Link href={`/${category}/${brand}`}>{guide.brand}</Link>
          </li>
          <li>
            <Link href={`/${category}/${brand}/${product}`}>{guide.product}</Link>
          </li>
        </ol>
      </nav>
      <article class="guide">
        <header>
          <p class="code">
            <code>{guide.code}</code>
            <span class="product">
              {guide.brand} {guide.product}
            </span>
          </p>
          <h1>{plainText(guide.title)}</h1>
          {official && guide.kind !== 'family' && <OfficialNames names={official} />}
          <dl class="facts">
            <div class={`severity severity-${guide.severity}`}>
              <dt>Severity</dt>
              <dd>
                <strong>{guide.severity}</strong> — {SEVERITY_MEANING[guide.severity]}
              </dd>
            </div>
            <div class={`safe safe-${guide.safeToUse}`}>
              <dt>Safe to keep using?</dt>
              <dd>{SAFE_TO_USE_MEANING[guide.safeToUse]}</dd>
            </div>
          </dl>
          {isFamilyGuide(guide) && <FamilyGuideNotice code={guide.code} />}
          {guide.status !== 'published' && !preview && (
            <p class="notice" role="note">
              This guide is a <strong>{guide.status}</strong> and has not been published.
            </p>
          )}
        </header>

        <section aria-labelledby="meaning">
          <h2 id="meaning">What does this error mean?</h2>
          <Md as="p" text={guide.summary} />
        </section>

        {guide.affected.length > 0 && (
          <section aria-labelledby="affected">
            <h2 id="affected">Affected models and versions</h2>
            <ul>
              {guide.affected.map((a) => (
                <li>
                  <Md text={a} />
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="causes">
          <h2 id="causes">Common causes</h2>
          <p class="hint">Most common first.</p>
          <ol>
            {guide.causes.map((c) => (
              <li>
                <Md text={c} />
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="fix">
          <h2 id="fix">How to fix it</h2>
          {guide.status === 'published' && (
            <p>
              <Link class="button" href={`${guideUrl(guide)}/fix/1`}>
                Fix it step by step
              </Link>
            </p>
          )}
          <ol class="steps">
            {guide.steps.map((step, i) => (
              <li id={`step-${i + 1}`}>
                <Md as="p" text={actionBesideCommands(step.action, step.commands)} />
                {step.commands && step.commands.length > 0 && (
                  <pre class="commands" tabIndex={0} aria-label={`Commands for step ${i + 1}`}>
                    <code>{step.commands.join('\n')}</code>
                  </pre>
                )}
                <p class="why">
                  <strong>Why: </strong>
                  <Md text={step.why} />
                </p>
                {step.audience && <p class="audience">{AUDIENCE_LABEL[step.audience]}</p>}
                {stepKind(step) === 'fix' && readers?.stats[i] && evidenceLine(readers.stats[i]) && (
                  <p class="evidence">{evidenceLine(readers.stats[i])}</p>
                )}
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="pro" class="pro">
          <h2 id="pro">When to call a professional</h2>
          <Md as="p" text={guide.callAPro} />
        </section>

        {guide.faq.length > 0 && (
          <section aria-labelledby="faq">
            <h2 id="faq">Frequently asked questions</h2>
            {guide.faq.map((f) => (
              <details>
                <summary>
                  <Md text={f.question} />
                </summary>
                <Md as="p" text={f.answer} />
              </details>
            ))}
          </section>
        )}

        <RelatedCodes related={related} />

        {readers && links.posts && <VerdictForm guide={guide} token={readers.token} />}

        <section aria-labelledby="sources" class="sources">
          <h2 id="sources">Sources</h2>
          <ul>
            {guide.sources.map((s) => (
              <li>
                <a href={s.url} rel="noopener nofollow">
                  {s.title}
                </a>{' '}
                — {s.publisher}
              </li>
            ))}
          </ul>
          <p>
            <strong>Confidence:</strong> {CONFIDENCE_LABEL[guide.confidence]}
            <br />
            <strong>Last reviewed:</strong> <time dateTime={guide.reviewed}>{guide.reviewed}</time>
          </p>
          <p>
            <Link href={`/guides/${guide.id}/report`}>Report a problem with this guide</Link>
          </p>
        </section>
      </article>
    </Layout>
  );
}
