/**
 * First answers of lookup over test/answers.yaml: the share that is right (the guide where one exists,
 * else an answer about the code) and the share about the right code. Usage: npm run bench:answers
 */
import { join } from 'node:path';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { loadContent } from '../src/guides/load-files.ts';
import { expectation, loadAnswerSet, scoreAnswer } from '../src/lookup/answers.ts';
import { lookup, memoryGuides } from '../src/lookup/lookup.ts';

const cases = loadAnswerSet(join(PACKAGE_ROOT, 'test', 'answers.yaml'));
const { guides } = loadContent([join(PACKAGE_ROOT, 'content')], 'yaml', '2026-01-01');
const catalog = bundledCatalog();
const source = memoryGuides(guides);

let right = 0;
let about = 0;
let withGuide = 0;
const started = performance.now();
for (const c of cases) {
  const score = scoreAnswer(await lookup(source, catalog, c.q), expectation(c, catalog), guides, catalog);
  if (score.right) right++;
  if (score.about) about++;
  if (score.guideExpected) withGuide++;
  if (!score.right) {
    const label = score.about ? 'not-guide' : 'WRONG    ';
    console.log(`  ${label} ${JSON.stringify(c.q.slice(0, 90))} → ${score.first} (expected ${c.expect})`);
  }
}
const ms = performance.now() - started;
const share = (n: number) => (n / cases.length).toFixed(3);
console.log(
  `\n${cases.length} inputs, ${withGuide} with a guide for their code (${ms.toFixed(0)} ms in all)`,
);
console.log(`first answer right          ${share(right)}  (target >= 0.9)`);
console.log(`first answer about the code ${share(about)}  (target >= 0.98)`);
