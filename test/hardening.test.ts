import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, userForSession } from '../src/accounts/sessions.ts';
import { createUser } from '../src/accounts/users.ts';
import { buildApp } from '../src/app.ts';
import type { Db } from '../src/store/db.ts';
import { makeAdminApp, ORIGIN, PASSWORD, TestBrowser } from './helpers.ts';

let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  ({ app, db } = await makeAdminApp({
    contentPollMs: 3_600_000,
    accounts: { 'admin@example.org': 'admin', 'locked@example.org': 'editor' },
  }));
});
afterAll(() => app.close());

/** A Location header stays on this site: a path, never another host. */
function sameOrigin(location: unknown): boolean {
  const text = String(location);
  return /^\/(?![/\\])/.test(text) && new URL(text, ORIGIN).origin === ORIGIN && !/[\s\\]/.test(text);
}

describe('redirects stay on this site', () => {
  it('the lowercase redirect encodes what it decoded: /%2FEvil.com and /%5CEvil.com stay here', async () => {
    for (const url of [
      '/%2FEvil.com',
      '/%5CEvil.com',
      '/%2F%2FEvil.com/X',
      '/Operating-Systems/%2FEvil.com',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(301);
      expect(sameOrigin(res.headers.location), `${url} → ${res.headers.location}`).toBe(true);
    }
  });

  it('never answers 500 for characters outside Latin-1 or line breaks in a path', async () => {
    for (const url of [
      '/A%E2%80%A8',
      '/A%0D%0ASet-Cookie:x',
      '/reference/A%0D%0Ab/X',
      '/reference/x/%E2%80%A8A',
      // A guide-shaped path whose code, once decoded, still holds a lone "%" (found by the property below).
      '/%20/%20/%20/%25%20',
      '/reference/obd/%25',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBeLessThan(500);
      if (res.headers.location) expect(sameOrigin(res.headers.location), url).toBe(true);
    }
  });

  it('any path segment gives a same-site redirect or a page, never a 500 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), {
          minLength: 1,
          maxLength: 4,
        }),
        async (segments) => {
          const res = await app.inject(`/${segments.map(encodeURIComponent).join('/')}`);
          expect(res.statusCode).toBeLessThan(500);
          if (res.headers.location) expect(sameOrigin(res.headers.location)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sign-in sends people only to a path under /admin, whatever `next` says', async () => {
    for (const next of [
      '/admin/..//Evil.com',
      '/admin/../\\Evil.com',
      '/admin/\r\nSet-Cookie: x=1',
      '/admin/\u2028x',
      'https://evil.example/admin',
      '//evil.example/admin',
    ]) {
      const browser = new TestBrowser(app);
      const page = await browser.get(`/admin/login?next=${encodeURIComponent(next)}`);
      expect(page.statusCode).toBe(200);
      const res = await browser.post('/admin/login', {
        _csrf: TestBrowser.csrf(page.body),
        email: 'admin@example.org',
        password: PASSWORD,
        next,
      });
      expect(res.statusCode, JSON.stringify(next)).toBe(303);
      const location = String(res.headers.location);
      expect(sameOrigin(location), `${JSON.stringify(next)} → ${location}`).toBe(true);
      expect(new URL(location, ORIGIN).pathname).toMatch(/^\/admin(\/|$)/);
    }
  });
});

describe('sign-in limit per account', () => {
  it('counts spaces and capitals as the same account, before the limit and the password check', async () => {
    const browser = new TestBrowser(app);
    for (let i = 0; i < 5; i++) await browser.signIn('locked@example.org', `wrong password ${i}`);
    const token = (await browser.json('GET', '/api/v1/admin/csrf')).json().token;
    for (const variant of [
      ' locked@example.org',
      'locked@example.org ',
      'LOCKED@Example.org',
      '\tLocked@example.org ',
    ]) {
      const form = await browser.signIn(variant, PASSWORD);
      expect(form.statusCode, JSON.stringify(variant)).toBe(429);
      const api = await browser.json(
        'POST',
        '/api/v1/admin/session',
        { email: variant, password: PASSWORD },
        { 'x-csrf-token': token },
      );
      expect(api.statusCode, JSON.stringify(variant)).toBe(429);
    }
  });

  it('failures through the JSON API under other spellings count against the same account', async () => {
    await createUser(db, 'spelled@example.org', PASSWORD, 'editor');
    const browser = new TestBrowser(app);
    const token = (await browser.json('GET', '/api/v1/admin/csrf')).json().token;
    for (const variant of [
      'spelled@example.org',
      ' spelled@example.org',
      'SPELLED@example.org ',
      'Spelled@Example.org',
      ' spelled@EXAMPLE.org',
    ]) {
      await browser.json(
        'POST',
        '/api/v1/admin/session',
        { email: variant, password: 'wrong password here' },
        { 'x-csrf-token': token },
      );
    }
    const res = await browser.json(
      'POST',
      '/api/v1/admin/session',
      { email: 'spelled@example.org', password: PASSWORD },
      { 'x-csrf-token': token },
    );
    expect(res.statusCode).toBe(429);
  });

  it('signs in with the address typed with spaces or capitals when not locked', async () => {
    const res = await new TestBrowser(app).signIn('  ADMIN@example.org ', PASSWORD);
    expect(res.statusCode).toBe(303);
  });
});

describe('smaller hardening', () => {
  it('Fastify’s own errors (bad encoding 400, long path 414) go through the error handler with security headers', async () => {
    for (const [url, status] of [
      ['/%ff', 400],
      ['/api/v1/guides/%ff', 400],
      [`/${'a'.repeat(300)}`, 414],
    ] as const) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      if (url.startsWith('/api/')) expect(res.json().error.code).toBe('INVALID_REQUEST');
      else expect(res.body).toContain('<!doctype html>');
    }
  });

  it('answers 431 for oversized headers (over the 64 KB that pasted lookups need) with the security headers', async () => {
    const server = await buildApp({ db, origin: ORIGIN, contentPollMs: 3_600_000 });
    await server.listen({ port: 4131, host: '127.0.0.1' });
    try {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(4131, '127.0.0.1');
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString('latin1')));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
        socket.write(`GET /search?q=x HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 431/);
      expect(raw.toLowerCase()).toContain('content-security-policy:');
      expect(raw.toLowerCase()).toContain('x-content-type-options: nosniff');
    } finally {
      await server.close();
    }
  });

  it('admin JSON is never cached', async () => {
    const admin = new TestBrowser(app);
    await admin.signIn('admin@example.org', PASSWORD);
    for (const url of ['/api/v1/admin/me', '/api/v1/admin/guides', '/api/v1/admin/csrf']) {
      const res = await admin.json('GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    expect((await app.inject('/api/v1/admin/me')).headers['cache-control']).toBe('no-store');
  });

  it('admin params are validated: a user id that is not a number is a 400 and no audit entry', async () => {
    const admin = new TestBrowser(app);
    await admin.signIn('admin@example.org', PASSWORD);
    const token = (await admin.json('GET', '/api/v1/admin/csrf')).json().token;
    const before = (await admin.json('GET', '/api/v1/admin/audit')).json().entries.length;
    for (const url of ['/api/v1/admin/users/abc', '/api/v1/admin/users/1.5', '/api/v1/admin/reports/abc']) {
      const res = await admin.json('POST', url, { role: 'editor', status: 'new' }, { 'x-csrf-token': token });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('INVALID_REQUEST');
    }
    const revision = await admin.json('GET', '/api/v1/admin/guides/windows-update-0x80244007/revisions/abc');
    expect(revision.statusCode).toBe(400);
    const after = (await admin.json('GET', '/api/v1/admin/audit')).json().entries;
    expect(after.length).toBe(before + 0);
    expect(after.some((e: { target: string }) => e.target === 'NaN')).toBe(false);
  });

  it('sessions end after 12 hours without use, and after 7 days whatever the use', async () => {
    const user = await createUser(db, 'idle@example.org', PASSWORD, 'editor');
    const t0 = new Date('2026-12-01T00:00:00Z');
    const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
    const idle = await createSession(db, user.id, t0);
    expect(await userForSession(db, idle, at(11))).toBeDefined();
    // Used at 11 h: good until 23 h, not beyond.
    expect(await userForSession(db, idle, at(22.5))).toBeDefined();
    expect(await userForSession(db, idle, at(35))).toBeUndefined();
    const busy = await createSession(db, user.id, t0);
    for (let h = 10; h < 7 * 24; h += 10)
      expect(await userForSession(db, busy, at(h)), `${h} h`).toBeDefined();
    expect(await userForSession(db, busy, at(7 * 24 + 1))).toBeUndefined();
  });

  it('refuses common and repetitive passwords', async () => {
    const admin = new TestBrowser(app);
    await admin.signIn('admin@example.org', PASSWORD);
    const token = (await admin.json('GET', '/api/v1/admin/csrf')).json().token;
    for (const password of ['aaaaaaaaaaaa', 'password1234', '123456789012', 'abcabcabcabc', 'qwertyuiopas']) {
      const res = await admin.json(
        'POST',
        '/api/v1/admin/users',
        { email: 'weak@example.org', password, role: 'editor' },
        { 'x-csrf-token': token },
      );
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.message, password).toMatch(/password/i);
    }
    await expect(createUser(db, 'weak@example.org', 'aaaaaaaaaaaa', 'editor')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });

  it('/lookup never puts a NUL or other control character into the page', async () => {
    for (const q of ['%00', 'abc%00def', '0x8024%00', '%01%02%1b']) {
      const res = await app.inject(`/lookup?q=${q}`);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body.replace(/[\n\r\t]/g, '')).not.toMatch(/\p{Cc}/u);
    }
  });

  it('guide stats hide counts below the 20-answer threshold', async () => {
    const res = await app.inject('/api/v1/guides/windows-update-0x80244007/stats');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    for (const step of body.steps) {
      expect(step.answers === undefined || step.answers >= 20 || step.answers === null).toBe(true);
      expect(step.fixed ?? null).toBeNull();
    }
    expect(body.page.yes ?? null).toBeNull();
  });
});

describe('/metrics is safe by default', () => {
  it('without a token, answers only loopback requests that no proxy relayed', async () => {
    expect((await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    for (const url of ['/metrics', '/metrics/']) {
      expect((await app.inject({ url, remoteAddress: '203.0.113.7' })).statusCode, url).toBe(403);
      const relayed = await app.inject({
        url,
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      expect(relayed.statusCode, url).toBe(403);
    }
  });
});

describe('search is rate-limited per address', () => {
  it('answers 429 past the limit on /api/v1/search, /api/v1/suggest and /search, per address only', async () => {
    const limited = await buildApp({ db, origin: ORIGIN, contentPollMs: 3_600_000, searchesPerMinute: 5 });
    try {
      for (const [url, allowed] of [
        ['/api/v1/search?q=soap', 5],
        ['/api/v1/suggest?q=soap', 15], // typing asks several times per search
        ['/search?q=soap', 5],
      ] as const) {
        const from = (remoteAddress: string) => limited.inject({ url, remoteAddress });
        for (let i = 0; i < allowed; i++) expect((await from('203.0.113.20')).statusCode, url).toBe(200);
        const refused = await from('203.0.113.20');
        expect(refused.statusCode, url).toBe(429);
        expect(refused.headers['content-security-policy']).toBeDefined();
        if (url.startsWith('/api/')) expect(refused.json().error.code).toBe('RATE_LIMITED');
        expect((await from('203.0.113.21')).statusCode, url).toBe(200);
      }
      // Pages that need no limit pay nothing for it.
      const page = await limited.inject({ url: '/operating-systems/microsoft/windows-update/0x80244007' });
      expect(page.headers['x-ratelimit-limit']).toBeUndefined();
      const lookup = await limited.inject({ url: '/api/v1/lookup?q=0x80244007' });
      expect(lookup.headers['x-ratelimit-limit']).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});
