// Load from a separate process over a list of paths, each connection taking the next path in turn,
// so every request may ask something different. Prints autocannon's result as JSON.
// Usage: node bench/paths-load.mjs <base-url> <connections> <seconds> <paths-file (one per line)> [rate] [timeout-s]
// With a rate, requests are sent at that many per second over all connections (an open load) instead
// of each connection sending its next request as soon as the last is answered.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [base, connections, seconds, file, rate, timeout] = process.argv.slice(2);
const paths = readFileSync(file, 'utf8').split('\n').filter(Boolean);
let next = 0;
const result = await autocannon({
  url: base,
  connections: Number(connections),
  duration: Number(seconds),
  ...(rate && rate !== '0' ? { overallRate: Number(rate) } : {}),
  ...(timeout ? { timeout: Number(timeout) } : {}),
  requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
});
console.log(JSON.stringify(result));
