import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The files that take longest, longest first (measured; the order of the rest matters little). */
const LONGEST = ['a11y-admin', 'journeys', 'phone-layout', 'editor-inplace', 'a11y'];

const rank = (spec: TestSpecification) => {
  const i = LONGEST.indexOf(basename(spec.moduleId, '.test.ts'));
  return i === -1 ? LONGEST.length : i;
};

/**
 * Starts the longest files first, so that none of them starts last while the other workers sit idle: a
 * clean clone has no timings of an earlier run, and Vitest then starts the largest files first.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
