import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { loadContent } from '../src/guides/load-files.ts';
import { expectation, loadAnswerSet, scoreAnswer } from '../src/lookup/answers.ts';
import { lookup, memoryGuides } from '../src/lookup/lookup.ts';
import { CONTENT_DIR, makeGuide } from './helpers.ts';

const cases = loadAnswerSet(join(PACKAGE_ROOT, 'test', 'answers.yaml'));
const catalog = bundledCatalog();
const { guides } = loadContent([CONTENT_DIR], 'yaml', '2026-01-01');
const source = memoryGuides(guides);

describe('the answer set', () => {
  it('holds at least 150 pasted inputs, a core subset among them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.core).length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.filter((c) => c.core).map((c) => [c.q.split('\n', 1)[0]!.slice(0, 70), c] as const))(
    'first answer is right: %s',
    async (_label, c) => {
      const score = scoreAnswer(await lookup(source, catalog, c.q), expectation(c, catalog), guides, catalog);
      expect(score, `first answer was ${score.first}`).toMatchObject({ right: true });
    },
  );
});

describe('scoring', () => {
  const c = { q: 'error 0x80244007', expect: '0x80244007' };

  it('counts a guide as expected only when the corpus has one', async () => {
    const result = await lookup(source, catalog, c.q);
    expect(scoreAnswer(result, expectation(c, catalog), guides, catalog)).toMatchObject({
      right: true,
      guideExpected: true,
    });
    const withoutGuide = guides.filter((g) => g.code !== '0x80244007');
    const reference = await lookup(memoryGuides(withoutGuide), catalog, c.q);
    expect(scoreAnswer(reference, expectation(c, catalog), withoutGuide, catalog)).toMatchObject({
      right: true,
      guideExpected: false,
    });
  });

  it('counts a reference entry as not right when a guide exists, and another code as wrong', async () => {
    const reference = await lookup(memoryGuides([]), catalog, c.q);
    expect(scoreAnswer(reference, expectation(c, catalog), guides, catalog)).toMatchObject({
      right: false,
      about: true,
    });
    const other = await lookup(source, catalog, '0x80244010');
    expect(scoreAnswer(other, expectation(c, catalog), guides, catalog)).toMatchObject({ about: false });
  });

  it('finds a guide filed under a bug check name for the stop code', async () => {
    const bsod = makeGuide({ id: 'bsod-ef', code: 'CRITICAL_PROCESS_DIED' });
    const expected = expectation({ q: '', expect: '0xEF', family: 'bugcheck' }, catalog);
    const result = await lookup(memoryGuides([bsod]), catalog, 'BSOD 0x000000EF');
    expect(scoreAnswer(result, expected, [bsod], catalog)).toMatchObject({
      right: true,
      guideExpected: true,
    });
  });
});
