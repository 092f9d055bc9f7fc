import { describe, expect, test } from 'vitest';
import { CHART_NAMES } from '../../src/domain/charts.js';
import { detect, detectRange } from '../../src/domain/detect/detect.js';
import { EVENT_TYPES, type ChartEvent, type EventType } from '../../src/domain/events.js';
import { buildHistory } from '../../src/domain/history.js';
import { parseRows, type Row } from '../../src/domain/rows.js';
import { D, RANDOM_LABS, START, days, gap, idsOf, move, numbered, pick, randomRows, ranking, run, setDay, shuffle } from './history-builder.js';

const M = numbered(13);

/**
 * For each daily type but new_leader and streak: rows in which it fires on day `k` (and nothing of
 * that type before). launch_record cannot fire before day 8 at all (it needs an earlier launch,
 * and launches start after day 0): its warm-up is pinned in launch-record.test.ts.
 */
const TRIGGERS: Record<Exclude<EventType, 'new_leader' | 'streak' | 'sweep' | 'launch_record'>, (k: number) => Row[]> = {
  record_day: (k) => days(START, k + 1, (i) => ({ a: i === k ? 1000 : 100, b: 50 })),
  milestone: (k) => days(START, k + 1, (i) => ({ a: i === k ? 10_000_000_000n : 100, b: 50 })),
  personal_best: (k) => days(START, k + 1, (i) => ({ a: 100, b: i === k ? 60 : 50 })),
  debut: (k) => days(START, k + 1, (i) => ({ a: 100, b: 50, ...(i === k ? { x: 75 } : {}) })),
  rank_change: (k) => days(START, k + 1, (i) => ranking(i === k ? move(M, 5, 1) : M)),
};

describe('warm-up: every daily type but new_leader and streak needs 7 earlier days in history', () => {
  test.each(Object.keys(TRIGGERS) as (keyof typeof TRIGGERS)[])('%s: silent on day 6, fires on day 7, needs day 8 after a gap day', (type) => {
    const make = TRIGGERS[type];
    expect(pick(run(make(6)), { type })).toEqual([]);
    expect([...new Set(pick(run(make(7)), { type }).map((e) => e.day))]).toEqual([D(7)]);
    // Pinned choice: the warm-up counts days with rows; a gap day is not an earlier day in history.
    expect(pick(run(gap(make(7), D(3))), { type })).toEqual([]);
    expect([...new Set(pick(run(gap(make(8), D(3))), { type }).map((e) => e.day))]).toEqual([D(8)]);
  });

  test('new_leader fires on day 1 and streak on day 2, inside the warm-up', () => {
    const rows = days(START, 4, (i) => (i === 0 ? { a: 2, b: 1 } : { a: 1, b: 2 }));
    expect(idsOf(run(rows).filter((e) => !e.chart.startsWith('labs_')))).toEqual([`new_leader:daily:${D(1)}:b`, `streak:daily:${D(3)}:b:3`]);
    // Each of these one-model labs leads the daily lab chart as its model leads the daily chart.
    expect(idsOf(pick(run(rows), { chart: 'labs_daily' }))).toEqual([`new_leader:labs_daily:${D(1)}:b`]);
  });

  test('nothing at all comes out of the first 7 days but new_leader and streak', () => {
    const events = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => run(randomRows(seed)).filter((e) => e.day < D(7, '2026-02-02')));
    expect(events.length).toBeGreaterThan(10);
    expect(events.filter((e) => e.type !== 'new_leader' && e.type !== 'streak')).toEqual([]);
  });
});

describe('`other` counts only in the platform total', () => {
  test.each([1, 2, 3])('given random history #%i with a large `other`, then it is never a subject or previous leader', (seed) => {
    const rows = randomRows(seed).map((r) => (r.model === 'other' ? { ...r, tokens: r.tokens * 1000n } : r));
    const events = run(rows);
    expect(events.length).toBeGreaterThan(100);
    for (const e of events) {
      expect(e.subject).not.toBe('other');
      expect(e.previous?.subject).not.toBe('other');
    }
  });
});

/**
 * 2026-05-31 is a Sunday and the last day of May. From 2026-04-01: a grows 1 token a day and leads
 * everything; b has 50 a day; on 05-31 b has 1,000,000 and c appears with 10.
 */
const crafted = () => days('2026-04-01', 61, (i, date) => (date === '2026-05-31' ? { a: 100 + i, b: 1_000_000, c: 10, other: 5 } : { a: 100 + i, b: 50, other: 5 }));

describe('event order within a day and ids', () => {
  test('one day with events on every chart: chart, then type in table order, then subject', () => {
    const events = pick(run(crafted(), { tokenMilestones: [1000n] }), { day: '2026-05-31' });
    expect(idsOf(events)).toEqual([
      'new_leader:daily:2026-05-31:b',
      'record_day:daily:2026-05-31:b',
      'record_day:daily:2026-05-31:platform',
      'milestone:daily:2026-05-31:b:1000',
      'personal_best:daily:2026-05-31:a',
      'personal_best:daily:2026-05-31:b',
      'debut:daily:2026-05-31:c:3',
      'new_leader:weekly:2026-W22:b',
      'new_leader:monthly:2026-05:b',
      'new_leader:trending:2026-05-31:b',
      // Every slug here is its own lab (no `/`), so the lab charts follow the model charts.
      'new_leader:labs_daily:2026-05-31:b',
      'new_leader:labs_weekly:2026-W22:b',
      'new_leader:labs_monthly:2026-05:b',
    ]);
    expect(events.map((e) => e.previous?.streak)).toEqual([60, undefined, undefined, undefined, undefined, undefined, undefined, 7, undefined, 33, 60, 7, undefined]);
    expect(events.find((e) => e.type === 'milestone')!.firstEver).toBe(true);
  });

  test.each([1, 2, 3, 4])('given random history #%i, then events are sorted by day, chart, type, subject', (seed) => {
    const events = run(randomRows(seed), { labs: RANDOM_LABS });
    const key = (e: ChartEvent) => [e.day, CHART_NAMES.indexOf(e.chart), EVENT_TYPES.indexOf(e.type), e.subject] as const;
    for (let i = 1; i < events.length; i++) {
      const [a, b] = [key(events[i - 1]), key(events[i])];
      const cmp = a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? a[1] - b[1] : a[2] !== b[2] ? a[2] - b[2] : a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0;
      expect(cmp, `${events[i - 1].id} before ${events[i].id}`).toBeLessThanOrEqual(0);
    }
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
  });

  test.each([1, 2, 3, 4])('given random history #%i, then every id is type:chart:period:subject[:milestone], and unique', (seed) => {
    const events = run(randomRows(seed), { labs: RANDOM_LABS });
    for (const e of events) {
      expect(e.id).toBe([e.type, e.chart, e.period, e.subject, ...(e.milestone === undefined ? [] : [e.milestone])].join(':'));
      expect(e.milestone === undefined).toBe(['new_leader', 'record_day', 'personal_best', 'launch_record'].includes(e.type));
      const day = /^\d{4}-\d{2}-\d{2}$/;
      const week = /^\d{4}-W\d{2}$/;
      const month = /^\d{4}-\d{2}$/;
      const period = { daily: day, weekly: week, monthly: month, trending: day, labs_daily: day, labs_weekly: week, labs_monthly: month }[e.chart];
      expect(e.period).toMatch(period);
    }
    expect(new Set(idsOf(events)).size).toBe(events.length);
  });

  test.each([
    // Lab A (two strong models) leads every month of these histories: labs_monthly's new_leader is in lab-charts.test.ts.
    { type: 'new_leader', charts: ['daily', 'weekly', 'monthly', 'trending', 'labs_daily', 'labs_weekly'] },
    { type: 'streak', charts: ['daily', 'weekly', 'labs_weekly'] },
    { type: 'record_day', charts: ['daily'] },
    { type: 'milestone', charts: ['daily'] },
    { type: 'personal_best', charts: ['daily'] },
    { type: 'debut', charts: ['daily'] },
    { type: 'rank_change', charts: ['daily'] },
    { type: 'sweep', charts: ['weekly'] },
    { type: 'launch_record', charts: ['daily'] },
  ] as const)('$type comes out on exactly $charts', ({ type, charts }) => {
    const events = [1, 2, 3, 4].flatMap((seed) => pick(run(randomRows(seed), { labs: RANDOM_LABS }), { type }));
    expect([...new Set(events.map((e) => e.chart))].sort()).toEqual([...charts].sort());
  });
});

describe('the same history gives the same events', () => {
  test.each([1, 2, 3])('given random history #%i in shuffled order, then the events are identical', (seed) => {
    const rows = randomRows(seed);
    const want = run(rows);
    for (const s of [1, 2, 3]) expect(run(shuffle(rows, seed * 10 + s))).toEqual(want);
  });

  test.each([1, 2])('given random history #%i cut at completeThrough, then the events are those of the full history up to that day (ids stable)', (seed) => {
    const rows = randomRows(seed, '2026-02-02', 100);
    const full = run(rows);
    for (const cut of [27, 28, 40, 55, 59, 61, 88]) {
      const through = D(cut, '2026-02-02');
      const events = run(rows, { completeThrough: through });
      expect(events).toEqual(full.filter((e) => e.day <= through));
      expect(events.every((e) => e.day <= through)).toBe(true);
    }
  });

  test('completeThrough drops the later rows from history', () => {
    const h = buildHistory(days(START, 10, () => ({ a: 1 })), D(4));
    expect([...h.days.keys()]).toEqual([D(0), D(1), D(2), D(3), D(4)]);
    expect(h.completeThrough).toBe(D(4));
  });

  test('given a restated day, then re-running gives unique ids, and the days before it are unchanged', () => {
    const rows = randomRows(5, '2026-02-02', 90);
    const restatedDay = D(60, '2026-02-02');
    const before = run(rows);
    const restated = setDay(
      rows,
      restatedDay,
      Object.fromEntries(rows.filter((r) => r.date === restatedDay).map((r, i) => [r.model, r.tokens * BigInt(1 + (i % 3))])),
    );
    const after = run(restated);
    expect(new Set(idsOf(after)).size).toBe(after.length);
    expect(after.filter((e) => e.day < restatedDay)).toEqual(before.filter((e) => e.day < restatedDay));
    expect(after).not.toEqual(before);
  });

  test('detectRange gives the events of the range, computed with the history before it', () => {
    const h = buildHistory(randomRows(3));
    const all = detect(h);
    const from = D(40, '2026-02-02');
    const to = D(70, '2026-02-02');
    expect(detectRange(h, { from, to })).toEqual(all.filter((e) => e.day >= from && e.day <= to));
  });
});

describe('exact token counts above 2^53', () => {
  test('from digit strings to events, nothing is rounded', () => {
    const raw = Array.from({ length: 9 }, (_, i) => [
      { date: D(i), model_permaslug: 'a', total_tokens: i === 8 ? '9007199254740993' : '9007199254740992' },
      { date: D(i), model_permaslug: 'b', total_tokens: 1 },
      { date: D(i), model_permaslug: 'other', total_tokens: i === 8 ? '9007199254740993' : '0' },
    ]).flat();
    const events = pick(detect(buildHistory(parseRows(raw))), { day: D(8) });
    expect(events.map((e) => [e.id, e.tokens, e.previous?.tokens])).toEqual([
      [`record_day:daily:${D(8)}:a`, 9_007_199_254_740_993n, 9_007_199_254_740_992n],
      [`record_day:daily:${D(8)}:platform`, 18_014_398_509_481_987n, 9_007_199_254_740_993n],
      [`personal_best:daily:${D(8)}:a`, 9_007_199_254_740_993n, 9_007_199_254_740_992n],
    ]);
  });

  test('a daily lead by one token at 2^60 is a lead (a float would tie and give it to B)', () => {
    const s = 2n ** 60n;
    const rows = days(START, 3, (i) => (i < 2 ? { a: s, B: s + 1n } : { a: s + 1n, B: s }));
    expect(idsOf(pick(run(rows), { type: 'new_leader', chart: 'daily' }))).toEqual([`new_leader:daily:${D(2)}:a`]);
  });

  test('a trending lead of 1/3 token at 2^60 makes a new leader', () => {
    const s = 2n ** 60n;
    // Day 27 is the first trending day: a leads. Day 28: b's S(D-6..D) gains 1 more than a's, b had 2 tokens on day 20.
    const rows = days('2026-03-01', 29, (i) => ({ z: 1, ...(i === 27 ? { a: s, b: s - 1n } : {}), ...(i === 28 ? { b: 2n } : {}), ...(i === 20 ? { b: 2n } : {}) }));
    expect(idsOf(pick(run(rows), { chart: 'trending' }))).toEqual(['new_leader:trending:2026-03-29:b']);
  });
});

describe('pinned choices: a day whose only row is `other` is a gap day (the spec is silent)', () => {
  const normal = { a: 100, b: 50 };
  test.each([
    { given: 'its platform total is a record', rows: days(START, 10, (i) => (i === 8 ? { other: 1000 } : normal)), then: [] },
    { given: 'its platform total does not set the bar, so a later larger day is a record', rows: days(START, 10, (i) => (i === 2 ? { other: 1000 } : i === 9 ? { ...normal, other: 800 } : normal)), then: [`record_day:daily:${D(9)}:platform`] },
    { given: 'it is day 6, and a = 150 on day 7 (it does not count for the warm-up)', rows: days(START, 8, (i) => (i === 6 ? { other: 1 } : i === 7 ? { a: 150, b: 50 } : normal)), then: [] },
  ])('given $given, then record_day: $then', ({ rows, then }) => {
    expect(idsOf(pick(run(rows), { type: 'record_day' }))).toEqual(then);
  });

  test('it is the first day of history: weeks and trending count from it', () => {
    const h = buildHistory(days('2026-03-01', 1, () => ({ other: 1 })).concat(days('2026-03-02', 7, () => normal)));
    expect(h.first).toBe('2026-03-01');
  });
});
