import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { PACKAGE_ROOT } from '../src/config.ts';
import type { Guide } from '../src/guides/schema.ts';
import { migrate, openSqlite, type Db } from '../src/store/db.ts';
import { saveGuides } from '../src/store/guides.ts';
import { importContent } from '../src/guides/import.ts';

export const CONTENT_DIR = join(PACKAGE_ROOT, 'content');
export const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures');
export const ORIGIN = 'https://errata.test';

/** A valid published guide; override any field. */
export function makeGuide(overrides: Partial<Guide> = {}): Guide {
  return {
    id: 'test-product-0x80070005',
    code: '0x80070005',
    category: 'Test category',
    brand: 'Test brand',
    product: 'Test product',
    severity: 'moderate',
    safeToUse: 'yes',
    title: 'Access is denied',
    summary: 'Windows refused access. The code is `E_ACCESSDENIED`.',
    affected: ['Windows 11'],
    causes: ['Missing permissions'],
    steps: [{ action: 'Run it as administrator.', why: 'It needs administrator rights.' }],
    callAPro: 'Ask your IT department.',
    faq: [],
    related: [],
    sources: [{ title: 'Docs', url: 'https://learn.microsoft.com/example', publisher: 'Microsoft' }],
    confidence: 'high',
    reviewed: '2026-11-26',
    status: 'published',
    ...overrides,
  };
}

/** A private in-memory database, migrated, with the bundled content unless told otherwise. */
export async function makeDb({ bundled = true, guides = [] as Guide[] } = {}): Promise<Db> {
  const { db } = openSqlite(':memory:');
  await migrate(db);
  if (bundled) await importContent(db, [CONTENT_DIR], { format: 'yaml' });
  if (guides.length > 0) await saveGuides(db, guides);
  return db;
}

export async function makeApp(options: Parameters<typeof makeDb>[0] = {}) {
  const db = await makeDb(options);
  const app = await buildApp({ db, origin: ORIGIN });
  return { app, db };
}
