import { dayFromNumber, dayNumber, isDay } from '../domain/calendar.js';
import { MAX_WINDOW_DAYS } from './source.js';

/**
 * Splits `start`..`end` (UTC days, inclusive) into consecutive windows of at most `maxDays` days,
 * because one rankings-daily request may span at most 366 days (a backfill from 2025-01-01 needs
 * several). An empty range (`start` after `end`) gives no windows.
 */
export function planWindows(start: string, end: string, maxDays = MAX_WINDOW_DAYS): { start: string; end: string }[] {
  if (!isDay(start) || !isDay(end)) throw new RangeError(`planWindows wants real UTC days, got ${start}..${end}`);
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError(`planWindows wants a whole number of days >= 1, got ${maxDays}`);
  const windows: { start: string; end: string }[] = [];
  const last = dayNumber(end);
  for (let first = dayNumber(start); first <= last; first += maxDays) {
    windows.push({ start: dayFromNumber(first), end: dayFromNumber(Math.min(first + maxDays - 1, last)) });
  }
  return windows;
}
