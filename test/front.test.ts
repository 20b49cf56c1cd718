// Cached pages answered by the HTTP server before Fastify: the same answer as the route's, over real HTTP.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { saveWorkingCopy, workingCopy } from '../src/guides/editing.ts';
import { guideUrl } from '../src/guides/schema.ts';
import type { Db } from '../src/store/db.ts';
import { answerFromFront, type Front } from '../src/web/front.ts';
import { PageCache } from '../src/web/page-cache.ts';
import { SECURITY_HEADERS } from '../src/web/security.ts';
import { makeDb, makeGuide, ORIGIN } from './helpers.ts';

const guide = makeGuide({ id: 'front-guide' });
const PAGE = guideUrl(guide);
let app: FastifyInstance;
let db: Db;
let base: string;

beforeAll(async () => {
  db = await makeDb({ bundled: false, guides: [guide] });
  app = await buildApp({ db, origin: ORIGIN, admin: false, contentPollMs: 3_600_000 });
  base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
});
afterAll(() => app.close());

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'date' && name !== 'keep-alive') out[name] = value;
  });
  return out;
}

async function requestCount(route: string, status: number): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('errata_http_requests_total{') &&
        l.includes(`route="${route}"`) &&
        l.includes(`status="${status}"`) &&
        l.includes('method="GET"'),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('cached pages answered in front of Fastify', () => {
  it('sends what the route sends: status, headers and body', async () => {
    const first = await fetch(`${base}${PAGE}`); // rendered by the route, then cached
    const front = await fetch(`${base}${PAGE}`);
    const route = await fetch(`${base}${PAGE}?from=test`); // a query always goes to the route
    expect(first.status).toBe(200);
    expect(front.status).toBe(200);
    const body = await front.text();
    expect(body).toBe(await route.text());
    expect(body).toBe(await first.text());
    expect(headersOf(front)).toEqual(headersOf(route));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(front.headers.get(name)).toBe(value);
    expect(front.headers.get('etag')).toBeTruthy();
  });

  it('answers 304 to a browser that has this version, and HEAD through the route', async () => {
    const page = await fetch(`${base}${PAGE}`);
    const etag = page.headers.get('etag')!;
    const again = await fetch(`${base}${PAGE}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(headersOf(again)).toEqual(
      headersOf(await fetch(`${base}${PAGE}?x=1`, { headers: { 'if-none-match': etag } })),
    );
    const head = await fetch(`${base}${PAGE}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('counts its answers in /metrics under the route pattern', async () => {
    await fetch(`${base}${PAGE}`);
    const before = await requestCount('/:a/:b/:c/:d', 200);
    for (let i = 0; i < 5; i++) await (await fetch(`${base}${PAGE}`)).text();
    expect(await requestCount('/:a/:b/:c/:d', 200)).toBe(before + 5);
  });

  it('never answers with a page content has moved past', async () => {
    expect((await fetch(`${base}${PAGE}`)).status).toBe(200);
    const copy = (await workingCopy(db, guide.id))!;
    await saveWorkingCopy(db, {
      guide: copy.guide,
      action: 'unpublish',
      expectedRevision: copy.revision,
      author: 'editor@example.com',
      message: 'off the site',
    });
    expect((await fetch(`${base}${PAGE}`)).status).toBe(410);
  });
});

describe('answerFromFront', () => {
  const answer = (front: Front, method: string, url: string, headers: Record<string, string> = {}) => {
    const sent: { status?: number; headers?: Record<string, unknown>; body?: unknown } = {};
    const response = {
      statusCode: 200,
      writeHead(status: number, h: Record<string, unknown>) {
        sent.status = status;
        sent.headers = h;
        this.statusCode = status;
        return this;
      },
      end(body?: unknown) {
        sent.body = body;
      },
    };
    const handled = answerFromFront(
      front,
      { method, url, headers } as IncomingMessage,
      response as unknown as ServerResponse,
    );
    return { handled, sent };
  };

  it('answers only a GET of an address exactly as cached, once its route has sent it', () => {
    const cache = new PageCache();
    const observed: unknown[] = [];
    const front: Front = { cache, observe: (...args) => observed.push(args) };
    const page = cache.put('/a/b', '<p>page</p>');
    expect(answer(front, 'GET', '/a/b').handled).toBe(false); // no route label yet
    page.route = '/:a/:b';
    const { handled, sent } = answer(front, 'GET', '/a/b');
    expect(handled).toBe(true);
    expect(sent.status).toBe(200);
    expect(sent.headers).toMatchObject({ ...SECURITY_HEADERS, etag: page.etag, 'content-length': 11 });
    expect(observed).toEqual([['GET', '/:a/:b', 200, expect.any(Number)]]);
    expect(answer(front, 'GET', '/a/b', { 'if-none-match': page.etag }).sent.status).toBe(304);
    for (const [method, url] of [
      ['HEAD', '/a/b'],
      ['POST', '/a/b'],
      ['GET', '/a/b?q=1'],
      ['GET', '/a/%62'],
      ['GET', '/A/b'],
      ['GET', '/a/c'],
    ] as const)
      expect(answer(front, method, url).handled).toBe(false);
    expect(answer({}, 'GET', '/a/b').handled).toBe(false);
  });

  it('counts a visit for each answer of a page that counts them', () => {
    const cache = new PageCache();
    let visits = 0;
    const page = cache.put('/reference/x/y', 'entry', () => visits++);
    page.route = '/reference/:family/:symbol';
    answer({ cache }, 'GET', '/reference/x/y');
    answer({ cache }, 'GET', '/reference/x/y');
    expect(visits).toBe(2);
  });
});
