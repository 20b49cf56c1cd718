import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.ts';
import { openDatabase } from '../src/store/db.ts';

/*
 * Two Errata processes on one PostgreSQL database, as behind a load balancer: what one publishes, the
 * other shows in its pages and search within 2 seconds, and a session made on one is valid on the
 * other. `TEST_DATABASE_URL=postgres://… npm run test:pg`; the database's `public` schema is dropped.
 */
const url = process.env.TEST_DATABASE_URL;
const GUIDE_ID = 'windows-update-0x80244007';
const GUIDE_URL = '/operating-systems/microsoft/windows-update/0x80244007';
const EMAIL = 'publisher@example.org';
const PASSWORD = 'two instances, one database';
/** The longest a change may take to reach the other instance. */
const PROPAGATION_MS = 2000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function cli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: PACKAGE_ROOT,
      env,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
    child.stdin.end(stdin);
  });
}

interface Instance {
  base: string;
  process: ChildProcess;
  output: string[];
}

async function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: PACKAGE_ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: Instance = { base: `http://127.0.0.1:${port}`, process: child, output: [] };
  child.stdout!.on('data', (d) => instance.output.push(String(d)));
  child.stderr!.on('data', (d) => instance.output.push(String(d)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${instance.base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return instance;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`instance on port ${port} did not start:\n${instance.output.join('')}`);
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.process.exitCode !== null) return;
  const exited = new Promise((r) => instance.process.once('exit', r));
  instance.process.kill('SIGTERM');
  await exited;
}

/** A cookie-keeping HTTP client for one instance's admin JSON API. */
class Client {
  cookies = new Map<string, string>();
  constructor(public base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...headers,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }

  async write(method: string, path: string, body: unknown) {
    const { token } = (await (await this.request('GET', '/api/v1/admin/csrf')).json()) as { token: string };
    return this.request(method, path, body, { 'x-csrf-token': token });
  }
}

/** Whether the instance's search finds the guide by `word`. */
async function searchFinds(base: string, word: string): Promise<boolean> {
  const response = await fetch(`${base}/api/v1/search?q=${encodeURIComponent(word)}`);
  if (!response.ok) return false;
  const body = (await response.json()) as { results: { url: string }[] };
  return body.results.some((r) => r.url === GUIDE_URL);
}

if (!url) {
  describe('several instances on postgres', () => {
    it.skip('needs TEST_DATABASE_URL (a PostgreSQL server whose public schema may be emptied)', () => {});
  });
} else {
  describe('two instances on one PostgreSQL database', () => {
    const folder = mkdtempSync(join(tmpdir(), 'errata-instances-'));
    // Each process keeps its reference search snapshot beside ERRATA_DB; the content is in PostgreSQL.
    const env = {
      ...process.env,
      DATABASE_URL: url,
      ERRATA_DB: join(folder, 'errata.db'),
      LOG_LEVEL: 'warn',
    };
    let a: Instance | undefined;
    let b: Instance | undefined;

    beforeAll(async () => {
      const handle = await openDatabase({ dbFile: '', databaseUrl: url });
      await sql`drop schema if exists public cascade`.execute(handle.db);
      await sql`create schema public`.execute(handle.db);
      await handle.close();
      const made = await cli(['user', 'add', EMAIL, '--role', 'admin'], env, `${PASSWORD}\n`);
      expect(made.code, made.output).toBe(0);
      [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([stopInstance(a), stopInstance(b)]);
      rmSync(folder, { recursive: true, force: true });
    });

    it('shares sign-in: a session made on one instance is valid on the other', async () => {
      const onA = new Client(a!.base);
      const signIn = await onA.write('POST', '/api/v1/admin/session', { email: EMAIL, password: PASSWORD });
      expect(signIn.status).toBe(200);
      const onB = new Client(b!.base);
      onB.cookies = onA.cookies;
      const me = await onB.request('GET', '/api/v1/admin/me');
      expect(me.status).toBe(200);
      expect(((await me.json()) as { email: string }).email).toBe(EMAIL);
    });

    it(`shows a change published on one instance in the other's pages and search within ${PROPAGATION_MS / 1000} s`, async () => {
      const marker = `quokkaprobe${Date.now().toString(36)}`;
      const page = `${b!.base}${GUIDE_URL}`;
      // The other instance has the page in its cache and the word nowhere in its search index.
      const before = await fetch(page);
      expect(before.status).toBe(200);
      expect(await before.text()).not.toContain(marker);
      expect(await searchFinds(b!.base, marker)).toBe(false);

      const onA = new Client(a!.base);
      expect(
        (await onA.write('POST', '/api/v1/admin/session', { email: EMAIL, password: PASSWORD })).status,
      ).toBe(200);
      const copy = (await (await onA.request('GET', `/api/v1/admin/guides/${GUIDE_ID}`)).json()) as {
        guide: { summary: string };
        revision: number;
      };
      const edited = { ...copy.guide, summary: `${copy.guide.summary} Checked by ${marker}.` };
      const saved = await onA.write('PUT', `/api/v1/admin/guides/${GUIDE_ID}`, {
        guide: edited,
        expectedRevision: copy.revision,
      });
      expect(saved.status).toBe(200);
      const { revision } = (await saved.json()) as { revision: number };
      const published = await onA.write('POST', `/api/v1/admin/guides/${GUIDE_ID}/publish`, {
        expectedRevision: revision,
      });
      expect(published.status).toBe(200);
      const publishedAt = Date.now();
      // The instance that published shows it at once.
      expect(await (await fetch(page.replace(b!.base, a!.base))).text()).toContain(marker);

      let seenAfter: number | undefined;
      while (Date.now() - publishedAt < PROPAGATION_MS + 3000) {
        const html = await (await fetch(page)).text();
        if (html.includes(marker) && (await searchFinds(b!.base, marker))) {
          seenAfter = Date.now() - publishedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seenAfter, 'the other instance never showed the change').toBeDefined();
      expect(seenAfter!).toBeLessThanOrEqual(PROPAGATION_MS);
    }, 60_000);
  });
}
