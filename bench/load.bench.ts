/**
 * Sustained load: wrk (bench/wrk.ts) at 100 connections for 60 s each on a guide page, one search asked
 * again and again (the answer cache), many different searches (the search engine itself, offered at
 * about a fixed rate: see docs/benchmarks.md for what happens beyond it), and a lookup; errors, p99 and
 * the server's memory before and after. Each fixed answer is also measured from a bare node:http
 * server sending it byte for byte (its ceiling).
 * Usage: npm run bench:load [-- --seconds 60 --connections 100 --warmup 10 --search-rate 40 --ceiling 10]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { bundledCatalog } from '../src/catalog/load.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { openStore } from '../src/open.ts';
import { distinctQueries } from './queries.ts';
import { machineLine, recordAnswer, replayServer, requireWrk, runWrk, type RecordedAnswer } from './wrk.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '10' },
    'search-rate': { type: 'string', default: '40' },
    ceiling: { type: 'string', default: '10' },
  },
});
requireWrk();
const connections = Number(values.connections);
const folder = mkdtempSync(join(tmpdir(), 'errata-load-'));
const searches = distinctQueries(bundledCatalog(), 20_000).map(
  (q) => `/api/v1/search?q=${encodeURIComponent(q)}`,
);
/** Name, paths, and an offered rate (requests/s over all connections) or none: as fast as answered. */
const TARGETS: [string, string[], number?][] = [
  ['guide page', ['/operating-systems/microsoft/windows-update/0x80244007']],
  ['search, one query', ['/api/v1/search?q=windows%20update%20soap%20fault']],
  // Every query different: the search engine itself, at a rate below what one core answers.
  [`search, ${searches.length} queries`, searches, Number(values['search-rate'])],
  ['lookup', ['/api/v1/lookup?q=error%200x80070005']],
];

const store = await openStore(
  {
    dbFile: join(folder, 'load.db'),
    contentDir: join(PACKAGE_ROOT, 'content'),
    databaseUrl: undefined,
  },
  { searchIndex: true },
);
const app = await buildApp({ db: store.db, origin: 'http://localhost', searchesPerMinute: 1_000_000 });
const base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

console.log(
  `wrk -t1 -c${connections}, ${values.seconds} s each after ${values.warmup} s of warm-up; ${machineLine()}`,
);
const load = (on: string, paths: string[], seconds: string, rate?: number) =>
  runWrk({ base: on, connections, seconds: Number(seconds), paths, rate });

// Warm-up: caches fill (pages, 1,000 search answers) and the heap settles before the first reading.
for (const [, paths, rate] of TARGETS) await load(base, paths, values.warmup!, rate);
global.gc?.();
const before = process.memoryUsage().rss;
const fixed = new Map<string, RecordedAnswer>();
for (const [name, paths, rate] of TARGETS) {
  const r = await load(base, paths, values.seconds!, rate);
  const label = rate ? `${name} at ${rate}/s` : name;
  console.log(
    `${label.padEnd(30)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}  4xx/5xx ${r.bad}  timeouts ${r.timeouts}`,
  );
  if (paths.length === 1) fixed.set(paths[0]!, recordAnswer(await app.inject(paths[0]!)));
}
global.gc?.();
const after = process.memoryUsage().rss;
console.log(
  `RSS before ${mb(before)}, after ${mb(after)} (${(((after - before) / before) * 100).toFixed(1)}%; target growth < 10%)`,
);
await app.close();
await store.close();

// The ceilings, after Errata has stopped: the same answers from a bare server, same client and connections.
const bare = await replayServer(fixed);
for (const [name, paths] of TARGETS) {
  if (paths.length !== 1) continue;
  const r = await load(bare.base, paths, values.ceiling!);
  console.log(
    `${`${name}, bare node:http ceiling`.padEnd(30)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${r.p99.toFixed(1)} ms`,
  );
}
bare.server.close();
