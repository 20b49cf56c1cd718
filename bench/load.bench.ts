/**
 * Sustained load: autocannon (separate process) at 100 connections for 60 s each on a guide page, a
 * search and a lookup; errors, p99 and the server's memory before and after.
 * Usage: npm run bench:load [-- --seconds 60 --connections 100]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { buildApp } from '../src/app.ts';
import { PACKAGE_ROOT } from '../src/config.ts';
import { openStore } from '../src/store/open.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '100' } },
});
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const TARGETS = [
  ['guide page', '/operating-systems/microsoft/windows-update/0x80244007'],
  ['search', '/api/v1/search?q=windows%20update%20soap%20fault'],
  ['lookup', '/api/v1/lookup?q=error%200x80070005'],
] as const;

const store = await openStore({
  dbFile: join(mkdtempSync(join(tmpdir(), 'errata-load-')), 'load.db'),
  contentDir: join(PACKAGE_ROOT, 'content'),
  databaseUrl: undefined,
});
const app = await buildApp({ db: store.db, origin: 'http://localhost' });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

console.log(
  `${cpus().length} cores, Node ${process.version}; ${values.connections} connections, ${values.seconds} s each`,
);
for (const [, path] of TARGETS) await app.inject(path); // warm caches before the first reading
global.gc?.();
const before = process.memoryUsage().rss;
for (const [name, path] of TARGETS) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [AUTOCANNON, '--json', '-c', values.connections!, '-d', values.seconds!, `${base}${path}`],
    { maxBuffer: 1 << 24 },
  );
  const r = JSON.parse(stdout);
  console.log(
    `${name.padEnd(11)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  errors ${r.errors}  non-2xx ${r.non2xx}  timeouts ${r.timeouts}`,
  );
}
global.gc?.();
const after = process.memoryUsage().rss;
console.log(
  `RSS before ${mb(before)}, after ${mb(after)} (${(((after - before) / before) * 100).toFixed(1)}%; target growth < 10%)`,
);
await app.close();
await store.close();
