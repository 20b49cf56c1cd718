import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, parseTrustProxy } from '../src/base/config.ts';
import { listPublished } from '../src/guides/repository.ts';
import { makeApp, makeDb, ORIGIN } from './helpers.ts';

const GUIDE_URL = '/operating-systems/microsoft/windows-update/0x80244007';
const TOKEN = 'a-long-enough-metrics-token';

/** The value of one sample line, e.g. `errata_published_guides 68`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const apps: FastifyInstance[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

async function app(options: { metricsToken?: string; trustProxy?: boolean | string } = {}) {
  const db = await makeDb();
  const built = await buildApp({ db, origin: ORIGIN, ...options });
  apps.push(built);
  return { app: built, db };
}

describe('GET /metrics', () => {
  it('answers the Prometheus text format, never cached, with process and product metrics', async () => {
    const { app: a, db } = await app();
    const res = await a.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('# TYPE process_cpu_seconds_total counter');
    expect(res.body).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    expect(res.body).toContain('# TYPE errata_http_request_duration_seconds histogram');
    expect(sample(res.body, 'errata_published_guides')).toBe((await listPublished(db)).length);
    expect(sample(res.body, 'errata_content_version')).toBeGreaterThan(0);
    expect(sample(res.body, 'errata_database_up')).toBe(1);
  });

  it('counts requests by route pattern and status, with one label for addresses no route matches', async () => {
    const { app: a } = await app();
    await a.inject(GUIDE_URL);
    await a.inject(GUIDE_URL);
    await a.inject('/healthz');
    await a.inject('/a/b/c/d/e/f');
    await a.inject('/x/y/z/w/v/u');
    const body = (await a.inject('/metrics')).body;
    expect(sample(body, 'errata_http_requests_total{method="GET",route="/:a/:b/:c/:d",status="200"}')).toBe(
      2,
    );
    expect(sample(body, 'errata_http_requests_total{method="GET",route="/healthz",status="200"}')).toBe(1);
    expect(sample(body, 'errata_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(2);
    expect(
      sample(body, 'errata_http_request_duration_seconds_count{method="GET",route="/:a/:b/:c/:d"}'),
    ).toBe(2);
    expect(body).not.toContain(GUIDE_URL);
    expect(body).not.toContain('/a/b/c');
    // The second request for the page came from the page cache.
    expect(sample(body, 'errata_page_cache_lookups_total{result="hit"}')).toBeGreaterThanOrEqual(1);
  });

  it('keeps each app’s counts apart', async () => {
    const { app: first } = await app();
    const { app: second } = await app();
    await first.inject('/healthz');
    const series = 'errata_http_requests_total{method="GET",route="/healthz",status="200"}';
    expect(sample((await first.inject('/metrics')).body, series)).toBe(1);
    expect(sample((await second.inject('/metrics')).body, series)).toBeUndefined();
  });

  it('counts search answers taken from the recent answers', async () => {
    const { app: a } = await app();
    await a.inject('/api/v1/search?q=windows%20update');
    await a.inject('/api/v1/search?q=windows%20update');
    const body = (await a.inject('/metrics')).body;
    expect(sample(body, 'errata_search_cache_lookups_total{result="miss"}')).toBe(1);
    expect(sample(body, 'errata_search_cache_lookups_total{result="hit"}')).toBe(1);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const { app: a } = await app({ metricsToken: TOKEN });
    const none = await a.inject('/metrics');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).not.toContain('errata_');
    const wrong = await a.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    const right = await a.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('errata_http_requests_total');
    // Pages stay public.
    expect((await a.inject('/healthz')).statusCode).toBe(200);
  });

  it('is open to anyone without METRICS_TOKEN, and not listed in the OpenAPI document', async () => {
    const { app: a } = await makeApp();
    apps.push(a);
    expect((await a.inject('/metrics')).statusCode).toBe(200);
    expect((await a.inject('/api/v1/openapi.json')).json().paths).not.toHaveProperty('/metrics');
  });
});

describe('configuration', () => {
  it('reads METRICS_TOKEN and TRUST_PROXY', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy(' 127.0.0.1, 10.0.0.0/8 ')).toBe('127.0.0.1, 10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY/);
  });
});

describe('behind a reverse proxy', () => {
  /** Three answers from two readers behind the same proxy, one answer a minute allowed per address. */
  async function answers(trustProxy: boolean | string) {
    const db = await makeDb();
    const a = await buildApp({ db, origin: ORIGIN, answersPerMinute: 1, trustProxy });
    apps.push(a);
    const post = (reader: string) =>
      a.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': reader, 'content-type': 'application/json' },
        payload: '{}',
      });
    return [
      (await post('203.0.113.7')).statusCode,
      (await post('203.0.113.7')).statusCode,
      (await post('198.51.100.2')).statusCode,
    ];
  }

  it('rate-limits each reader by the forwarded address when the proxy is trusted', async () => {
    const [first, again, other] = await answers('127.0.0.1');
    expect(first).not.toBe(429);
    expect(again).toBe(429);
    expect(other).not.toBe(429);
  });

  it('ignores X-Forwarded-For from peers it does not trust', async () => {
    const [first, again, other] = await answers(false);
    expect(first).not.toBe(429);
    expect(again).toBe(429);
    expect(other).toBe(429);
  });
});
