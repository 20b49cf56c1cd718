/**
 * Static export speed: `errata build-site` on the whole site (every guide and reference entry), against
 * the ceiling measured in the same run: writing the same files (same folders, same bytes) with no
 * rendering at all.
 * Usage: npm run bench:static [-- --rounds 3]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { PACKAGE_ROOT } from '../src/base/config.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(values.rounds);
const folder = mkdtempSync(join(tmpdir(), 'errata-static-bench-'));
const env = { ...process.env, ERRATA_DB: join(folder, 'errata.db'), PUBLIC_URL: 'https://errata.example' };

async function build(out: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'build-site', out],
    { cwd: PACKAGE_ROOT, env, maxBuffer: 1 << 24 },
  );
  return stdout.trim();
}

/** The ceiling: the site's files written again from memory, with the same folders and bytes. */
async function rewrite(from: string, to: string): Promise<number> {
  const entries = (await readdir(from, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  // Read with bounded concurrency: one open file per page (30,000) exhausts the descriptors.
  const files: Array<{ path: string; body: Buffer }> = new Array(entries.length);
  let read = 0;
  const reader = async () => {
    while (read < entries.length) {
      const i = read++;
      const path = join(entries[i]!.parentPath, entries[i]!.name);
      files[i] = { path: relative(from, path), body: await readFile(path) };
    }
  };
  await Promise.all(Array.from({ length: 32 }, reader));
  const started = performance.now();
  const made = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      const target = join(to, file.path);
      if (!made.has(dirname(target))) {
        await mkdir(dirname(target), { recursive: true });
        made.add(dirname(target));
      }
      await writeFile(target, file.body);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const pages = files.filter((f) => f.path.endsWith('index.html')).length;
  return pages / ((performance.now() - started) / 1000);
}

console.log(`${availableParallelism()} cores, Node ${process.version}; output in ${tmpdir()}`);
await build(join(folder, 'warm-up')); // creates the database and the search index
for (let round = 1; round <= rounds; round++) {
  const out = join(folder, `site-${round}`);
  console.log(`round ${round}, build-site: ${await build(out)}`);
  rmSync(out, { recursive: true, force: true });
  const ceiling = await rewrite(join(folder, 'warm-up'), join(folder, `copy-${round}`));
  console.log(`round ${round}, ceiling (same files written, no rendering): ${Math.round(ceiling)} pages/s`);
  rmSync(join(folder, `copy-${round}`), { recursive: true, force: true });
}
rmSync(folder, { recursive: true, force: true });
