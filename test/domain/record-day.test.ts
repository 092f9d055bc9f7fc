import { describe, expect, test } from 'vitest';
import { D, START, days, gap, ids, patchDay, pick, run } from './history-builder.js';

/** 10 days of a = 100, b = 50 (platform 150 a day); `at` changes the days listed. */
const base = (at: Record<number, Record<string, number | bigint>> = {}, n = 10) => days(START, n, (i) => ({ a: 100, b: 50, ...at[i] }));
const rd = (i: number, subject: string) => `record_day:daily:${D(i)}:${subject}`;

describe('record_day on the daily chart', () => {
  test.each([
    { given: 'nothing beats day 0', rows: base(), then: [] },
    { given: 'a = 150 on day 7 (the first day with 7 earlier days)', rows: base({ 7: { a: 150 } }), then: [rd(7, 'a'), rd(7, 'platform')] },
    { given: 'a = 150 on day 6 (only 6 earlier days), 100 after', rows: base({ 6: { a: 150 } }), then: [] },
    { given: 'a = 150 on day 6, 150 again on day 7 (equal is no record)', rows: base({ 6: { a: 150 }, 7: { a: 150 } }), then: [] },
    { given: 'a = 150 on day 6, 151 on day 7', rows: base({ 6: { a: 150 }, 7: { a: 151 } }), then: [rd(7, 'a'), rd(7, 'platform')] },
    { given: "a beats its own best but not b's 300 of day 2", rows: base({ 2: { b: 300 }, 7: { a: 200 } }), then: [] },
    { given: "a beats b's 300 of day 2 (not its own model)", rows: base({ 2: { b: 300 }, 8: { a: 301, b: 0 } }), then: [rd(8, 'a')] },
    { given: 'only `other` grows on day 7 (platform only)', rows: base({ 7: { other: 1 } }), then: [rd(7, 'platform')] },
    { given: 'b drops as a rises (model record only)', rows: base({ 7: { a: 101, b: 0 } }), then: [rd(7, 'a')] },
    { given: 'an earlier `other` of 1000 is not a model record', rows: base({ 2: { other: 1000 }, 7: { a: 150 } }), then: [rd(7, 'a')] },
    { given: 'the record set during warm-up stands', rows: base({ 3: { a: 500 }, 8: { a: 400, other: 100 } }), then: [] },
    { given: 'two records in a row', rows: base({ 7: { a: 150 }, 8: { a: 160 } }), then: [rd(7, 'a'), rd(7, 'platform'), rd(8, 'a'), rd(8, 'platform')] },
    { given: 'a gap day (7 earlier days with rows by day 8)', rows: gap(base({ 8: { a: 150 } }), D(5)), then: [rd(8, 'a'), rd(8, 'platform')] },
    { given: 'a gap day (only 6 earlier days with rows by day 7)', rows: gap(base({ 7: { a: 150 } }), D(5)), then: [] },
  ])('given $given, then $then', ({ rows, then }) => {
    expect(ids(rows, { type: 'record_day' })).toEqual(then);
  });

  test('the record goes to the leader, with the previous holder, figure and day', () => {
    const events = pick(run(base({ 2: { b: 120 }, 7: { a: 150, other: 30 } })), { type: 'record_day' });
    expect(events).toEqual([
      { id: rd(7, 'a'), type: 'record_day', chart: 'daily', period: D(7), day: D(7), subject: 'a', tokens: 150n, rank: 1, previous: { subject: 'b', tokens: 120n, day: D(2) }, runnerUp: { subject: 'b', tokens: 50n } },
      { id: rd(7, 'platform'), type: 'record_day', chart: 'daily', period: D(7), day: D(7), subject: 'platform', tokens: 230n, previous: { tokens: 220n, day: D(2) } },
    ]);
  });

  test("the platform sums every row of the day, `other` included, exactly above 2^53", () => {
    const big = 2n ** 53n;
    const rows = patchDay(base(), D(7), { a: big, b: 1n, other: 1n });
    const [model, platform] = pick(run(rows), { type: 'record_day' });
    expect(model).toMatchObject({ subject: 'a', tokens: big });
    expect(platform).toMatchObject({ subject: 'platform', tokens: big + 2n });
  });

  test('a record by one token at 2^60 is a record', () => {
    const s = 2n ** 60n;
    const rows = days(START, 9, (i) => ({ a: i === 0 ? s : i === 8 ? s + 1n : 1n }));
    expect(ids(rows, { type: 'record_day' })).toEqual([rd(8, 'a'), rd(8, 'platform')]);
  });

  test.each([
    { leader: 'zeta', then: [rd(7, 'platform'), rd(7, 'zeta')] },
    { leader: 'openai/gpt-5', then: [rd(7, 'openai/gpt-5'), rd(7, 'platform')] },
    { leader: 'Platform', then: [rd(7, 'Platform'), rd(7, 'platform')] },
  ])('given leader $leader, then both records come out by subject: $then', ({ leader, then }) => {
    const rows = days(START, 8, (i) => ({ [leader]: i === 7 ? 150 : 100, b: 50 }));
    expect(ids(rows, { type: 'record_day' })).toEqual(then);
  });
});
