import { describe, expect, it } from 'vitest';
import { makeGuide } from '../../test/helpers.ts';
import { guideSchema, guideUrl } from './schema.ts';

const issues = (value: unknown) => {
  const result = guideSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('category, brand and product slugs', () => {
  it('refuses names whose slug would be empty, so no guide URL starts with //', () => {
    for (const field of ['category', 'brand', 'product'] as const) {
      for (const name of ['—', '日本語', '!!!', '   ']) {
        const found = issues(makeGuide({ [field]: name }));
        expect(found.length, `${field} ${name}`).toBeGreaterThan(0);
        expect(found.every((i) => i.startsWith(`${field}: `))).toBe(true);
      }
    }
  });

  it('every accepted guide has a URL of four non-empty [a-z0-9-] segments', () => {
    const guide = makeGuide({ category: 'Géräte & Zubehör', brand: 'Ünïcödé — 日本語', product: 'v2' });
    expect(issues(guide)).toEqual([]);
    expect(guideUrl(guide)).toMatch(/^(\/[a-z0-9]+(-[a-z0-9]+)*){4}$/);
  });
});
