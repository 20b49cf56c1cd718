import { z } from 'zod';
import { guideCodeKey, isFamilyCode } from '../codes/parse.ts';

export const SEVERITIES = ['minor', 'moderate', 'serious', 'critical'] as const;
export const SAFE_TO_USE = ['yes', 'with-care', 'no'] as const;
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export const STATUSES = ['draft', 'review', 'published', 'archived'] as const;
export const AUDIENCES = ['everyone', 'it-pro', 'technician'] as const;
/** A step that changes something (fix) or only finds something out (check: read a log, note a name). */
export const STEP_KINDS = ['fix', 'check'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
/** A guide for one code, or a general guide for a whole family of codes. */
export const GUIDE_KINDS = ['code', 'family'] as const;

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
  /** Absent means fix: most steps change something. */
  kind: z.enum(STEP_KINDS).optional(),
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

const int32 = z
  .number()
  .int()
  .min(-(2 ** 31))
  .max(2 ** 32 - 1);

/**
 * Which reference entries a family guide speaks for: every entry of `family` (a catalog family id such
 * as hresult, ntstatus, bugcheck, http, obd, chromium-net), narrowed by a name `prefix` (WU_E_, P03,
 * ERR_CERT_) and/or an inclusive value `range`. The narrowest cover that matches an entry wins.
 */
export const coverSchema = z
  .strictObject({
    family: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a family id such as hresult, obd or chromium-net')
      .max(40),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,40}$/, 'must be the start of a name or code, such as WU_E_ or P03')
      .optional(),
    range: z.tuple([int32, int32]).optional(),
  })
  .refine((c) => !c.range || c.range[0] <= c.range[1], {
    path: ['range'],
    message: 'the first value of a range must not be greater than the second',
  });

/** The one description of a guide: content files, storage, API and pages all use it. */
export const guideSchema = z
  .strictObject({
    id: z.string().regex(slugPart, 'must be a lowercase slug such as windows-update-0x80244007').max(120),
    code: text(60),
    /** Absent means `code`. */
    kind: z.enum(GUIDE_KINDS).optional(),
    covers: z.array(coverSchema).min(1, 'a family guide covers at least one family').max(50).optional(),
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
    const family = guide.kind === 'family';
    if (family && !isFamilyCode(guide.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `a family guide's code is a pattern such as 0x8024xxxx, P03xx, 5xx or ERR_CERT_*, not "${guide.code}"`,
      });
    } else if (!family && isFamilyCode(guide.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `"${guide.code}" is a pattern for a family of codes: set kind to family, or give one code`,
      });
    }
    if (family && !guide.covers) {
      ctx.addIssue({
        code: 'custom',
        path: ['covers'],
        message: 'a family guide says which codes it covers',
      });
    } else if (!family && guide.covers) {
      ctx.addIssue({ code: 'custom', path: ['covers'], message: 'only a family guide covers other codes' });
    }
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
export type Cover = z.infer<typeof coverSchema>;
export type GuideKind = (typeof GUIDE_KINDS)[number];

/** Whether the guide is a general one for a family of codes rather than the answer for one code. */
export function isFamilyGuide(guide: Pick<Guide, 'kind'>): boolean {
  return guide.kind === 'family';
}

/** What a step does: its declared kind, fix when it declares none. */
export function stepKind(step: Pick<Step, 'kind'>): StepKind {
  return step.kind ?? 'fix';
}

/** Each step's stable id: its own, or its position (s1, s2…) for steps that never had one. */
export function stepIds(guide: Pick<Guide, 'steps'>): string[] {
  return guide.steps.map((s, i) => s.id ?? `s${i + 1}`);
}

/** The guide with an id on every step: new steps get the next free sN. */
export function withStepIds<G extends { steps: readonly { id?: string | undefined }[] }>(guide: G): G {
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
