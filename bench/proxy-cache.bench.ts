/**
 * What nginx's proxy_cache in front of Errata buys: the guide page straight from Errata, and through
 * nginx with the cache block of docs/deploy.md ("Caching in front"), measured with wrk in the same
 * run. Needs nginx and wrk. Usage: npm run bench:proxy-cache [-- --seconds 10 --rounds 3]
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { openStore } from '../src/open.ts';
import { freePort } from '../test/processes.ts';
import { runWrk, wrkAvailable } from './wrk.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
if (!wrkAvailable()) throw new Error('wrk is not installed: apt-get install wrk');
const GUIDE = '/operating-systems/microsoft/windows-update/0x80244007';

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
const port = await freePort();
await app.listen({ port, host: '127.0.0.1' });

// The cache part of docs/deploy.md's server block, with a local upstream and paths.
const root = mkdtempSync(join(tmpdir(), 'errata-proxy-cache-'));
chmodSync(root, 0o755);
mkdirSync(join(root, 'logs'));
mkdirSync(join(root, 'cache'));
chmodSync(join(root, 'cache'), 0o777);
const nginxPort = await freePort();
writeFileSync(
  join(root, 'nginx.conf'),
  `daemon off; worker_processes 1; pid ${root}/nginx.pid; error_log ${root}/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  proxy_cache_path ${root}/cache levels=1:2 keys_zone=errata:10m max_size=1g inactive=10m use_temp_path=off;
  upstream errata { server 127.0.0.1:${port}; keepalive 16; }
  server {
    listen 127.0.0.1:${nginxPort};
    location / {
      proxy_pass http://errata;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache errata;
      proxy_cache_revalidate on;
      proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;
      proxy_cache_background_update on;
      proxy_cache_lock on;
      proxy_cache_bypass $http_authorization $cookie_errata_session;
      proxy_no_cache $http_authorization $cookie_errata_session;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}`,
);
const nginx = spawn('nginx', ['-p', root, '-c', join(root, 'nginx.conf')], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
if (nginx.exitCode !== null) throw new Error(`nginx did not start: see ${root}/logs/error.log`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = async (base: string) => {
  const r = await runWrk({ base, paths: [GUIDE], connections, seconds });
  if (r.errors > 0 || r.bad > 0) throw new Error(`${base}: ${r.errors} socket errors, ${r.bad} bad answers`);
  return r;
};
const direct = `http://127.0.0.1:${port}`;
const cached = `http://127.0.0.1:${nginxPort}`;
const check = await fetch(`${cached}${GUIDE}`);
await check.arrayBuffer();
const second = await fetch(`${cached}${GUIDE}`);
await second.arrayBuffer();
console.log(
  `wrk -t1 -c${connections} -d${seconds}s, medians of ${rounds} rounds; ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}; second request through nginx: X-Cache-Status ${second.headers.get('x-cache-status')}`,
);
await load(direct);
await load(cached);
const runs = { direct: [] as number[], cached: [] as number[] };
for (let i = 0; i < rounds; i++) {
  runs.direct.push((await load(direct)).requestsPerSecond);
  runs.cached.push((await load(cached)).requestsPerSecond);
}
console.log('| guide page | requests/s |');
console.log('|---|---|');
console.log(`| straight from Errata | ${Math.round(median(runs.direct))} |`);
console.log(`| through nginx proxy_cache (hits) | ${Math.round(median(runs.cached))} |`);
nginx.kill();
await app.close();
await store.close();
