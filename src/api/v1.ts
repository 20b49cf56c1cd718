import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, MAX_LOOKUP_LENGTH, MAX_QUERY_LENGTH } from '../base/errors.ts';
import { guideSchema } from '../guides/schema.ts';
import { decodeQuery } from '../lookup/decode.ts';
import { unguidedTargets } from '../lookup/guidance.ts';
import { decodeJson, lookupJson } from '../lookup/json.ts';
import { lookup } from '../lookup/lookup.ts';
import type { ReferenceCatalog } from '../catalog/reference.ts';
import { FACETS } from '../search/engine.ts';
import type { SearchService } from '../search/service.ts';
import type { PublishedGuides } from '../guides/published.ts';
import type { UnguidedVisitLog } from '../lookup/unguided-visits.ts';
import { errorBodySchema } from '../web/errors.tsx';

export const querySchema = z
  .string()
  .trim()
  .min(1, { error: 'q must not be empty: give a code, a name or a log line' })
  .max(MAX_QUERY_LENGTH, {
    error: (issue) =>
      `q is ${typeof issue.input === 'string' ? issue.input.trim().length : 'too many'} characters long; the limit is ${MAX_QUERY_LENGTH}`,
  });

/** Text given to lookup: a code, a name, or a pasted log excerpt or dialog. */
export const lookupTextSchema = z
  .string()
  .trim()
  .min(1, { error: 'q must not be empty: give a code, a name or a log line' })
  .max(MAX_LOOKUP_LENGTH, {
    error: (issue) =>
      `q is ${typeof issue.input === 'string' ? issue.input.trim().length : 'too many'} characters long; lookup reads up to ${MAX_LOOKUP_LENGTH}`,
  });

export const matchSchema = z.object({
  kind: z.enum(['guide', 'reference']),
  code: z.string(),
  title: z.string(),
  url: z.string(),
  id: z.string().optional(),
  category: z.string().optional(),
  brand: z.string().optional(),
  product: z.string().optional(),
  severity: z.string().optional(),
  symbol: z.string().optional(),
  catalog: z.string().optional(),
  family: z.string().optional(),
  value: z.object({ hex: z.string(), signed: z.number(), unsigned: z.number() }).optional(),
  relation: z.string().optional(),
  reading: z.string(),
  key: z.string().optional().describe('The code this match answers for: num:…, http:…, sym:…, obd:…'),
  familyName: z.string().optional().describe('The family in plain words'),
  why: z.string().optional().describe('Why it is listed'),
  score: z.number().optional(),
  guidance: z
    .object({ title: z.string(), url: z.string() })
    .optional()
    .describe('For a reference entry without a guide of its own: the general guide for its family'),
});

const decodingSchema = z
  .record(z.string(), z.unknown())
  .describe('Bit structure of the first number: forms, hresult, win32, ntMapped, ntstatus');

export const lookupResponseSchema = z.object({
  query: z.string(),
  matches: z.array(matchSchema).describe('Answers about the code asked for, most likely first'),
  clear: z.boolean().optional().describe('Whether the first match is clearly the answer'),
  unknown: z
    .object({
      code: z.string(),
      key: z.string(),
      family: z.string().optional(),
      familyName: z.string(),
      reading: z.string(),
      decoded: decodingSchema.optional(),
      guidance: z.object({ title: z.string(), url: z.string() }).optional(),
    })
    .optional()
    .describe('An exact code no catalog and no guide has: what can be said about it'),
  others: z
    .array(matchSchema)
    .optional()
    .describe('Other codes: near values, names containing the text, other codes in the text'),
  candidates: z
    .array(z.object({ text: z.string(), key: z.string(), score: z.number(), why: z.string() }))
    .optional()
    .describe('Every code candidate found in the text, best first'),
});

const readingSchema = z.object({ scheme: z.string(), text: z.string() }).loose();

export const decodeResponseSchema = lookupResponseSchema.extend({
  readings: z.array(readingSchema),
  decoding: decodingSchema.optional(),
  obd: z.record(z.string(), z.unknown()).optional().describe('Structure of the first OBD-II code'),
});

const facetValue = z.string().trim().min(1).max(100).optional();

export const searchQuerySchema = z.object({
  q: querySchema,
  kind: z.enum(['guide', 'reference']).optional(),
  category: facetValue,
  brand: facetValue,
  product: facetValue,
  severity: z.enum(['minor', 'moderate', 'serious', 'critical']).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const searchResponseSchema = z.object({
  query: z.string(),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  results: z.array(
    z.object({
      kind: z.enum(['guide', 'reference']),
      code: z.string(),
      title: z.string(),
      url: z.string(),
      snippet: z.string().describe('HTML: escaped text, matched words in <mark>'),
      score: z.number(),
      category: z.string(),
      brand: z.string(),
      product: z.string(),
      severity: z.string().optional(),
      symbol: z.string().optional(),
      family: z.string().optional(),
      match: z.enum(['code', 'text']),
    }),
  ),
  facets: z.record(z.enum(FACETS), z.record(z.string(), z.number())),
  didYouMean: z.string().optional(),
});

export interface ApiOptions {
  /** Searches and suggestions one address may ask for per window (the caller registers the limiter). */
  searchLimit: { max: number; timeWindow: string };
  catalog: ReferenceCatalog;
  search: SearchService;
  /** Published guides of the current content version, for lookups. */
  published: PublishedGuides;
  /** Counts lookups that found no guide. */
  visits?: UnguidedVisitLog;
}

export function apiV1(
  app: FastifyInstance,
  { catalog, search, published, visits, searchLimit }: ApiOptions,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/lookup',
    {
      schema: {
        summary: 'Find guides and reference entries for a code, a name or a log line',
        tags: ['lookup'],
        querystring: z.object({ q: lookupTextSchema }),
        response: { 200: lookupResponseSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const result = await lookup(published, catalog, request.query.q);
      for (const t of unguidedTargets(result)) visits?.add(t.family, t.code);
      return lookupJson(result);
    },
  );

  api.get(
    '/api/v1/decode',
    {
      schema: {
        summary: 'Every reading of a value, with the bit structure of numbers and OBD-II codes',
        tags: ['decode'],
        querystring: z.object({ value: querySchema }),
        response: { 200: decodeResponseSchema, 400: errorBodySchema },
      },
    },
    async (request) => decodeJson(await decodeQuery(published, catalog, request.query.value)),
  );

  api.get(
    '/api/v1/search',
    {
      config: { rateLimit: searchLimit },
      schema: {
        summary: 'Search guides and reference entries: codes first, then words, with typos forgiven',
        tags: ['search'],
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const { q, page, ...filters } = request.query;
      return search.search(q, filters, page);
    },
  );

  api.get(
    '/api/v1/suggest',
    {
      // As you type: a few requests per search, so a larger allowance.
      config: { rateLimit: { ...searchLimit, max: searchLimit.max * 3 } },
      schema: {
        summary: 'Up to 8 suggestions as you type',
        tags: ['search'],
        querystring: z.object({ q: querySchema }),
        response: {
          200: z.object({
            query: z.string(),
            suggestions: z.array(
              z.object({
                kind: z.string(),
                code: z.string(),
                title: z.string(),
                label: z.string().describe('The title to show beside the code, without repeating it'),
                url: z.string(),
              }),
            ),
          }),
          400: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return { query: request.query.q, suggestions: await search.suggest(request.query.q) };
    },
  );

  api.get(
    '/api/v1/guides/:id',
    {
      schema: {
        summary: 'A published guide by id',
        tags: ['guides'],
        params: z.object({ id: z.string().max(120) }),
        response: { 200: guideSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const stored = published.byId(request.params.id);
      if (!stored)
        throw new AppError('GUIDE_NOT_FOUND', `No published guide has the id "${request.params.id}".`);
      return stored.guide;
    },
  );
}
