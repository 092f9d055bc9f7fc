import { describe, expect, test } from 'vitest';
import { D, START, TEST_LABS, charts, days, gap, pick, run, type DayRows } from './history-builder.js';

const labs = TEST_LABS;
const runL = (rows: Parameters<typeof run>[0], o: Parameters<typeof run>[1] = {}) => run(rows, { labs, ...o });
const entries = (rows: Parameters<typeof run>[0], key: string) => charts(rows, undefined, labs).get(key)?.entries.map((e) => [e.model, e.value]);

describe('the lab charts: a lab is worth the sum of its models', () => {
  test.each([
    { given: 'two models of one lab that tie (50 each) against one of 90', day: { 'cn/a': 50, 'cn/b': 50, 'us/x': 90 }, then: [['cn', 100n], ['us', 90n]] },
    { given: 'two labs that tie (the lab slug that sorts first leads)', day: { 'cnb/a': 100, 'cn/a': 60, 'cn/b': 40 }, then: [['cn', 100n], ['cnb', 100n]] },
    { given: 'an alias (cn2 is cn)', day: { 'cn2/a': 70, 'cn/b': 10, 'us/x': 75 }, then: [['cn', 80n], ['us', 75n]] },
    { given: '`other` far above every lab (excluded)', day: { 'cn/a': 5, other: 1000 }, then: [['cn', 5n]] },
    { given: 'a lab missing from the table (charted by its slug)', day: { 'zz/a': 5, 'cn/a': 4 }, then: [['zz', 5n], ['cn', 4n]] },
    { given: "a `~` alias and upper case (`~CN/x` is cn)", day: { '~CN/x': 5, 'cn/a': 4 }, then: [['cn', 9n]] },
  ])('given $given, then labs_daily ranks $then', ({ day, then }) => {
    expect(entries(days(START, 1, () => day), `labs_daily:${D(0)}`)).toEqual(then);
  });

  test('each lab chart carries its platform total (all rows, `other` included) for shares', () => {
    const rows = days('2026-03-01', 31, () => ({ 'cn/a': 10, 'us/x': 5, other: 1 }));
    const got = charts(rows, undefined, labs);
    expect(got.get('labs_daily:2026-03-01')!.platform).toBe(16n);
    expect(got.get('labs_weekly:2026-W10')!.platform).toBe(16n * 7n);
    expect(got.get('labs_monthly:2026-03')!).toMatchObject({ platform: 16n * 31n, entries: [{ model: 'cn', value: 310n, rank: 1 }, { model: 'us', value: 155n, rank: 2 }] });
  });

  test('the lab charts have the periods and completeness rules of their model charts', () => {
    const rows = gap(days('2026-03-04', 40, () => ({ 'cn/a': 10 })), '2026-03-10');
    const keys = [...charts(rows, undefined, labs).keys()];
    const model = keys.filter((k) => /^(daily|weekly|monthly):/.test(k)).map((k) => k.replace(/^/, 'labs_'));
    expect(keys.filter((k) => k.startsWith('labs_'))).toEqual(model);
    expect(keys).not.toContain('labs_daily:2026-03-10'); // a gap day
    expect(keys).not.toContain('labs_weekly:2026-W10'); // history starts on a Wednesday
    expect(keys).not.toContain('labs_monthly:2026-03'); // and not on the 1st
  });
});

const CN = { 'cn/a': 60, 'cn/b': 50, 'us/x': 100 };
const US = { 'cn/a': 40, 'cn/b': 40, 'us/x': 100 };

describe('new_leader on the lab charts', () => {
  const nl = (chart: string, period: string, subject: string) => `new_leader:${chart}:${period}:${subject}`;
  test.each([
    { given: 'cn leads day 0 (the first period never has one), us day 1', rows: days(START, 2, (i) => (i === 0 ? CN : US)), then: [nl('labs_daily', D(1), 'us')] },
    { given: 'a change on day 2, inside the warm-up, after a 2-day reign', rows: days(START, 3, (i) => (i < 2 ? CN : US)), then: [nl('labs_daily', D(2), 'us')] },
    { given: 'a gap day before the change', rows: gap(days(START, 4, (i) => (i < 2 ? CN : US)), D(2)), then: [] },
    { given: 'the lab leads while its models never lead the daily chart', rows: days(START, 3, () => CN), then: [] },
  ])('given $given, then $then', ({ rows, then }) => {
    expect(pick(runL(rows), { type: 'new_leader', chart: 'labs_daily' }).map((e) => e.id)).toEqual(then);
  });

  test('the event names the lab, its region, the previous leader and reign, and the runner-up lab', () => {
    const [e] = pick(runL(days(START, 3, (i) => (i < 2 ? US : CN))), { type: 'new_leader', chart: 'labs_daily' });
    expect(e).toEqual({
      id: `new_leader:labs_daily:${D(2)}:cn`,
      type: 'new_leader',
      chart: 'labs_daily',
      period: D(2),
      day: D(2),
      subject: 'cn',
      tokens: 110n,
      rank: 1,
      previous: { subject: 'us', tokens: 100n, streak: 2 },
      runnerUp: { subject: 'us', tokens: 100n },
      region: 'CN',
    });
  });

  test('a lab new to the charts that leads at once debuts at #1; a lab missing from the table has no region', () => {
    const rows = days(START, 3, (i) => ({ ...US, ...(i === 2 ? { 'zz/new': 500 } : {}) }));
    const [e] = pick(runL(rows), { type: 'new_leader', chart: 'labs_daily' });
    expect(e).toMatchObject({ subject: 'zz', debut: true });
    expect(e.region).toBeUndefined();
  });

  const weeks = (n: number, fn: (w: number) => DayRows) => days(START, 7 * n, (i) => fn(Math.floor(i / 7)));
  test('labs_weekly: no new_leader in the first week; one when the lab leading the week changes; streaks use the weekly milestones', () => {
    const events = runL(weeks(5, (w) => (w < 1 ? US : CN)));
    expect(pick(events, { chart: 'labs_weekly' }).map((e) => e.id)).toEqual([
      'new_leader:labs_weekly:2026-W11:cn',
      'streak:labs_weekly:2026-W12:cn:2',
      'streak:labs_weekly:2026-W13:cn:3',
      'streak:labs_weekly:2026-W14:cn:4',
    ]);
    expect(pick(events, { type: 'streak', chart: 'labs_weekly' })[0]).toMatchObject({ day: '2026-03-22', tokens: 770n, region: 'CN' });
    expect(pick(runL(weeks(5, () => CN), { weeklyStreaks: [3] }), { type: 'streak', chart: 'labs_weekly' }).map((e) => e.id)).toEqual(['streak:labs_weekly:2026-W12:cn:3']);
  });

  test('labs_monthly: no new_leader in the first month; one in the month the leader changes, on its last day', () => {
    const rows = days('2026-03-01', 61, (i) => (i < 31 ? US : CN));
    expect(pick(runL(rows), { chart: 'labs_monthly' }).map((e) => [e.id, e.day])).toEqual([['new_leader:labs_monthly:2026-04:cn', '2026-04-30']]);
  });

  test('there is no streak on labs_daily or labs_monthly', () => {
    const events = runL(days('2026-03-01', 92, () => CN));
    expect(pick(events, { type: 'streak' }).map((e) => e.chart)).not.toContain('labs_daily');
    expect(pick(events, { type: 'streak' }).map((e) => e.chart)).not.toContain('labs_monthly');
  });
});
