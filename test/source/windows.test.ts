import { describe, expect, test } from 'vitest';
import { addDays, dayNumber } from '../../src/domain/calendar.js';
import { planWindows } from '../../src/source/windows.js';

describe('planWindows', () => {
  test('given the backfill range when planned then windows of <= 366 days tile it with no gaps or overlaps', () => {
    const windows = planWindows('2025-01-01', '2026-11-20');
    expect(windows).toEqual([
      { start: '2025-01-01', end: '2026-01-01' },
      { start: '2026-01-02', end: '2026-11-20' },
    ]);
    expect(windows[0]!.start).toBe('2025-01-01');
    expect(windows.at(-1)!.end).toBe('2026-11-20');
    for (const [i, w] of windows.entries()) {
      expect(dayNumber(w.end) - dayNumber(w.start) + 1).toBeLessThanOrEqual(366);
      if (i > 0) expect(w.start).toBe(addDays(windows[i - 1]!.end, 1));
    }
  });

  test.each([
    ['one day', '2026-04-04', '2026-04-04', 366, [{ start: '2026-04-04', end: '2026-04-04' }]],
    ['exactly 366 days', '2025-01-01', '2026-01-01', 366, [{ start: '2025-01-01', end: '2026-01-01' }]],
    ['a leap-year February in weeks', '2028-02-20', '2028-03-06', 7, [
      { start: '2028-02-20', end: '2028-02-26' },
      { start: '2028-02-27', end: '2028-03-04' },
      { start: '2028-03-05', end: '2028-03-06' },
    ]],
    ['an empty range', '2026-04-05', '2026-04-04', 366, []],
  ])('given %s when planned then the windows are as expected', (_, start, end, maxDays, expected) => {
    expect(planWindows(start, end, maxDays)).toEqual(expected);
  });

  test.each([
    ['2026-02-30', '2026-03-01', 366],
    ['2026-01-01', '2026-01-10', 0],
  ])('given %s..%s by %i days when planned then it throws', (start, end, maxDays) => {
    expect(() => planWindows(start, end, maxDays)).toThrow(RangeError);
  });
});
