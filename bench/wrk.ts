/**
 * Load from wrk (Debian package `wrk`, a C load generator): on two cores a Node client such as
 * autocannon saturates near 11,000 requests/s, below the servers it would compare, so throughput is
 * measured with wrk. A Lua script asks the given paths in turn and prints the summary as JSON.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface WrkOptions {
  /** http://host:port, without a path. */
  base: string;
  /** Asked in turn, one per request (one path: always that one). */
  paths: readonly string[];
  connections?: number;
  seconds?: number;
  threads?: number;
}

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  /** Answers other than the expected status class (2xx or 3xx), and socket errors. */
  bad: number;
  errors: number;
}

const SCRIPT = `
local paths = {}
for line in io.lines(os.getenv("ERRATA_WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
local bad = 0
response = function(status)
  if status >= 400 then bad = bad + 1 end
end
done = function(summary, latency)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"micros":%d,"p50":%d,"p99":%d,"errors":%d,"bad":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, bad + e.status))
end
`;

export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version
    return (error as { status?: number }).status === 1;
  }
}

export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const folder = mkdtempSync(join(tmpdir(), 'errata-wrk-'));
  try {
    const script = join(folder, 'paths.lua');
    const list = join(folder, 'paths.txt');
    writeFileSync(script, SCRIPT);
    writeFileSync(list, `${options.paths.join('\n')}\n`);
    const args = [
      `-t${options.threads ?? 1}`,
      `-c${options.connections ?? 50}`,
      `-d${options.seconds ?? 10}s`,
      '-s',
      script,
      `${options.base}${options.paths[0]}`,
    ];
    const { stdout } = await promisify(execFile)('wrk', args, {
      env: { ...process.env, ERRATA_WRK_PATHS: list },
      maxBuffer: 1 << 20,
    });
    const line = stdout.trim().split('\n').at(-1)!;
    const r = JSON.parse(line) as {
      requests: number;
      micros: number;
      p50: number;
      p99: number;
      errors: number;
      bad: number;
    };
    return {
      requests: r.requests,
      requestsPerSecond: r.requests / (r.micros / 1e6),
      p50: r.p50 / 1000,
      p99: r.p99 / 1000,
      errors: r.errors,
      bad: r.bad,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
