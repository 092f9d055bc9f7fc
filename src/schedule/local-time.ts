import { addDays, weekdayIndex } from '../domain/calendar.js';

/**
 * Wall-clock time in an IANA time zone, computed with Intl only (no tz database of our own).
 * A wall time that does not exist (the spring-forward gap, e.g. 02:30 in New York on 2026-03-08)
 * moves forward by the gap (03:30); one that happens twice (fall back) means its first occurrence.
 */

/** Weekly digests go out on Mondays (ISO weekday 1): the week before (Monday to Sunday, UTC) is then complete. */
export const WEEKLY_DIGEST_WEEKDAY = 1;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, f);
  }
  return f;
}

/** The local day (`YYYY-MM-DD`) and minutes since local midnight of an instant. */
export function wallClock(instant: Date | number, timeZone: string): { day: string; minutes: number } {
  const p = Object.fromEntries(formatFor(timeZone).formatToParts(instant).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** `09:30` → 570. */
export function clockMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Offset of the zone from UTC at an instant, in ms (New York in winter: -5 h). */
function offsetAt(ms: number, timeZone: string): number {
  const p = Object.fromEntries(formatFor(timeZone).formatToParts(ms).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows `day` at `minutes` (see the module note for gaps and overlaps). */
export function localInstant(day: string, minutes: number, timeZone: string): Date {
  const guess = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  const before = offsetAt(guess - 12 * 3600_000, timeZone);
  const after = offsetAt(guess + 12 * 3600_000, timeZone);
  const candidates = [guess - before, guess - after].filter((t) => {
    const w = wallClock(t, timeZone);
    return w.day === day && w.minutes === minutes;
  });
  // No candidate: the wall time falls in a gap; the offset from before the gap lands just past it.
  return new Date(candidates.length ? Math.min(...candidates) : guess - before);
}

/**
 * The first instant strictly after `after` at which the local clock shows `time`, on ISO weekday
 * `weekday` (1 = Monday … 7 = Sunday) when given.
 */
export function nextLocalTime(after: Date, time: string, timeZone: string, weekday?: number): Date {
  const minutes = clockMinutes(time);
  const today = wallClock(after, timeZone).day;
  for (let i = -1; i <= 8; i++) {
    const day = addDays(today, i);
    if (weekday !== undefined && weekdayIndex(day) + 1 !== weekday) continue;
    const at = localInstant(day, minutes, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`no ${time} in ${timeZone} after ${after.toISOString()}`);
}

/**
 * The quiet window (`from`-`to`, local; may cross midnight) that holds `now`, as instants, or
 * null when `now` is outside it. The window starts at `from` and ends (exclusive) at `to`.
 */
export function quietWindowAt(now: Date, q: { from: string; to: string; timeZone: string }): { start: Date; end: Date } | null {
  const from = clockMinutes(q.from);
  const to = clockMinutes(q.to);
  if (from === to) return null;
  const today = wallClock(now, q.timeZone).day;
  for (const startDay of [addDays(today, -1), today]) {
    const start = localInstant(startDay, from, q.timeZone);
    const end = localInstant(from < to ? startDay : addDays(startDay, 1), to, q.timeZone);
    if (start.getTime() <= now.getTime() && now.getTime() < end.getTime()) return { start, end };
  }
  return null;
}
