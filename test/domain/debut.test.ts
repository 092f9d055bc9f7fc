import { describe, expect, test } from 'vitest';
import { D, START, days, gap, ids, numbered, pick, ranking, run } from './history-builder.js';

const FIVE = numbered(5); // m01 = 1000 … m05 = 960
const TEN = numbered(10); // m01 = 1000 … m10 = 910
/** 10 days of m01-m05; `at` adds or changes models on the days listed. */
const base = (at: Record<number, Record<string, number>> = {}, models = FIVE, n = 10) => days(START, n, (i) => ({ ...ranking(models), ...at[i] }));
const db = (i: number, subject: string, rank: number) => `debut:daily:${D(i)}:${subject}:${rank}`;

describe('debut on the daily chart', () => {
  test.each([
    { given: 'the same five models every day', rows: base(), then: [] },
    { given: 'x first seen on day 7 at rank 2', rows: base({ 7: { x: 995 } }), then: [db(7, 'x', 2)] },
    { given: 'x first seen on day 7 at rank 6', rows: base({ 7: { x: 1 } }), then: [db(7, 'x', 6)] },
    { given: 'x first seen on day 5 (warm-up), again on day 8', rows: base({ 5: { x: 995 }, 8: { x: 995 } }), then: [] },
    { given: 'x first seen on day 6 (6 earlier days)', rows: base({ 6: { x: 995 } }), then: [] },
    { given: 'x ranked 11th on days 0-7, 2nd on day 8', rows: base({ 8: { x: 995 } }, TEN).map((r) => r), extra: 'x11', then: [db(8, 'x', 2)] },
    { given: 'x enters, drops out, enters again', rows: base({ 7: { x: 995 }, 9: { x: 995 } }), then: [db(7, 'x', 2)] },
    { given: "'a' and 'B' enter on day 7 (B comes out first)", rows: base({ 7: { a: 2000, B: 1 } }), then: [db(7, 'B', 7), db(7, 'a', 1)] },
    { given: '`other` far above every model on day 7', rows: base({ 7: { other: 1_000_000 } }), then: [] },
    { given: 'x first seen on day 8 after gap day 6 (7 earlier days with rows)', rows: gap(base({ 8: { x: 995 } }), D(6)), then: [db(8, 'x', 2)] },
    { given: 'x first seen on day 7 after gap day 6 (6 earlier days with rows)', rows: gap(base({ 7: { x: 995 } }), D(6)), then: [] },
    // Pinned choice: a 0-token row is charted, so a model can debut with 0 tokens when fewer than 10 are charted.
    { given: 'x first seen on day 7 with 0 tokens', rows: base({ 7: { x: 0 } }), then: [db(7, 'x', 6)] },
  ])('given $given, then $then', ({ rows, extra, then }) => {
    const withX = extra === 'x11' ? rows.concat(days(START, 8, () => ({ x: 1 }))) : rows;
    expect(ids(withX, { type: 'debut' })).toEqual(then);
  });

  test('the milestone is the rank; the event carries tokens and rank', () => {
    const [e] = pick(run(base({ 7: { x: 995 } })), { type: 'debut' });
    expect(e).toEqual({ id: db(7, 'x', 2), type: 'debut', chart: 'daily', period: D(7), day: D(7), subject: 'x', milestone: 2, tokens: 995n, rank: 2 });
  });
});
