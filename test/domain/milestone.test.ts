import { describe, expect, test } from 'vitest';
import { BUNDLED_LABS } from '../../src/domain/labs.js';
import { DEFAULT_DETECT_OPTIONS } from '../../src/domain/detect/options.js';
import { D, START, days, numbered, pick, ranking, run } from './history-builder.js';

/** 10 days of a = 50, b = 20; `at` changes the days listed. Thresholds 100, 200, 500 unless said. */
const base = (at: Record<number, Record<string, number | bigint>> = {}, n = 10) => days(START, n, (i) => ({ a: 50, b: 20, ...at[i] }));
const SMALL = [100n, 200n, 500n];
const ms = (i: number, subject: string, t: number | bigint, firstEver?: true) => ({ id: `milestone:daily:${D(i)}:${subject}:${t}`, firstEver });

describe('milestone on the daily chart', () => {
  test.each([
    { given: 'no model reaches 100', rows: base(), then: [] },
    { given: 'a = 250 on day 7: 100 and 200 reached, only the largest', rows: base({ 7: { a: 250 } }), then: [ms(7, 'a', 200, true)] },
    { given: 'a = 100 exactly (reach is >=)', rows: base({ 7: { a: 100 } }), then: [ms(7, 'a', 100, true)] },
    { given: 'a = 99', rows: base({ 7: { a: 99 } }), then: [] },
    { given: 'a = 250 on days 7 and 8 (not again for the same model)', rows: base({ 7: { a: 250 }, 8: { a: 260 } }), then: [ms(7, 'a', 200, true)] },
    { given: 'a dips and comes back above 200', rows: base({ 7: { a: 250 }, 9: { a: 210 } }), then: [ms(7, 'a', 200, true)] },
    { given: 'a reached 100 during warm-up, 250 on day 7', rows: base({ 3: { a: 150 }, 7: { a: 250 } }), then: [ms(7, 'a', 200, true)] },
    { given: 'a reached 200 during warm-up, 450 on day 7', rows: base({ 3: { a: 200 }, 7: { a: 450 } }), then: [] },
    { given: 'a reached 250 on day 6 (silent), 500 on day 8', rows: base({ 6: { a: 250 }, 8: { a: 500 } }), then: [ms(8, 'a', 500, true)] },
    { given: 'b reached 300 on day 2, a reaches 250 on day 7', rows: base({ 2: { b: 300 }, 7: { a: 250 } }), then: [ms(7, 'a', 200)] },
    { given: 'b reached exactly 200 on day 2, a 250 on day 7', rows: base({ 2: { b: 200 }, 7: { a: 250 } }), then: [ms(7, 'a', 200)] },
    { given: 'b reached 199 on day 2, a 250 on day 7', rows: base({ 2: { b: 199 }, 7: { a: 250 } }), then: [ms(7, 'a', 200, true)] },
    { given: 'a and b both reach thresholds on day 7', rows: base({ 7: { a: 250, b: 120 } }), then: [ms(7, 'a', 200, true), ms(7, 'b', 100, true)] },
    { given: "'a' and 'B' both reach 200 on day 7 (B first)", rows: base({ 7: { a: 250, B: 250 } }), then: [ms(7, 'B', 200, true), ms(7, 'a', 200, true)] },
    { given: 'a new model c with 600 on day 7 (below on every earlier day: none)', rows: base({ 7: { c: 600 } }), then: [ms(7, 'c', 500, true)] },
    { given: 'only `other` reaches 1000', rows: base({ 7: { other: 1000 } }), then: [] },
    { given: 'an earlier `other` of 1000 does not make it not first-ever', rows: base({ 2: { other: 1000 }, 7: { a: 600 } }), then: [ms(7, 'a', 500, true)] },
    { given: 'a = 250 on day 6 (6 earlier days: warm-up)', rows: base({ 6: { a: 250 } }), then: [] },
    { given: 'custom thresholds largest first [500, 200, 100], a = 250', rows: base({ 7: { a: 250 } }), tokenMilestones: [500n, 200n, 100n], then: [ms(7, 'a', 200, true)] },
  ])('given $given, then $then', ({ rows, tokenMilestones, then }) => {
    const events = pick(run(rows, { tokenMilestones: tokenMilestones ?? SMALL }), { type: 'milestone' });
    expect(events.map((e) => ({ id: e.id, firstEver: e.firstEver }))).toEqual(then);
  });

  test('a model ranked 13th reaching a threshold gets its milestone (rank does not matter)', () => {
    const models = numbered(12);
    const rows = days(START, 9, (i) => ({ ...ranking(models, 1000), x: i === 8 ? 150 : 50 }));
    const events = pick(run(rows, { tokenMilestones: SMALL }), { type: 'milestone' });
    expect(events).toEqual([
      { id: ms(8, 'x', 100).id, type: 'milestone', chart: 'daily', period: D(8), day: D(8), subject: 'x', milestone: 100, tokens: 150n, rank: 13 },
    ]);
  });

  test.each([
    { given: 'a reaches 10B', at: 10_000_000_000n, then: ms(8, 'a', 10_000_000_000n, true) },
    { given: 'a reaches 1T, passing every threshold below', at: 1_999_999_999_999n, then: ms(8, 'a', 1_000_000_000_000n, true) },
    { given: 'a reaches 10T', at: 12_000_000_000_000n, then: ms(8, 'a', 10_000_000_000_000n, true) },
  ])('default thresholds: given $given, then $then.id', ({ at, then }) => {
    const rows = days(START, 9, (i) => ({ a: i === 8 ? at : 9_999_999_999n, b: 1 }));
    const events = pick(run(rows), { type: 'milestone' });
    expect(events.map((e) => ({ id: e.id, firstEver: e.firstEver }))).toEqual([then]);
    expect(events[0].tokens).toBe(at);
  });

  test('the default lists are the ones in the spec', () => {
    const B = 1_000_000_000n;
    const T = 1_000_000_000_000n;
    expect(DEFAULT_DETECT_OPTIONS).toEqual({
      dailyStreaks: [3, 4, 5, 7, 10, 14, 21, 30, 50, 75, 100, 150, 200, 250, 300, 365],
      weeklyStreaks: [2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 26, 39, 52],
      tokenMilestones: [10n * B, 25n * B, 50n * B, 100n * B, 250n * B, 500n * B, T, 2n * T, 5n * T, 10n * T],
      labs: BUNDLED_LABS,
      sweepSize: 5,
    });
  });
});
