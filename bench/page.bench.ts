/**
 * Guide page throughput against the ceiling: a bare node:http server sending the same bytes and
 * headers, measured in the same run with the same load. Usage: npm run bench [-- --seconds 10]
 */
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { buildApp } from '../src/app.ts';
import { openStore } from '../src/store/open.ts';
import { PACKAGE_ROOT } from '../src/config.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
  },
});
const duration = Number(values.seconds);
const connections = Number(values.connections);
const PATH = '/operating-systems/microsoft/windows-update/0x80244007';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** Load from a separate process, so the load generator never competes for the server's event loop. */
async function load(url: string) {
  const args = [AUTOCANNON, '--json', '-c', String(connections), '-d', String(duration), url];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 24 });
  const result = JSON.parse(stdout);
  if (result.errors || result.non2xx)
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  return { rps: result.requests.average as number, p99: result.latency.p99 as number };
}

const store = await openStore({
  dbFile: join(mkdtempSync(join(tmpdir(), 'errata-bench-')), 'bench.db'),
  contentDir: join(PACKAGE_ROOT, 'content'),
  databaseUrl: undefined,
});
const app = await buildApp({ db: store.db, origin: 'http://localhost' });
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });

// The ceiling: the exact response the app sends, from a bare server.
const sample = await app.inject({ method: 'GET', url: PATH });
const headers = { ...sample.headers } as Record<string, string>;
delete headers['date'];
delete headers['connection'];
delete headers['keep-alive'];
const body = sample.rawPayload;
const bare = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const address = bare.address();
const bareUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${PATH}`;

console.log(
  `Guide page ${PATH}: ${body.length} bytes; ${connections} connections, ${duration} s each; ${cpus().length} cores, Node ${process.version}`,
);
// Alternate the two servers over several rounds so drift on the machine hits both alike.
const ROUNDS = Number(values.rounds);
await load(bareUrl); // warm-up
await load(`${appUrl}${PATH}`);
const bareRuns: number[] = [];
const appRuns: number[] = [];
let bareP99 = 0;
let appP99 = 0;
for (let round = 0; round < ROUNDS; round++) {
  const bareRun = await load(bareUrl);
  const appRun = await load(`${appUrl}${PATH}`);
  bareRuns.push(bareRun.rps);
  appRuns.push(appRun.rps);
  bareP99 = Math.max(bareP99, bareRun.p99);
  appP99 = Math.max(appP99, appRun.p99);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = median(appRuns) / median(bareRuns);
const show = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
console.log(
  `bare node:http    median ${median(bareRuns).toFixed(0).padStart(6)} req/s  (${show(bareRuns)})  worst p99 ${bareP99} ms`,
);
console.log(
  `errata (Fastify)  median ${median(appRuns).toFixed(0).padStart(6)} req/s  (${show(appRuns)})  worst p99 ${appP99} ms`,
);
console.log(`ratio ${ratio.toFixed(3)} (target >= 0.85)`);

await app.close();
bare.close();
await store.close();
