import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SECTIONS_FILE } from './paths.ts';

const intro = z.string().trim().min(1).max(1500);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

const productSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  intro,
  /** What the order of `common` is based on, with its source. */
  basis: z.string().min(1),
  /** Codes as displayed, most common first. */
  common: z.array(z.string().min(1)),
});
const brandSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  intro,
  products: z.array(productSchema),
});
const categorySchema = z.strictObject({ slug, name: z.string().min(1), intro, brands: z.array(brandSchema) });
export const sectionsSchema = z.strictObject({ categories: z.array(categorySchema) });

export type Sections = z.infer<typeof sectionsSchema>;

export interface SectionInfo {
  intro: string;
  basis?: string;
  /** Position of each code (upper case) in the "most common first" order. */
  rank?: Map<string, number>;
}

/** Introductions and "most common first" orders for browse pages, keyed by URL path. */
export function sectionIndex(sections: Sections): Map<string, SectionInfo> {
  const index = new Map<string, SectionInfo>();
  for (const c of sections.categories) {
    index.set(`/${c.slug}`, { intro: c.intro });
    for (const b of c.brands) {
      index.set(`/${c.slug}/${b.slug}`, { intro: b.intro });
      for (const p of b.products) {
        index.set(`/${c.slug}/${b.slug}/${p.slug}`, {
          intro: p.intro,
          basis: p.basis,
          rank: new Map(p.common.map((code, i) => [code.toUpperCase(), i])),
        });
      }
    }
  }
  return index;
}

/** Reads content/sections.yaml; a missing file means no introductions, a malformed one is an error. */
export function loadSections(contentDir: string): Map<string, SectionInfo> {
  let text: string;
  try {
    text = readFileSync(join(contentDir, SECTIONS_FILE), 'utf8');
  } catch {
    return new Map();
  }
  const result = sectionsSchema.safeParse(parse(text));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${SECTIONS_FILE}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return sectionIndex(result.data);
}
