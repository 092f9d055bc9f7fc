import { describe, expect, test } from 'vitest';
import { dayFromNumber, dayNumber } from '../../src/domain/calendar.js';

const byDate = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

describe('dayFromNumber (integer arithmetic) agrees with Date', () => {
  test('every day from 1899-01-01 to 2101-12-31 (1900 and 2100 are not leap years, 2000 is)', () => {
    const bad: number[] = [];
    for (let n = dayNumber('1899-01-01'); n <= dayNumber('2101-12-31'); n++) if (dayFromNumber(n) !== byDate(n)) bad.push(n);
    expect(bad).toEqual([]);
  });

  test.each([
    ['1970-01-01', 0],
    ['2000-02-29', dayNumber('2000-02-29')],
    ['1600-02-29', dayNumber('1600-02-29')],
    ['1700-03-01', dayNumber('1700-02-28') + 1],
    ['2400-02-29', dayNumber('2400-02-28') + 1],
    ['2100-03-01', dayNumber('2100-02-28') + 1],
    ['0000-01-01', dayNumber('2000-01-01') - 730_485],
    ['9999-12-31', dayNumber('9999-12-31')],
  ])('%s', (day, n) => expect(dayFromNumber(n)).toBe(day));

  test('beyond year 9999 and before year 0 it writes what Date writes', () => {
    for (const n of [dayNumber('9999-12-31') + 1, -719_529, -800_000, 3_000_000]) expect(dayFromNumber(n)).toBe(byDate(n));
  });
});
