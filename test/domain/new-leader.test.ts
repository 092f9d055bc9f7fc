import { describe, expect, test } from 'vitest';
import type { ChartName } from '../../src/domain/charts.js';
import type { Row } from '../../src/domain/rows.js';
import { D, START, days, gap, pick, run, setDay, type DayRows } from './history-builder.js';

interface Want {
  id: string;
  prev: string;
  streak?: number;
  debut?: true;
}

function newLeaders(rows: Row[], chart: ChartName, completeThrough?: string): Want[] {
  return pick(run(rows, { completeThrough }), { type: 'new_leader', chart }).map((e) => {
    expect(e.rank).toBe(1);
    return { id: e.id, prev: e.previous!.subject!, streak: e.previous!.streak, debut: e.debut };
  });
}

const A = { a: 100, b: 50 };
const B = { a: 50, b: 100 };
/** `n` days from START: `b` leads on the days listed, `a` on the others. */
const leads = (n: number, bDays: number[], extra: (i: number) => DayRows = () => ({})) =>
  days(START, n, (i) => ({ ...(bDays.includes(i) ? B : A), ...extra(i) }));
const nl = (day: string, subject: string) => `new_leader:daily:${day}:${subject}`;

describe('new_leader on the daily chart', () => {
  test.each([
    { given: 'a leads every day', rows: leads(10, []), then: [] },
    { given: 'b takes over on day 4 after a 4-day reign', rows: leads(10, [4, 5, 6, 7, 8, 9]), then: [{ id: nl(D(4), 'b'), prev: 'a', streak: 4 }] },
    {
      given: 'a one-day reign (no streak carried), then a 4-day one',
      rows: leads(8, [1, 2, 3, 4]),
      then: [
        { id: nl(D(1), 'b'), prev: 'a' },
        { id: nl(D(5), 'a'), prev: 'b', streak: 4 },
      ],
    },
    { given: 'a two-day reign ends (2 is carried)', rows: leads(4, [2, 3]), then: [{ id: nl(D(2), 'b'), prev: 'a', streak: 2 }] },
    { given: 'a single day of history', rows: leads(1, []), then: [] },
    { given: 'the first day led by b, then a (the first period never has one)', rows: leads(2, [0]), then: [{ id: nl(D(1), 'a'), prev: 'b' }] },
    { given: 'a gap day before b takes over', rows: gap(leads(8, [5, 6, 7]), D(4)), then: [] },
    { given: 'a gap day before the leader changes the day after', rows: gap(leads(8, [6, 7]), D(4)), then: [{ id: nl(D(6), 'b'), prev: 'a' }] },
    // Pinned choice: a day with only `other` has no daily chart, so it is not "in history" for the day after.
    { given: 'a day with only `other` before b takes over', rows: setDay(leads(8, [5, 6, 7]), D(4), { other: 999 }), then: [] },
    {
      given: 'c first seen on day 4, at number one (debut), for one day',
      rows: leads(7, [], (i) => (i === 4 ? { c: 200 } : {})),
      then: [
        { id: nl(D(4), 'c'), prev: 'a', streak: 4, debut: true },
        { id: nl(D(5), 'a'), prev: 'c' },
      ],
    },
    { given: 'c seen before at rank 3, then at number one', rows: leads(5, [], (i) => ({ c: i === 4 ? 200 : 10 })), then: [{ id: nl(D(4), 'c'), prev: 'a', streak: 4 }] },
    // Pinned choice: a 0-token row is a day on the chart, so the later lead is not a debut.
    { given: 'c seen before only as a 0-token row', rows: leads(5, [], (i) => (i === 1 ? { c: 0 } : i === 4 ? { c: 200 } : {})), then: [{ id: nl(D(4), 'c'), prev: 'a', streak: 4 }] },
    { given: "a tie on tokens goes to 'B' over 'a'", rows: days(START, 5, (i) => ({ a: 100, B: i >= 3 ? 100 : 50 })), then: [{ id: nl(D(3), 'B'), prev: 'a', streak: 3 }] },
    { given: '`other` far above every model', rows: leads(6, [], (i) => ({ other: i === 4 ? 1_000_000 : 10_000 })), then: [] },
    { given: 'a change during warm-up and after it', rows: leads(12, [1, 10, 11]), then: [{ id: nl(D(1), 'b'), prev: 'a' }, { id: nl(D(2), 'a'), prev: 'b' }, { id: nl(D(10), 'b'), prev: 'a', streak: 8 }] },
    { given: 'the change on a day after completeThrough', rows: leads(6, [5]), completeThrough: D(4), then: [] },
  ])('given $given, then $then', ({ rows, completeThrough, then }) => {
    expect(newLeaders(rows, 'daily', completeThrough)).toEqual(then);
  });

  test('the event carries the figures: tokens, rank 1, previous leader and tokens', () => {
    const [e] = pick(run(leads(3, [2])), { type: 'new_leader' });
    expect(e).toEqual({
      id: nl(D(2), 'b'),
      type: 'new_leader',
      chart: 'daily',
      period: D(2),
      day: D(2),
      subject: 'b',
      tokens: 100n,
      rank: 1,
      previous: { subject: 'a', tokens: 100n, streak: 2 },
      // stories.md: the margin, from the entry ranked 2 of P.
      runnerUp: { subject: 'a', tokens: 50n },
    });
  });
});

/** Weeks of 7 days from Monday START (2026-W10 … ): `fn(week, weekday)` gives the rows. */
const weeks = (n: number, fn: (w: number, d: number) => DayRows | null, start = START) => days(start, 7 * n, (i) => fn(Math.floor(i / 7), i % 7));
const nlw = (week: string, subject: string) => `new_leader:weekly:${week}:${subject}`;

describe('new_leader on the weekly chart (W10 starts Monday 2026-03-02)', () => {
  test.each([
    { given: 'a leads every week', rows: weeks(4, () => A), then: [] },
    {
      given: 'a leads W10-W11, b W12, a W13',
      rows: weeks(4, (w) => (w === 2 ? B : A)),
      then: [
        { id: nlw('2026-W12', 'b'), prev: 'a', streak: 2 },
        { id: nlw('2026-W13', 'a'), prev: 'b' },
      ],
    },
    { given: "b leads W11 on one Sunday's tokens (the week's sum counts)", rows: weeks(2, (w, d) => (w === 1 && d === 6 ? { a: 100, b: 1000 } : A)), then: [{ id: nlw('2026-W11', 'b'), prev: 'a' }] },
    { given: 'b leads a partial first week (not charted), a the next ones', rows: days('2026-03-04', 19, (_i, date) => (date <= '2026-03-08' ? B : A)), then: [] },
    // Pinned choice: a week without any rows is not "in history".
    { given: 'a week without rows between a and b', rows: weeks(3, (w) => (w === 1 ? null : w === 2 ? B : A)), then: [] },
    { given: "b leads W11 but its Sunday isn't in history", rows: weeks(2, (w) => (w === 1 ? B : A)).filter((r) => r.date !== '2026-03-15'), then: [] },
    { given: "b leads W11 but its Sunday is after completeThrough", rows: weeks(2, (w) => (w === 1 ? B : A)), completeThrough: '2026-03-14', then: [] },
    // Pinned choice: debut on weekly means the leader's first day with data falls inside the week.
    { given: 'c first seen Wednesday of W11, leads W11', rows: weeks(2, (w, d) => ({ ...A, ...(w === 1 && d >= 2 ? { c: 1000 } : {}) })), then: [{ id: nlw('2026-W11', 'c'), prev: 'a', debut: true }] },
    { given: 'c first seen on the Sunday of W11, leads W11', rows: weeks(2, (w, d) => ({ ...A, ...(w === 1 && d === 6 ? { c: 10_000 } : {}) })), then: [{ id: nlw('2026-W11', 'c'), prev: 'a', debut: true }] },
    { given: 'c first seen on the Sunday of W10, leads W11', rows: weeks(2, (w, d) => ({ ...A, ...(w === 0 && d === 6 ? { c: 1 } : w === 1 ? { c: 1000 } : {}) })), then: [{ id: nlw('2026-W11', 'c'), prev: 'a' }] },
  ])('given $given, then $then', ({ rows, completeThrough, then }) => {
    expect(newLeaders(rows, 'weekly', completeThrough)).toEqual(then);
  });

  test("a weekly event belongs to the week's Sunday", () => {
    const [e] = pick(run(weeks(2, (w) => (w === 1 ? B : A))), { type: 'new_leader', chart: 'weekly' });
    expect(e).toMatchObject({ period: '2026-W11', day: '2026-03-15', tokens: 700n, previous: { subject: 'a', tokens: 700n } });
  });
});

/** Daily rows from 2026-03-01 through `last`; `fn(month, dayOfMonth)` gives the rows. */
const months = (last: string, fn: (month: string, dom: number) => DayRows | null, first = '2026-03-01') => {
  const n = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;
  return days(first, n, (_i, date) => fn(date.slice(0, 7), +date.slice(8)));
};
const nlm = (month: string, subject: string) => `new_leader:monthly:${month}:${subject}`;

describe('new_leader on the monthly chart', () => {
  test.each([
    { given: 'a leads March to May', rows: months('2026-05-31', () => A), then: [] },
    { given: 'a leads March and April, b May', rows: months('2026-05-31', (m) => (m === '2026-05' ? B : A)), then: [{ id: nlm('2026-05', 'b'), prev: 'a', streak: 2 }] },
    { given: 'a leads March, b April', rows: months('2026-04-30', (m) => (m === '2026-04' ? B : A)), then: [{ id: nlm('2026-04', 'b'), prev: 'a' }] },
    { given: 'history from March 2nd: b leads March (not charted), a April', rows: months('2026-04-30', (m) => (m === '2026-03' ? B : A), '2026-03-02'), then: [] },
    { given: "b leads May but May's last day is after completeThrough", rows: months('2026-05-31', (m) => (m === '2026-05' ? B : A)), completeThrough: '2026-05-30', then: [] },
    // Pinned choice: a month's last day without rows still completes the month (on or before completeThrough).
    { given: "b leads April, whose last day has no rows", rows: months('2026-04-29', (m) => (m === '2026-04' ? B : A)), completeThrough: '2026-04-30', then: [{ id: nlm('2026-04', 'b'), prev: 'a' }] },
    // Pinned choice: debut on monthly means the leader's first day with data falls inside the month.
    { given: 'c first seen April 20th, leads April', rows: months('2026-04-30', (m, d) => ({ ...A, ...(m === '2026-04' && d >= 20 ? { c: 10_000 } : {}) })), then: [{ id: nlm('2026-04', 'c'), prev: 'a', debut: true }] },
  ])('given $given, then $then', ({ rows, completeThrough, then }) => {
    expect(newLeaders(rows, 'monthly', completeThrough)).toEqual(then);
  });

  test("a monthly event belongs to the month's last day", () => {
    const [e] = pick(run(months('2026-04-30', (m) => (m === '2026-04' ? B : A))), { type: 'new_leader', chart: 'monthly' });
    expect(e).toMatchObject({ period: '2026-04', day: '2026-04-30', tokens: 3000n, previous: { subject: 'a', tokens: 3100n } });
  });
});

/**
 * Trending from 2026-03-01: `a` grows by 1 token a day, so its tripled trending value is a steady 294
 * (98 tokens); `b`'s steady 100 a day scores 0 and stays off the chart. The first trending day is day 27.
 */
const T0 = '2026-03-01';
const trend = (n: number, extra: (i: number) => DayRows = () => ({})) => days(T0, n, (i) => ({ a: 100 + i, b: 100, ...extra(i) }));
const nlt = (i: number, subject: string) => `new_leader:trending:${D(i, T0)}:${subject}`;

describe('new_leader on the trending chart', () => {
  test.each([
    { given: 'a leads every trending day', rows: trend(45), then: [] },
    {
      given: 'b spikes on day 30 (leads 7 days while the spike is in S(D-6..D))',
      rows: trend(45, (i) => (i === 30 ? { b: 10_000 } : {})),
      then: [
        { id: nlt(30, 'b'), prev: 'a', streak: 3 },
        { id: nlt(37, 'a'), prev: 'b', streak: 7 },
      ],
    },
    { given: 'b spikes on day 27, the first trending day', rows: trend(30, (i) => (i === 27 ? { b: 10_000 } : {})), then: [] },
    // Pinned choice: no trending chart on a day without rows, so the day after it has no new_leader.
    { given: 'a gap day 30, b spikes on day 31', rows: gap(trend(45, (i) => (i === 31 ? { b: 10_000 } : {})), D(30, T0)), then: [{ id: nlt(38, 'a'), prev: 'b', streak: 7 }] },
    // Trending's period is the day D: debut only when D is the leader's first day on any chart.
    { given: 'c first seen on day 33, leading', rows: trend(36, (i) => (i === 33 ? { c: 50_000 } : {})), then: [{ id: nlt(33, 'c'), prev: 'a', streak: 6, debut: true }] },
    { given: 'c first seen on day 30 with 1 token, leading on day 33', rows: trend(36, (i) => (i === 30 ? { c: 1 } : i === 33 ? { c: 50_000 } : {})), then: [{ id: nlt(33, 'c'), prev: 'a', streak: 6 }] },
    { given: 'c first seen on day 20 with 1 token, leading on day 33', rows: trend(36, (i) => (i === 20 ? { c: 1 } : i === 33 ? { c: 50_000 } : {})), then: [{ id: nlt(33, 'c'), prev: 'a', streak: 6 }] },
  ])('given $given, then $then', ({ rows, then }) => {
    expect(newLeaders(rows, 'trending')).toEqual(then);
  });

  test('trending tokens are the spec value (a third of the tripled one), rounded', () => {
    const [e] = pick(run(trend(45, (i) => (i === 30 ? { b: 10_000 } : {}))), { type: 'new_leader', chart: 'trending', day: D(37, T0) });
    // a: 294 / 3 = 98. b on day 36: 3*(10_000 + 6*100) - 3*700 = 29_700, / 3 = 9_900.
    expect(e).toMatchObject({ subject: 'a', tokens: 98n, previous: { subject: 'b', tokens: 9_900n, streak: 7 } });
  });
});
