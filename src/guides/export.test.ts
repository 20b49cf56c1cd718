import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, listFiles, makeGuide } from '../../test/helpers.ts';
import { migrate, openSqlite, type Db } from '../store/db.ts';
import { guideToYaml, parseGuideYaml } from './content-file.ts';
import { exportContent, exportPath, HISTORY_DIR, listAllGuides } from './export.ts';
import { importContent, planImport } from './import.ts';
import type { Guide } from './schema.ts';

const draft = makeGuide({
  id: 'test-product-0x80070002',
  code: '0x80070002',
  title: 'The system cannot find the file specified',
  status: 'draft',
});
const archived = makeGuide({
  id: 'test-product-0x80070003',
  code: '0x80070003',
  title: 'The system cannot find the path specified',
  status: 'archived',
});
const inReview = makeGuide({
  id: 'test-product-0x80070004',
  code: '0x80070004',
  title: 'The system cannot open the file',
  status: 'review',
});

/** Text YAML likes to misread: indicators, comments, quotes, booleans, numbers, lines and scripts. */
const tricky = makeGuide({
  id: 'tricky-0x80004005',
  code: '0x80004005',
  category: 'Géräte & Zubehör',
  brand: 'Ünïcödé — 日本語',
  product: '"Quoted" product: v2 # not a comment',
  title: '- starts with a dash: it\'s "quoted" # and hashed',
  summary: [
    'Line one: a value',
    '# a hash at the start of a line',
    '- a dash at the start of a line',
    '',
    '    indented by four, trailing spaces   ',
    'unicode: café, 日本語, emoji 🚀, RTL שלום, combining e\u0301, zero\u200bwidth',
    '<script>alert("x")</script> & <b>bold</b> `E_FAIL`',
    'a windows\r\nline end and a\ttab',
    `a long line ${'with  double  spaces and words '.repeat(8)}that YAML could fold`,
  ].join('\n'),
  affected: ['yes', 'no', 'null', '~', 'true', 'False', '0x80004005', '012', '1e3', '.inf', '2026-11-26'],
  causes: [
    '@at sign',
    '`backtick`',
    '*alias',
    '&anchor',
    '!tag',
    '%directive',
    '{ a: brace }',
    '[a, bracket]',
    '>folded',
    '|literal',
    '? question',
    ': colon first',
    'trailing colon:',
    '\'single\' and "double"',
    '---',
    '...',
    'a \\ backslash and \\n not a newline',
  ],
  steps: [
    {
      action: 'Run this:\n\n    sfc /scannow\n\nthen restart.',
      why: 'Because "it" said so: see #4.',
      commands: ['Get-Process | Where-Object { $_.CPU -gt 100 } # top', 'echo "a: b" \'c\' > out.txt'],
      audience: 'it-pro',
    },
    { action: '- Dash first', why: '#hash first' },
  ],
  callAPro: '<script src="https://evil.example/x.js"></script>',
  faq: [{ question: 'Is "yes" a boolean?', answer: 'No: it is a string.\nEven on two lines.' }],
  related: ['0x80070005'],
  sources: [
    {
      title: 'Docs: "HRESULT" #values',
      url: 'https://learn.microsoft.com/example?a=1&b=%20#frag',
      publisher: 'Microsoft',
    },
  ],
  status: 'draft',
});

const extras: Guide[] = [draft, archived, inReview, tricky];

const temp = mkdtempSync(join(tmpdir(), 'errata-export-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function emptyDb(name: string): Promise<Db> {
  const { db } = openSqlite(join(temp, `${name}.db`));
  await migrate(db);
  return db;
}

describe('exportContent', () => {
  const dbs: Db[] = [];
  let first: Db;
  let second: Db;
  const dirA = join(temp, 'a');
  const dirB = join(temp, 'b');
  const extraDir = join(temp, 'extra');
  let summaryA: Awaited<ReturnType<typeof exportContent>>;
  let summaryB: Awaited<ReturnType<typeof exportContent>>;

  beforeAll(async () => {
    // The bundled content plus guides of every other status, imported as files like an editor would.
    mkdirSync(extraDir);
    for (const guide of extras) writeFileSync(join(extraDir, `${guide.id}.yaml`), guideToYaml(guide));
    first = await emptyDb('first');
    second = await emptyDb('second');
    dbs.push(first, second);
    await importContent(first, [CONTENT_DIR, extraDir], { format: 'yaml' });

    summaryA = await exportContent(first, dirA);
    await importContent(second, [dirA], { format: 'yaml' });
    summaryB = await exportContent(second, dirB);
  });

  afterAll(async () => {
    for (const db of dbs) await db.destroy();
  });

  it('export → import into an empty database → export is byte-identical', () => {
    const filesA = listFiles(dirA);
    const filesB = listFiles(dirB);
    expect(filesB).toEqual(filesA);
    expect(filesA.length).toBeGreaterThan(extras.length);
    for (const file of filesA) {
      expect(readFileSync(join(dirB, file), 'utf8'), file).toBe(readFileSync(join(dirA, file), 'utf8'));
    }
    expect(summaryB).toEqual(summaryA);
  });

  it('writes every stored guide, whatever its status, at <category-slug>/<id>.yaml', async () => {
    const stored = await listAllGuides(first);
    expect(summaryA).toEqual({ files: stored.length, guides: stored.length, pending: 0, incomplete: [] });
    expect(listFiles(dirA)).toEqual(stored.map(exportPath).sort());
    expect(exportPath(draft)).toBe(join('test-category', 'test-product-0x80070002.yaml'));
    expect(exportPath(tricky)).toBe(join('gerate-and-zubehor', 'tricky-0x80004005.yaml'));
    const statuses = new Set(stored.map((g) => g.status));
    expect([...statuses].sort()).toEqual(['archived', 'draft', 'published', 'review']);
    for (const guide of [draft, archived, inReview]) {
      expect(readFileSync(join(dirA, exportPath(guide)), 'utf8')).toContain(`\nstatus: ${guide.status}\n`);
    }
  });

  it('re-imports without problems, to the same guides', async () => {
    expect((await planImport(second, [dirA], { format: 'yaml' })).problems).toEqual([]);
    expect(await listAllGuides(second)).toEqual(await listAllGuides(first));
    const statuses = await second
      .selectFrom('guides')
      .select(['id', 'status'])
      .where('id', 'in', [draft.id, archived.id, inReview.id])
      .orderBy('id')
      .execute();
    expect(statuses).toEqual([
      { id: draft.id, status: 'draft' },
      { id: archived.id, status: 'archived' },
      { id: inReview.id, status: 'review' },
    ]);
  });

  it('round-trips tricky text exactly', async () => {
    const text = readFileSync(join(dirA, exportPath(tricky)), 'utf8');
    const parsed = parseGuideYaml(text, 'tricky.yaml');
    expect(parsed.ok && parsed.guide).toEqual(tricky);
    const [again] = (await listAllGuides(second)).filter((g) => g.id === tricky.id);
    expect(again).toEqual(tricky);
  });

  it('writes files ending in one newline, in stable field order, and no temporary files', () => {
    for (const file of listFiles(dirA)) {
      const text = readFileSync(join(dirA, file), 'utf8');
      expect(text.endsWith('\n') && !text.endsWith('\n\n'), file).toBe(true);
      expect(text.startsWith('id: '), file).toBe(true);
      expect(file.endsWith('.yaml'), file).toBe(true);
    }
  });

  it('leaves unchanged files alone and overwrites changed ones', async () => {
    const dir = join(temp, 'again');
    await exportContent(first, dir);
    const path = join(dir, exportPath(draft));
    const before = statSync(path).mtimeMs;
    const other = join(dir, exportPath(archived));
    writeFileSync(other, 'edited by hand\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await exportContent(first, dir);
    expect(statSync(path).mtimeMs).toBe(before);
    expect(readFileSync(other, 'utf8')).toBe(readFileSync(join(dirA, exportPath(archived)), 'utf8'));
    expect(listFiles(dir)).toEqual(listFiles(dirA));
  });

  it('with history, writes nothing extra in a database without a revisions table', async () => {
    const db = await emptyDb('no-revisions');
    dbs.push(db);
    await importContent(db, [CONTENT_DIR, extraDir], { format: 'yaml' });
    await sql`drop table if exists revisions`.execute(db);
    const dir = join(temp, 'no-history');
    expect(await exportContent(db, dir, { history: true })).toEqual(summaryA);
    expect(listFiles(dir)).toEqual(listFiles(dirA));
    expect(() => statSync(join(dir, HISTORY_DIR))).toThrow();
  });

  describe('with a revisions table', () => {
    /** A database with known revisions, whether or not the migrations create the table themselves. */
    async function withRevisions(name: string, rows: [string, number, unknown, string][]): Promise<Db> {
      const db = await emptyDb(name);
      dbs.push(db);
      await importContent(db, [CONTENT_DIR, extraDir], { format: 'yaml' });
      await sql`drop table if exists revisions`.execute(db);
      await sql`create table revisions (
        id integer primary key autoincrement, guide_id text not null, number integer not null,
        data text not null, status text not null, author text not null, message text not null,
        created_at text not null, unique (guide_id, number))`.execute(db);
      // Inserted out of order: the export sorts.
      for (const [guideId, number, data, createdAt] of rows) {
        await sql`insert into revisions (guide_id, number, data, status, author, message, created_at)
          values (${guideId}, ${number}, ${typeof data === 'string' ? data : JSON.stringify(data)},
            ${'published'}, ${'ada@example.org'}, ${`Revision ${number}: "quoted" # text`}, ${createdAt})`.execute(
          db,
        );
      }
      return db;
    }

    const oldShape = { ...draft, title: 'An older title', retired: 'a field the schema no longer has' };
    const rows: [string, number, unknown, string][] = [
      [draft.id, 2, draft, '2026-11-27T10:00:00.000Z'],
      ['gone-0x80070001', 1, { id: 'gone-0x80070001' }, '2026-11-20T09:00:00.000Z'],
      [draft.id, 1, oldShape, '2026-11-26T09:00:00.000Z'],
    ];

    it('writes every revision of every guide to .history/<id>.yaml, oldest first', async () => {
      const db = await withRevisions('revisions', rows);
      const dir = join(temp, 'history');
      const summary = await exportContent(db, dir, { history: true });
      expect(summary).toEqual({
        files: summaryA.files + 2,
        guides: summaryA.guides,
        pending: 0,
        incomplete: [],
      });
      expect(listFiles(dir)).toEqual(
        [
          ...listFiles(dirA),
          join(HISTORY_DIR, 'gone-0x80070001.yaml'),
          join(HISTORY_DIR, `${draft.id}.yaml`),
        ].sort(),
      );
      for (const file of listFiles(dirA)) {
        expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(dirA, file), 'utf8'));
      }
      const text = readFileSync(join(dir, HISTORY_DIR, `${draft.id}.yaml`), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(parse(text)).toEqual([
        {
          number: 1,
          status: 'published',
          author: 'ada@example.org',
          message: 'Revision 1: "quoted" # text',
          createdAt: '2026-11-26T09:00:00.000Z',
          guide: oldShape,
        },
        {
          number: 2,
          status: 'published',
          author: 'ada@example.org',
          message: 'Revision 2: "quoted" # text',
          createdAt: '2026-11-27T10:00:00.000Z',
          guide: draft,
        },
      ]);
      // Same storage, same bytes.
      const again = join(temp, 'history-again');
      await exportContent(db, again, { history: true });
      for (const file of listFiles(dir)) {
        expect(readFileSync(join(again, file), 'utf8'), file).toBe(readFileSync(join(dir, file), 'utf8'));
      }
    });

    it('writes no history without the option', async () => {
      const db = await withRevisions('revisions-off', rows);
      const dir = join(temp, 'history-off');
      expect(await exportContent(db, dir)).toEqual(summaryA);
      expect(listFiles(dir)).toEqual(listFiles(dirA));
    });

    it('refuses a revision whose guide id would leave the folder, writing nothing', async () => {
      const db = await withRevisions('revisions-bad', [['../escape', 1, draft, '2026-11-26T09:00:00.000Z']]);
      const dir = join(temp, 'history-bad');
      await expect(exportContent(db, dir, { history: true })).rejects.toMatchObject({
        code: 'CONTENT_INVALID',
        details: ['revisions[../escape#1]: the guide id is not a slug'],
      });
      expect(() => statSync(dir)).toThrow();
    });
  });

  it('refuses stored guides that no longer match the schema, writing nothing', async () => {
    const db = await emptyDb('broken');
    dbs.push(db);
    await importContent(db, [CONTENT_DIR], { format: 'yaml' });
    const [one] = await listAllGuides(db);
    await db
      .updateTable('guides')
      .set({ data: JSON.stringify({ ...one, severity: 'urgent' }) })
      .where('id', '=', one!.id)
      .execute();
    const dir = join(temp, 'broken');
    await expect(exportContent(db, dir)).rejects.toMatchObject({
      code: 'CONTENT_INVALID',
      details: [expect.stringMatching(new RegExp(`^guides\\[${one!.id}\\]: severity: `))],
    });
    expect(() => statSync(dir)).toThrow();
  });
});
