import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_ANSWERS } from '../src/feedback/stats.ts';
import { makeApp } from './helpers.ts';

const GUIDE = '/operating-systems/microsoft/windows-update/0x80244007';
const ID = 'windows-update-0x80244007';
let app: FastifyInstance;

beforeAll(async () => {
  ({ app } = await makeApp());
});
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
    expect(first.body).toContain('This fixed it');
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
  it('counts one answer per browser, step and day', async () => {
    const token = await tokenFrom(`${GUIDE}/fix/4`);
    const post = (ua: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { guideId: ID, stepId: 's4', outcome: 'fixed', token },
        headers: { 'user-agent': ua },
      });
    expect((await post('browser A')).json()).toMatchObject({
      counted: true,
      next: `${GUIDE}/fix/done?fixed=s4`,
    });
    expect((await post('browser A')).json().counted).toBe(false);
    expect((await post('browser B')).json().counted).toBe(true);
    const stats = (await app.inject(`/api/v1/guides/${ID}/stats`)).json();
    const step = stats.steps.find((s: { stepId: string }) => s.stepId === 's4');
    expect(step).toMatchObject({ fixed: 2, total: 2, shown: false });
    expect(step.wilson95[0]).toBeGreaterThan(0);
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
    const stats = (await app.inject(`/api/v1/guides/${ID}/stats`)).json();
    expect(stats.page).toMatchObject({ no: 1, reasons: { 'out-of-date': 1 } });
  });

  it('shows readers the success rate once a step has the minimum number of answers', async () => {
    const token = await tokenFrom(`${GUIDE}/fix/2`);
    for (let i = 0; i < MIN_ANSWERS; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { guideId: ID, stepId: 's2', outcome: i % 4 === 0 ? 'next' : 'fixed', token },
        headers: { 'user-agent': `reader ${i}`, 'x-forwarded-for': `10.0.0.${i}` },
      });
    }
    const page = await app.inject(`${GUIDE}/fix/2`);
    expect(page.body).toMatch(/Fixed it for \d+% of \d+ people who tried it\./);
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
