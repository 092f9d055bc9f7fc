import { describe, expect, test } from 'vitest';
import { D, START, days, dropModels, gap, ids, numbered, pick, ranking, run } from './history-builder.js';

/** 12 days of a = 100, b = 50; `at` changes the days listed. */
const base = (at: Record<number, Record<string, number>> = {}, n = 12) => days(START, n, (i) => ({ a: 100, b: 50, ...at[i] }));
const pb = (i: number, subject: string) => `personal_best:daily:${D(i)}:${subject}`;
const TEN = numbered(10);

describe('personal_best on the daily chart', () => {
  test.each([
    { given: 'steady values', rows: base(), then: [] },
    { given: 'a = 101 on day 7 (7 earlier days with a value)', rows: base({ 7: { a: 101 } }), then: [pb(7, 'a')] },
    { given: 'b = 60 on day 7 (rank 2)', rows: base({ 7: { b: 60 } }), then: [pb(7, 'b')] },
    { given: 'a = 100 on day 7 (equal is not a best)', rows: base({ 7: { a: 100 } }), then: [] },
    { given: 'a = 120 on day 3, 120 on day 7, 121 on day 8', rows: base({ 3: { a: 120 }, 7: { a: 120 }, 8: { a: 121 } }), then: [pb(8, 'a')] },
    { given: 'a missing on day 2 (6 earlier days with a value by day 7)', rows: dropModels(base({ 7: { a: 101 }, 8: { a: 102 } }), D(2), 'a'), then: [pb(8, 'a')] },
    { given: 'c first seen on day 3, beats itself on days 9 and 10', rows: base({ 3: { c: 1 }, 4: { c: 1 }, 5: { c: 1 }, 6: { c: 1 }, 7: { c: 1 }, 8: { c: 1 }, 9: { c: 2 }, 10: { c: 3 } }), then: [pb(10, 'c')] },
    // Pinned choice: a 0-token row is a day with a value (0).
    { given: 'c with 0 tokens on days 0-6, then 1', rows: base({ 0: { c: 0 }, 1: { c: 0 }, 2: { c: 0 }, 3: { c: 0 }, 4: { c: 0 }, 5: { c: 0 }, 6: { c: 0 }, 7: { c: 1 } }), then: [pb(7, 'c')] },
    { given: 'a gap day 3 (6 earlier days by day 7, 7 by day 8)', rows: gap(base({ 7: { a: 101 }, 8: { a: 102 } }), D(3)), then: [pb(8, 'a')] },
    { given: 'a best during warm-up, then a = 101 on day 7', rows: base({ 5: { a: 300 }, 7: { a: 101 } }), then: [] },
    {
      given: 'x ranked 11th beats itself (off the top 10), then ranks 1st',
      rows: days(START, 10, (i) => ({ ...ranking(TEN, 1000), x: i === 7 ? 20 : i === 8 ? 2000 : 10 })),
      then: [pb(8, 'x')],
    },
    {
      given: 'x ranked 10th beats itself',
      rows: days(START, 10, (i) => ({ ...ranking(TEN.slice(0, 9), 1000), x: i === 7 ? 20 : 10, y: 5 })),
      then: [pb(7, 'x')],
    },
    { given: '`other` beats itself', rows: base({ 7: { other: 10 }, 8: { other: 20 } }), then: [] },
  ])('given $given, then $then', ({ rows, then }) => {
    expect(ids(rows, { type: 'personal_best' })).toEqual(then);
  });

  test('the event carries the previous best and its day', () => {
    const [e] = pick(run(base({ 4: { b: 55 }, 7: { b: 60 } })), { type: 'personal_best' });
    expect(e).toEqual({ id: pb(7, 'b'), type: 'personal_best', chart: 'daily', period: D(7), day: D(7), subject: 'b', tokens: 60n, rank: 2, previous: { tokens: 55n, day: D(4) } });
  });
});
