/** axe-core through @axe-core/playwright: WCAG 2.0/2.1 A+AA and WCAG 2.2 AA, violations listed precisely. */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, SCREENSHOTS } from './harness.ts';

export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const VARIANTS = [
  { name: 'desktop-light', viewport: DESKTOP, colorScheme: 'light' },
  { name: 'desktop-dark', viewport: DESKTOP, colorScheme: 'dark' },
  { name: 'phone-light', viewport: PHONE, colorScheme: 'light' },
  { name: 'phone-dark', viewport: PHONE, colorScheme: 'dark' },
] as const;

export interface Violation {
  page: string;
  url: string;
  variant: string;
  rule: string;
  impact: string;
  help: string;
  selector: string;
  summary: string;
}

/** Runs axe on the page as it is now; every failing node becomes one line-able record. */
export async function scan(page: Page, name: string, variant: string): Promise<Violation[]> {
  // No `resultTypes: ['violations']` option: with it, axe 4.13 silently drops target-size violations.
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const url = new URL(page.url());
  const found: Violation[] = [];
  for (const v of results.violations) {
    for (const node of v.nodes) {
      found.push({
        page: name,
        url: url.pathname + url.search,
        variant,
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        selector: node.target.map(String).join(' '),
        summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      });
    }
  }
  // One JSON line per violation, for people reading screenshots/a11y-violations.jsonl after a run.
  for (const f of found) appendFileSync(join(SCREENSHOTS, 'a11y-violations.jsonl'), JSON.stringify(f) + '\n');
  return found;
}

export const format = (list: Violation[]) =>
  list.map((f) => `${f.page} [${f.variant}] ${f.rule} (${f.impact}) at ${f.selector}: ${f.summary}`);
