/**
 * Load from wrk (Debian package `wrk`, a C load generator): on two cores a Node client such as
 * autocannon saturates near 11,000 requests/s, below the servers it would compare, so every throughput
 * bench drives load with wrk. A Lua script asks the given paths in turn (GET, or POST with a body, each
 * request from a different reader) and prints the summary as JSON.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
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
  /**
   * A JSON body: each request is then a POST from a different reader, with its own User-Agent and
   * X-Forwarded-For address (10.x.y.z; the server must trust the loopback proxy to see it).
   */
  json?: string;
  /**
   * About this many requests/s over all connections: each connection waits connections/rate seconds
   * before its next request (wrk has no open-loop mode, so an answer slower than that lowers the rate).
   * None: each connection asks again as soon as it is answered.
   */
  rate?: number;
  /** Seconds before wrk counts a request as timed out (its default: 2). */
  timeout?: number;
}

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  /** Latency percentiles and maximum, in milliseconds. */
  p50: number;
  p99: number;
  max: number;
  /** Answers with a status of 400 or more. */
  bad: number;
  /** Socket errors (connect, read, write) and timeouts, timeouts also apart. */
  errors: number;
  timeouts: number;
}

const SCRIPT = `
local paths = {}
for line in io.lines(os.getenv("ERRATA_WRK_PATHS")) do paths[#paths + 1] = line end
local body = nil
local bodyFile = os.getenv("ERRATA_WRK_BODY")
if bodyFile and bodyFile ~= "" then
  local f = io.open(bodyFile, "rb"); body = f:read("*a"); f:close()
end
local pause = tonumber(os.getenv("ERRATA_WRK_DELAY_MS") or "0")
local i = 0
local n = 0
request = function()
  i = i % #paths + 1
  if body then
    n = n + 1
    local from = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
    return wrk.format("POST", paths[i], { ["Content-Type"] = "application/json", ["User-Agent"] = "bench-" .. n, ["X-Forwarded-For"] = from }, body)
  end
  return wrk.format("GET", paths[i])
end
if pause > 0 then
  delay = function() return pause end
end
done = function(summary, latency)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"micros":%d,"p50":%d,"p99":%d,"max":%d,"errors":%d,"timeouts":%d,"bad":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.timeout, e.status))
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

/** Exits with a clear message when wrk is missing: every throughput bench needs it. */
export function requireWrk(): void {
  if (wrkAvailable()) return;
  console.error('wrk is not installed: apt-get install wrk');
  process.exit(1);
}

export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const folder = mkdtempSync(join(tmpdir(), 'errata-wrk-'));
  const connections = options.connections ?? 50;
  try {
    const script = join(folder, 'load.lua');
    const list = join(folder, 'paths.txt');
    const body = join(folder, 'body.json');
    writeFileSync(script, SCRIPT);
    writeFileSync(list, `${options.paths.join('\n')}\n`);
    if (options.json !== undefined) writeFileSync(body, options.json);
    const args = [
      `-t${options.threads ?? 1}`,
      `-c${connections}`,
      `-d${options.seconds ?? 10}s`,
      `--timeout`,
      `${options.timeout ?? 10}s`,
      '-s',
      script,
      `${options.base}${options.paths[0]}`,
    ];
    const { stdout } = await promisify(execFile)('wrk', args, {
      env: {
        ...process.env,
        ERRATA_WRK_PATHS: list,
        ERRATA_WRK_BODY: options.json !== undefined ? body : '',
        ERRATA_WRK_DELAY_MS: options.rate ? String(Math.round((connections / options.rate) * 1000)) : '0',
      },
      maxBuffer: 1 << 20,
    });
    const line = stdout.trim().split('\n').at(-1)!;
    const r = JSON.parse(line) as {
      requests: number;
      micros: number;
      p50: number;
      p99: number;
      max: number;
      errors: number;
      timeouts: number;
      bad: number;
    };
    return {
      requests: r.requests,
      requestsPerSecond: r.requests / (r.micros / 1e6),
      p50: r.p50 / 1000,
      p99: r.p99 / 1000,
      max: r.max / 1000,
      errors: r.errors,
      timeouts: r.timeouts,
      bad: r.bad,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One recorded answer: what a bare server sends back byte for byte. */
export interface RecordedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An answer from inject() as a bare server would send it (without per-connection headers). */
export function recordAnswer(answer: {
  statusCode: number;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}): RecordedAnswer {
  const headers = { ...answer.headers } as IncomingHttpHeaders;
  for (const h of ['date', 'connection', 'keep-alive', 'transfer-encoding']) delete headers[h];
  return { status: answer.statusCode, headers, body: answer.rawPayload };
}

/**
 * The ceiling of a fixed answer: a bare node:http server sending the same status, headers and body for
 * each recorded path, with no work per request beyond finding it.
 */
export async function replayServer(
  answers: ReadonlyMap<string, RecordedAnswer>,
): Promise<{ base: string; server: Server }> {
  const server = createServer((req, res) => {
    const answer = answers.get(req.url ?? '');
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(answer.status, answer.headers as Record<string, string>);
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}`, server };
}

export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The machine line every bench prints first: cores, CPU, Node, and the load the machine had. */
export function machineLine(): string {
  const [one, five] = loadavg();
  return `${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}; load average ${one!.toFixed(1)} (1 min), ${five!.toFixed(1)} (5 min) at the start`;
}
