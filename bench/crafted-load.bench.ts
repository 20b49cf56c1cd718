/**
 * A guide page while strangers send crafted searches: the cached guide page under a steady load, first
 * alone, then while 8 connections send crafted 200-character searches (many words, prefixes, typos,
 * codes: bench/queries.ts) as fast as they are answered, each one different so no answer cache helps.
 * The search rate limit is lifted, so this is the worst case of what a few clients can cost the pages
 * (with the default limit each address gets 60 searches a minute). Load from wrk (bench/wrk.ts), two
 * wrk processes at once in the second phase.
 * Usage: npm run bench:crafted [-- --seconds 10 --rate 1000 --crafted 8]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { MAX_QUERY_LENGTH } from '../src/base/errors.ts';
import { openStore } from '../src/open.ts';
import { CRAFTED, typoSearches } from './queries.ts';
import { bundledCatalog } from '../src/catalog/load.ts';
import { machineLine, requireWrk, runWrk, type WrkResult } from './wrk.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '1000' },
    crafted: { type: 'string', default: '8' },
  },
});
requireWrk();
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const CRAFTED_CLIENTS = Number(values.crafted);
const GUIDE = '/operating-systems/microsoft/windows-update/0x80244007';
const TARGET_P99_MS = 100;

// Every crafted query in many spellings that search the same words: a different number in place of
// the last characters makes each one a different query for the answer caches.
const crafted: string[] = [];
for (let n = 0; n < 2_000; n++) {
  const query = CRAFTED[n % CRAFTED.length]!;
  const tail = ` ${n}`;
  crafted.push(`${query.slice(0, MAX_QUERY_LENGTH - tail.length)}${tail}`);
}
const searchPaths = crafted.map((q) => `/search?q=${encodeURIComponent(q)}`);

const folder = mkdtempSync(join(tmpdir(), 'errata-crafted-'));
const store = await openStore(
  { dbFile: join(folder, 'errata.db'), contentDir: join(PACKAGE_ROOT, 'content'), databaseUrl: undefined },
  { searchIndex: true },
);
const app = await buildApp({ db: store.db, origin: 'http://localhost', searchesPerMinute: 1_000_000 });
const base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const page = await fetch(`${base}${GUIDE}`);
if (page.status !== 200) throw new Error(`the guide page answered ${page.status}`);
const probe = await fetch(`${base}${searchPaths[0]}`);
if (probe.status !== 200) throw new Error(`a crafted search answered ${probe.status}`);

const pageLoad = () => runWrk({ base, paths: [GUIDE], connections: 20, seconds: SECONDS, rate: RATE });
const line = (name: string, r: WrkResult) =>
  `${name.padEnd(40)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  ` +
  `p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(1).padStart(6)} ms  errors ${r.errors}  status >= 400 ${r.bad}`;

console.log(
  `npm run bench:crafted -- --seconds ${SECONDS} --rate ${RATE} --crafted ${CRAFTED_CLIENTS}; ${machineLine()}`,
);
console.log(
  `guide page: wrk -t1 -c20 at about ${RATE} req/s; crafted searches: wrk -t1 -c${CRAFTED_CLIENTS}, closed loop`,
);
const alone = await pageLoad();
console.log(line('guide page alone', alone));
const [withCrafted, searches] = await Promise.all([
  pageLoad(),
  runWrk({ base, paths: searchPaths, connections: CRAFTED_CLIENTS, seconds: SECONDS }),
]);
console.log(line('guide page, crafted searches at once', withCrafted));
console.log(line(`crafted searches (${CRAFTED_CLIENTS} connections)`, searches));
console.log('(a search that finds nothing answers 404: three of the nine crafted queries find nothing)');
console.log(
  `guide page p99 with crafted searches: ${withCrafted.p99.toFixed(1)} ms (target <= ${TARGET_P99_MS} ms): ` +
    (withCrafted.p99 <= TARGET_P99_MS ? 'ok' : 'MISSED'),
);

// Throughput, each on its own, the same client: the cached guide page, and different searches with a
// typo each (20,000 of them, so neither answer cache helps).
const typoPaths = typoSearches(bundledCatalog(), 20_000).map((q) => `/search?q=${encodeURIComponent(q)}`);
const closed = (paths: readonly string[]) => runWrk({ base, paths, connections: 50, seconds: SECONDS });
console.log(
  `\nclosed loop, wrk -t1 -c50 -d${SECONDS}s, each alone (${typoPaths.length} different typo'd searches)`,
);
const pageRate = await closed([GUIDE]);
console.log(line('guide page (cached)', pageRate));
const typoRate = await closed(typoPaths);
console.log(line("different typo'd searches", typoRate));
console.log(
  `typo'd searches / guide page: ${((100 * typoRate.requestsPerSecond) / pageRate.requestsPerSecond).toFixed(1)}%`,
);
await app.close();
await store.close();
rmSync(folder, { recursive: true, force: true });
