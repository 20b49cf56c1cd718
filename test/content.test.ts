import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../src/catalog/load.ts';
import { guideCodeKey } from '../src/codes/parse.ts';
import { formatProblem } from '../src/guides/content-file.ts';
import { formatLintWarning, lintCorpus, SENTENCE_LIMITS, sentenceStats } from '../src/guides/lint.ts';
import { expandPaths, loadContent } from '../src/guides/load-files.ts';
import { guideUrl, type Guide } from '../src/guides/schema.ts';
import { CONTENT_DIR } from './helpers.ts';

// The bundled corpus is product: these checks keep every file in content/ publishable.
const { guides, problems } = loadContent([CONTENT_DIR], 'yaml', '2026-11-26');
const warnings = lintCorpus(guides, bundledCatalog());

/** Values that occur more than once, each with the ids of the guides that share it. */
function repeated(key: (g: Guide) => string): string[] {
  const byKey = new Map<string, string[]>();
  for (const g of guides) byKey.set(key(g), [...(byKey.get(key(g)) ?? []), g.id]);
  return [...byKey].filter(([, ids]) => ids.length > 1).map(([k, ids]) => `${k}: ${ids.join(', ')}`);
}

describe('bundled content', () => {
  it('parses every guide file against the schema with no problems', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    expect(guides).toHaveLength(expandPaths([CONTENT_DIR], 'yaml').files.length);
  });

  it('cites at least one https source in every guide', () => {
    const without = guides.filter((g) => !g.sources.some((s) => s.url.startsWith('https://')));
    expect(without.map((g) => g.id)).toEqual([]);
  });

  it('has no duplicate codes, ids or URLs', () => {
    expect(repeated((g) => guideCodeKey(g.code) ?? g.code)).toEqual([]);
    expect(repeated((g) => g.id)).toEqual([]);
    expect(repeated((g) => guideUrl(g))).toEqual([]);
  });

  it('relates only codes that have a guide in the corpus', () => {
    const known = new Set(guides.map((g) => guideCodeKey(g.code)));
    const missing = guides.flatMap((g) =>
      g.related.filter((code) => !known.has(guideCodeKey(code))).map((code) => `${g.id} → ${code}`),
    );
    expect(missing).toEqual([]);
  });

  it('passes lint with no errors', () => {
    const errors = warnings.filter((w) => w.severity === 'error');
    const shown = warnings.filter((w) => w.severity !== 'info').map(formatLintWarning);
    expect(errors, shown.join('\n')).toEqual([]);
  });

  it('shows every command in a step as code', () => {
    expect(warnings.filter((w) => w.code === 'command-not-code').map(formatLintWarning)).toEqual([]);
  });

  it('keeps summaries within the sentence-length limits', () => {
    const tooLong = guides.flatMap((g) => {
      const { average, longest } = sentenceStats(g.summary);
      return average > SENTENCE_LIMITS.averageWords || longest > SENTENCE_LIMITS.maxWords
        ? [`${g.id}: average ${average.toFixed(1)}, longest ${longest}`]
        : [];
    });
    expect(tooLong).toEqual([]);
  });

  it('publishes at least 40 Windows, 15 OBD-II and 10 HTTP guides', () => {
    const published = (category: string, brand: string) =>
      guides.filter((g) => g.status === 'published' && g.category === category && g.brand === brand).length;
    expect(published('Operating systems', 'Microsoft')).toBeGreaterThanOrEqual(40);
    expect(published('Vehicles', 'OBD-II')).toBeGreaterThanOrEqual(15);
    expect(published('Web', 'HTTP')).toBeGreaterThanOrEqual(10);
  });
});
