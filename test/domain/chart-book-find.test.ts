import { describe, expect, test } from 'vitest';
import { daysBetween } from '../../src/domain/calendar.js';
import { ChartBook } from '../../src/domain/chart-book.js';
import { D, days, gap, history } from './history-builder.js';

/** 80 days of two models, trending from day 27 on; day 50 has no data at all. */
const rows = gap(days(D(0), 80, (i) => ({ a: 100 + 20 * i, b: 300 - 2 * i })), D(50));
const book = ChartBook.from(history(rows));

describe('ChartBook.find on trending, whose 7-day windows overlap', () => {
  test('given any day with a trending chart, then find answers with the window ending that day', () => {
    const charted = book.list('trending').map((c) => c.day);
    expect(charted).toHaveLength(80 - 27 - 1);
    for (const day of charted) expect(book.find('trending', day)?.period).toBe(day);
  });

  test.each([
    { given: 'the first day of the first window', day: D(21), then: D(27) },
    { given: 'a day before every window', day: D(20), then: undefined },
    { given: 'the day before the first trending chart', day: D(26), then: D(27) },
    { given: 'the first trending day', day: D(27), then: D(27) },
    { given: 'a day without data', day: D(50), then: D(51) },
    { given: 'the last day', day: D(79), then: D(79) },
    { given: 'a day after history (not complete)', day: D(80), then: undefined },
  ])('given $given, then the chart is $then', ({ day, then }) => {
    expect(book.find('trending', day)?.period).toBe(then);
  });

  test('given every day the trending charts cover, then each one finds a chart whose window holds it', () => {
    const list = book.list('trending');
    for (const day of daysBetween(list[0].from, list.at(-1)!.to)) {
      const c = book.find('trending', day)!;
      expect(c.from <= day && day <= c.to).toBe(true);
    }
  });

  test('given daily and weekly charts, then find still answers the period covering the day', () => {
    expect(book.find('daily', D(10))?.period).toBe(D(10));
    expect(book.find('daily', D(50))).toBeUndefined();
    expect(book.find('weekly', D(10))?.period).toBe('2026-W11');
  });
});
