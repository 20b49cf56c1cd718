import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../src/open.ts';
import { CONTENT_DIR } from './helpers.ts';
import { storeSuite } from './store-suite.ts';

// The same store tests on every dialect Errata runs on without a server: a SQLite file, and
// PostgreSQL in-process (PGlite: one instance for this file, ~4 s and ~700 MB to start).
const temp = mkdtempSync(join(tmpdir(), 'errata-dialects-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

storeSuite('sqlite', () =>
  openStore({ dbFile: join(temp, 'errata.db'), contentDir: CONTENT_DIR, databaseUrl: undefined }),
);
storeSuite('pglite', () =>
  openStore({ dbFile: '', contentDir: CONTENT_DIR, databaseUrl: 'pglite://memory' }),
);
