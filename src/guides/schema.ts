import { z } from 'zod';
import { guideCodeKey } from '../codes/parse.ts';

export const SEVERITIES = ['minor', 'moderate', 'serious', 'critical'] as const;
export const SAFE_TO_USE = ['yes', 'with-care', 'no'] as const;
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export const STATUSES = ['draft', 'review', 'published', 'archived'] as const;
export const AUDIENCES = ['everyone', 'it-pro', 'technician'] as const;

export const SEVERITY_MEANING: Record<Severity, string> = {
  minor: 'An inconvenience; nothing is at risk.',
  moderate: 'A function is unavailable; fix it soon.',
  serious: 'Security, data or the device is at risk if this is left.',
  critical: 'Stop using it now: safety or imminent data loss.',
};

export const SAFE_TO_USE_MEANING: Record<SafeToUse, string> = {
  yes: 'Yes, it is safe to keep using it while you fix this.',
  'with-care': 'With care: keep using it, but avoid what the guide warns about until it is fixed.',
  no: 'No: stop using it until this is fixed.',
};

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const slugPart = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const stepSchema = z.strictObject({
  /** Stable identity, so readers' feedback stays with the step when steps are reordered or reworded. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a short lowercase id such as s3')
    .optional(),
  action: text(2000),
  why: text(2000),
  commands: z.array(text(500)).optional(),
  audience: z.enum(AUDIENCES).optional(),
});

/** A category, brand or product name whose URL segment (slugify) is non-empty [a-z0-9-]. */
const placeName = (max: number) =>
  text(max).refine((name) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slugify(name)), {
    error: 'needs letters a–z or digits: its address part would be empty',
  });

export const sourceSchema = z.strictObject({
  title: text(300),
  // Pages on the web only: a file: or other scheme would send readers nowhere (or somewhere unsafe).
  url: z.url({ protocol: /^https?$/, error: 'must be an https or http address' }).max(2000),
  publisher: text(200),
});

export const faqSchema = z.strictObject({
  question: text(500),
  answer: text(4000),
});

/** The one description of a guide: content files, storage, API and pages all use it. */
export const guideSchema = z
  .strictObject({
    id: z.string().regex(slugPart, 'must be a lowercase slug such as windows-update-0x80244007').max(120),
    code: text(60),
    category: placeName(80),
    brand: placeName(80),
    product: placeName(80),
    severity: z.enum(SEVERITIES),
    safeToUse: z.enum(SAFE_TO_USE),
    title: text(200),
    summary: text(4000),
    affected: z.array(text(200)),
    causes: z.array(text(1000)).min(1),
    steps: z.array(stepSchema).min(1),
    callAPro: text(3000),
    faq: z.array(faqSchema),
    related: z.array(text(60)),
    sources: z.array(sourceSchema).min(1, 'a guide needs at least one source'),
    confidence: z.enum(CONFIDENCES),
    reviewed: z.iso.date('must be a date such as 2026-11-26'),
    status: z.enum(STATUSES),
  })
  .superRefine((guide, ctx) => {
    if (guideCodeKey(guide.code) === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `"${guide.code}" is not a code Errata can read (hex such as 0x80244007, OBD-II such as P0300, HTTP status such as 503, or a symbolic name)`,
      });
    }
    for (const [i, related] of guide.related.entries()) {
      if (guideCodeKey(related) === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['related', i],
          message: `"${related}" is not a readable code`,
        });
      }
    }
  });

export type Guide = z.infer<typeof guideSchema>;
export type Step = z.infer<typeof stepSchema>;

/** Each step's stable id: its own, or its position (s1, s2…) for steps that never had one. */
export function stepIds(guide: Pick<Guide, 'steps'>): string[] {
  return guide.steps.map((s, i) => s.id ?? `s${i + 1}`);
}

/** The guide with an id on every step: new steps get the next free sN. */
export function withStepIds(guide: Guide): Guide {
  const taken = new Set(guide.steps.map((s) => s.id).filter(Boolean));
  let next = 1;
  const steps = guide.steps.map((s, i) => {
    if (s.id) return s;
    let id = `s${i + 1}`;
    while (taken.has(id)) id = `s${++next + guide.steps.length}`;
    taken.add(id);
    return { id, ...s };
  });
  return { ...guide, steps };
}
export type Severity = (typeof SEVERITIES)[number];
export type SafeToUse = (typeof SAFE_TO_USE)[number];
export type GuideStatus = (typeof STATUSES)[number];

/** Lowercase URL segment for a category, brand or product name. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface GuidePath {
  category: string;
  brand: string;
  product: string;
  code: string;
}

export function guidePath(guide: Pick<Guide, 'category' | 'brand' | 'product' | 'code'>): GuidePath {
  return {
    category: slugify(guide.category),
    brand: slugify(guide.brand),
    product: slugify(guide.product),
    code: slugify(guide.code),
  };
}

/** Canonical URL of a guide page: /category/brand/product/code, all lowercase. */
export function guideUrl(guide: Pick<Guide, 'category' | 'brand' | 'product' | 'code'>): string {
  const p = guidePath(guide);
  return `/${p.category}/${p.brand}/${p.product}/${p.code}`;
}
