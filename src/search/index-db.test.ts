import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open.ts';
import { CONTENT_DIR } from '../../test/helpers.ts';
import { searchIndexSuite } from '../../test/search-index-suite.ts';
import { indexTerms, oneEditVariants, typoDistance } from './index-db.ts';
import { processIndexTerm, tokenize } from './text.ts';

const temp = mkdtempSync(join(tmpdir(), 'errata-search-db-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('typo expansion helpers', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(typoDistance('misfier', 'misfire')).toBe(1);
    expect(typoDistance('catalitic', 'catalytic')).toBe(1);
    expect(typoDistance('sevice', 'service')).toBe(1);
    expect(typoDistance('abc', 'cab')).toBe(2);
  });

  it('folds index terms as the in-memory engine does', () => {
    const text = 'WU_E_PT_SOAPCLIENT_SOAPFAULT: the Código de error — Zündaussetzer, 0x80244007 and ÉCHEC';
    expect(indexTerms(text)).toEqual(
      tokenize(text)
        .map(processIndexTerm)
        .filter((t) => t !== null),
    );
    expect(indexTerms('The update of Windows')).toEqual(['update', 'windows']);
  });

  it('lists every one-edit variant and nothing further', () => {
    const variants = oneEditVariants('misfier');
    expect(variants).toContain('misfire');
    expect(variants).toContain('misfer');
    expect(variants).not.toContain('misfier');
    expect(variants.every((v) => typoDistance('misfier', v) === 1)).toBe(true);
  });
});

// The same behaviour on both dialects that run without a server (real PostgreSQL: npm run test:pg).
searchIndexSuite('sqlite', () =>
  openStore({ dbFile: join(temp, 'errata.db'), contentDir: CONTENT_DIR, databaseUrl: undefined }),
);
searchIndexSuite('pglite', () =>
  openStore({ dbFile: '', contentDir: CONTENT_DIR, databaseUrl: 'pglite://memory' }),
);
