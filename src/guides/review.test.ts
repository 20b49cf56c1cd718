import { describe, expect, it } from 'vitest';
import { duePublications, formatUtc, parseScheduleTime, SCHEDULE_HORIZON_MS } from './review.ts';

const NOW = new Date('2026-12-03T16:00:00.000Z');

describe('duePublications', () => {
  const row = (guideId: string, publishAt: string) => ({ guideId, publishAt });

  it('picks the schedules whose time came, oldest first, and leaves the future ones', () => {
    const rows = [
      row('later', '2026-12-03T16:00:00.001Z'),
      row('b', '2026-12-03T15:00:00.000Z'),
      row('now', '2026-12-03T16:00:00.000Z'),
      row('a', '2026-12-03T15:00:00.000Z'),
      row('old', '2026-11-01T00:00:00.000Z'),
    ];
    expect(duePublications(NOW, rows).map((r) => r.guideId)).toEqual(['old', 'a', 'b', 'now']);
  });

  it('is empty when nothing is due', () => {
    expect(duePublications(NOW, [row('x', '2027-01-01T00:00:00.000Z')])).toEqual([]);
    expect(duePublications(NOW, [])).toEqual([]);
  });
});

describe('parseScheduleTime', () => {
  it('reads a datetime-local value as UTC, whatever the zone of the server', () => {
    expect(parseScheduleTime('2026-12-24T09:30', NOW)).toEqual({
      ok: true,
      at: new Date('2026-12-24T09:30:00.000Z'),
    });
    expect(parseScheduleTime('2026-12-24T09:30:15', NOW)).toMatchObject({ ok: true });
    expect(parseScheduleTime('2026-12-24T09:30:00.000Z', NOW)).toMatchObject({ ok: true });
  });

  it('refuses the past, now, and more than a year ahead', () => {
    expect(parseScheduleTime('2026-12-03T15:59', NOW)).toMatchObject({
      ok: false,
      message: expect.stringContaining('future'),
    });
    expect(parseScheduleTime('2026-12-03T16:00', NOW)).toMatchObject({ ok: false });
    const tooFar = new Date(NOW.getTime() + SCHEDULE_HORIZON_MS + 60_000).toISOString().slice(0, 16);
    expect(parseScheduleTime(tooFar, NOW)).toMatchObject({
      ok: false,
      message: expect.stringContaining('year'),
    });
  });

  it('refuses what is not a time, and dates that do not exist', () => {
    for (const bad of [
      '',
      'tomorrow',
      '2026-12-24',
      '24/12/2026 09:00',
      '2026-12-24T09:30+02:00',
      '2026-12-24 09:30',
    ]) {
      expect(parseScheduleTime(bad, NOW), bad).toMatchObject({ ok: false });
    }
    expect(parseScheduleTime('2027-02-30T09:00', NOW)).toMatchObject({
      ok: false,
      message: expect.stringContaining('does not exist'),
    });
    expect(parseScheduleTime('2026-12-24T24:00', NOW)).toMatchObject({ ok: false });
  });
});

it('formats times plainly in UTC', () => {
  expect(formatUtc('2026-12-24T09:30:00.000Z')).toBe('2026-12-24 09:30 UTC');
});
