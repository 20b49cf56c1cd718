import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../src/catalog/load.ts';
import { guideKeysFor, obdEntry, type ReferenceEntry } from '../src/catalog/reference.ts';
import { guideCodeKey } from '../src/codes/parse.ts';
import { formatProblem } from '../src/guides/content-file.ts';
import { familyGuideFor, familyGuideForUnknown } from '../src/guides/family.ts';
import { formatLintWarning, lintCorpus, SENTENCE_LIMITS, sentenceStats } from '../src/guides/lint.ts';
import { expandPaths, loadContent } from '../src/guides/load-files.ts';
import { guideUrl, isFamilyGuide, type Guide } from '../src/guides/schema.ts';
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

/** Where an entry sits in its family, coarse enough to name one missing cover: 0x8024xxxx, -400s, 3xx. */
function coverageGroup(entry: ReferenceEntry): string {
  const v = entry.value;
  switch (entry.family) {
    case 'http':
      return `http ${Math.floor(v / 100)}xx`;
    case 'chromium-net': {
      const low = Math.floor((v | 0) / 100) * 100;
      return `chromium-net ${low + 1}..${low + 99}`;
    }
    case 'openssl':
      return `openssl ${entry.symbol.split('_R_')[0]}_R_*`;
    case 'win32':
      return v > 0xffff
        ? `win32 0x${(v >>> 16).toString(16).toUpperCase().padStart(4, '0')}xxxx`
        : `win32 ${v}`;
    case 'hresult':
    case 'ntstatus':
    case 'pdh':
    case 'configret':
    case 'setup':
    case 'bugcheck':
      return `${entry.family} 0x${(v >>> 16).toString(16).toUpperCase().padStart(4, '0')}xxxx`;
    case 'obd':
      return `obd ${entry.symbol.slice(0, 3)}xx`;
    default:
      return entry.family;
  }
}

/** OBD-II has no enumerable catalog: one decoded code for each letter, control digit and subsystem (P0A00 …). */
const obdGroups = [...'PBCU'].flatMap((letter) =>
  [...'0123'].flatMap((digit) =>
    [...'0123456789ABCDEF'].map((third) => obdEntry(`${letter}${digit}${third}00`)!),
  ),
);

describe('family guidance over the reference catalogs', () => {
  it('gives every reference entry without a guide of its own a covering family guide', () => {
    const published = guides.filter((g) => g.status === 'published');
    const families = published.filter(isFamilyGuide);
    const own = new Set(published.filter((g) => !isFamilyGuide(g)).map((g) => guideCodeKey(g.code)));
    const uncovered = new Map<string, ReferenceEntry[]>();
    const entries = [...bundledCatalog().entries, ...obdGroups];
    for (const entry of entries) {
      if (guideKeysFor(entry).some((key) => own.has(key)) || familyGuideFor(entry, families)) continue;
      const group = coverageGroup(entry);
      uncovered.set(group, [...(uncovered.get(group) ?? []), entry]);
    }
    const report = [...uncovered]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([group, list]) =>
          `${group}: ${list.length} (${list
            .slice(0, 3)
            .map((e) => `${e.symbol} ${e.code}`)
            .join(', ')})`,
      );
    expect(entries.length).toBeGreaterThan(10000);
    expect(report, `reference entries with no guide and no family guide:\n${report.join('\n')}`).toEqual([]);
  });

  it('keeps HRESULT guidance for numbers no catalog has, and NTSTATUS guidance for NTSTATUS entries', () => {
    const families = guides.filter((g) => g.status === 'published' && isFamilyGuide(g));
    const unknown = (value: number) => familyGuideForUnknown({ scheme: 'number', value }, families)?.id;
    const status = (value: number) => familyGuideFor({ family: 'ntstatus', symbol: '', value }, families)?.id;
    // Equal-width covers: the tie goes to the id that sorts first (src/guides/family.ts).
    expect([unknown(0x80ab1234), unknown(0xc1234567)]).toEqual([
      'windows-hresult-errors',
      'windows-hresult-errors',
    ]);
    expect(status(0x80000005)).toBe('windows-status-warnings');
    expect(status(0x40000000)).toBe('windows-status-warnings');
    expect(status(0xc0220001)).toBe('windows-system-component-errors');
    expect(status(0xc0000005)).toBe('windows-apps-crash-status');
  });
});
