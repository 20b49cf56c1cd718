import { defineConfig } from 'vitest/config';
import { LongestFirst } from './sequencer.ts';

// Browser journeys: Debian Chromium driven by playwright-core against the real app on 127.0.0.1:0.
// Run with `npm run test:e2e`; plain `npm test` does not include these files.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
