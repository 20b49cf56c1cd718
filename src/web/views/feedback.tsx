import { inlineMarkdown, plainText } from '../../guides/markdown.ts';
import { guideUrl, stepKind, type Guide } from '../../guides/schema.ts';
import { RelatedCodes, type RelatedLink } from './related.tsx';
import { Layout } from './layout.tsx';
import { NO_REASONS, type StepStats } from '../../feedback/stats.ts';
import { evidenceLine } from '../../feedback/stats.ts';
import { stepTitle } from '../../feedback/step-title.ts';
import { titleBesideCode } from '../../codes/list-title.ts';
import { actionBesideCommands } from '../../guides/step-text.ts';

// Each reads after "No, because…", so the question and the answer make one sentence.
const REASON_LABEL: Record<(typeof NO_REASONS)[number], string> = {
  'wrong-code': 'it was about a different problem',
  'did-not-work': 'the steps did not work',
  'hard-to-follow': 'it was hard to follow',
  'out-of-date': 'it looks out of date',
  other: 'of something else',
};

function Md({ text, as: Tag = 'span' }: { text: string; as?: 'span' | 'p' }) {
  return <Tag dangerouslySetInnerHTML={{ __html: inlineMarkdown(text) }} />;
}

/**
 * "Did this page help?": "Yes, it helped", or "no, because [reason]" — the question and either answer
 * read as one sentence. A POST with the page's token.
 */
export function VerdictForm({ guide, token }: { guide: Guide; token: string }) {
  return (
    <section aria-labelledby="verdict" class="verdict">
      <h2 id="verdict">Did this page help?</h2>
      <form method="post" action="/feedback" class="fix-form">
        <input type="hidden" name="guideId" value={guide.id} />
        <input type="hidden" name="token" value={token} />
        <button type="submit" name="verdict" value="yes">
          Yes, it helped
        </button>
        <label for={`reason-${guide.id}`}>or no, because</label>
        <select id={`reason-${guide.id}`} name="reason">
          {NO_REASONS.map((r) => (
            <option value={r}>{REASON_LABEL[r]}</option>
          ))}
        </select>
        <button type="submit" name="verdict" value="no">
          Send “no”
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
  // "Fixed it" rates say nothing of a check step.
  const evidence = stats && stepKind(step) === 'fix' && evidenceLine(stats);
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
            <code>{guide.code}</code> {titleBesideCode(guide.code, plainText(guide.title))}
          </a>
        </p>
        <p class="progress-label" aria-live="polite">
          Step {index + 1} of {total}
        </p>
        <progress max={total} value={index + 1} aria-label={`Step ${index + 1} of ${total}`} />
        <h1 tabIndex={-1}>{stepTitle(step.action)}</h1>
        <p class="step-action">
          <Md text={actionBesideCommands(step.action, step.commands)} />
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
          {stepKind(step) === 'check' ? (
            <>
              <p class="question">Done? What it showed tells you which step comes next.</p>
              <button type="submit" name="outcome" value="next">
                Done — on to the next step
              </button>
              <button type="submit" name="outcome" value="cant" class="secondary">
                I can't do this check
              </button>
            </>
          ) : (
            <>
              <p class="question">Did this step fix it?</p>
              <button type="submit" name="outcome" value="fixed">
                Yes, this fixed it
              </button>
              <button type="submit" name="outcome" value="next">
                Didn't help — next step
              </button>
              <button type="submit" name="outcome" value="cant" class="secondary">
                I can't do this step
              </button>
            </>
          )}
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
            <code>{guide.code}</code> {titleBesideCode(guide.code, plainText(guide.title))}
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
