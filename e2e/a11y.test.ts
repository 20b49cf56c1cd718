/**
 * Accessibility of the public pages: axe with WCAG 2.0/2.1 A+AA and 2.2 AA tags at phone (390×844) and
 * desktop (1280×800) widths in light and dark color schemes, zero violations; a screenshot of each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format, scan, VARIANTS, type Violation } from './axe.ts';
import { PAGES, shot, startHarness, type Harness } from './harness.ts';

const PUBLIC = ['home', 'search', 'choice', 'guide', 'step', 'reference'] as const;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('axe on the public pages: zero violations', () => {
  for (const variant of VARIANTS) {
    it(`home, search results, choice, guide, guided step, reference (${variant.name})`, async () => {
      const context = await h.context({ viewport: variant.viewport, colorScheme: variant.colorScheme });
      const page = await context.newPage();
      const violations: Violation[] = [];
      try {
        for (const name of PUBLIC) {
          await page.goto(PAGES[name]);
          await shot(page, `page-${name}-${variant.name}`);
          violations.push(...(await scan(page, name, variant.name)));
        }
      } finally {
        await context.close();
      }
      expect(format(violations)).toEqual([]);
    });
  }
});
