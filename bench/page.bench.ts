/**
 * Throughput of the hot public paths, each beside its ceiling: a bare node:http server sending the
 * same status, headers and body, measured with wrk in the same run, alternating so that drift on the
 * machine hits both alike. First, the client's own ceiling: nginx sending the guide page from a file
 * (when nginx is installed), which shows wrk is not what limits the Node rows.
 * Usage: npm run bench [-- --seconds 10 --rounds 3 --connections 50 --only guide,reference]
 * (--only: the routes whose names start with these words).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { openStore } from '../src/open.ts';
import { freePort } from '../test/processes.ts';
import {
  machineLine,
  median,
  recordAnswer,
  replayServer,
  requireWrk,
  runWrk,
  type RecordedAnswer,
} from './wrk.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
requireWrk();

const GUIDE = '/operating-systems/microsoft/windows-update/0x80244007';
const ALL_ROUTES: { name: string; path: string }[] = [
  { name: 'guide page (cached)', path: GUIDE },
  { name: 'reference page (cached)', path: '/reference/hresult/wu_e_pt_soapclient_soapfault' },
  { name: 'lookup → redirect to the guide', path: '/lookup?q=0x80244007' },
  { name: 'search page, repeated query (answer cache)', path: '/search?q=windows+update+proxy' },
  { name: 'asset (site.css)', path: '/assets/site.css' },
];
const only = values.only?.split(',').map((w) => w.trim());
const ROUTES = only ? ALL_ROUTES.filter((r) => only.some((w) => r.name.startsWith(w))) : ALL_ROUTES;

const store = await openStore(
  {
    dbFile: join(mkdtempSync(join(tmpdir(), 'errata-bench-')), 'bench.db'),
    contentDir: join(PACKAGE_ROOT, 'content'),
    databaseUrl: undefined,
  },
  { searchIndex: true },
);
const app = await buildApp({
  db: store.db,
  origin: 'http://localhost',
  logLevel: 'silent',
  searchesPerMinute: 1_000_000_000, // one client address: the per-address limit would answer 429
});
const appBase = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');

// The ceilings: each route's exact answer (status, headers, body) from a bare server.
const samples = new Map<string, RecordedAnswer>();
for (const path of new Set([GUIDE, ...ROUTES.map((r) => r.path)])) {
  await app.inject({ method: 'GET', url: path }); // fill the caches first
  samples.set(path, recordAnswer(await app.inject({ method: 'GET', url: path })));
}
const { base: bareBase, server: bare } = await replayServer(samples);

/** nginx (one worker) sending the guide page's bytes from a file: the load generator's ceiling. */
async function startNginx(): Promise<{ base: string; process: ChildProcess } | undefined> {
  const root = mkdtempSync(join(tmpdir(), 'errata-nginx-'));
  const port = await freePort();
  mkdirSync(join(root, 'logs'));
  writeFileSync(join(root, 'guide.html'), samples.get(GUIDE)!.body);
  chmodSync(root, 0o755); // nginx's worker runs as nobody when started by root
  writeFileSync(
    join(root, 'nginx.conf'),
    `daemon off; worker_processes 1; pid ${root}/nginx.pid; error_log ${root}/logs/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:${port}; root ${root}; location / { try_files /guide.html =404; } } }`,
  );
  const child = spawn('nginx', ['-p', root, '-c', join(root, 'nginx.conf')], { stdio: 'ignore' });
  const failed = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(true));
    setTimeout(() => resolve(child.exitCode !== null), 500);
  });
  return failed ? undefined : { base: `http://127.0.0.1:${port}`, process: child };
}

const load = async (base: string, path: string) => {
  const r = await runWrk({ base, paths: [path], connections, seconds });
  if (r.errors > 0 || r.bad > 0)
    throw new Error(`${base}${path}: ${r.errors} socket errors, ${r.bad} bad answers`);
  return r;
};

console.log(`wrk -t1 -c${connections} -d${seconds}s, medians of ${rounds} rounds; ${machineLine()}`);
const nginx = await startNginx();
if (nginx) {
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push((await load(nginx.base, GUIDE)).requestsPerSecond);
  nginx.process.kill();
  console.log(
    `client ceiling: nginx sending the guide page from a file: ${Math.round(median(runs))} requests/s`,
  );
} else {
  console.log('client ceiling: nginx is not installed (apt-get install nginx-light), so not measured');
}
console.log('| route | bytes | bare node:http, same answer | Errata | share | Errata p99 |');
console.log('|---|---|---|---|---|---|');
for (const { name, path } of ROUTES) {
  await load(bareBase, path); // warm-up, both
  await load(appBase, path);
  const bareRuns: number[] = [];
  const appRuns: number[] = [];
  let p99 = 0;
  for (let i = 0; i < rounds; i++) {
    bareRuns.push((await load(bareBase, path)).requestsPerSecond);
    const r = await load(appBase, path);
    appRuns.push(r.requestsPerSecond);
    p99 = Math.max(p99, r.p99);
  }
  const b = median(bareRuns);
  const a = median(appRuns);
  const sample = samples.get(path)!;
  console.log(
    `| ${name} (${sample.status}) | ${sample.body.length} | ${Math.round(b)} | ${Math.round(a)} | ${(a / b).toFixed(2)} | ${p99.toFixed(1)} ms |`,
  );
}
await app.close();
bare.close();
await store.close();
