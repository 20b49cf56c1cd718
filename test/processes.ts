/**
 * Errata as real processes, for the suites that need them (faults.test.ts, instances.test.ts): the CLI
 * and server as child processes, an HTTP client with cookies; for the fault suite also a throwaway
 * PostgreSQL server, guide files in bulk, tmpfs and loop-device mounts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { guideToYaml } from '../src/guides/content-file.ts';
import { makeGuide } from './helpers.ts';

export const IS_ROOT = process.getuid?.() === 0;
export const PG_BIN = '/usr/lib/postgresql/15/bin';
const CLI = ['--import', 'tsx', join(PACKAGE_ROOT, 'src', 'cli', 'main.ts')];
/** No request or command may take longer than this: a hang fails the test instead of stalling it. */
export const BOUND_MS = 30_000;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one `errata` command to completion. */
export async function errata(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  const child = spawn(process.execPath, [...CLI, ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.end(input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS * 4);
  const [status] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { status, stdout, stderr };
}

/** Starts `errata import <dir>` and kills it with SIGKILL at its first progress line (inside the write). */
export async function killImportWhileWriting(dir: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [...CLI, 'import', dir], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let killedAt = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    const progress = /writing: [\d,]+ of [\d,]+ guides/.exec(stderr);
    if (progress && !killedAt) {
      killedAt = progress[0];
      child.kill('SIGKILL');
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS * 4);
  const [status, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  return { status, signal, stdout, stderr, killedAt };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** `errata serve` as a child process, with its output kept for the test to read. */
export class ServerProcess {
  output = '';
  private constructor(
    readonly proc: ChildProcess,
    readonly url: string,
  ) {
    proc.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  static async start(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
    const port = await freePort();
    const proc = spawn(process.execPath, [...CLI, 'serve'], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(proc, `http://127.0.0.1:${port}`);
    await server.waitFor(200);
    return server;
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Polls /healthz until it answers `status` (bounded). */
  async waitFor(status: number): Promise<void> {
    const deadline = Date.now() + BOUND_MS * 2;
    let last = '';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the server exited:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(BOUND_MS) });
        last = `${res.status} ${await res.text()}`;
        if (res.status === status) return;
      } catch (error) {
        last = String(error);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`/healthz never answered ${status} (last: ${last})\n${this.output}`);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), BOUND_MS);
    await once(this.proc, 'exit');
    clearTimeout(timer);
  }
}

/** A browser's view of the server: cookies kept between requests, every request bounded in time. */
export class Client {
  constructor(
    private readonly base: string,
    private readonly userAgent = 'errata-tests',
    private readonly cookies = new Map<string, string>(),
  ) {}

  /** The same browser (same cookies) talking to another server. */
  at(base: string): Client {
    return new Client(base, this.userAgent, this.cookies);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const form = typeof body === 'string';
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(BOUND_MS),
      headers: {
        'user-agent': this.userAgent,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body === undefined
          ? {}
          : { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: form ? body : JSON.stringify(body) }),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** Signs in through the JSON API; returns a fresh CSRF token for writes. */
  async signIn(email: string, password: string): Promise<string> {
    const csrf = async () => ((await this.get('/api/v1/admin/csrf')).json() as { token: string }).token;
    const res = await this.request(
      'POST',
      '/api/v1/admin/session',
      { email, password },
      {
        'x-csrf-token': await csrf(),
      },
    );
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
    return csrf();
  }
}

/** Writes `count` valid guide files, each with its own id and code, into `dir`. */
export function writeGuideFiles(dir: string, count: number, prefix = 'fault'): string[] {
  mkdirSync(dir, { recursive: true });
  const today = new Date().toISOString().slice(0, 10);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const code = `0x8F${(0x100000 + i).toString(16).toUpperCase()}`;
    const id = `${prefix}-import-${code.toLowerCase()}`;
    const guide = makeGuide({
      id,
      code,
      title: `Synthetic fault-suite guide ${i}`,
      summary: `A generated guide, number ${i}, for the import fault tests.`,
      reviewed: today,
    });
    writeFileSync(join(dir, `${id}.yaml`), guideToYaml(guide));
    ids.push(id);
  }
  return ids;
}

/** Runs a command as root; throws with its output when it fails. */
export function sh(command: string, args: string[], options: { user?: string } = {}): string {
  const [file, argv] = options.user
    ? ['runuser', ['-u', options.user, '--', command, ...args]]
    : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: BOUND_MS * 2 });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`,
    );
  return result.stdout;
}

/** Whether `sh` would succeed, for deciding what the machine allows. */
export function can(command: string, args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8', timeout: BOUND_MS }).status === 0;
}

/** Fills a file system until it refuses another byte; returns the filler's path. */
export function fillDisk(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 0x55);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

/** A throwaway PostgreSQL 15 server in a temporary folder, run as the postgres user. */
export class PgServer {
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static available(): string | undefined {
    if (!IS_ROOT) return 'not running as root (PostgreSQL must run as the postgres user)';
    if (!existsSync(join(PG_BIN, 'pg_ctl'))) return `no PostgreSQL 15 binaries in ${PG_BIN}`;
    if (!can('id', ['postgres'])) return 'no postgres user';
    return undefined;
  }

  static async create(parent: string): Promise<PgServer> {
    const dir = join(parent, 'pg');
    mkdirSync(dir, { recursive: true });
    chownSync(dir, Number(sh('id', ['-u', 'postgres']).trim()), Number(sh('id', ['-g', 'postgres']).trim()));
    sh(
      join(PG_BIN, 'initdb'),
      ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '-N'],
      { user: 'postgres' },
    );
    const server = new PgServer(dir, await freePort());
    server.start();
    sh(
      join(PG_BIN, 'psql'),
      [
        '-h',
        dir,
        '-p',
        String(server.port),
        '-U',
        'postgres',
        '-v',
        'ON_ERROR_STOP=1',
        '-q',
        '-c',
        "create role errata login password 'errata'",
        '-c',
        'create database errata owner errata template template0',
      ],
      { user: 'postgres' },
    );
    return server;
  }

  get url(): string {
    return `postgres://errata:errata@127.0.0.1:${this.port}/errata`;
  }

  start(): void {
    sh(
      join(PG_BIN, 'pg_ctl'),
      [
        '-D',
        join(this.dir, 'data'),
        '-l',
        join(this.dir, 'log'),
        '-w',
        '-o',
        `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
        'start',
      ],
      { user: 'postgres' },
    );
  }

  stop(): void {
    sh(join(PG_BIN, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-w', '-m', 'fast', 'stop'], {
      user: 'postgres',
    });
  }

  /** Stops the server if it runs; for afterAll. */
  destroy(): void {
    spawnSync(
      'runuser',
      [
        '-u',
        'postgres',
        '--',
        join(PG_BIN, 'pg_ctl'),
        '-D',
        join(this.dir, 'data'),
        '-m',
        'immediate',
        'stop',
      ],
      {
        timeout: BOUND_MS,
      },
    );
  }
}
