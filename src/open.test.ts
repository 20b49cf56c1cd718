import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PACKAGE_ROOT } from './base/config.ts';
import { expandPaths } from './guides/paths.ts';
import type { Store } from './open.ts';

// The importer (YAML, Markdown, lint) is loaded by syncBundledContent only when the bundle changed:
// a mock of its module records whether a fresh module graph loads it.
let importerLoads = 0;

const temp = mkdtempSync(join(tmpdir(), 'errata-open-'));
const contentDir = join(temp, 'content');
let store: Store;

beforeAll(async () => {
  cpSync(join(PACKAGE_ROOT, 'content'), contentDir, { recursive: true });
  const { openStore } = await import('./open.ts');
  store = await openStore({ dbFile: join(temp, 'errata.db'), contentDir, databaseUrl: undefined });
}, 60_000);

afterAll(async () => {
  await store?.close();
  rmSync(temp, { recursive: true, force: true });
});

const firstGuideFile = () => expandPaths([contentDir], 'yaml').files[0]!;

async function freshSync(): Promise<{ loaded: boolean; imported: boolean }> {
  vi.resetModules();
  importerLoads = 0;
  vi.doMock('./guides/import.ts', async (original) => {
    importerLoads++;
    return original();
  });
  const { syncBundledContent } = await import('./open.ts');
  const loaded = await syncBundledContent(store.db, contentDir);
  return { loaded, imported: importerLoads > 0 };
}

describe('bundled content on start-up', () => {
  it('loads the content into a new database', () => {
    expect(store.opened.contentLoaded).toBe(true);
  });

  it('does not load the importer when the files are as last time', async () => {
    expect(await freshSync()).toEqual({ loaded: false, imported: false });
  });

  it('reads the files but imports nothing when only their times moved', async () => {
    const file = firstGuideFile();
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(await freshSync()).toEqual({ loaded: false, imported: false });
  });

  it('imports a guide edited in place, even with the same size', async () => {
    const file = firstGuideFile();
    const text = readFileSync(file, 'utf8');
    // One letter of the summary swapped for another: same size, other bytes.
    const edited = text.replace(
      /(summary: >-\n\s+\S)(\S)/,
      (_, head: string, c: string) => head + (c === 'x' ? 'y' : 'x'),
    );
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    expect(await freshSync()).toEqual({ loaded: true, imported: true });
    expect(await freshSync()).toEqual({ loaded: false, imported: false });
  });
});

describe('the search index on opening', () => {
  it('is left to the first search by commands, and written before the server serves', async () => {
    const { openStore } = await import('./open.ts');
    const { INDEX_STATE, indexedVersion } = await import('./search/db-index.ts');
    const { contentVersion } = await import('./guides/content-events.ts');
    const { bundledCatalogVersion } = await import('./catalog/load.ts');
    const config = { dbFile: join(temp, 'search.db'), contentDir, databaseUrl: undefined };
    const command = await openStore(config);
    expect(await indexedVersion(command.db, INDEX_STATE.references)).toBeUndefined();
    expect(await indexedVersion(command.db, INDEX_STATE.guides)).toBeUndefined();
    await command.close();
    const server = await openStore(config, { searchIndex: true });
    expect(await indexedVersion(server.db, INDEX_STATE.references)).toBe(bundledCatalogVersion());
    expect(await indexedVersion(server.db, INDEX_STATE.guides)).toBe(await contentVersion(server.db));
    await server.close();
  }, 120_000);
});
