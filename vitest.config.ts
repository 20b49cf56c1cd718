import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Needs root, mounts and PostgreSQL binaries: `npm run test:faults` (test/faults.config.ts).
    exclude: [...configDefaults.exclude, 'test/faults.test.ts'],
    pool: 'forks',
    // Vitest's default (cores - 1) is one worker on 2 cores, which leaves a core idle while files wait on
    // child processes, databases and timers.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    // beforeAll hooks build apps and databases (PGlite takes seconds to start): slow when files run in parallel.
    hookTimeout: 60_000,
  },
});
