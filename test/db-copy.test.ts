import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli/main.ts';
import { openStore } from '../src/open.ts';
import { copySuite, counts, usedSqlite } from './copy-suite.ts';
import { CONTENT_DIR } from './helpers.ts';

copySuite('PostgreSQL (PGlite)', () =>
  openStore({ dbFile: '', contentDir: CONTENT_DIR, databaseUrl: 'pglite://memory' }),
);

describe('errata db copy', () => {
  function io(db: string, out: string[], err: string[]): CliIo {
    return {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      stdinLines: async function* () {},
      env: { ERRATA_DB: db, ERRATA_CONTENT: CONTENT_DIR },
    };
  }

  it('copies into a new SQLite file, prints each table, and refuses a second copy into it', async () => {
    const source = await usedSqlite();
    const expected = await counts(source.db);
    await source.close();
    const targetFile = join(mkdtempSync(join(tmpdir(), 'errata-copy-')), 'copy.db');
    const out: string[] = [];
    const err: string[] = [];
    expect(await runCli(['db', 'copy', '--to', targetFile], io(source.file, out, err))).toBe(0);
    expect(out.join('\n')).toMatch(/users\s+1 rows/);
    expect(out.at(-1)).toContain("every table's row count matches");
    const target = await openStore({ dbFile: targetFile, contentDir: CONTENT_DIR, databaseUrl: undefined });
    expect(await counts(target.db)).toEqual(expected);
    await target.close();

    const again: string[] = [];
    expect(await runCli(['db', 'copy', '--to', targetFile], io(source.file, [], again))).toBe(1);
    expect(again.join('\n')).toMatch(/already holds data .* --replace .* Nothing was copied/);
  });

  it('answers a wrong command line with usage and exit code 2', async () => {
    const err: string[] = [];
    const file = join(mkdtempSync(join(tmpdir(), 'errata-copy-')), 'x.db');
    expect(await runCli(['db', 'copy'], io(file, [], err))).toBe(2);
    expect(await runCli(['db', 'copy', '--to', file], io(file, [], err))).toBe(2);
    expect(err.join('\n')).toContain('the target is the database Errata already uses');
  });
});
