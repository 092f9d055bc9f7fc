import { describe, expect, test } from 'vitest';
import { D, START, days, dropModels, gap, pick, run, type DayRows } from './history-builder.js';
import type { Row } from '../../src/domain/rows.js';

/**
 * 20 days from START; `base` is there from day 0. `launches` lists models with their first day
 * and their tokens on each of their days (from that first day on).
 */
function history(launches: Record<string, { from: number; daily: number }>, n = 20, base: DayRows = { 'a/base': 1000 }): Row[] {
  return days(START, n, (i) => ({ ...base, ...Object.fromEntries(Object.entries(launches).filter(([, l]) => i >= l.from).map(([m, l]) => [m, l.daily])) }));
}
const lr = (day: number, subject: string) => `launch_record:daily:${D(day)}:${subject}`;
const ids = (rows: Row[]) => pick(run(rows), { type: 'launch_record' }).map((e) => e.id);

describe('launch_record: the strongest first 7 days', () => {
  test.each([
    { given: 'one launch only (no earlier launch to beat)', rows: history({ 'b/one': { from: 2, daily: 100 } }), then: [] },
    { given: 'a second, stronger launch: told on its 7th day', rows: history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 5, daily: 200 } }), then: [lr(11, 'c/two')] },
    { given: 'a second launch that only equals the first', rows: history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 5, daily: 100 } }), then: [] },
    { given: 'a weaker second launch', rows: history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 5, daily: 99 } }), then: [] },
    {
      given: 'three launches, each beating the last',
      rows: history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 3, daily: 200 }, 'd/three': { from: 6, daily: 300 } }),
      then: [lr(9, 'c/two'), lr(12, 'd/three')],
    },
    {
      given: 'two launches completing the same day, both above the record (by subject)',
      rows: history({ 'b/one': { from: 1, daily: 100 }, 'd/x': { from: 5, daily: 300 }, 'c/y': { from: 5, daily: 200 } }),
      then: [lr(11, 'c/y'), lr(11, 'd/x')],
    },
    // A model already there on day one may have launched before: it has no launch, however big.
    { given: 'a model present on the first day of history (no launch)', rows: history({ 'b/one': { from: 1, daily: 100 } }, 20, { 'a/base': 1000, 'z/old': 1_000_000 }), then: [] },
  ])('given $given, then $then', ({ rows, then }) => {
    expect(ids(rows)).toEqual(then);
  });

  test('a launch that beats the record on its 7th day, with a missing day inside (counted 0)', () => {
    // b/one: 7 x 100 = 700 (days 1-7). c/two from day 8: 120 a day but absent on day 10: 6 x 120 = 720 > 700, on day 14.
    const rows = dropModels(history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 8, daily: 120 } }), D(10), 'c/two');
    const [e] = pick(run(rows), { type: 'launch_record' });
    expect(e).toEqual({
      id: lr(14, 'c/two'),
      type: 'launch_record',
      chart: 'daily',
      period: D(14),
      day: D(14),
      subject: 'c/two',
      tokens: 720n,
      rank: 2,
      previous: { subject: 'b/one', tokens: 700n, day: D(7) },
    });
    // Two missing days: 5 x 120 = 600 < 700.
    expect(ids(dropModels(rows, D(11), 'c/two'))).toEqual([]);
  });

  test('a model absent on its own 7th day (the day has data) is still told, without a rank', () => {
    const rows = dropModels(history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 8, daily: 200 } }), D(14), 'c/two');
    const [e] = pick(run(rows), { type: 'launch_record' });
    expect(e).toMatchObject({ id: lr(14, 'c/two'), tokens: 1200n });
    expect(e.rank).toBeUndefined();
  });

  test('a launch whose 7th day is a gap is not told, but later launches must beat it', () => {
    const rows = gap(history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 3, daily: 200 }, 'd/three': { from: 6, daily: 210 } }), D(9));
    // c/two's 7th day (9) is a gap: no event, though its 6 x 200 = 1200 beats b/one's 700. d/three (6 x 210 = 1260 on day 12) beats it.
    const events = pick(run(rows), { type: 'launch_record' });
    expect(events.map((e) => [e.id, e.previous?.subject, e.previous?.tokens])).toEqual([[lr(12, 'd/three'), 'c/two', 1200n]]);
    // And a later launch below the untold record (6 x 150 = 900: above b/one's 700) stays silent.
    const weaker = gap(history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 3, daily: 200 }, 'd/three': { from: 6, daily: 150 } }), D(9));
    expect(ids(weaker)).toEqual([]);
  });

  test('warm-up: silent while fewer than 7 earlier days have data', () => {
    // b/one launches day 1 (7th day 7), c/two day 2 (7th day 8); gap days 3 and 4 leave 6 earlier days with data before day 8.
    const rows = history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 2, daily: 200 } });
    expect(ids(rows)).toEqual([lr(8, 'c/two')]);
    expect(ids(gap(rows, D(3), D(4)))).toEqual([]);
  });

  test('a launch after the history it is judged in: completeThrough before its 7th day tells nothing yet', () => {
    const rows = history({ 'b/one': { from: 1, daily: 100 }, 'c/two': { from: 5, daily: 200 } });
    expect(pick(run(rows, { completeThrough: D(10) }), { type: 'launch_record' })).toEqual([]);
    expect(pick(run(rows, { completeThrough: D(11) }), { type: 'launch_record' }).map((e) => e.id)).toEqual([lr(11, 'c/two')]);
  });
});
