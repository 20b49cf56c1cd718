import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test/helpers.ts';
import { formatProblem } from './content-file.ts';
import { parsePageText } from './page-text.ts';

const seed = readFileSync(join(FIXTURES, 'seed-0x80244007.txt'), 'utf8');
const options = { file: 'seed.txt', sourceUrl: 'https://example.org/seed', today: '2026-11-26' };

function problem(text: string): string {
  const result = parsePageText(text, options);
  if (result.ok) throw new Error('expected a problem');
  return formatProblem(result.problems[0]!);
}

describe('parsePageText', () => {
  it('parses the seed page into every field', () => {
    const result = parsePageText(seed, options);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const g = result.guide;
    expect(g).toMatchObject({
      code: '0x80244007',
      brand: 'Microsoft',
      product: 'Windows Update',
      category: 'Operating systems',
      severity: 'minor',
      status: 'draft',
      confidence: 'low',
      reviewed: '2026-11-26',
    });
    expect(g.summary).toMatch(/^The 0x80244007 error means/);
    expect(g.affected).toEqual(['Windows 10', 'Windows 11', 'Windows 8.1', 'Windows Server']);
    expect(g.causes).toHaveLength(5);
    expect(g.steps).toHaveLength(5);
    for (const step of g.steps) {
      expect(step.action.length).toBeGreaterThan(20);
      expect(step.why.length).toBeGreaterThan(20);
    }
    expect(g.steps[0]!.action).toMatch(/^Check if a proxy is configured/);
    expect(g.steps[0]!.why).toMatch(/^Some software installs proxy settings/);
    expect(g.callAPro).toMatch(/^In business and school environments/);
    expect(g.faq.map((f) => f.question)).toEqual([
      'What is WSUS and do I need to worry about it at home?',
      'Can a browser extension cause this error?',
      'How do I know if my ISP is using a transparent proxy?',
    ]);
    expect(g.faq.every((f) => f.answer.length > 50)).toBe(true);
    expect(g.sources).toEqual([
      { title: 'Imported page text (seed.txt)', url: 'https://example.org/seed', publisher: 'Imported page' },
    ]);
  });

  it('names the line and the section it expected', () => {
    expect(problem(seed.replace('Common Causes\n', ''))).toMatch(
      /^seed\.txt:\d+: causes: found "How to Fix It" where the section "Common Causes" was expected/,
    );
    expect(problem(seed.replace('Severity: Minor', 'Severity: Unknown'))).toBe(
      'seed.txt:3: severity: expected "Severity: Minor|Moderate|Serious|Critical"',
    );
    expect(problem(`hello\n${seed}`)).toBe(
      'seed.txt:1: code: expected an error code on the first line, found "hello"',
    );
    expect(problem(seed.split('Frequently Asked Questions')[0]!)).toMatch(
      /: faq: the page ended; expected the section "Frequently Asked Questions"$/,
    );
  });

  it('reports a step without its why-paragraph', () => {
    const text = seed.replace(/How to Fix It\n-\n.*\n.*\n/, 'How to Fix It\n-\nDo one thing only.\n-\n');
    expect(problem(text)).toMatch(/^seed\.txt:\d+: steps: expected an action line and a why-paragraph/);
  });

  it('reports a question without an answer and text before the first question', () => {
    expect(problem(`${seed.trimEnd()}\nIs this a question without an answer?\n`)).toMatch(
      /faq: expected an answer after this question$/,
    );
    const before = seed.replace('Frequently Asked Questions\n', 'Frequently Asked Questions\nStray text.\n');
    expect(problem(before)).toMatch(/faq: expected a question ending in "\?"/);
  });
});
