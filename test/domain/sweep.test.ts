import { describe, expect, test } from 'vitest';
import { START, TEST_LABS, days, pick, run, type DayRows } from './history-builder.js';

/** Weeks of 7 days from Monday START (2026-W10): `fn(week)` gives each day's rows, null for a week with no rows. */
const weeks = (n: number, fn: (w: number) => DayRows | null) => days(START, 7 * n, (i) => fn(Math.floor(i / 7)));
const sweeps = (rows: ReturnType<typeof weeks>, o: Parameters<typeof run>[1] = {}) => pick(run(rows, { labs: TEST_LABS, ...o }), { type: 'sweep' });
const ids = (rows: ReturnType<typeof weeks>, o: Parameters<typeof run>[1] = {}) => sweeps(rows, o).map((e) => e.id);
const sw = (week: number, region: string, k: number) => `sweep:weekly:2026-W${10 + week}:${region}:${k}`;

/** The top `n` are from China (cn and cnb labs), then a US model, then more Chinese ones below it. */
const china = (n: number): DayRows => ({
  ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`${i % 2 ? 'cnb' : 'cn'}/m${i}`, 1000 - 10 * i])),
  'us/x': 500,
  'usb/y': 400,
  'cn/low': 100,
});
const america: DayRows = { 'us/a': 900, 'usb/b': 890, 'us/c': 880, 'usb/d': 870, 'us/e': 860, 'cn/z': 850 };

describe('sweep: the top N of the weekly chart all from one region', () => {
  test.each([
    { given: 'the top 5 from China for one week', rows: weeks(1, () => china(5)), then: [sw(0, 'CN', 1)] },
    { given: 'the top 4 only', rows: weeks(1, () => china(4)), then: [] },
    // Weekly streak milestones are 2, 3, 4, 5, 6, 8 ...: every week of a run up to 6 is told.
    { given: 'a sweep that starts, runs 3 weeks and ends', rows: weeks(5, (w) => (w >= 1 && w <= 3 ? china(6) : china(2))), then: [sw(1, 'CN', 1), sw(2, 'CN', 2), sw(3, 'CN', 3)] },
    {
      given: 'a run of 9 weeks with the milestone list [3, 8]: told on k = 1, 3, 8',
      rows: weeks(10, (w) => (w < 9 ? china(5) : china(1))),
      weeklyStreaks: [3, 8],
      then: [sw(0, 'CN', 1), sw(2, 'CN', 3), sw(7, 'CN', 8)],
    },
    { given: 'a sweep broken by a model of unknown region at rank 3 (lab x has no region)', rows: weeks(1, () => ({ ...china(6), 'x/stealth': 985 })), then: [] },
    { given: 'a sweep broken by a lab missing from the table at rank 2', rows: weeks(1, () => ({ ...china(6), 'nolab/m': 995 })), then: [] },
    { given: 'the leader from a lab of unknown region', rows: weeks(1, () => ({ ...china(6), 'x/stealth': 5000 })), then: [] },
    { given: 'a broken week in the middle restarts the count', rows: weeks(4, (w) => (w === 1 ? china(3) : china(5))), then: [sw(0, 'CN', 1), sw(2, 'CN', 1), sw(3, 'CN', 2)] },
    { given: 'a week without rows restarts the count', rows: weeks(3, (w) => (w === 1 ? null : china(5))), then: [sw(0, 'CN', 1), sw(2, 'CN', 1)] },
    { given: 'China for 2 weeks, then the United States', rows: weeks(3, (w) => (w < 2 ? china(5) : america)), then: [sw(0, 'CN', 1), sw(1, 'CN', 2), sw(2, 'US', 1)] },
    { given: 'a sweep size of 3', rows: weeks(1, () => china(4)), sweepSize: 3, then: [sw(0, 'CN', 1)] },
  ])('given $given, then $then', ({ rows, then, ...o }) => {
    expect(ids(rows, o)).toEqual(then);
  });

  test('the event carries N, the N models combined, and the top N of the strongest other region', () => {
    const [e] = sweeps(weeks(1, () => ({ ...china(6), 'fr/f': 450 })));
    const top6 = (1000 + 990 + 980 + 970 + 960 + 950) * 7;
    // Other regions' best 6: the US has 500 + 400; France 450.
    expect(e).toEqual({
      id: 'sweep:weekly:2026-W10:CN:1',
      type: 'sweep',
      chart: 'weekly',
      period: '2026-W10',
      day: '2026-03-08',
      subject: 'CN',
      milestone: 1,
      tokens: BigInt(top6),
      region: 'CN',
      top: 6,
      rival: { region: 'US', tokens: 900n * 7n },
    });
  });

  test('with no other region on the chart, there is no rival', () => {
    const [e] = sweeps(weeks(1, () => ({ 'cn/a': 5, 'cn/b': 4, 'cn/c': 3, 'cn/d': 2, 'cn/e': 1, 'x/s': 1 })));
    expect(e.top).toBe(5);
    expect(e.rival).toBeUndefined();
  });

  test('the weekly chart decides, not the days: a sweep week may have days without one', () => {
    const rows = days(START, 7, (i) => (i === 3 ? { 'us/a': 100_000 } : china(5)));
    expect(ids(rows)).toEqual([]);
    const mild = days(START, 7, (i) => (i === 3 ? { ...china(5), 'us/a': 1001 } : china(5)));
    expect(ids(mild)).toEqual([sw(0, 'CN', 1)]);
  });
});
