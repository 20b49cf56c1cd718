// Load from a separate process over a list of paths, each connection taking the next path in turn,
// so every request may ask something different. Prints autocannon's result as JSON.
// Usage: node bench/paths-load.mjs <base-url> <connections> <seconds> <paths-file (one per line)>
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [base, connections, seconds, file] = process.argv.slice(2);
const paths = readFileSync(file, 'utf8').split('\n').filter(Boolean);
let next = 0;
const result = await autocannon({
  url: base,
  connections: Number(connections),
  duration: Number(seconds),
  requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
});
console.log(JSON.stringify(result));
