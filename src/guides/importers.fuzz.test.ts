import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, FIXTURES } from '../../test/helpers.ts';
import { parseGuideYaml } from './content-file.ts';
import { parsePageText } from './page-text.ts';

const seed = readFileSync(join(FIXTURES, 'seed-0x80244007.txt'), 'utf8');
const model = readFileSync(join(CONTENT_DIR, 'operating-systems', 'windows-update-0x80244007.yaml'), 'utf8');
const options = { file: 'page.txt', sourceUrl: 'https://example.org/page', today: '2026-11-26' };

/** Every problem must name a line within the text and carry a message; no exception escapes. */
function wellFormed(result: ReturnType<typeof parseGuideYaml>, text: string): boolean {
  if (result.ok) return true;
  const lines = text.split('\n').length + 1;
  return result.problems.every((p) => p.line >= 0 && p.line <= lines && p.message.length > 0);
}

const mutations = (text: string) =>
  fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)), // truncated
    fc
      .tuple(fc.nat({ max: text.length }), fc.string({ maxLength: 40 }))
      .map(([n, s]) => text.slice(0, n) + s + text.slice(n)),
    fc
      .tuple(fc.nat({ max: text.length }), fc.nat({ max: 200 }))
      .map(([n, k]) => text.slice(0, n) + text.slice(n + k)),
    fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')), // binary-ish
    fc.string({ maxLength: 2000 }),
  );

describe('importers never throw and answer clearly on any input', () => {
  it('YAML guide files: truncated, spliced, binary and random', () => {
    fc.assert(
      fc.property(mutations(model), (text) => {
        return wellFormed(parseGuideYaml(text, 'guide.yaml'), text);
      }),
      { numRuns: 1000 },
    );
  });

  it('page text: truncated, spliced, binary and random', () => {
    fc.assert(
      fc.property(mutations(seed), (text) => {
        return wellFormed(parsePageText(text, options), text);
      }),
      { numRuns: 1000 },
    );
  });

  // Bounded time is the test runner's timeout: no timing assertions here.
  it('huge inputs are parsed or refused with a clear problem', () => {
    const huge = `${model}\n# ${'x'.repeat(2_000_000)}\n`;
    expect(parseGuideYaml(huge, 'big.yaml').ok).toBe(true);
    const long = parseGuideYaml(model.replace(/^title: .*$/m, `title: ${'y'.repeat(50_000)}`), 'long.yaml');
    expect(long.ok).toBe(false);
    expect(parsePageText(seed.repeat(200), options).ok).toBe(false);
  });
});
