import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_ANSWERS } from '../src/feedback/stats.ts';
import type { Db } from '../src/store/db.ts';
import { answerTotals } from '../src/feedback/repository.ts';
import { MAX_ANSWERS_PER_ADDRESS } from '../src/feedback/writer.ts';
import { makeApp, ORIGIN } from './helpers.ts';

const GUIDE = '/operating-systems/microsoft/windows-update/0x80244007';
const ID = 'windows-update-0x80244007';
let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  ({ app, db } = await makeApp());
});

/** Answers are written in batches: reading the stats flushes them. */
const flushAnswers = () => app.inject(`/api/v1/guides/${ID}/stats`);
afterAll(() => app.close());

const form = (body: Record<string, string>, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/feedback',
    payload: new URLSearchParams(body).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

async function tokenFrom(url: string): Promise<string> {
  const page = await app.inject(url);
  return /name="token" value="([^"]+)"/.exec(page.body)![1]!;
}

describe('guided fix mode without JavaScript', () => {
  it('walks the steps one URL at a time, progress in the URL', async () => {
    const start = await app.inject(`${GUIDE}/fix`);
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe(`${GUIDE}/fix/1`);
    const first = await app.inject(`${GUIDE}/fix/1`);
    expect(first.body).toContain('Step 1 of 5');
    expect(first.body).toContain('<progress max="5" value="1"');
    // Step 1 reads the log (a check): it offers "done", never "this fixed it"; step 2 is a fix.
    expect(first.body).toContain('Done — on to the next step');
    expect(first.body).not.toContain('fixed it');
    expect((await app.inject(`${GUIDE}/fix/2`)).body).toContain('Yes, this fixed it');
    const token = await tokenFrom(`${GUIDE}/fix/1`);

    const next = await form(
      { guideId: ID, stepId: 's1', outcome: 'next', token },
      { 'user-agent': 'walker' },
    );
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toBe(`${GUIDE}/fix/2`);
    const cant = await form(
      { guideId: ID, stepId: 's2', outcome: 'cant', token },
      { 'user-agent': 'walker' },
    );
    expect(cant.headers.location).toBe(`${GUIDE}/fix/3`);
    const fixed = await form(
      { guideId: ID, stepId: 's3', outcome: 'fixed', token },
      { 'user-agent': 'walker' },
    );
    expect(fixed.headers.location).toBe(`${GUIDE}/fix/done?fixed=s3`);
    expect((await app.inject(`${GUIDE}/fix/done?fixed=s3`)).body).toContain('Glad that fixed it');
  });

  it('ends with when to call a professional and related codes after the last step', async () => {
    const token = await tokenFrom(`${GUIDE}/fix/5`);
    const last = await form({ guideId: ID, stepId: 's5', outcome: 'next', token }, { 'user-agent': 'ender' });
    expect(last.headers.location).toBe(`${GUIDE}/fix/done`);
    const done = await app.inject(`${GUIDE}/fix/done`);
    expect(done.body).toContain('When to call a professional');
    expect(done.body).toContain('Related codes');
    expect(done.body).toContain('Did this page help?');
  });

  it('refuses steps outside the guide and unknown guides', async () => {
    expect((await app.inject(`${GUIDE}/fix/0`)).statusCode).toBe(404);
    expect((await app.inject(`${GUIDE}/fix/99`)).statusCode).toBe(404);
    expect((await app.inject('/a/b/c/d/fix/1')).statusCode).toBe(404);
  });
});

describe('answers', () => {
  it('one address moves a step by at most 3 a day, whatever its headers or cookies', async () => {
    const token = await tokenFrom(`${GUIDE}/fix/4`);
    const post = (i: number, remoteAddress = '198.51.100.4') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { guideId: ID, stepId: 's4', outcome: 'fixed', token },
        headers: { 'user-agent': `browser ${i}`, cookie: `c=${i}`, 'x-forwarded-for': `10.9.9.${i}` },
        remoteAddress,
      });
    const counted: boolean[] = [];
    // Fewer than the per-minute rate limit, so every answer reaches the count.
    for (let i = 0; i < 50; i++) counted.push((await post(i)).json().counted);
    expect(counted.filter(Boolean)).toHaveLength(MAX_ANSWERS_PER_ADDRESS);
    expect((await post(0, '198.51.100.5')).json().counted).toBe(true);
    await flushAnswers();
    expect((await answerTotals(db, ID)).get('s4')).toEqual({ fixed: MAX_ANSWERS_PER_ADDRESS + 1 });
    // The page verdict too.
    const verdicts: boolean[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { guideId: ID, verdict: 'yes', token },
        headers: { 'user-agent': `browser ${i}` },
        remoteAddress: '198.51.100.6',
      });
      verdicts.push(res.json().counted);
    }
    expect(verdicts.filter(Boolean)).toHaveLength(MAX_ANSWERS_PER_ADDRESS);
  });

  it('stores no address: only salted daily hashes', async () => {
    await flushAnswers();
    const rows = await db.selectFrom('feedback_seen').select('hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => !r.hash.includes('198.51.100'))).toBe(true);
  });

  it('refuses cross-site answers (Origin or Sec-Fetch-Site) and counts nothing', async () => {
    const token = await tokenFrom(`${GUIDE}/fix/3`);
    for (const headers of [
      { origin: 'https://evil.example' } as Record<string, string>,
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const api = await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { guideId: ID, stepId: 's3', outcome: 'cant', token },
        headers,
        remoteAddress: '198.51.100.77',
      });
      expect(api.statusCode, JSON.stringify(headers)).toBe(403);
      const html = await form({ guideId: ID, stepId: 's3', outcome: 'cant', token }, headers);
      expect(html.statusCode, JSON.stringify(headers)).toBe(403);
    }
    await flushAnswers();
    expect((await answerTotals(db, ID)).get('s3')?.cant).toBeUndefined();
    const same = await form(
      { guideId: ID, stepId: 's3', outcome: 'cant', token },
      { origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
    );
    expect(same.statusCode).toBe(303);
  });

  it('needs the token of a page Errata served, and a real step', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: { guideId: ID, stepId: 's1', outcome: 'fixed', token: 'made-up' },
    });
    expect(bad.statusCode).toBe(403);
    const token = await tokenFrom(GUIDE);
    const step = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: { guideId: ID, stepId: 's99', outcome: 'fixed', token },
    });
    expect(step.statusCode).toBe(400);
    const shape = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: { guideId: ID, token },
    });
    expect(shape.statusCode).toBe(400);
  });

  it('records the page verdict with a reason', async () => {
    const token = await tokenFrom(GUIDE);
    const res = await form(
      { guideId: ID, verdict: 'no', reason: 'out-of-date', token },
      { 'user-agent': 'critic' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thank you');
    await flushAnswers();
    expect((await answerTotals(db, ID)).get('')).toMatchObject({ 'no:out-of-date': 1 });
  });

  it('the public stats show no counts below the minimum of answers', async () => {
    const stats = (await app.inject(`/api/v1/guides/${ID}/stats`)).json();
    const step = stats.steps.find((s: { stepId: string }) => s.stepId === 's4');
    expect(step).toEqual({ stepId: 's4', index: 3, action: expect.any(String), shown: false });
    expect(stats.page).toEqual({ shown: false });
  });

  it('shows readers the success rate once a step has the minimum number of answers', async () => {
    const token = await tokenFrom(`${GUIDE}/fix/2`);
    for (let i = 0; i < MIN_ANSWERS; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { guideId: ID, stepId: 's2', outcome: i % 4 === 0 ? 'next' : 'fixed', token },
        headers: { 'user-agent': `reader ${i}` },
        remoteAddress: `10.0.0.${i}`,
      });
    }
    const page = await app.inject(`${GUIDE}/fix/2`);
    expect(page.body).toMatch(/Fixed it for \d+% of \d+ people who tried it\./);
    const stats = (await app.inject(`/api/v1/guides/${ID}/stats`)).json();
    expect(stats.steps.find((s: { stepId: string }) => s.stepId === 's2')).toMatchObject({
      shown: true,
      total: expect.any(Number),
    });
  });

  it('limits answers per address', async () => {
    const token = await tokenFrom(GUIDE);
    let limited = 0;
    for (let i = 0; i < 70; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { guideId: ID, verdict: 'yes', token },
        headers: { 'user-agent': `flood ${i}` },
        remoteAddress: '192.0.2.7',
      });
      if (res.statusCode === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
  });
});
