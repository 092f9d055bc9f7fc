import cron from 'node-cron';
import { afterEach, describe, expect, it, test, vi } from 'vitest';
import { LocalScheduler } from '../../src/schedule/local-scheduler.js';
import { localInstant, nextLocalTime, quietWindowAt } from '../../src/schedule/local-time.js';
import { ManualClock } from '../support/manual-clock.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('nextLocalTime', () => {
  test.each([
    // given after, time, zone (weekday) then the next instant
    ['2026-03-07T15:00:00Z', '09:00', 'America/New_York', undefined, '2026-03-08T13:00:00.000Z'], // EDT starts 2026-03-08: 09:00 local is 13:00Z
    ['2026-03-06T15:00:00Z', '09:00', 'America/New_York', undefined, '2026-03-07T14:00:00.000Z'], // still EST: 14:00Z
    ['2026-10-31T14:00:00Z', '09:00', 'America/New_York', undefined, '2026-11-01T14:00:00.000Z'], // EST again from 2026-11-01
    ['2026-10-31T12:00:00Z', '09:00', 'America/New_York', undefined, '2026-10-31T13:00:00.000Z'],
    ['2026-03-07T12:00:00Z', '02:30', 'America/New_York', undefined, '2026-03-08T07:30:00.000Z'], // 02:30 does not exist that day: 03:30 EDT
    ['2026-10-31T12:00:00Z', '01:30', 'America/New_York', undefined, '2026-11-01T05:30:00.000Z'], // 01:30 happens twice: the first
    ['2026-12-02T15:00:00Z', '09:00', 'UTC', undefined, '2026-12-03T09:00:00.000Z'],
    ['2026-12-02T03:00:00Z', '09:00', 'Asia/Kolkata', undefined, '2026-12-02T03:30:00.000Z'], // +05:30
    ['2026-12-02T15:00:00Z', '09:00', 'Europe/Paris', 1, '2026-12-07T08:00:00.000Z'], // Wednesday → next Monday
    ['2026-03-28T12:00:00Z', '09:00', 'Europe/London', 1, '2026-03-30T08:00:00.000Z'], // BST from 2026-03-29
    ['2026-12-03T09:00:00Z', '09:00', 'UTC', undefined, '2026-12-04T09:00:00.000Z'], // strictly after
  ])('given after %s, %s in %s (weekday %s), then %s', (after, time, zone, weekday, want) => {
    expect(iso(nextLocalTime(at(after), time, zone, weekday))).toBe(want);
  });

  it('given the same wall time twice a day apart across the change, then they are 23 h and 25 h apart', () => {
    expect(localInstant('2026-03-08', 540, 'America/New_York').getTime() - localInstant('2026-03-07', 540, 'America/New_York').getTime()).toBe(23 * 3600_000);
    expect(localInstant('2026-11-01', 540, 'America/New_York').getTime() - localInstant('2026-10-31', 540, 'America/New_York').getTime()).toBe(25 * 3600_000);
  });
});

describe('quietWindowAt', () => {
  const night = { from: '22:00', to: '07:00', timeZone: 'Europe/Paris' };
  test.each([
    ['2026-12-02T22:30:00Z', night, '2026-12-02T21:00:00.000Z', '2026-12-03T06:00:00.000Z'], // 23:30 Paris: tonight's window
    ['2026-12-03T05:59:00Z', night, '2026-12-02T21:00:00.000Z', '2026-12-03T06:00:00.000Z'], // 06:59 Paris: after midnight, same window
    ['2026-12-03T06:00:00Z', night, null, null], // 07:00 Paris: the end is not in the window
    ['2026-12-03T12:00:00Z', night, null, null],
    ['2026-12-02T12:30:00Z', { from: '12:00', to: '14:00', timeZone: 'UTC' }, '2026-12-02T12:00:00.000Z', '2026-12-02T14:00:00.000Z'],
    ['2026-03-08T06:00:00Z', { from: '22:00', to: '07:00', timeZone: 'America/New_York' }, '2026-03-08T03:00:00.000Z', '2026-03-08T11:00:00.000Z'], // a 8 h night
  ])('given %s and %j, then the window is %s to %s', (now, q, start, end) => {
    const w = quietWindowAt(at(now), q);
    expect(w && [iso(w.start), iso(w.end)]).toEqual(start === null ? null : [start, end]);
  });
});

describe('why not node-cron for digests', () => {
  afterEach(() => vi.useRealTimers());

  it('given node-cron at 02:30 New York across 2026-03-08, then it skips that day (our scheduler posts at 03:30)', async () => {
    vi.useFakeTimers({ now: at('2026-03-06T12:00:00Z') });
    const task = cron.createTask('30 2 * * *', () => undefined, { timezone: 'America/New_York' });
    const runs = task.getNextRuns(3).map(iso);
    await task.destroy();
    expect(runs).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
  });
});

describe('LocalScheduler on the manual clock', () => {
  it('given 09:00 New York daily from 2026-03-06, then it runs at 09:00 local each day across the DST change', async () => {
    const clock = new ManualClock(Date.parse('2026-03-06T12:00:00Z'));
    const runs: string[] = [];
    const s = new LocalScheduler(clock, (_k, e) => { throw e; });
    s.arm('digest:x', 'a', (after) => nextLocalTime(after, '09:00', 'America/New_York'), async (due) => void runs.push(`${iso(due)}@${iso(clock.date())}`));
    await clock.advance(4 * 24 * 3600_000);
    s.stop();
    expect(runs).toEqual([
      '2026-03-06T14:00:00.000Z@2026-03-06T14:00:00.000Z',
      '2026-03-07T14:00:00.000Z@2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z@2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z@2026-03-09T13:00:00.000Z',
    ]);
  });

  it('given a key armed again with a new signature, then only the new schedule runs; the same signature keeps it', async () => {
    const clock = new ManualClock(Date.parse('2026-12-02T00:00:00Z'));
    const runs: string[] = [];
    const s = new LocalScheduler(clock, (_k, e) => { throw e; });
    const arm = (time: string) => s.arm('k', time, (after) => nextLocalTime(after, time, 'UTC'), async (due) => void runs.push(iso(due)));
    arm('09:00');
    arm('09:00');
    arm('10:00');
    await clock.advance(24 * 3600_000);
    s.cancel('k');
    await clock.advance(24 * 3600_000);
    expect(runs).toEqual(['2026-12-02T10:00:00.000Z']);
  });
});
