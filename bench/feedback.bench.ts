/**
 * The answer write path under load: 500 answers/s for 30 s against SQLite in WAL mode, each from a
 * different browser, and guide page views measured alone and while the answers pour in.
 * Usage: npm run bench:feedback [-- --seconds 30 --rate 500]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { buildApp } from '../src/app.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { answerToken } from '../src/feedback/repository.ts';
import { openStore } from '../src/open.ts';
import { appSecret } from '../src/store/secret.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '30' }, rate: { type: 'string', default: '500' } },
});
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const PAGE = '/operating-systems/microsoft/windows-update/0x80244007';
const ID = 'windows-update-0x80244007';

const store = await openStore({
  dbFile: join(mkdtempSync(join(tmpdir(), 'errata-bench-')), 'bench.db'),
  contentDir: join(PACKAGE_ROOT, 'content'),
  databaseUrl: undefined,
});
const app = await buildApp({ db: store.db, origin: 'http://localhost', answersPerMinute: 1_000_000 });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const token = answerToken(await appSecret(store.db), ID);

function cannon(args: string[]) {
  return promisify(execFile)(process.execPath, [AUTOCANNON, '--json', ...args], { maxBuffer: 1 << 24 }).then(
    ({ stdout }) => JSON.parse(stdout),
  );
}
const writes = async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [
    join(PACKAGE_ROOT, 'bench', 'answer-load.mjs'),
    `${base}/api/v1/feedback`,
    values.rate!,
    values.seconds!,
    JSON.stringify({ guideId: ID, stepId: 's1', outcome: 'fixed', token }),
  ]);
  return JSON.parse(stdout) as { sent: number; failed: number; p50: number; p99: number; rate: number };
};
const views = (seconds: string) => cannon(['-c', '20', '-d', seconds, `${base}${PAGE}`]);

console.log(
  `${cpus().length} cores, Node ${process.version}; ${values.rate} answers/s for ${values.seconds} s`,
);
const alone = await views('10');
const [w, during] = await Promise.all([writes(), views('10')]);
const counted = await store.db
  .selectFrom('feedback_counts')
  .select((eb) => eb.fn.sum<number>('count').as('n'))
  .executeTakeFirst();
console.log(
  `answers: ${w.sent} sent (${w.rate.toFixed(0)}/s), ${w.failed} failed, ${Number(counted?.n ?? 0)} counted; ` +
    `latency p50 ${w.p50.toFixed(1)} ms, p99 ${w.p99.toFixed(1)} ms`,
);
console.log(
  `page views alone:          ${alone.requests.average.toFixed(0)} req/s, p99 ${alone.latency.p99} ms`,
);
console.log(
  `page views during answers: ${during.requests.average.toFixed(0)} req/s, p99 ${during.latency.p99} ms`,
);
await app.close();
await store.close();
