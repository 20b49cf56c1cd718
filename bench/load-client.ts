import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../src/base/config.ts';

export interface LoadOptions {
  base: string;
  connections: number | string;
  seconds: number | string;
  /** Asked in turn, one per request. */
  paths: readonly string[];
  /** Requests/s over all connections (an open load); none: each connection asks again once answered. */
  rate?: number;
  /** Client timeout in seconds (autocannon's default: 10). */
  timeout?: number;
}

/** autocannon's result for a load from a separate process (bench/paths-load.mjs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- autocannon's JSON result
export async function runLoad(options: LoadOptions): Promise<any> {
  const folder = mkdtempSync(join(tmpdir(), 'errata-load-paths-'));
  const list = join(folder, 'paths.txt');
  writeFileSync(list, options.paths.join('\n'));
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(PACKAGE_ROOT, 'bench/paths-load.mjs'),
        options.base,
        String(options.connections),
        String(options.seconds),
        list,
        String(options.rate ?? 0),
        ...(options.timeout ? [String(options.timeout)] : []),
      ],
      { maxBuffer: 1 << 26 },
    );
    return JSON.parse(stdout);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
