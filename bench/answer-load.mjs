// Sends readers' answers at a fixed rate, each from a different browser, and prints latency as JSON.
// Usage (by bench/feedback.bench.ts): node bench/answer-load.mjs <url> <rate> <seconds> <body-json>
const [url, rate, seconds, body] = process.argv.slice(2);
const perTick = Number(rate) / 100;
const latencies = [];
let sent = 0;
let failed = 0;
let carry = 0;
const pending = new Set();
const end = Date.now() + Number(seconds) * 1000;
while (Date.now() < end) {
  carry += perTick;
  for (; carry >= 1; carry--) {
    const id = sent++;
    const started = performance.now();
    const request = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': `bench-${id}` },
      body,
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) failed++;
        latencies.push(performance.now() - started);
      })
      .catch(() => failed++)
      .finally(() => pending.delete(request));
    pending.add(request);
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
await Promise.all(pending);
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
console.log(JSON.stringify({ sent, failed, p50: at(0.5), p99: at(0.99), rate: sent / Number(seconds) }));
