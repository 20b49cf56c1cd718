import { z } from 'zod';
import {
  AUDIENCES,
  CONFIDENCES,
  GUIDE_KINDS,
  SAFE_TO_USE,
  SEVERITIES,
  STATUSES,
  STEP_KINDS,
  coverSchema,
  guideSchema,
  stepSchema,
  type Guide,
} from './schema.ts';

/**
 * Drafts may be incomplete: saved with required fields blank, a step without its why, a source without
 * its address yet. A draft has the guide's shape with every value bounded; the full schema (guideSchema)
 * decides whether it may be submitted for review or published, so the public site only ever reads
 * complete guides. Every complete guide is also a draft.
 */
const loose = (max: number) => z.string().trim().max(max);
const orBlank = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.literal('')]);

export const draftStepSchema = z.strictObject({
  id: stepSchema.shape.id,
  action: loose(2000),
  why: loose(2000),
  commands: z.array(loose(500)).optional(),
  audience: z.enum(AUDIENCES).optional(),
  kind: z.enum(STEP_KINDS).optional(),
});

export const draftGuideSchema = z.strictObject({
  id: guideSchema.shape.id,
  code: loose(60),
  kind: z.enum(GUIDE_KINDS).optional(),
  covers: z.array(coverSchema).max(50).optional(),
  category: loose(80),
  brand: loose(80),
  product: loose(80),
  severity: orBlank(SEVERITIES),
  safeToUse: orBlank(SAFE_TO_USE),
  title: loose(200),
  summary: loose(4000),
  affected: z.array(loose(200)),
  causes: z.array(loose(1000)),
  steps: z.array(draftStepSchema),
  callAPro: loose(3000),
  faq: z.array(z.strictObject({ question: loose(500), answer: loose(4000) })),
  related: z.array(loose(60)),
  sources: z.array(z.strictObject({ title: loose(300), url: loose(2000), publisher: loose(200) })),
  confidence: orBlank(CONFIDENCES),
  reviewed: z.union([z.iso.date('must be a date such as 2026-11-26'), z.literal('')]),
  status: z.enum(STATUSES),
});

export type DraftGuide = z.infer<typeof draftGuideSchema>;

/** The draft as a complete guide, or undefined while something required is missing. */
export function completeGuide(draft: DraftGuide): Guide | undefined {
  const result = guideSchema.safeParse(draft);
  return result.success ? result.data : undefined;
}

/** Stored JSON of a working copy or revision, read as a draft (complete ones included). */
export function readDraft(json: string): DraftGuide {
  return draftGuideSchema.parse(JSON.parse(json));
}
