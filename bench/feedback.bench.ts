/**
 * The answer write path under load: 500 answers/s for 30 s against SQLite in WAL mode, each from a
 * different browser, and guide page views measured alone and while the answers pour in, beside a bare
 * node:http server sending the same page (its ceiling). All load from wrk (bench/wrk.ts).
 * Usage: npm run bench:feedback [-- --seconds 30 --rate 500 --views 10]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { answerToken } from '../src/feedback/repository.ts';
import { openStore } from '../src/open.ts';
import { appSecret } from '../src/store/secret.ts';
import { machineLine, recordAnswer, replayServer, requireWrk, runWrk } from './wrk.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '500' },
    views: { type: 'string', default: '10' },
  },
});
requireWrk();
const PAGE = '/operating-systems/microsoft/windows-update/0x80244007';
const ID = 'windows-update-0x80244007';
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const viewSeconds = Math.min(Number(values.views), seconds);

const store = await openStore(
  {
    dbFile: join(mkdtempSync(join(tmpdir(), 'errata-bench-')), 'bench.db'),
    contentDir: join(PACKAGE_ROOT, 'content'),
    databaseUrl: undefined,
  },
  { searchIndex: true },
);
// Each answer comes from its own address, relayed by a proxy on this machine (X-Forwarded-For).
const app = await buildApp({
  db: store.db,
  origin: 'http://localhost',
  answersPerMinute: 1_000_000,
  trustProxy: '127.0.0.1',
});
const base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const token = answerToken(await appSecret(store.db), ID);
await app.inject(PAGE); // cached, as a page read by many is
const bare = await replayServer(new Map([[PAGE, recordAnswer(await app.inject(PAGE))]]));

const views = (on: string) => runWrk({ base: on, paths: [PAGE], connections: 20, seconds: viewSeconds });
const writes = () =>
  runWrk({
    base,
    paths: ['/api/v1/feedback'],
    json: JSON.stringify({ guideId: ID, stepId: 's1', outcome: 'fixed', token }),
    connections: 50,
    rate,
    seconds,
  });

console.log(
  `wrk; ${rate} answers/s offered for ${seconds} s (50 connections), page views on 20 connections for ${viewSeconds} s; ${machineLine()}`,
);
const ceiling = await views(bare.base);
const alone = await views(base);
const [w, during] = await Promise.all([writes(), views(base)]);
await app.close(); // writes what is still queued
const counted = await store.db
  .selectFrom('feedback_counts')
  .select((eb) => eb.fn.sum<number>('count').as('n'))
  .executeTakeFirst();
console.log(
  `answers: ${w.requests} sent (${w.requestsPerSecond.toFixed(0)}/s), ${w.bad + w.errors} failed, ${Number(counted?.n ?? 0)} counted; ` +
    `latency p50 ${w.p50.toFixed(1)} ms, p99 ${w.p99.toFixed(1)} ms`,
);
const row = (name: string, r: { requestsPerSecond: number; p99: number }) =>
  console.log(
    `${name.padEnd(44)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s, p99 ${r.p99.toFixed(1)} ms`,
  );
row('page views, bare node:http same answer:', ceiling);
row('page views alone:', alone);
row('page views during answers:', during);
bare.server.close();
await store.close();
