import { defineConfig } from 'vitest/config';

// The fault suite (npm run test:faults): real CLI and server processes, mounts and a throwaway
// PostgreSQL server, so it needs root and PostgreSQL 15 binaries; plain `npm test` leaves it out.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/faults.test.ts'],
    pool: 'forks',
    // The groups are independent (own folders, mounts, ports and PostgreSQL servers): two at a time.
    sequence: { concurrent: true },
    maxConcurrency: 2,
    testTimeout: 150_000,
    hookTimeout: 120_000,
  },
});
