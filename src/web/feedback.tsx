import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';
import { AppError } from '../base/errors.ts';
import { guideUrl, stepIds, type Guide } from '../guides/schema.ts';
import type { Db } from '../store/db.ts';
import { answerToken, answerTotals, validAnswerToken } from '../feedback/repository.ts';
import { FeedbackWriter } from '../feedback/writer.ts';
import type { PublishedGuides } from '../guides/published.ts';
import { renderDocument } from './views/layout.tsx';
import {
  MIN_ANSWERS,
  NO_REASONS,
  publicStepStats,
  PAGE_VERDICTS,
  STEP_OUTCOMES,
  stepStats,
  suggestedOrder,
  type StepStats,
} from '../feedback/stats.ts';
import { fixUrl, GuidedDonePage, GuidedStepPage, ThanksPage } from './views/feedback.tsx';

export interface GuideStats {
  guideId: string;
  steps: StepStats[];
  suggestedOrder: string[];
  page: { yes: number; no: number; reasons: Record<string, number> };
}

/** Every step's numbers and the page verdicts for one guide. */
export async function guideStats(db: Db, guide: Pick<Guide, 'id' | 'steps'>): Promise<GuideStats> {
  const totals = await answerTotals(db, guide.id);
  const ids = stepIds(guide);
  const steps = guide.steps.map((s, i) => stepStats(i, ids[i]!, s.action, totals.get(ids[i]!) ?? {}));
  const page = totals.get('') ?? {};
  const reasons: Record<string, number> = {};
  let no = 0;
  for (const [outcome, n] of Object.entries(page)) {
    if (outcome.startsWith('no')) {
      no += n;
      const reason = outcome.split(':')[1];
      if (reason) reasons[reason] = (reasons[reason] ?? 0) + n;
    }
  }
  return {
    guideId: guide.id,
    steps,
    suggestedOrder: suggestedOrder(steps),
    page: { yes: page.yes ?? 0, no, reasons },
  };
}

const answerSchema = z
  .object({
    guideId: z.string().min(1).max(120),
    token: z.string().min(1).max(100),
    stepId: z.string().max(40).optional(),
    outcome: z.enum(STEP_OUTCOMES).optional(),
    verdict: z.enum(PAGE_VERDICTS).optional(),
    reason: z.enum(NO_REASONS).optional(),
  })
  .refine((a) => (a.stepId && a.outcome) || a.verdict, {
    message: 'give a step and an outcome, or a verdict',
  });

/**
 * A post another site made the browser send: Sec-Fetch-Site says so, or the Origin is neither the
 * public origin nor this request's own. Requests without either header (old browsers, scripts) pass.
 */
export function crossSite(request: FastifyRequest, origin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const from = request.headers.origin;
  if (from === undefined) return false;
  return from !== origin && from !== `${request.protocol}://${request.host}`;
}

export interface FeedbackOptions {
  db: Db;
  origin: string;
  secret: string;
  /** The read model of published content: guides are read from memory, never the database. */
  published: PublishedGuides;
  /** Answers one address may send per minute. */
  answersPerMinute?: number;
}

/**
 * The guided fix mode (one step per server-rendered URL, progress in the URL) and readers' answers:
 * per-step outcomes and "did this page help?". Answers are POSTs carrying the page's token, so bots
 * and link prefetchers never count, and one address moves a step by at most 3 per day.
 */
export async function feedbackPlugin(
  app: FastifyInstance,
  { db, origin, secret, published, answersPerMinute = 60 }: FeedbackOptions,
): Promise<void> {
  await app.register(formbody, {
    parser: (body) => parseQuery(body) as Record<string, string>,
    bodyLimit: 10_000,
  });
  await app.register(rateLimit, { global: false });
  const HTML = 'text/html; charset=utf-8';
  const writer = new FeedbackWriter(db, undefined, undefined, {
    onError: (err, { pending, dropped }) =>
      app.log.error({ err, pending, dropped }, 'readers answers not written yet; kept for a retry'),
  });
  app.addHook('onClose', () => writer.close());
  const publishedGuide = (id: string) => published.byId(id)?.guide;
  const token = (guide: Guide) => answerToken(secret, guide.id);

  const guideAt = async (params: { a: string; b: string; c: string; d: string }) => {
    const path = { category: params.a, brand: params.b, product: params.c, code: params.d };
    const stored = published.byPath(path);
    if (!stored && published.withdrawn(path)) throw new AppError('GUIDE_GONE');
    if (!stored) throw new AppError('GUIDE_NOT_FOUND', 'There is no guide at this address.');
    return stored.guide;
  };

  app.get<{ Params: { a: string; b: string; c: string; d: string } }>(
    '/:a/:b/:c/:d/fix',
    async (request, reply) => reply.redirect(fixUrl(await guideAt(request.params), 1), 302),
  );

  app.get<{
    Params: { a: string; b: string; c: string; d: string; n: string };
    Querystring: { fixed?: string };
  }>('/:a/:b/:c/:d/fix/:n', async (request, reply) => {
    const guide = await guideAt(request.params);
    reply.type(HTML).header('cache-control', 'no-store');
    if (request.params.n === 'done') {
      const related = published.related(guide).map(({ guide: r }) => ({
        code: r.code,
        title: r.title,
        url: guideUrl(r),
      }));
      return reply.send(
        renderDocument(
          <GuidedDonePage
            origin={origin}
            guide={guide}
            fixed={request.query.fixed !== undefined}
            related={related}
            token={token(guide)}
          />,
        ),
      );
    }
    const index = Number(request.params.n) - 1;
    if (!Number.isInteger(index) || index < 0 || index >= guide.steps.length) {
      throw new AppError('NOT_FOUND', `This guide has steps 1 to ${guide.steps.length}.`);
    }
    await writer.flush();
    const stats = (await guideStats(db, guide)).steps[index];
    return reply.send(
      renderDocument(
        <GuidedStepPage origin={origin} guide={guide} index={index} stats={stats} token={token(guide)} />,
      ),
    );
  });

  /** Where the guided mode goes after an answer. */
  const nextUrl = (guide: Guide, stepId: string | undefined, outcome: string | undefined) => {
    if (!stepId) return undefined;
    const index = stepIds(guide).indexOf(stepId);
    if (outcome === 'fixed') return `${fixUrl(guide, 'done')}?fixed=${encodeURIComponent(stepId)}`;
    return index + 1 < guide.steps.length ? fixUrl(guide, index + 2) : fixUrl(guide, 'done');
  };

  const answer = async (request: FastifyRequest, body: unknown) => {
    if (crossSite(request, origin)) {
      throw new AppError('CSRF', "Answers are accepted only from Errata's own pages.");
    }
    const parsed = answerSchema.safeParse(body);
    if (!parsed.success) throw new AppError('INVALID_REQUEST', parsed.error.issues[0]?.message);
    const a = parsed.data;
    if (!validAnswerToken(secret, a.guideId, a.token)) {
      throw new AppError('CSRF', 'This page is too old to answer from: reload it and answer again.');
    }
    const guide = publishedGuide(a.guideId);
    if (!guide) throw new AppError('GUIDE_NOT_FOUND');
    if (a.stepId && !stepIds(guide).includes(a.stepId))
      throw new AppError('INVALID_REQUEST', 'This guide has no such step.');
    const stepId = a.verdict ? '' : a.stepId!;
    const outcome = a.verdict ? (a.verdict === 'no' && a.reason ? `no:${a.reason}` : a.verdict) : a.outcome!;
    // The address alone: headers and cookies are the sender's to change at will.
    const counted = await writer.add({ guideId: guide.id, stepId, outcome, fingerprint: request.ip });
    return { guide, counted, next: a.verdict ? undefined : nextUrl(guide, a.stepId, a.outcome) };
  };

  const limit = { config: { rateLimit: { max: answersPerMinute, timeWindow: '1 minute' } } };

  // The form post of pages without JavaScript: answer, then the next step.
  app.post<{ Body: Record<string, string> }>('/feedback', limit, async (request, reply: FastifyReply) => {
    const result = await answer(request, request.body);
    if (result.next) return reply.redirect(result.next, 303);
    return reply.type(HTML).send(renderDocument(<ThanksPage origin={origin} guide={result.guide} />));
  });

  app.post('/api/v1/feedback', limit, async (request) => {
    const result = await answer(request, request.body);
    return { counted: result.counted, ...(result.next ? { next: result.next } : {}) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/guides/:id/stats', async (request) => {
    await writer.flush();
    const stored = published.byId(request.params.id);
    if (!stored)
      throw new AppError('GUIDE_NOT_FOUND', `No published guide has the id "${request.params.id}".`);
    // Small counts stay with editors: a few answers say little and could tell who answered.
    const stats = await guideStats(db, stored.guide);
    const verdicts = stats.page.yes + stats.page.no;
    return {
      guideId: stats.guideId,
      minimumAnswers: MIN_ANSWERS,
      steps: stats.steps.map(publicStepStats),
      page: verdicts >= MIN_ANSWERS ? { shown: true, ...stats.page } : { shown: false },
    };
  });
}
