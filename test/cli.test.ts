import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli/main.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { CONTENT_DIR, FIXTURES } from './helpers.ts';

const GUIDE_URL = '/operating-systems/microsoft/windows-update/0x80244007';
/** Where the seed page's text was published (the importer cites it as the draft's source). */
const SEED_URL = 'https://example.org/windows-update/0x80244007';

/** The path of a database file not made yet: the CLI's first start makes it. */
function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'errata-cli-')), 'errata.db');
}

let firstStarted: Promise<string> | undefined;

/**
 * A copy of a database file as the CLI's first start leaves it (migrated, bundled content and catalog
 * loaded): a first start takes seconds, a copy milliseconds. Tests of a first start use tempDb().
 */
async function openedDb(): Promise<string> {
  firstStarted ??= (async () => {
    const file = tempDb();
    const { code, err } = await cli(['list'], { db: file });
    if (code !== 0) throw new Error(`the CLI's first start failed: ${err}`);
    return file;
  })();
  const file = tempDb();
  copyFileSync(await firstStarted, file);
  return file;
}

/** Runs the CLI in-process against a database file of its own (a copy of a started one by default). */
async function cli(
  args: string[],
  { db = undefined as string | undefined, stdin = [] as string[], env = {} as NodeJS.ProcessEnv } = {},
) {
  db ??= await openedDb();
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stdinLines: async function* () {
      yield* stdin;
    },
    env: { ERRATA_DB: db, ERRATA_CONTENT: CONTENT_DIR, ...env },
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n'), db };
}

const FORMS = [
  '0x80244007',
  '0X80244007',
  '80244007',
  '0x80244007L',
  '-2145107961',
  '2149859335',
  'error 0x80244007',
];

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a PostgreSQL server that cannot be reached', () => {
  it('makes list and serve say so in one line, naming the server but not the password, and exit 1', async () => {
    const port = await closedPort();
    const env = { DATABASE_URL: `postgres://errata:s3cret-word@127.0.0.1:${port}/errata` };
    for (const command of ['list', 'serve']) {
      const { code, out, err } = await cli([command], { env });
      expect(code, command).toBe(1);
      expect(out).toBe('');
      expect(err).toContain(`PostgreSQL server at 127.0.0.1:${port}/errata cannot be reached`);
      expect(err).not.toContain('s3cret-word');
      expect(err.split('\n')).toHaveLength(1);
    }
  });
});

describe('errata lookup', () => {
  it.each(FORMS)('finds the guide for %s, with the same JSON as the API', async (q) => {
    const { code, out } = await cli(['lookup', '--json', q]);
    expect(code).toBe(0);
    const body = JSON.parse(out);
    expect(body.query).toBe(q);
    expect(body.matches[0]).toMatchObject({ kind: 'guide', code: '0x80244007', url: GUIDE_URL });
  });

  it('reads one query per line with --batch and prints one JSON object per line, in order', async () => {
    const db = await openedDb();
    const { code, out } = await cli(['lookup', '--batch'], {
      db,
      stdin: [...FORMS, '', 'x'.repeat(8193), 'zzqqxx'],
    });
    expect(code).toBe(0);
    const lines = out.split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(FORMS.length + 3);
    lines.slice(0, FORMS.length).forEach((l, i) => {
      expect(l.query).toBe(FORMS[i]);
      expect(l.matches[0].code).toBe('0x80244007');
    });
    expect(lines[FORMS.length]).toEqual({ query: '', matches: [] });
    expect(lines[FORMS.length + 1].error.code).toBe('QUERY_TOO_LONG');
    expect(lines[FORMS.length + 2]).toMatchObject({ query: 'zzqqxx', matches: [] });
    expect(lines[FORMS.length + 2].unknown).toBeUndefined();
  });

  it('answers every line of a long batch, in order, across its turns of the event loop', async () => {
    const queries = Array.from({ length: 150 }, (_, i) => (i % 2 === 0 ? '0x80244007' : String(i)));
    const { code, out } = await cli(['lookup', '--batch'], { stdin: queries });
    expect(code).toBe(0);
    expect(out.split('\n').map((l) => (JSON.parse(l) as { query: string }).query)).toEqual(queries);
  });

  it('prints people-readable lines by default and exits 1 when nothing is found', async () => {
    expect((await cli(['lookup', '0x80244007'])).out).toContain(GUIDE_URL);
    const none = await cli(['lookup', '0x8badf00d']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('0x8badf00d is a code no catalog or guide of Errata has');
  });

  it('reads pasted lines whole with "lookup -", and a long log line as an argument', async () => {
    const pasted = await cli(['lookup', '-', '--json'], {
      stdin: [
        'Error: 87',
        '',
        'The restorehealth option is unknown.',
        'For more information, run DISM.exe /?.',
      ],
    });
    expect(pasted.code).toBe(0);
    const result = JSON.parse(pasted.out);
    expect(result.query.split('\n')).toHaveLength(4);
    expect(result.matches[0]).toMatchObject({ code: '0x80070057' });
    const line = `${'2024-01-09 14:22:31, Info CBS Loaded servicing stack v10.0.22621.3007. '.repeat(5)}[HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]`;
    expect(line.length).toBeGreaterThan(200);
    const long = await cli(['lookup', line]);
    expect(long.code).toBe(0);
    expect(long.out).toContain('/0x800f081f');
  });

  it('answers unknown flags and commands with usage and exit code 2', async () => {
    const flag = await cli(['lookup', '--bogus', '0x5']);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/Unknown option '--bogus'[\s\S]*Usage: errata/);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });
});

describe('errata --version and help', () => {
  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(CONTENT_DIR, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const { code, out } = await cli([flag]);
      expect(code).toBe(0);
      expect(out).toBe(pkg.version);
    }
    // From the sources there is no compiled snapshot: the catalog is built from its files.
    const json = await cli(['--version', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      version: pkg.version,
      node: process.version,
      catalog: { entries: expect.any(Number) as number, compiled: false },
    });
  });

  it('prints the usage of one command, options included, and refuses an unknown one', async () => {
    const lookup = await cli(['help', 'lookup']);
    expect(lookup.code).toBe(0);
    expect(lookup.out).toMatch(/^Usage: errata lookup <text>/);
    expect(lookup.out).toContain('--batch');
    expect(lookup.out).not.toContain('decode');
    expect((await cli(['help', 'user'])).out).toContain('--role');
    const unknown = await cli(['help', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
  });
});

describe('failures a script can read', () => {
  it('prints a --json failure as JSON on stdout, with the exit code unchanged', async () => {
    const empty = await cli(['lookup', '', '--json']);
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.out)).toEqual({
      error: { code: 'USAGE', message: 'lookup needs a code, a name or a log line' },
    });
    const word = await cli(['decode', 'zqxjv', '--json']);
    expect(word.code).toBe(1);
    expect(JSON.parse(word.out).error.code).toBe('NOT_A_CODE');
  });

  it('says in one line why a value cannot be decoded, instead of printing nothing', async () => {
    const { code, out, err } = await cli(['decode', 'zqxjv']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(
      /^errata decode: Errata cannot decode "zqxjv": it is not a number .* or a name any catalog has/,
    );
    expect(err.split('\n')).toHaveLength(1);
  });
});

describe('a reader that stops early', () => {
  it('ends the CLI quietly with status 0 when its output pipe closes (errata … | head)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(PACKAGE_ROOT, 'src', 'cli', 'main.ts'), 'lookup', '--batch'],
      {
        env: { ...process.env, ERRATA_DB: await openedDb(), ERRATA_CONTENT: CONTENT_DIR },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => {}); // the child may stop reading once it has ended
    child.stdin.end('0x80244007\n'.repeat(20_000));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).not.toMatch(/EPIPE|at /);
    expect(code).toBe(0);
  }, 60_000);
});

describe('errata show and list', () => {
  it('shows the published guide as JSON', async () => {
    const { code, out } = await cli(['show', '0x80244007', '--json']);
    expect(code).toBe(0);
    const guide = JSON.parse(out);
    expect(guide).toMatchObject({ id: 'windows-update-0x80244007', status: 'published' });
    expect(guide.summary).toContain('SOAP fault');
    expect(guide.sources[0].url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  it('lists published guides with their sources and URLs', async () => {
    const { out } = await cli(['list', '--json']);
    const list = JSON.parse(out);
    const soap = list.find((g: { code: string }) => g.code === '0x80244007');
    expect(soap).toMatchObject({
      category: 'Operating systems',
      brand: 'Microsoft',
      product: 'Windows Update',
      severity: 'moderate',
      url: GUIDE_URL,
    });
    expect(soap.sources.length).toBeGreaterThan(0);
  });
});

describe('errata import', () => {
  it('parses the seed page text with --dry-run --json and writes nothing', async () => {
    const db = await openedDb();
    const seed = join(FIXTURES, 'seed-0x80244007.txt');
    const { code, out } = await cli(
      ['import', '--format', 'page-text', '--source-url', SEED_URL, '--dry-run', '--json', seed],
      { db },
    );
    expect(code).toBe(1); // a published guide with that id already exists
    const body = JSON.parse(out);
    expect(body.guides).toHaveLength(1);
    expect(body.guides[0]).toMatchObject({ code: '0x80244007', status: 'draft', confidence: 'low' });
    expect(body.guides[0].sources[0].url).toBe(SEED_URL);
    expect(body.problems[0]).toContain('imported page text never replaces it');
  });

  it('reports every consistency finding of a dry run: the seed contradicts WU_E_PT_SOAPCLIENT_SOAPFAULT', async () => {
    const seed = join(FIXTURES, 'seed-0x80244007.txt');
    const args = ['import', '--format', 'page-text', '--source-url', SEED_URL, '--dry-run'];
    const json = await cli([...args, '--json', seed]);
    const body = JSON.parse(json.out);
    expect(body.findings).toContainEqual(
      expect.objectContaining({
        code: 'meaning-mismatch',
        severity: 'error',
        guideId: 'windows-update-0x80244007',
      }),
    );
    expect(body.findings.find((f: { code: string }) => f.code === 'meaning-mismatch').message).toContain(
      'WU_E_PT_SOAPCLIENT_SOAPFAULT',
    );
    const human = await cli([...args, seed]);
    expect(human.err).toMatch(/error .*meaning-mismatch.*WU_E_PT_SOAPCLIENT_SOAPFAULT/);
  });

  it('reports consistency findings of a real import too, YAML and page text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errata-lint-import-'));
    const good = readFileSync(
      join(CONTENT_DIR, 'operating-systems', 'windows-update-0x80244007.yaml'),
      'utf8',
    );
    // Same meaning as the official name, filed under another code: the check must say so.
    writeFileSync(
      join(dir, 'wrong.yaml'),
      good
        .replace(/windows-update-0x80244007/, 'windows-update-0x80070005')
        .replace("'0x80244007'", "'0x80070005'"),
    );
    const db = await openedDb();
    const yaml = await cli(['import', join(dir, 'wrong.yaml')], { db });
    expect(yaml.code).toBe(0);
    expect(yaml.err).toMatch(/windows-update-0x80070005.*meaning-mismatch/);
    const page = readFileSync(join(FIXTURES, 'seed-0x80244007.txt'), 'utf8').replace(
      /^0x80244007/,
      '0x80244FFF',
    );
    writeFileSync(join(dir, 'page.txt'), page);
    const text = await cli(
      ['import', '--format', 'page-text', '--source-url', SEED_URL, '--json', join(dir, 'page.txt')],
      { db },
    );
    expect(text.code).toBe(0);
    expect(JSON.parse(text.out).findings.length).toBeGreaterThan(0);
  });

  it('page text needs the web address it came from', async () => {
    const seed = join(FIXTURES, 'seed-0x80244007.txt');
    const missing = await cli(['import', '--format', 'page-text', '--dry-run', seed]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--source-url');
    const local = await cli([
      'import',
      '--format',
      'page-text',
      '--source-url',
      'file:///tmp/seed.txt',
      '--dry-run',
      seed,
    ]);
    expect(local.code).toBe(2);
    expect(local.err).toContain('--source-url must be an https or http address');
  });

  it('imports page text as a draft that is not published', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errata-page-'));
    const text = readFileSync(join(FIXTURES, 'seed-0x80244007.txt'), 'utf8').replace(
      /^0x80244007/,
      '0x80244FFF',
    );
    writeFileSync(join(dir, 'page.txt'), text);
    const db = await openedDb();
    const result = await cli(
      ['import', '--format', 'page-text', '--source-url', SEED_URL, join(dir, 'page.txt')],
      { db },
    );
    expect(result.err).not.toMatch(/problem|Nothing was imported/);
    expect(result.code).toBe(0);
    expect((await cli(['show', '0x80244FFF', '--json'], { db })).code).toBe(1);
  });

  it('imports nothing when one file of a batch is malformed, naming file, line and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errata-import-'));
    mkdirSync(join(dir, 'sub'));
    const good = readFileSync(
      join(CONTENT_DIR, 'operating-systems', 'windows-update-0x80244007.yaml'),
      'utf8',
    );
    writeFileSync(
      join(dir, 'a.yaml'),
      good.replace(/windows-update-0x80244007/, 'new-guide').replace("'0x80244007'", "'0x80244FFE'"),
    );
    writeFileSync(join(dir, 'sub', 'b.yaml'), good.replace('severity: moderate', 'severity: loud'));
    const db = await openedDb();
    const before = JSON.parse((await cli(['list', '--json'], { db })).out).length;
    const result = await cli(['import', dir], { db });
    expect(result.code).toBe(1);
    expect(result.err).toContain('Nothing was imported: 1 problem found.');
    expect(result.err).toContain(`${join(dir, 'sub', 'b.yaml')}:6: severity: Invalid option`);
    expect(JSON.parse((await cli(['list', '--json'], { db })).out)).toHaveLength(before);
  });

  it('reports a missing path and refuses binary files', async () => {
    expect((await cli(['import', '/no/such/path'])).err).toContain(
      '/no/such/path:0: no such file or directory',
    );
    const dir = mkdtempSync(join(tmpdir(), 'errata-bin-'));
    writeFileSync(join(dir, 'x.yaml'), Buffer.from([0, 1, 2, 3]));
    expect((await cli(['import', join(dir, 'x.yaml')])).err).toContain('binary file');
  });
});

describe('errata decode', () => {
  it('prints the structure and every reading', async () => {
    const { code, out } = await cli(['decode', '0x80070005']);
    expect(code).toBe(0);
    expect(out).toContain('signed -2147024891');
    expect(out).toContain('HRESULT_FROM_WIN32 of Win32 error 5');
    expect(out).toContain('ERROR_ACCESS_DENIED');
  });

  it('prints the same JSON as the API, and reads batches of lookups with references', async () => {
    const json = JSON.parse((await cli(['decode', '--json', '0xEF'])).out);
    expect(json.matches.find((m: { kind: string }) => m.kind === 'reference')).toMatchObject({
      kind: 'reference',
      symbol: 'CRITICAL_PROCESS_DIED',
      family: 'bugcheck',
    });
    const batch = await cli(['lookup', '--batch', '--json'], { stdin: ['0xC000009A', 'ENOENT', 'P0300'] });
    const lines = batch.out.split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.matches[0].symbol ?? l.matches[0].code)).toEqual([
      'STATUS_INSUFFICIENT_RESOURCES',
      'ENOENT',
      'P0300',
    ]);
  });
});

describe('errata lint', () => {
  it('passes the bundled corpus', async () => {
    const { code, out } = await cli(['lint']);
    expect(code).toBe(0);
    expect(out).toMatch(/\d+ guide\(s\): 0 error\(s\)/);
  });

  it("flags the seed page's redirect-loop story for 0x80244007", async () => {
    const seed = join(FIXTURES, 'seed-0x80244007.txt');
    const { code, out } = await cli([
      'lint',
      '--format',
      'page-text',
      '--source-url',
      SEED_URL,
      '--json',
      seed,
    ]);
    expect(code).toBe(1);
    const body = JSON.parse(out);
    expect(body.warnings).toContainEqual(
      expect.objectContaining({
        code: 'meaning-mismatch',
        severity: 'error',
        guideId: 'windows-update-0x80244007',
      }),
    );
  });
});

describe('errata search', () => {
  it('prints the same JSON as the API, one object per line with --batch', async () => {
    const db = await openedDb();
    const single = JSON.parse((await cli(['search', '--json', 'soap', 'fault'], { db })).out);
    expect(single.results[0].url).toBe(GUIDE_URL);
    const batch = await cli(['search', '--batch'], { db, stdin: ['misfier', 'zzqqxx', 'x'.repeat(300)] });
    const lines = batch.out.split('\n').map((l) => JSON.parse(l));
    expect(lines[0].results[0].url).toBe('/vehicles/obd-ii/powertrain/p0300');
    expect(lines[1].total).toBe(0);
    expect(lines[2].error.code).toBe('QUERY_TOO_LONG');
  });

  it('counts searches that found nothing, per normalised query', async () => {
    const db = await openedDb();
    await cli(['search', 'Zzqqxx  Blorp'], { db });
    await cli(['search', 'zzqqxx blorp!'], { db });
    const report = JSON.parse((await cli(['report', 'zero-results', '--json'], { db })).out);
    expect(report.zeroResults).toEqual([expect.objectContaining({ query: 'zzqqxx blorp', count: 2 })]);
  });
});

describe('bundled content on upgrade', () => {
  it('adds new bundled guides to an existing database and keeps guides someone changed', async () => {
    const { cpSync, rmSync } = await import('node:fs');
    const content = mkdtempSync(join(tmpdir(), 'errata-bundle-'));
    cpSync(CONTENT_DIR, content, { recursive: true });
    const soap = join(content, 'operating-systems', 'windows-update-0x80244007.yaml');
    const p0300 = join(content, 'vehicles', 'obd-ii-p0300.yaml');
    const p0300Text = readFileSync(p0300, 'utf8');
    rmSync(p0300);
    const db = tempDb();
    const env = (extra: Record<string, string> = {}) => ({
      ERRATA_DB: db,
      ERRATA_CONTENT: content,
      ...extra,
    });
    const run = async (args: string[]) => {
      const out: string[] = [];
      const code = await runCli(args, {
        out: (l) => out.push(l),
        err: () => {},
        stdinLines: async function* () {},
        env: env(),
      });
      return { code, out: out.join('\n') };
    };
    expect((await run(['show', 'P0300'])).code).toBe(1);
    // Someone imports their own version of a bundled guide.
    const edited = join(mkdtempSync(join(tmpdir(), 'errata-edit-')), 'soap.yaml');
    writeFileSync(edited, readFileSync(soap, 'utf8').replace('severity: moderate', 'severity: serious'));
    expect((await run(['import', edited])).code).toBe(0);
    // A new release: P0300 is back and the bundled 0x80244007 guide changed.
    writeFileSync(p0300, p0300Text);
    writeFileSync(soap, readFileSync(soap, 'utf8').replace('confidence: high', 'confidence: medium'));
    expect((await run(['show', 'P0300'])).code).toBe(0);
    const kept = JSON.parse((await run(['show', '0x80244007', '--json'])).out);
    expect(kept).toMatchObject({ severity: 'serious', confidence: 'high' });
  });
});

describe('errata user and export', () => {
  it('creates an account with the password from stdin, never from a flag', async () => {
    const db = await openedDb();
    const ok = await cli(['user', 'add', 'Someone@Example.org', '--role', 'editor'], {
      db,
      stdin: ['a long enough password'],
    });
    expect(ok.out).toBe('Created editor someone@example.org.');
    expect(
      (await cli(['user', 'add', 'x@example.org', '--role', 'editor'], { db, stdin: ['short'] })).code,
    ).toBe(1);
    expect(
      (
        await cli(['user', 'add', 'x@example.org', '--role', 'boss'], {
          db,
          stdin: ['a long enough password'],
        })
      ).code,
    ).toBe(2);
    expect(
      (await cli(['user', 'add', 'x@example.org', '--role', 'editor', '--password', 'p'], { db })).code,
    ).toBe(2);
  });

  it('shows the progress of an export as a few plain lines when not on a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errata-export-progress-'));
    const { code, err } = await cli(['export', dir]);
    expect(code).toBe(0);
    const lines = err.split('\n');
    const checking = lines.filter((l) => l.startsWith('errata export: checking: '));
    const writing = lines.filter((l) => l.startsWith('errata export: writing: '));
    expect(checking.at(-1)).toMatch(/^errata export: checking: ([\d,]+) of \1 guides \(100%\)$/);
    expect(writing.at(-1)).toMatch(/^errata export: writing: ([\d,]+) of \1 files \(100%\)$/);
    // One line per quarter, not one per guide: logs stay short.
    expect(checking.length).toBeLessThanOrEqual(5);
    expect(writing.length).toBeLessThanOrEqual(5);
  });

  it('exports YAML that imports back into an empty database and exports byte for byte the same', async () => {
    const { readdirSync } = await import('node:fs');
    const a = mkdtempSync(join(tmpdir(), 'errata-export-a-'));
    const b = mkdtempSync(join(tmpdir(), 'errata-export-b-'));
    expect((await cli(['export', a])).code).toBe(0);
    const second = tempDb();
    const env = { ERRATA_DB: second, ERRATA_CONTENT: a };
    const run = (args: string[]) =>
      runCli(args, { out: () => {}, err: () => {}, stdinLines: async function* () {}, env });
    expect(await run(['export', b])).toBe(0);
    const files = (dir: string) =>
      readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.yaml'))
        .sort();
    expect(files(b)).toEqual(files(a));
    for (const file of files(a))
      expect(readFileSync(join(b, file), 'utf8')).toBe(readFileSync(join(a, file), 'utf8'));
  });
});

describe('errata backup', () => {
  it('copies the database while another connection writes, into a file that passes the integrity check', async () => {
    const db = await openedDb();
    const guides = JSON.parse((await cli(['list', '--json'], { db })).out) as unknown[];
    expect(guides.length).toBeGreaterThan(0);
    // A committed write still in the WAL, and a write transaction open during the backup.
    const writer = new SQLite(db);
    writer.prepare("insert into meta (key, value) values ('backup-committed', 'yes')").run();
    writer.exec('begin immediate');
    writer.prepare("insert into meta (key, value) values ('backup-uncommitted', 'yes')").run();
    const dest = join(mkdtempSync(join(tmpdir(), 'errata-backup-')), 'nightly', 'errata.db');
    const { code, out } = await cli(['backup', dest], { db });
    writer.exec('rollback');
    writer.close();
    expect(code).toBe(0);
    expect(out).toContain(dest);
    expect(readdirSync(dirname(dest))).toEqual(['errata.db']);

    const copy = new SQLite(dest);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const keys = copy.prepare("select key from meta where key like 'backup-%'").pluck().all();
    copy.close();
    expect(keys).toEqual(['backup-committed']);
    const restored = JSON.parse((await cli(['list', '--json'], { db: dest })).out) as unknown[];
    expect(restored).toEqual(guides);

    // A second backup to the same name replaces the first.
    expect((await cli(['backup', dest], { db })).code).toBe(0);
    expect(readdirSync(dirname(dest))).toEqual(['errata.db']);
  });

  it('refuses when the data is in PostgreSQL, and names pg_dump', async () => {
    const err: string[] = [];
    const code = await runCli(['backup', join(tmpdir(), 'never.db')], {
      out: () => {},
      err: (l) => err.push(l),
      stdinLines: async function* () {},
      env: { DATABASE_URL: 'postgres://errata:errata@127.0.0.1:5432/errata' },
    });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/pg_dump/);
  });

  it('needs one destination and an existing database', async () => {
    expect((await cli(['backup'])).code).toBe(2);
    const missing = await cli(['backup', join(tmpdir(), 'never.db')], { db: join(tmpdir(), 'no-such.db') });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No database at/);
  });
});

describe('errata build-site', () => {
  it('refuses to write absolute links without a public address (never localhost)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errata-site-'));
    const result = await cli(['build-site', dir], { env: {} });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/PUBLIC_URL.*--base-url/);
    expect(readdirSync(dir)).toEqual([]);
    const relative = await cli(['build-site', dir, '--base-url', '/errata/'], { env: {} });
    expect(relative.code).toBe(2);
  });
});
