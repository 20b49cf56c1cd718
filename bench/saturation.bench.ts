/**
 * Beyond capacity: 100 connections asking different searches as fast as they are answered, with a 60 s
 * client timeout, against Errata and against a bare node:http server that spends the same CPU time per
 * request. Both are saturated; the interesting numbers are the slowest answers and how many of the
 * 100 connections each server had accepted by the end. Load from wrk (bench/wrk.ts).
 * Usage: npm run bench:saturation [-- --seconds 20 --connections 100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { openStore } from '../src/open.ts';
import { distinctQueries } from './queries.ts';
import { machineLine, requireWrk, runWrk } from './wrk.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, connections: { type: 'string', default: '100' } },
});
requireWrk();
const folder = mkdtempSync(join(tmpdir(), 'errata-saturation-'));
const paths = distinctQueries(bundledCatalog(), 20_000).map(
  (q) => `/api/v1/search?q=${encodeURIComponent(q)}`,
);

async function run(name: string, server: Server, base: string): Promise<void> {
  let accepted = 0;
  server.on('connection', () => accepted++);
  const r = await runWrk({
    base: base.replace('localhost', '127.0.0.1'),
    connections: Number(values.connections),
    seconds: Number(values.seconds),
    paths,
    timeout: 60,
  });
  console.log(
    `${name.padEnd(34)} ${r.requestsPerSecond.toFixed(0).padStart(4)} req/s  p50 ${r.p50.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms  max ${r.max.toFixed(0)} ms  timeouts ${r.timeouts}  connections accepted ${accepted} of ${values.connections}`,
  );
}

console.log(`wrk -t1 -c${values.connections} -d${values.seconds}s --timeout 60s; ${machineLine()}`);
const store = await openStore(
  {
    dbFile: join(folder, 'errata.db'),
    contentDir: join(PACKAGE_ROOT, 'content'),
    databaseUrl: undefined,
  },
  { searchIndex: true },
);
const app = await buildApp({ db: store.db, origin: 'http://localhost', searchesPerMinute: 1_000_000 });
await run('errata, different searches', app.server, await app.listen({ port: 0, host: '127.0.0.1' }));
await app.close();
await store.close();

// The same CPU time per request as a search takes on average here, in a bare server.
const bare = createServer((_request, response) => {
  const started = performance.now();
  while (performance.now() - started < 15);
  response.end('x'.repeat(20_000));
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const { port } = bare.address() as { port: number };
await run('bare node:http, 15 ms CPU each', bare, `http://127.0.0.1:${port}`);
bare.close();
rmSync(folder, { recursive: true, force: true });
