import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, FIXTURES, makeGuide } from '../../test/helpers.ts';
import { PACKAGE_ROOT } from '../base/config.ts';
import { bundledCatalog } from '../catalog/load.ts';
import { formatProblem, parseGuideYaml } from './content-file.ts';
import {
  LINT_RULES,
  countBySeverity,
  formatLintWarning,
  lintCorpus,
  lintGuide,
  normaliseWord,
  sentenceStats,
  type LintCode,
  type LintWarning,
} from './lint.ts';
import { parsePageText } from './page-text.ts';
import type { Guide } from './schema.ts';

const catalog = bundledCatalog();

function bundled(file: string): Guide {
  const path = join(CONTENT_DIR, file);
  const result = parseGuideYaml(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.guide;
}

function seedGuide(): Guide {
  const text = readFileSync(join(FIXTURES, 'seed-0x80244007.txt'), 'utf8');
  const result = parsePageText(text, {
    file: 'seed.txt',
    sourceUrl: 'https://example.org/seed',
    today: '2026-11-26',
  });
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.guide;
}

/** An HTTP 503 guide that names the reason phrase; override the summary to change what it says. */
function http503(overrides: Partial<Guide> = {}): Guide {
  return makeGuide({
    id: 'http-503',
    code: '503',
    title: 'HTTP 503 Service Unavailable',
    summary: 'The website is temporarily unavailable, usually because it is overloaded or down for upkeep.',
    ...overrides,
  });
}

const codes = (warnings: readonly LintWarning[]) => warnings.map((w) => w.code);
const only = (warnings: readonly LintWarning[], code: LintCode) => warnings.filter((w) => w.code === code);

describe('meaning-mismatch', () => {
  it('flags the seed page that calls 0x80244007 a redirect loop', () => {
    const [mismatch] = only(lintGuide(seedGuide(), catalog), 'meaning-mismatch');
    expect(mismatch).toMatchObject({
      guideId: 'windows-update-0x80244007',
      severity: 'error',
      field: 'summary',
    });
    expect(mismatch?.message).toContain('WU_E_PT_SOAPCLIENT_SOAPFAULT');
    expect(mismatch?.message).toMatch(/missing: soap, client, fault/);
  });

  it('passes the bundled 0x80244007 guide without a single warning', () => {
    expect(lintGuide(bundled('operating-systems/windows-update-0x80244007.yaml'), catalog)).toEqual([]);
  });

  it('flags a 0x80070005 guide whose summary talks about a full disk', () => {
    const guide = makeGuide({
      summary: 'The disk is full, so the update cannot be saved. The code is `E_ACCESSDENIED`.',
    });
    const warnings = lintGuide(guide, catalog);
    expect(codes(warnings)).toEqual(['meaning-mismatch']);
    expect(warnings[0]!.message).toContain('E_ACCESSDENIED');
    expect(warnings[0]!.message).toContain('ERROR_ACCESS_DENIED');
  });

  it('accepts plain words for the official meaning: refused access reads as access denied', () => {
    expect(
      lintGuide(makeGuide({ summary: 'Windows refused access. It is `ERROR_ACCESS_DENIED`.' }), catalog),
    ).toEqual([]);
  });

  it('does not count the symbol itself as describing the meaning', () => {
    const guide = makeGuide({ summary: 'The update stopped. Microsoft names it `E_ACCESSDENIED`.' });
    expect(codes(lintGuide(guide, catalog))).toEqual(['meaning-mismatch']);
  });

  it('flags an HTTP 503 guide that never says unavailable, even when it says service', () => {
    expect(lintGuide(http503(), catalog)).toEqual([]);
    for (const summary of [
      'The server is overloaded or down for maintenance. Try again later.',
      'The service is down for maintenance. Try again later.',
    ]) {
      const warnings = lintGuide(http503({ summary }), catalog);
      expect(codes(warnings)).toContain('meaning-mismatch');
      expect(only(warnings, 'meaning-mismatch')[0]!.message).toMatch(/missing: unavailable/);
    }
  });

  it('needs a term that is not weak: "request" alone does not describe 400 Bad Request', () => {
    const guide = makeGuide({
      code: '400',
      title: 'HTTP 400 Bad Request',
      summary: 'Your request timed out.',
    });
    expect(codes(lintGuide(guide, catalog))).toEqual(['meaning-mismatch']);
    const right = makeGuide({ code: '400', title: 'HTTP 400 Bad Request', summary: 'The request was bad.' });
    expect(lintGuide(right, catalog)).toEqual([]);
  });

  it('counts a run-together term when the summary uses the words that spell it', () => {
    const guide = makeGuide({
      code: '0x8024200D',
      title: 'Windows Update error 0x8024200D',
      summary: 'The update needs another download. Microsoft names it `WU_E_UH_NEEDANOTHERDOWNLOAD`.',
    });
    expect(lintGuide(guide, catalog)).toEqual([]);
    const wrong = {
      ...guide,
      summary: 'The disk is full. Microsoft names it `WU_E_UH_NEEDANOTHERDOWNLOAD`.',
    };
    expect(codes(lintGuide(wrong, catalog))).toEqual(['meaning-mismatch']);
  });

  it('skips codes without a catalog meaning: OBD-II silently, others with an info', () => {
    const obd = makeGuide({ code: 'P0300', title: 'Misfire', summary: 'The engine misfires.' });
    expect(lintGuide(obd, catalog)).toEqual([]);
    const uncatalogued = makeGuide({
      code: '0x8024A105',
      title: 'Update session ended',
      summary: 'The update stopped.',
    });
    expect(lintGuide(uncatalogued, catalog)).toEqual([
      expect.objectContaining({ code: 'no-catalog-entry', severity: 'info', field: 'code' }),
    ]);
  });
});

describe('no-official-name', () => {
  it('asks for the symbol verbatim, or for HTTP the reason phrase in any case', () => {
    const unnamed = makeGuide({ title: 'Access problem', summary: 'Windows denied access to a file.' });
    const [warning] = lintGuide(unnamed, catalog);
    expect(warning).toMatchObject({ code: 'no-official-name', severity: 'warning' });
    expect(warning?.message).toContain('`E_ACCESSDENIED` or `ERROR_ACCESS_DENIED`');
    expect(codes(lintGuide(http503({ title: 'The site is down' }), catalog))).toEqual(['no-official-name']);
    expect(lintGuide(http503({ title: 'The site is down (service unavailable)' }), catalog)).toEqual([]);
  });

  it('does not accept a longer symbol that contains the name', () => {
    const guide = makeGuide({ summary: 'Windows denied access: `E_ACCESSDENIED_EXTRA`.' });
    expect(codes(lintGuide(guide, catalog))).toEqual(['no-official-name']);
  });
});

describe('command-not-code', () => {
  it('flags a command that is not in backticks in its action', () => {
    const guide = makeGuide({
      steps: [
        {
          action: 'Run `sfc /scannow` in an elevated prompt.',
          why: 'Repairs files.',
          commands: ['sfc /scannow'],
        },
        { action: 'Restart the service.', why: 'It reloads.', commands: ['net start wuauserv'] },
      ],
    });
    expect(lintGuide(guide, catalog)).toEqual([
      expect.objectContaining({ code: 'command-not-code', field: 'steps[1].action', severity: 'warning' }),
    ]);
  });

  it('flags command text written outside backticks, not a tool named in prose', () => {
    const guide = makeGuide({
      steps: [
        {
          action: 'Open Command Prompt and run ipconfig /flushdns, then netsh winhttp reset proxy.',
          why: 'x',
        },
        { action: 'If that fails, use DISM to repair the component store.', why: 'y' },
        { action: 'Run DISM /Online /Cleanup-Image /RestoreHealth.', why: 'z' },
      ],
    });
    const warnings = only(lintGuide(guide, catalog), 'command-not-code');
    expect(warnings.map((w) => w.field)).toEqual(['steps[0].action', 'steps[0].action', 'steps[2].action']);
    expect(warnings[0]!.message).toContain('"ipconfig"');
  });
});

describe('long-sentences', () => {
  const words = (n: number) =>
    `Word ${Array.from({ length: n - 2 }, () => 'word').join(' ')} \`E_ACCESSDENIED\`.`;

  it('flags a summary whose sentences average more than 20 words', () => {
    const guide = makeGuide({ summary: `Access is denied. ${words(21)} ${words(21)} ${words(21)}` });
    expect(lintGuide(guide, catalog)).toEqual([]);
    const long = makeGuide({ summary: `Access is denied now. ${words(30)} ${words(30)}` });
    expect(only(lintGuide(long, catalog), 'long-sentences')[0]?.message).toMatch(/average 21\.3 words/);
  });

  it('flags any sentence over 35 words', () => {
    const guide = makeGuide({ summary: `Access is denied. Yes. Yes. Yes. ${words(36)}` });
    const [warning] = only(lintGuide(guide, catalog), 'long-sentences');
    expect(warning?.message).toMatch(/has 36 words \(at most 35\)/);
    expect(warning?.message).not.toMatch(/average/);
  });

  it('splits sentences at end punctuation before a capital, but not after e.g.', () => {
    const stats = sentenceStats(
      'One two, e.g. Three four. Version 2.5 works! "Yes," said *we*. `net stop` ok',
    );
    expect(stats.sentences).toEqual([
      'One two, e.g. Three four.',
      'Version 2.5 works!',
      '"Yes," said we. net stop ok',
    ]);
    expect(stats.words).toEqual([5, 3, 6]);
    expect(stats.longest).toBe(6);
  });
});

describe('corpus rules', () => {
  const a = makeGuide({ id: 'a', related: ['0x80070002', 'P0300'] });
  const b = makeGuide({
    id: 'b',
    code: '0x80070002',
    title: 'File not found',
    summary: 'Windows could not find a file: `ERROR_FILE_NOT_FOUND`.',
  });

  it('flags a related code that no guide in the corpus has', () => {
    expect(lintCorpus([a, b], catalog)).toEqual([
      {
        guideId: 'a',
        code: 'related-missing',
        severity: 'warning',
        field: 'related[1]',
        message: 'no guide in the corpus has P0300',
      },
    ]);
    expect(lintGuide(a, catalog)).toEqual([]);
    expect(codes(lintGuide(a, catalog, { knownCodeKeys: new Set(['obd:P0300']) }))).toEqual([
      'related-missing',
    ]);
  });

  it('flags a second guide filed under the same code, however it is written', () => {
    const again = makeGuide({ id: 'again', code: '0x80070002', title: b.title, summary: b.summary });
    const lower = { ...again, id: 'lower', code: '0x80070002'.toLowerCase() };
    const warnings = only(lintCorpus([b, again, lower], catalog), 'duplicate-code');
    expect(warnings.map((w) => [w.guideId, w.message])).toEqual([
      ['again', 'b already covers 0x80070002 (same code)'],
      ['lower', 'b already covers 0x80070002 (same code)'],
    ]);
  });

  it('flags a guide without an https source', () => {
    const guide = makeGuide({
      sources: [{ title: 'Old', url: 'http://example.org/', publisher: 'Example' }],
    });
    expect(lintGuide(guide, catalog)).toEqual([
      expect.objectContaining({ code: 'no-https-source', field: 'sources' }),
    ]);
  });
});

describe('helpers', () => {
  it('normalises words so that inflections and listed synonyms meet', () => {
    const same = (x: string, y: string) => expect(normaliseWord(x)).toBe(normaliseWord(y));
    same('denied', 'deny');
    same('Services', 'service');
    same('stopped', 'stop');
    same('unavail', 'unavailable');
    same('refused', 'denied');
    same('reboot', 'restarting');
    same('succeeded', 'success');
    expect(normaliseWord('access')).toBe('access');
    expect(normaliseWord('status')).toBe('status');
  });

  it('formats and counts warnings for the CLI', () => {
    const warnings = lintGuide(seedGuide(), catalog);
    expect(formatLintWarning(warnings[0]!)).toMatch(
      /^error windows-update-0x80244007 summary: meaning-mismatch: the catalog says 0x80244007 is /,
    );
    expect(countBySeverity(warnings)).toEqual({ error: 1, warning: warnings.length - 1, info: 0 });
  });

  it('skips the meaning checks for family guides and notes covers no entry matches', () => {
    const family = makeGuide({
      code: '0x8024xxxx',
      kind: 'family',
      summary: 'General advice for Windows Update client codes.',
      covers: [
        { family: 'hresult', range: [0x80240000, 0x8024ffff] },
        { family: 'chromium-net', range: [-999, -900] },
        { family: 'obd', prefix: 'P03' },
      ],
    });
    const warnings = lintGuide(family, catalog);
    expect(warnings.map((w) => [w.code, w.field])).toEqual([['family-covers-nothing', 'covers[1]']]);
  });

  it('documents every check with its severity in docs/writing-guides.md', () => {
    const docs = readFileSync(join(PACKAGE_ROOT, 'docs', 'writing-guides.md'), 'utf8');
    const checks = docs.slice(docs.indexOf('## Checks'));
    const rows = [...checks.matchAll(/^\| `([a-z-]+)` \| (\w+) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(LINT_RULES).map(([code, rule]) => [code, rule.severity]));
  });
});
