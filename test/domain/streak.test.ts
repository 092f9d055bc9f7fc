import { describe, expect, test } from 'vitest';
import { DEFAULT_DETECT_OPTIONS } from '../../src/domain/detect/options.js';
import { D, START, days, gap, ids, pick, run, setDay, type DayRows } from './history-builder.js';

const A = { a: 100, b: 50 };
const B = { a: 50, b: 100 };
const st = (i: number, subject: string, k: number) => `streak:daily:${D(i)}:${subject}:${k}`;

describe('streak on the daily chart', () => {
  test.each([
    { given: 'a leads 15 days', rows: days(START, 15, () => A), then: [st(2, 'a', 3), st(3, 'a', 4), st(4, 'a', 5), st(6, 'a', 7), st(9, 'a', 10), st(13, 'a', 14)] },
    { given: 'a leads 2 days', rows: days(START, 2, () => A), then: [] },
    {
      given: 'a gap day on day 5',
      rows: gap(days(START, 15, () => A), D(5)),
      then: [st(2, 'a', 3), st(3, 'a', 4), st(4, 'a', 5), st(8, 'a', 3), st(9, 'a', 4), st(10, 'a', 5), st(12, 'a', 7)],
    },
    // Pinned choice: a day with only `other` has no daily chart and breaks the streak like a gap day.
    { given: 'a day with only `other` on day 3', rows: setDay(days(START, 8, () => A), D(3), { other: 5 }), then: [st(2, 'a', 3), st(6, 'a', 3), st(7, 'a', 4)] },
    { given: '`other` far above a on day 3', rows: days(START, 6, (i) => ({ ...A, other: i === 3 ? 1_000_000 : 1 })), then: [st(2, 'a', 3), st(3, 'a', 4), st(4, 'a', 5)] },
    { given: 'a leads 4 days, then b 7', rows: days(START, 11, (i) => (i < 4 ? A : B)), then: [st(2, 'a', 3), st(3, 'a', 4), st(6, 'b', 3), st(7, 'b', 4), st(8, 'b', 5), st(10, 'b', 7)] },
    { given: 'a leads 3, b 1, a 3 (the reign restarts)', rows: days(START, 7, (i) => (i === 3 ? B : A)), then: [st(2, 'a', 3), st(6, 'a', 3)] },
    { given: "ties all along between 'a' and 'B' (B leads)", rows: days(START, 3, () => ({ a: 5, B: 5 })), then: [st(2, 'B', 3)] },
    { given: 'custom milestones 2 and 6', rows: days(START, 8, () => A), dailyStreaks: [2, 6], then: [st(1, 'a', 2), st(5, 'a', 6)] },
    { given: 'custom milestones given out of order', rows: days(START, 8, () => A), dailyStreaks: [6, 2], then: [st(1, 'a', 2), st(5, 'a', 6)] },
    { given: 'no daily milestones', rows: days(START, 8, () => A), dailyStreaks: [], then: [] },
  ])('given $given, then $then', ({ rows, dailyStreaks, then }) => {
    expect(ids(rows, { type: 'streak', chart: 'daily' }, dailyStreaks ? { dailyStreaks } : {})).toEqual(then);
  });

  test('every default daily milestone up to 365 comes once, on its day', () => {
    const events = pick(run(days(START, 400, () => A)), { type: 'streak', chart: 'daily' });
    expect(events.map((e) => e.milestone)).toEqual([...DEFAULT_DETECT_OPTIONS.dailyStreaks]);
    for (const e of events) expect(e).toMatchObject({ subject: 'a', rank: 1, tokens: 100n, day: D(e.milestone! - 1), period: D(e.milestone! - 1) });
  });
});

/** Weeks of 7 days from Monday START (2026-W10): `fn(week, weekday)` gives the rows, null for a gap day. */
const weeks = (n: number, fn: (w: number, d: number) => DayRows | null, start = START) => days(start, 7 * n, (i) => fn(Math.floor(i / 7), i % 7));
const SUNDAYS: Record<string, string> = { W10: '2026-03-08', W11: '2026-03-15', W12: '2026-03-22', W13: '2026-03-29', W14: '2026-04-05', W15: '2026-04-12' };
const sw = (week: string, subject: string, k: number) => `streak:weekly:2026-${week}:${subject}:${k}`;

describe('streak on the weekly chart', () => {
  test.each([
    { given: 'a leads 6 weeks', rows: weeks(6, () => A), then: [sw('W11', 'a', 2), sw('W12', 'a', 3), sw('W13', 'a', 4), sw('W14', 'a', 5), sw('W15', 'a', 6)] },
    { given: 'a leads 6 weeks with a gap day every Wednesday', rows: weeks(6, (_w, d) => (d === 2 ? null : A)), then: [sw('W11', 'a', 2), sw('W12', 'a', 3), sw('W13', 'a', 4), sw('W14', 'a', 5), sw('W15', 'a', 6)] },
    { given: 'b leads the Sundays (the daily leader does not matter)', rows: weeks(3, (_w, d) => (d === 6 ? B : A)), then: [sw('W11', 'a', 2), sw('W12', 'a', 3)] },
    // Pinned choice: a week without any rows breaks the weekly streak.
    { given: 'a week without rows (W12)', rows: weeks(5, (w) => (w === 2 ? null : A)), then: [sw('W11', 'a', 2), sw('W14', 'a', 2)] },
    { given: 'a leads W10-W11, b W12-W14', rows: weeks(5, (w) => (w < 2 ? A : B)), then: [sw('W11', 'a', 2), sw('W13', 'b', 2), sw('W14', 'b', 3)] },
    { given: 'custom weekly milestones [3]', rows: weeks(6, () => A), weeklyStreaks: [3], then: [sw('W12', 'a', 3)] },
    { given: 'history from a Wednesday (the partial week does not count)', rows: days('2026-03-04', 19, () => A), then: [sw('W12', 'a', 2)] },
  ])('given $given, then $then', ({ rows, weeklyStreaks, then }) => {
    expect(ids(rows, { type: 'streak', chart: 'weekly' }, weeklyStreaks ? { weeklyStreaks } : {})).toEqual(then);
  });

  test('weekly streaks belong to the Sunday and carry the week sum', () => {
    for (const e of pick(run(weeks(6, () => A)), { type: 'streak', chart: 'weekly' })) {
      expect(e.day).toBe(SUNDAYS[e.period.slice(5)]);
      expect(e).toMatchObject({ subject: 'a', rank: 1, tokens: 700n });
    }
  });

  test.each(['monthly', 'trending'] as const)('there is no streak on the %s chart', (chart) => {
    expect(pick(run(days('2026-03-01', 120, (i) => ({ a: 100 + 10 * i, b: 50 }))), { type: 'streak', chart })).toEqual([]);
  });
});
