import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { addDays, isoWeek } from '../../src/domain/calendar.js';
import { rank, walkCharts, type Chart } from '../../src/domain/charts.js';
import { buildHistory, type History } from '../../src/domain/history.js';
import { fitsInDoubles } from '../../src/domain/period-sums.js';
import { parseRows } from '../../src/domain/rows.js';
import type { Row } from '../../src/domain/rows.js';
import { D, START, charts, days, gap, randomRows, setDay } from './history-builder.js';

const steady = () => ({ a: 100, b: 50 });

/** `chart:period@day` for every chart of history, in walk order. */
function walk(rows: Row[], completeThrough?: string): string[] {
  const out: string[] = [];
  for (const { charts: cs } of walkCharts(buildHistory(rows, completeThrough))) for (const c of cs) if (c.chart !== 'daily') out.push(`${c.chart}:${c.period}@${c.day}`);
  return out;
}

describe('ranking: value descending, ties to the permaslug first in plain code-unit order', () => {
  test.each([
    { given: 'distinct values', values: { a: 1n, b: 3n, c: 2n }, then: ['b', 'c', 'a'] },
    { given: "a tie between 'a' and 'B'", values: { a: 5n, B: 5n }, then: ['B', 'a'] },
    { given: "a tie between 'a/x' and 'a-x'", values: { 'a/x': 5n, 'a-x': 5n }, then: ['a-x', 'a/x'] },
    { given: "a tie between 'é' and 'z' (locale order would differ)", values: { 'é': 5n, z: 5n }, then: ['z', 'é'] },
    { given: 'a tie between U+FF5E and an astral character (code points would differ)', values: { '\uFF5E': 5n, '\u{1F600}': 5n }, then: ['\u{1F600}', '\uFF5E'] },
    { given: 'values above 2^53 one token apart', values: { B: 2n ** 60n, a: 2n ** 60n + 1n }, then: ['a', 'B'] },
    { given: 'values above 2^53 beside small and equal ones', values: { c: 2n ** 60n + 1n, b: 7n, d: 2n ** 60n + 1n, a: 2n ** 60n }, then: ['c', 'd', 'a', 'b'] },
  ])('given $given, then the order is $then', ({ values, then }) => {
    const entries = rank(new Map(Object.entries(values)));
    expect(entries.map((e) => e.model)).toEqual(then);
    expect(entries.map((e) => e.rank)).toEqual(then.map((_, i) => i + 1));
  });
});

describe('ISO weeks and their keys', () => {
  test.each([
    { day: '2026-03-02', key: '2026-W10', monday: '2026-03-02', sunday: '2026-03-08' },
    { day: '2026-03-08', key: '2026-W10', monday: '2026-03-02', sunday: '2026-03-08' },
    { day: '2026-04-03', key: '2026-W14', monday: '2026-03-30', sunday: '2026-04-05' },
    { day: '2025-12-29', key: '2026-W01', monday: '2025-12-29', sunday: '2026-01-04' },
    { day: '2026-12-31', key: '2026-W53', monday: '2026-12-28', sunday: '2027-01-03' },
    { day: '2027-01-03', key: '2026-W53', monday: '2026-12-28', sunday: '2027-01-03' },
    { day: '2027-01-04', key: '2027-W01', monday: '2027-01-04', sunday: '2027-01-10' },
  ])('$day is in $key ($monday to $sunday)', ({ day, ...want }) => {
    expect(isoWeek(day)).toEqual(want);
  });
});

describe('weekly, monthly and trending charts: which periods count, dated on the day they complete', () => {
  const growing = (i: number) => ({ a: 100 + 100 * i, b: 50 });
  test.each([
    { given: 'two full weeks from a Monday', rows: days(START, 14, steady), then: ['weekly:2026-W10@2026-03-08', 'weekly:2026-W11@2026-03-15'] },
    { given: 'history starting on a Tuesday', rows: days('2026-03-03', 13, steady), then: ['weekly:2026-W11@2026-03-15'] },
    { given: 'history starting on the Sunday', rows: days('2026-03-08', 8, steady), then: ['weekly:2026-W11@2026-03-15'] },
    { given: 'the last Sunday not yet in history', rows: days(START, 13, steady), then: ['weekly:2026-W10@2026-03-08'] },
    { given: 'the last Sunday has rows but is after completeThrough', rows: days(START, 14, steady), completeThrough: '2026-03-14', then: ['weekly:2026-W10@2026-03-08'] },
    // Pinned choice: a Sunday without rows, on or before completeThrough, still completes its week.
    { given: 'completeThrough a Sunday that has no rows', rows: days(START, 13, steady), completeThrough: '2026-03-15', then: ['weekly:2026-W10@2026-03-08', 'weekly:2026-W11@2026-03-15'] },
    // Pinned choice: a week with no rows at all has no chart.
    { given: 'a whole week without rows', rows: gap(days(START, 21, steady), ...Array.from({ length: 7 }, (_, i) => D(7 + i))), then: ['weekly:2026-W10@2026-03-08', 'weekly:2026-W12@2026-03-22'] },
    { given: 'two full months from the 1st', rows: days('2026-03-01', 61, steady), then: weeksFrom('2026-03-01', 61).concat(['monthly:2026-03@2026-03-31', 'monthly:2026-04@2026-04-30']).sort(byDay) },
    { given: 'history starting on the 2nd', rows: days('2026-03-02', 60, steady), then: weeksFrom('2026-03-02', 60).concat(['monthly:2026-04@2026-04-30']).sort(byDay) },
    { given: "the month's last day after completeThrough", rows: days('2026-03-01', 61, steady), completeThrough: '2026-04-29', then: weeksFrom('2026-03-01', 60).concat(['monthly:2026-03@2026-03-31']).sort(byDay) },
  ])('given $given, then the charts are $then', ({ rows, completeThrough, then }) => {
    expect(walk(rows, completeThrough).filter((c) => !c.startsWith('trending') && !c.startsWith('labs_'))).toEqual(then);
  });

  test.each([
    { given: '27 days of history', n: 27, holes: [], then: [] },
    { given: '28 days of history', n: 28, holes: [], then: ['2026-03-28'] },
    { given: '30 days of history', n: 30, holes: [], then: ['2026-03-28', '2026-03-29', '2026-03-30'] },
    // Pinned choice: no trending chart on a day without rows (so the first may come after the 28th day).
    { given: 'the 28th day without rows', n: 30, holes: [27], then: ['2026-03-29', '2026-03-30'] },
    { given: 'a gap day early on (days still count from the first day)', n: 29, holes: [3], then: ['2026-03-28', '2026-03-29'] },
  ])('given $given, then trending charts come on $then', ({ n, holes, then }) => {
    const rows = gap(days('2026-03-01', n, growing), ...holes.map((i) => D(i, '2026-03-01')));
    expect(walk(rows).filter((c) => c.startsWith('trending')).map((c) => c.split('@')[1])).toEqual(then);
  });

  test.each([
    { given: 'a gap day', rows: gap(days(START, 5, steady), D(2)), then: [D(0), D(1), D(3), D(4)] },
    { given: 'a day with only `other`', rows: setDay(days(START, 5, steady), D(2), { other: 500 }), then: [D(0), D(1), D(3), D(4)] },
    // Pinned choice: a 0-token row is on the chart (it has a value, 0).
    { given: 'a day whose only model has 0 tokens', rows: setDay(days(START, 5, steady), D(2), { a: 0, other: 5 }), then: [D(0), D(1), D(2), D(3), D(4)] },
  ])('given $given, then daily charts are $then', ({ rows, then }) => {
    expect([...charts(rows).values()].filter((c) => c.chart === 'daily').map((c) => c.period)).toEqual(then);
  });

  test('a 0-token row ranks, last, with value 0', () => {
    const daily = charts(days(START, 1, () => ({ a: 0, b: 5, other: 9 }))).get(`daily:${START}`)!;
    expect(daily.entries).toEqual([
      { model: 'b', value: 5n, rank: 1 },
      { model: 'a', value: 0n, rank: 2 },
    ]);
  });

  test('`other` is never on a chart', () => {
    for (const c of charts(randomRows(7)).values()) expect(c.entries.some((e) => e.model === 'other')).toBe(false);
  });

  test('weekly and monthly values are exact sums above 2^53', () => {
    const big = 2n ** 53n;
    const rows = days(START, 31, (i) => (i === 0 ? { a: big, B: big } : i === 1 ? { a: 1n, other: big } : { c: 1n }));
    const week = charts(rows).get('weekly:2026-W10')!;
    expect(week.entries.slice(0, 2)).toEqual([
      { model: 'a', value: big + 1n, rank: 1 },
      { model: 'B', value: big, rank: 2 },
    ]);
  });
});

describe('trending = 3*S(D-6..D) - (S(D-13..D-7) + S(D-20..D-14) + S(D-27..D-21)), values > 0 only', () => {
  /** The spec's formula, computed the slow and obvious way from the rows. */
  function oracle(rows: Row[], day: string): { model: string; value: bigint }[] {
    const sum = (model: string, from: number, to: number) =>
      rows.filter((r) => r.model === model && r.date >= addDays(day, -to) && r.date <= addDays(day, -from)).reduce((s, r) => s + r.tokens, 0n);
    const models = [...new Set(rows.filter((r) => r.model !== 'other').map((r) => r.model))];
    return models
      .map((m) => ({ model: m, value: 3n * sum(m, 0, 6) - (sum(m, 7, 13) + sum(m, 14, 20) + sum(m, 21, 27)) }))
      .filter((e) => e.value > 0n)
      .sort((x, y) => (x.value === y.value ? (x.model < y.model ? -1 : 1) : x.value > y.value ? -1 : 1));
  }

  test.each([1, 2, 3])('given random history #%i, then every trending chart matches the formula', (seed) => {
    const rows = randomRows(seed, '2026-02-02', 90);
    const cs = [...charts(rows).values()].filter((c) => c.chart === 'trending');
    expect(cs.length).toBeGreaterThan(50);
    for (const c of cs) {
      expect(c.from).toBe(addDays(c.period, -6));
      expect(c.entries.map(({ model, value }) => ({ model, value }))).toEqual(oracle(rows, c.period));
    }
  });

  test('given values of 0 and below, then those models are off the trending chart', () => {
    // Day 27 is the 28th day. z: 1 a day (value 0); w: 1 now vs 3 before (0); v: 1 now vs 4 before (< 0).
    const rows = days('2026-03-01', 28, (i) => ({
      z: 1,
      ...(i === 27 ? { w: 1, v: 1, u: 1 } : {}),
      ...(i === 10 ? { w: 3, v: 4 } : {}),
    }));
    expect(charts(rows).get('trending:2026-03-28')!.entries).toEqual([{ model: 'u', value: 3n, rank: 1 }]);
  });

  test('given a lead of 1/3 token at 2^60 (a float average would call it a tie), then the exact leader wins', () => {
    const s = 2n ** 60n;
    // Day 27 is the 28th day; day 20 lies in S(D-13..D-7).
    const rows = days('2026-03-01', 28, (i) => ({ z: 1, ...(i === 27 ? { a: s, b: s + 1n } : {}), ...(i === 20 ? { b: 2n } : {}) }));
    const floatA = Number(s);
    const floatB = Number(s + 1n) - 2 / 3;
    expect(floatB).toBe(floatA); // floats cannot tell them apart; 'a' would win the tie
    expect(charts(rows).get('trending:2026-03-28')!.entries).toEqual([
      { model: 'b', value: 3n * s + 1n, rank: 1 },
      { model: 'a', value: 3n * s, rank: 2 },
    ]);
  });
});


describe('sums in doubles (fast) and in bigints (any size) give the same charts', () => {
  const allCharts = (history: History, exact: boolean): Chart[] => [...walkCharts(history, undefined, exact)].flatMap((d) => d.charts);

  test('given the bundled sample (688 days, every chart), then the two walks agree chart for chart', () => {
    const body = JSON.parse(readFileSync(new URL('../../data/sample/rankings-daily.json', import.meta.url), 'utf8')) as { data: unknown[]; meta: { end_date: string } };
    const history = buildHistory(parseRows(body.data), body.meta.end_date);
    expect(fitsInDoubles(history)).toBe(true);
    const fast = allCharts(history, false);
    expect(fast.length).toBeGreaterThan(688 * 3);
    expect(fast).toEqual(allCharts(history, true));
  });

  test.each([4, 5, 6])('given random history #%i with gaps and late debuts, then the two walks agree', (seed) => {
    const history = buildHistory(randomRows(seed, '2026-01-28', 150));
    expect(allCharts(history, false)).toEqual(allCharts(history, true));
  });

  test.each([
    { given: 'a busiest day of 2^47 tokens', platform: 2n ** 47n, then: true },
    { given: 'a busiest day of 2^47 + 1 tokens', platform: 2n ** 47n + 1n, then: false },
  ])('given $given, then doubles hold every sum: $then', ({ platform, then }) => {
    const rows = days(START, 10, (i) => (i === 3 ? { a: platform - 5n, other: 5n } : { a: 7 }));
    expect(fitsInDoubles(buildHistory(rows))).toBe(then);
  });

  test('given 31 days at the limit, then the monthly sums are exact (near 2^51, one token apart)', () => {
    const top = 2n ** 46n; // two models: each day's platform total is 2^47
    const rows = days('2026-03-01', 31, (i) => ({ a: top, b: i === 0 ? top - 1n : top }));
    const history = buildHistory(rows);
    expect(fitsInDoubles(history)).toBe(true);
    const month = allCharts(history, false).find((c) => c.chart === 'monthly')!;
    expect(month.entries.map(({ model, value }) => ({ model, value }))).toEqual([
      { model: 'a', value: 31n * top },
      { model: 'b', value: 31n * top - 1n },
    ]);
  });
});



function byDay(x: string, y: string): number {
  const dx = x.split('@')[1];
  const dy = y.split('@')[1];
  return dx === dy ? (x.startsWith('weekly') ? -1 : 1) : dx < dy ? -1 : 1;
}

/** The weekly charts of `n` days of data from `start`: every Sunday whose Monday is not before `start`. */
function weeksFrom(start: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = addDays(start, i);
    const w = isoWeek(d);
    if (d === w.sunday && w.monday >= start) out.push(`weekly:${w.key}@${d}`);
  }
  return out;
}
