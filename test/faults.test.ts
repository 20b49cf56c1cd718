/**
 * Faults against the real CLI and server processes: kill -9 during a large import (SQLite and
 * PostgreSQL), a PostgreSQL restart while serving, a full disk and a read-only database file.
 * Needs root (mounts, the postgres user) and PostgreSQL 15 binaries; parts that the machine does not
 * allow are skipped with the reason printed. Run with `npm run test:faults`.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ERRORS } from '../src/base/errors.ts';
import { loadContent } from '../src/guides/load-files.ts';
import { guideUrl as urlOfGuide } from '../src/guides/schema.ts';
import { openDatabase } from '../src/store/db.ts';
import { classifyFault } from '../src/store/faults.ts';
import {
  can,
  Client,
  errata,
  fillDisk,
  IS_ROOT,
  killImportWhileWriting,
  PgServer,
  ServerProcess,
  sh,
  writeGuideFiles,
} from './processes.ts';
import { CONTENT_DIR } from './helpers.ts';

const LARGE_IMPORT = 2000;
const EDITOR = { email: 'editor@example.org', password: 'a long enough password' };
const GUIDE_ID = 'windows-update-0x8024402c';

const work = mkdtempSync(join(tmpdir(), 'errata-faults-'));
chmodSync(work, 0o755); // the postgres user works in here too
const largeDir = join(work, 'large');
const largeIds = writeGuideFiles(largeDir, LARGE_IMPORT);
const smallDir = join(work, 'small');
const smallIds = writeGuideFiles(smallDir, 20, 'small');

afterAll(() => rmSync(work, { recursive: true, force: true }));

const pgMissing = PgServer.available();
if (pgMissing) console.warn(`Skipping the PostgreSQL fault tests: ${pgMissing}.`);

/** A stack trace line, which no answer or message may contain. */
const STACK = /\n\s+at .+:\d+/;

function sqliteState(file: string) {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      ids: (db.prepare('select id from guides order by id').all() as { id: string }[]).map((r) => r.id),
      revisions: (db.prepare('select count(*) as n from revisions').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

async function pgState(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids = (await client.query<{ id: string }>('select id from guides order by id collate "C"')).rows;
    const revisions = (await client.query<{ n: string }>('select count(*) as n from revisions')).rows[0]!;
    return { ids: ids.map((r) => r.id), revisions: Number(revisions.n) };
  } finally {
    await client.end();
  }
}

/** The URL of a published guide's page, from the lookup API. */
/**
 * The page verdicts counted for the guide, read from the database itself: the public stats hide counts
 * below the readers' minimum. Asking for them first makes the server write what it holds.
 */
async function pageVerdicts(
  client: Client,
  env: Record<string, string>,
): Promise<{ yes: number; no: number }> {
  await client.get(`/api/v1/guides/${GUIDE_ID}/stats`);
  const query = `select outcome, sum(count) as n from feedback_counts where guide_id = '${GUIDE_ID}' and step_id = '' group by outcome`;
  let rows: { outcome: string; n: number | string }[];
  if (env.DATABASE_URL) {
    const pgClient = new pg.Client({ connectionString: env.DATABASE_URL });
    await pgClient.connect();
    try {
      rows = (await pgClient.query(query)).rows;
    } finally {
      await pgClient.end();
    }
  } else {
    const file = new SQLite(env.ERRATA_DB!, { readonly: true });
    try {
      rows = file.prepare(query).all() as typeof rows;
    } finally {
      file.close();
    }
  }
  const count = (outcome: string) => Number(rows.find((r) => r.outcome === outcome)?.n ?? 0);
  return { yes: count('yes'), no: count('no') };
}

async function guideUrl(client: Client, code: string): Promise<string> {
  const res = await client.get(`/api/v1/lookup?q=${encodeURIComponent(code)}`);
  const match = (res.json() as { matches: { kind: string; url: string }[] }).matches.find(
    (m) => m.kind === 'guide',
  );
  if (!match) throw new Error(`no guide for ${code}: ${res.text}`);
  return new URL(match.url, 'http://errata.invalid').pathname;
}

/** Checks a clean error answer: status, code, the plain message, Retry-After on 503, no stack trace. */
function expectCleanJson(res: Awaited<ReturnType<Client['get']>>, status: number, code: keyof typeof ERRORS) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(res.json()).toEqual({ error: { code, message: ERRORS[code].message } });
  if (status === 503) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(res.text).not.toMatch(STACK);
}

/** A read that may be served from memory: a 200, or else the same clean 503. */
function expectOkOrUnavailable(res: Awaited<ReturnType<Client['get']>>) {
  if (res.status === 200) return;
  if (res.headers.get('content-type')?.includes('json')) expectCleanJson(res, 503, 'DATABASE_UNAVAILABLE');
  else expectCleanPage(res, 503, 'DATABASE_UNAVAILABLE');
}

/** The page of the bundled guide for a code (every bundled guide lives under its code's path). */
/** The editor signed in on `app`, the working copy of GUIDE_ID and that guide's public page. */
async function editorOn(app: ServerProcess) {
  const editor = new Client(app.url);
  const csrf = await editor.signIn(EDITOR.email, EDITOR.password);
  const copy = (await editor.get(`/api/v1/admin/guides/${GUIDE_ID}`)).json() as {
    guide: { summary: string };
    revision: number;
  };
  return { editor, csrf, copy, page: await guideUrl(editor, '0x8024402C') };
}

function guidePathOf(code: string): string {
  const guide = loadContent([CONTENT_DIR], 'yaml', '2100-01-01').guides.find((g) => g.code === code);
  if (!guide) throw new Error(`no bundled guide for ${code}`);
  return new URL(urlOfGuide(guide), 'http://errata.invalid').pathname;
}

function expectCleanPage(res: Awaited<ReturnType<Client['get']>>, status: number, code: keyof typeof ERRORS) {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  expect(res.text).toContain(ERRORS[code].message.replace(/'/g, '&#39;'));
  if (status === 503) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(res.text).not.toMatch(STACK);
}

describe('kill -9 during a large import', () => {
  it('SQLite: the database stays consistent and holds what it held; a re-run imports everything', async () => {
    const env = { ERRATA_DB: join(work, 'kill', 'errata.db') };
    expect((await errata(['list'], env)).status).toBe(0);
    const before = sqliteState(env.ERRATA_DB);
    expect(before.ids.length).toBeGreaterThan(0);

    const killed = await killImportWhileWriting(largeDir, env);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(killed.killedAt).toMatch(/writing: [\d,]+ of 2,000 guides/);
    expect(killed.stdout).not.toMatch(/Imported/);

    const after = sqliteState(env.ERRATA_DB);
    expect(after.integrity).toBe('ok');
    expect(after.ids).toEqual(before.ids);
    expect(after.revisions).toBe(before.revisions);

    const server = await ServerProcess.start(env);
    try {
      const client = new Client(server.url);
      expect((await client.get(await guideUrl(client, '0x8024402C'))).status).toBe(200);
      expect((await client.get(`/api/v1/lookup?q=${largeIds[0]!.split('-').pop()}`)).text).not.toContain(
        largeIds[0],
      );
    } finally {
      await server.stop();
    }

    const rerun = await errata(['import', largeDir], env);
    expect(rerun.stderr).not.toMatch(STACK);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`Imported ${LARGE_IMPORT} guide(s): ${LARGE_IMPORT} new`);
    const final = sqliteState(env.ERRATA_DB);
    expect(final.integrity).toBe('ok');
    expect(final.ids).toEqual([...before.ids, ...largeIds].sort());
  });

  describe.skipIf(pgMissing !== undefined)('PostgreSQL', () => {
    let server: PgServer;
    beforeAll(async () => {
      server = await PgServer.create(join(work, 'pg-kill'));
    });
    afterAll(() => server?.destroy());

    it('the transaction is rolled back: nothing of the import is stored; a re-run imports everything', async () => {
      const env = { DATABASE_URL: server.url, ERRATA_DB: join(work, 'pg-kill', 'errata.db') };
      expect((await errata(['list'], env)).status).toBe(0);
      const before = await pgState(server.url);
      expect(before.ids.length).toBeGreaterThan(0);

      const killed = await killImportWhileWriting(largeDir, env);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expect(killed.killedAt).toMatch(/writing: [\d,]+ of 2,000 guides/);

      const after = await pgState(server.url);
      expect(after).toEqual(before);
      const list = await errata(['list', '--json'], env);
      expect(list.status).toBe(0);
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(before.ids.length);

      const rerun = await errata(['import', largeDir], env);
      expect(rerun.status, rerun.stderr).toBe(0);
      expect(rerun.stdout).toContain(`Imported ${LARGE_IMPORT} guide(s): ${LARGE_IMPORT} new`);
      expect((await pgState(server.url)).ids).toEqual([...before.ids, ...largeIds].sort());
    });
  });
});

describe.skipIf(pgMissing !== undefined).sequential('PostgreSQL restart while serving', () => {
  let db: PgServer;
  let app: ServerProcess;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    db = await PgServer.create(join(work, 'pg-restart'));
    Object.assign(env, { DATABASE_URL: db.url, ERRATA_DB: join(work, 'pg-restart', 'errata.db') });
    expect(
      (await errata(['user', 'add', EDITOR.email, '--role', 'editor'], env, EDITOR.password)).status,
    ).toBe(0);
    app = await ServerProcess.start(env);
  });
  afterAll(async () => {
    await app?.stop();
    db?.destroy();
  });

  it('answers 503 promptly during the outage and recovers in the same process', async () => {
    const reader = new Client(app.url);
    const editor = new Client(app.url);
    await editor.signIn(EDITOR.email, EDITOR.password);
    const pid = app.proc.pid;
    const page = await guideUrl(reader, '0x8024402C');
    const login = await reader.get('/admin/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)?.[1];
    expect(csrf).toBeDefined();
    const signInForm = new URLSearchParams({ _csrf: csrf!, ...EDITOR }).toString();
    const answerToken = /name="token" value="([^"]+)"/.exec((await reader.get(page)).text)?.[1];
    expect(answerToken).toBeDefined();
    const answer = () =>
      reader.request('POST', '/api/v1/feedback', { guideId: GUIDE_ID, token: answerToken, verdict: 'yes' });

    db.stop();

    const health = await reader.get('/healthz');
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(health.json()).toEqual({
      status: 'unavailable',
      error: { code: 'DATABASE_UNAVAILABLE', message: ERRORS.DATABASE_UNAVAILABLE.message },
    });
    // What needs the database: sessions, accounts, answers and their numbers.
    expectCleanJson(await editor.get('/api/v1/admin/guides'), 503, 'DATABASE_UNAVAILABLE');
    expectCleanPage(await editor.get('/admin'), 503, 'DATABASE_UNAVAILABLE');
    expectCleanPage(await reader.request('POST', '/admin/login', signInForm), 503, 'DATABASE_UNAVAILABLE');
    expectCleanJson(await answer(), 503, 'DATABASE_UNAVAILABLE');
    expectCleanJson(await reader.get(`/api/v1/guides/${GUIDE_ID}/stats`), 503, 'DATABASE_UNAVAILABLE');
    // What may be answered from memory answers, or fails just as cleanly.
    expectOkOrUnavailable(await reader.get('/api/v1/lookup?q=0x80072EE2'));
    expectOkOrUnavailable(await reader.get(guidePathOf('0x80072EE2')));
    // Search reads its index in the database: a search not answered before fails as cleanly.
    expectOkOrUnavailable(await reader.get('/api/v1/search?q=windows%20update'));
    expect(app.running).toBe(true);

    db.start();
    await app.waitFor(200);

    expect(app.running).toBe(true);
    expect(app.proc.pid).toBe(pid);
    expect((await editor.get('/api/v1/admin/guides')).status).toBe(200);
    expect((await editor.get('/admin')).status).toBe(200);
    expect((await reader.get('/api/v1/lookup?q=0x80072EE2')).status).toBe(200);
    expect((await reader.get(guidePathOf('0x80072EE2'))).status).toBe(200);
    const signedIn = await reader.request('POST', '/admin/login', signInForm);
    expect(signedIn.status, signedIn.text.slice(0, 300)).toBe(303);
    const answered = await answer();
    expect(answered.status, answered.text).toBe(200);
    expect(await pageVerdicts(reader, env)).toMatchObject({ yes: 1 });
    expect(app.output).not.toMatch(/unhandled|uncaught/i);
  });

  it('a connection in use when the server stops fails its next query, and the pool recovers', async () => {
    const opened = await openDatabase({ dbFile: ':memory:', databaseUrl: db.url });
    try {
      const failure = await opened.db.connection().execute(async (conn) => {
        await sql`select 1`.execute(conn);
        db.stop(); // the server ends this connection while it is checked out of the pool
        return sql`select 1`.execute(conn).then(
          () => undefined,
          (error: unknown) => error,
        );
      });
      expect(classifyFault(failure)).toBe('unreachable');
      await expect(sql`select 1`.execute(opened.db)).rejects.toSatisfy(
        (e) => classifyFault(e) === 'unreachable',
      );
      db.start();
      expect((await sql<{ one: number }>`select 1 as one`.execute(opened.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await opened.close();
    }
  });
});

// --- SQLite on a file system that fills up or turns read-only ------------------------------------------------

const mountMissing = !IS_ROOT
  ? 'not running as root'
  : !can('sh', ['-c', `d=$(mktemp -d) && mount -t tmpfs -o size=1M tmpfs "$d" && umount "$d" && rmdir "$d"`])
    ? 'mounting a tmpfs is not permitted here'
    : undefined;
if (mountMissing) console.warn(`Skipping the full-disk and read-only tests: ${mountMissing}.`);

describe
  .skipIf(mountMissing !== undefined)
  .sequential('full disk and read-only file (SQLite on tmpfs)', () => {
    const mnt = join(work, 'tmpfs');
    const env = { ERRATA_DB: join(mnt, 'errata.db') };
    let app: ServerProcess | undefined;

    beforeAll(async () => {
      sh('mkdir', ['-p', mnt]);
      // Room for a new database with its search index (about 65 MB); the test fills the rest.
      sh('mount', ['-t', 'tmpfs', '-o', 'size=160M', 'tmpfs', mnt]);
      expect(
        (await errata(['user', 'add', EDITOR.email, '--role', 'editor'], env, EDITOR.password)).status,
      ).toBe(0);
    });
    afterAll(async () => {
      await app?.stop();
      sh('umount', [mnt]);
    });

    it('a full disk: a clear error for writes, reads go on, nothing is lost or damaged, and it recovers', async () => {
      app = await ServerProcess.start(env);
      const { editor, csrf, copy, page } = await editorOn(app);
      const token = /name="token" value="([^"]+)"/.exec((await editor.get(page)).text)?.[1];
      const reader = (agent: string) => new Client(app!.url, agent);
      const answer = (agent: string, verdict: string) =>
        reader(agent).request('POST', '/api/v1/feedback', { guideId: GUIDE_ID, token, verdict });
      expect((await answer('reader-1', 'yes')).status).toBe(200);
      const stats = () => pageVerdicts(editor, env);
      expect(await stats()).toMatchObject({ yes: 1, no: 0 });
      const before = sqliteState(env.ERRATA_DB);
      const save = () =>
        editor.request(
          'PUT',
          `/api/v1/admin/guides/${GUIDE_ID}`,
          {
            guide: { ...copy.guide, summary: `${copy.guide.summary} Saved once the disk had room again.` },
            expectedRevision: copy.revision,
          },
          { 'x-csrf-token': csrf },
        );

      const filler = fillDisk(mnt);

      const cli = await errata(['import', smallDir], env);
      expect(cli.status).toBe(1);
      expect(cli.stderr).toBe(
        `errata import: The disk holding ${env.ERRATA_DB} is full: nothing was imported.\n`,
      );
      expectCleanJson(await save(), 507, 'STORAGE_FULL');
      // An answer is accepted and kept until it can be written.
      const kept = await answer('reader-2', 'no');
      expect(kept.status, kept.text).toBe(200);
      expect((await editor.get(page)).status).toBe(200);
      expect((await editor.get('/api/v1/lookup?q=0x80244007')).status).toBe(200);
      expect((await editor.get('/healthz')).status).toBe(200);
      expect(await stats()).toMatchObject({ yes: 1, no: 0 });
      const during = sqliteState(env.ERRATA_DB);
      expect(during.integrity).toBe('ok');
      expect(during).toEqual(before);
      expect(app.running).toBe(true);

      rmSync(filler);

      expect(await stats()).toMatchObject({ yes: 1, no: 1 });
      const saved = await save();
      expect(saved.status, saved.text).toBe(200);
      const imported = await errata(['import', smallDir], env);
      expect(imported.status, imported.stderr).toBe(0);
      const after = sqliteState(env.ERRATA_DB);
      expect(after.integrity).toBe('ok');
      expect(after.ids).toEqual([...before.ids, ...smallIds].sort());
      expect(after.revisions).toBe(before.revisions + 1 + smallIds.length);
      expect(app.output).not.toMatch(/unhandled|uncaught/i);
    });

    it('a read-only file system: the CLI and the server refuse to start, naming the file', async () => {
      await app?.stop();
      app = undefined;
      sh('mount', ['-o', 'remount,ro', mnt]);
      try {
        const message = `The database file ${env.ERRATA_DB} is read-only: `;
        for (const command of [['list'], ['import', smallDir], ['serve']]) {
          const result = await errata(command, { ...env, PORT: '0' });
          expect(result.status, command[0]).toBe(1);
          expect(result.stderr.startsWith(`errata ${command[0]}: ${message}`), result.stderr).toBe(true);
          expect(result.stderr.trim().split('\n')).toHaveLength(1);
        }
      } finally {
        sh('mount', ['-o', 'remount,rw', mnt]);
      }
      expect(sqliteState(env.ERRATA_DB).integrity).toBe('ok');
    });
  });

// A running server keeps its file open, and Linux refuses to remount a file system read-only while files
// on it are open for writing. What does turn it read-only under a running process is an ext4 error with
// errors=remount-ro; ext4's trigger_fs_error (sysfs) raises one on demand.
const loopMissing =
  mountMissing ??
  (!can('sh', ['-c', 'command -v mkfs.ext4 && command -v losetup && losetup -f'])
    ? 'no mkfs.ext4 or no free loop device'
    : undefined);
if (loopMissing && !mountMissing) console.warn(`Skipping the read-only-while-serving test: ${loopMissing}.`);

describe.skipIf(loopMissing !== undefined)('the file system turns read-only while serving (ext4)', () => {
  const image = join(work, 'ext4.img');
  const mnt = join(work, 'ext4');
  const env = { ERRATA_DB: join(mnt, 'errata.db') };
  let app: ServerProcess | undefined;

  beforeAll(async () => {
    writeFileSync(image, '');
    sh('truncate', ['-s', '160M', image]); // room for a new database with its search index (about 65 MB)
    sh('mkfs.ext4', ['-q', '-F', image]);
    sh('mkdir', ['-p', mnt]);
    sh('mount', ['-o', 'loop,errors=remount-ro', image, mnt]);
    expect(
      (await errata(['user', 'add', EDITOR.email, '--role', 'editor'], env, EDITOR.password)).status,
    ).toBe(0);
  });
  afterAll(async () => {
    await app?.stop();
    sh('umount', [mnt]);
  });

  it('writes get a clear 503, reads go on; a new start names the read-only file', async () => {
    app = await ServerProcess.start(env);
    const { editor, csrf, copy, page } = await editorOn(app);
    const before = sqliteState(env.ERRATA_DB);

    const device = basename(sh('findmnt', ['-no', 'SOURCE', mnt]).trim());
    writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, 'fault suite: remount read-only');
    expect(sh('findmnt', ['-no', 'OPTIONS', mnt])).toMatch(/(^|,)(emergency_)?ro(,|\n|$)/);

    const save = await editor.request(
      'PUT',
      `/api/v1/admin/guides/${GUIDE_ID}`,
      {
        guide: { ...copy.guide, summary: `${copy.guide.summary} Never saved.` },
        expectedRevision: copy.revision,
      },
      { 'x-csrf-token': csrf },
    );
    expectCleanJson(save, 503, 'STORAGE_READ_ONLY');
    expect((await editor.get(page)).status).toBe(200);
    expect((await editor.get('/api/v1/lookup?q=0x80244007')).status).toBe(200);
    expect((await editor.get('/healthz')).status).toBe(200);
    expect(app.running).toBe(true);
    await app.stop();
    app = undefined;

    const after = sqliteState(env.ERRATA_DB);
    expect(after.integrity).toBe('ok');
    expect(after).toEqual(before);
    const restart = await errata(['serve'], { ...env, PORT: '0' });
    expect(restart.status).toBe(1);
    expect(restart.stderr).toMatch(/^errata serve: The database file .+errata\.db is read-only: /);
    expect(restart.stderr).not.toMatch(STACK);
  });
});
