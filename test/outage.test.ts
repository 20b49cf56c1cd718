import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ERRORS, RETRY_AFTER_SECONDS } from '../src/base/errors.ts';
import { makeDb, ORIGIN } from './helpers.ts';

/** Makes every query fail the way a driver does during a fault, while `failure` is set. */
class Fault implements KyselyPlugin {
  failure: { code: string; message: string } | undefined;
  transformQuery(args: PluginTransformQueryArgs) {
    if (this.failure) throw Object.assign(new Error(this.failure.message), { code: this.failure.code });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

const REFUSED = { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' };
const fault = new Fault();
let app: FastifyInstance;

beforeAll(async () => {
  const db = (await makeDb()).withPlugin(fault);
  app = await buildApp({ db, origin: ORIGIN, contentPollMs: 60_000 });
});
afterAll(() => app.close());

const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: 'errata_session=x' } });

describe('storage faults over HTTP', () => {
  it('/healthz is 503 with Retry-After while the database is unreachable, 200 again after', async () => {
    expect((await get('/healthz')).statusCode).toBe(200);
    fault.failure = REFUSED;
    try {
      const down = await get('/healthz');
      expect(down.statusCode).toBe(503);
      expect(down.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
      expect(down.json()).toEqual({
        status: 'unavailable',
        error: { code: 'DATABASE_UNAVAILABLE', message: ERRORS.DATABASE_UNAVAILABLE.message },
      });
    } finally {
      fault.failure = undefined;
    }
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('answers JSON under /api/ and a page elsewhere, with the message and no stack trace', async () => {
    fault.failure = REFUSED;
    try {
      const api = await get('/api/v1/guides/windows-update-0x80244007/stats');
      expect(api.statusCode).toBe(503);
      expect(api.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
      expect(api.json()).toEqual({
        error: { code: 'DATABASE_UNAVAILABLE', message: ERRORS.DATABASE_UNAVAILABLE.message },
      });
      const page = await get('/admin');
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain(ERRORS.DATABASE_UNAVAILABLE.message);
      expect(page.body).not.toMatch(/ECONNREFUSED|\n\s+at /);
    } finally {
      fault.failure = undefined;
    }
  });

  it.each([
    [{ code: 'SQLITE_FULL', message: 'database or disk is full' }, 507, 'STORAGE_FULL'],
    [{ code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' }, 503, 'STORAGE_READ_ONLY'],
    [
      { code: '57P01', message: 'terminating connection due to administrator command' },
      503,
      'DATABASE_UNAVAILABLE',
    ],
  ] as const)('maps %o to %i %s', async (failure, status, code) => {
    fault.failure = failure;
    try {
      const res = await get('/api/v1/guides/windows-update-0x80244007/stats');
      expect(res.statusCode).toBe(status);
      expect(res.json()).toEqual({ error: { code, message: ERRORS[code].message } });
      expect(res.headers['retry-after']).toBe(status === 503 ? String(RETRY_AFTER_SECONDS) : undefined);
    } finally {
      fault.failure = undefined;
    }
  });
});
