/**
 * Start-up: the compiled CLI (`bin/errata.js lookup|decode`) and the server from spawn to its first
 * guide page, each as a multiple of `node -e 0` measured in the same run, alternating so that load on
 * the machine falls on all of them alike. Needs `npm run build` first. Usage: npm run bench:startup
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { freePort } from '../test/processes.ts';

const BIN = join(PACKAGE_ROOT, 'bin', 'errata.js');
const GUIDE = '/operating-systems/microsoft/windows-update/0x80244007';
const ROUNDS = Number(process.env.ROUNDS ?? 9);
if (!existsSync(join(PACKAGE_ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('dist/ is missing: run npm run build first');
  process.exit(1);
}

function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { env, stdio: 'ignore' });
  return performance.now() - t0;
}

/** Spawn → first 200 answer for the guide page (polling every 5 ms). */
async function serverToFirstPage(env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${GUIDE}`);
        if (res.status === 200) {
          await res.arrayBuffer();
          return performance.now() - t0;
        }
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 60_000) throw new Error('the server did not answer within 60 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = mkdtempSync(join(tmpdir(), 'errata-startup-'));
const env: NodeJS.ProcessEnv = { ...process.env, ERRATA_DB: join(dir, 'errata.db') };
delete env.DATABASE_URL;

// First start on a fresh database: create, migrate, load content and catalogs.
const fresh = timeRun([BIN, 'lookup', '0x80244007'], env);
const freshServerEnv = { ...env, ERRATA_DB: join(dir, 'fresh-server.db') };
const freshServer = await serverToFirstPage(freshServerEnv);

const runs = { node: [] as number[], lookup: [] as number[], decode: [] as number[], serve: [] as number[] };
for (let i = 0; i < ROUNDS; i++) {
  runs.node.push(timeRun(['-e', '0'], env));
  runs.lookup.push(timeRun([BIN, 'lookup', '0x80244007'], env));
  runs.decode.push(timeRun([BIN, 'decode', '0xC0000005'], env));
  runs.serve.push(await serverToFirstPage(env));
}
const base = median(runs.node);
const row = (name: string, ms: number, target?: number) =>
  `| ${name} | ${ms.toFixed(0)} ms | ${(ms / base).toFixed(1)}× | ${target ? `≤ ${target}×` : ''} |`;
console.log(`${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, medians of ${ROUNDS} rounds`);
console.log('| what | time | × node -e 0 | target |');
console.log('|---|---|---|---|');
console.log(row('node -e 0', base));
console.log(row('errata lookup 0x80244007', median(runs.lookup), 4));
console.log(row('errata decode 0xC0000005', median(runs.decode), 4));
console.log(row('errata serve → first guide page (existing database)', median(runs.serve), 12));
console.log(row('first lookup on a fresh database (created, migrated, loaded)', fresh));
console.log(row('errata serve → first guide page on a fresh database', freshServer));
