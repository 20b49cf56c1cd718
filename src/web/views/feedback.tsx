import { inlineMarkdown, plainText } from '../../guides/markdown.ts';
import { guideUrl, type Guide } from '../../guides/schema.ts';
import { RelatedCodes, type RelatedLink } from './related.tsx';
import { Layout } from './layout.tsx';
import { NO_REASONS, type StepStats } from '../../feedback/stats.ts';
import { evidenceLine } from '../../feedback/stats.ts';
import { stepTitle } from '../../feedback/step-title.ts';

const REASON_LABEL: Record<(typeof NO_REASONS)[number], string> = {
  'wrong-code': 'It was about a different problem',
  'did-not-work': 'The steps did not work',
  'hard-to-follow': 'It was hard to follow',
  'out-of-date': 'It looks out of date',
  other: 'Something else',
};

function Md({ text, as: Tag = 'span' }: { text: string; as?: 'span' | 'p' }) {
  return <Tag dangerouslySetInnerHTML={{ __html: inlineMarkdown(text) }} />;
}

/** "Did this page help?": yes, or no with a reason from a short list. A POST with the page's token. */
export function VerdictForm({ guide, token }: { guide: Guide; token: string }) {
  return (
    <section aria-labelledby="verdict" class="verdict">
      <h2 id="verdict">Did this page help?</h2>
      <form method="post" action="/feedback" class="fix-form">
        <input type="hidden" name="guideId" value={guide.id} />
        <input type="hidden" name="token" value={token} />
        <button type="submit" name="verdict" value="yes">
          Yes
        </button>
        <label for={`reason-${guide.id}`}>If not, why?</label>
        <select id={`reason-${guide.id}`} name="reason">
          {NO_REASONS.map((r) => (
            <option value={r}>{REASON_LABEL[r]}</option>
          ))}
        </select>
        <button type="submit" name="verdict" value="no">
          No
        </button>
      </form>
    </section>
  );
}

export function fixUrl(guide: Guide, step?: number | 'done'): string {
  return `${guideUrl(guide)}/fix${step === undefined ? '' : `/${step}`}`;
}

export function GuidedStepPage({
  origin,
  guide,
  index,
  stats,
  token,
}: {
  origin: string;
  guide: Guide;
  index: number;
  stats?: StepStats;
  token: string;
}) {
  const step = guide.steps[index]!;
  const total = guide.steps.length;
  const evidence = stats && evidenceLine(stats);
  return (
    <Layout
      origin={origin}
      title={`Step ${index + 1} of ${total}: ${plainText(guide.title)} | Errata`}
      description={plainText(step.action).slice(0, 200)}
      canonical={fixUrl(guide, index + 1)}
      noindex
    >
      <div class="guided" data-guided>
        <p class="crumbs">
          <a href={guideUrl(guide)}>
            <code>{guide.code}</code> {plainText(guide.title)}
          </a>
        </p>
        <p class="progress-label" aria-live="polite">
          Step {index + 1} of {total}
        </p>
        <progress max={total} value={index + 1} aria-label={`Step ${index + 1} of ${total}`} />
        <h1 tabIndex={-1}>{stepTitle(step.action)}</h1>
        <p class="step-action">
          <Md text={step.action} />
        </p>
        {step.commands && step.commands.length > 0 && (
          <pre class="commands" tabIndex={0} aria-label="Commands for this step">
            <code>{step.commands.join('\n')}</code>
          </pre>
        )}
        <p class="why">
          <strong>Why: </strong>
          <Md text={step.why} />
        </p>
        {evidence && <p class="evidence">{evidence}</p>}
        <form method="post" action="/feedback" class="fix-form answers">
          <input type="hidden" name="guideId" value={guide.id} />
          <input type="hidden" name="stepId" value={step.id ?? `s${index + 1}`} />
          <input type="hidden" name="token" value={token} />
          <button type="submit" name="outcome" value="fixed">
            This fixed it
          </button>
          <button type="submit" name="outcome" value="next">
            Didn't help — next step
          </button>
          <button type="submit" name="outcome" value="cant" class="secondary">
            I can't do this step
          </button>
        </form>
        <nav class="pager" aria-label="Steps">
          {index > 0 && <a href={fixUrl(guide, index)}>Previous step</a>}
          <a href={guideUrl(guide)}>See the whole guide</a>
        </nav>
      </div>
    </Layout>
  );
}

export function GuidedDonePage({
  origin,
  guide,
  fixed,
  related,
  token,
}: {
  origin: string;
  guide: Guide;
  fixed: boolean;
  related: readonly RelatedLink[];
  token: string;
}) {
  return (
    <Layout
      origin={origin}
      title={`${fixed ? 'Fixed' : 'Next'}: ${plainText(guide.title)} | Errata`}
      description=""
      noindex
    >
      <div class="guided" data-guided>
        <p class="crumbs">
          <a href={guideUrl(guide)}>
            <code>{guide.code}</code> {plainText(guide.title)}
          </a>
        </p>
        {fixed ? (
          <h1 tabIndex={-1}>Glad that fixed it</h1>
        ) : (
          <>
            <h1 tabIndex={-1}>You have tried every step</h1>
            <section aria-labelledby="pro" class="pro">
              <h2 id="pro">When to call a professional</h2>
              <Md as="p" text={guide.callAPro} />
            </section>
            <RelatedCodes related={related} />
          </>
        )}
        <VerdictForm guide={guide} token={token} />
        <p>
          <a href={guideUrl(guide)}>Back to the guide</a>
        </p>
      </div>
    </Layout>
  );
}

export function ThanksPage({ origin, guide }: { origin: string; guide: Guide }) {
  return (
    <Layout origin={origin} title="Thank you | Errata" description="" noindex>
      <h1>Thank you</h1>
      <p>Your answer helps the next person with this code.</p>
      <p>
        <a href={guideUrl(guide)}>Back to the guide</a>
      </p>
    </Layout>
  );
}

export function StatsTable({ steps, order }: { steps: readonly StepStats[]; order: readonly string[] }) {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return (
    <>
      <table class="admin-table">
        <caption>What readers answered in the guided mode, per step</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Answers</th>
            <th scope="col">Fixed it</th>
            <th scope="col">95% interval (Wilson)</th>
            <th scope="col">Could not do it</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr>
              <td data-label="Step">
                {s.index + 1}. {plainText(s.action).slice(0, 80)}
              </td>
              <td data-label="Answers">{s.total}</td>
              <td data-label="Fixed it">{s.total ? pct(s.successRate) : '—'}</td>
              <td data-label="95% interval (Wilson)">
                {s.total ? `${pct(s.wilson95[0])} – ${pct(s.wilson95[1])}` : '—'}
              </td>
              <td data-label="Could not do it">{s.total ? pct(s.gaveUp) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Order the evidence suggests (by the lower end of the interval; never applied automatically):{' '}
        {order.map((id) => steps.findIndex((s) => s.stepId === id) + 1).join(', ')}
      </p>
    </>
  );
}
