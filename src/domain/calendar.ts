/** UTC calendar arithmetic on `YYYY-MM-DD` days. Days are plain strings everywhere; numbers only inside. */

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar day (`2026-02-30` is not: no roll-over). */
export function isDay(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Days since 1970-01-01. */
export function dayNumber(day: string): number {
  return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY_MS;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The day `n` days after 1970-01-01, by integer arithmetic (H. Hinnant's civil_from_days):
 * several times faster than a Date and toISOString, and walks call it for every day. Years
 * outside 0..9999 (written ±YYYYYY) go through Date as before.
 */
export function dayFromNumber(n: number): string {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (!Number.isInteger(n) || y < 0 || y > 9999) return new Date(n * DAY_MS).toISOString().slice(0, 10);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

export function addDays(day: string, n: number): string {
  return dayFromNumber(dayNumber(day) + n);
}

/** The UTC day of an instant. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(day: string): number {
  return (dayNumber(day) + 3) % 7; // 1970-01-01 was a Thursday
}

/** ISO week key (`2026-W14`) with its Monday and Sunday. */
export function isoWeek(day: string): { key: string; monday: string; sunday: string } {
  const n = dayNumber(day);
  const monday = n - weekdayIndex(day);
  const thursday = dayFromNumber(monday + 3);
  const year = +thursday.slice(0, 4);
  const jan4 = dayNumber(`${year}-01-04`);
  const week1Monday = jan4 - weekdayIndex(`${year}-01-04`);
  const week = Math.floor((monday - week1Monday) / 7) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, monday: dayFromNumber(monday), sunday: dayFromNumber(monday + 6) };
}

/** Calendar month key (`2026-04`) with its first and last day. */
export function calendarMonth(day: string): { key: string; first: string; last: string } {
  const y = +day.slice(0, 4);
  const m = +day.slice(5, 7);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { key: day.slice(0, 7), first: `${day.slice(0, 7)}-01`, last };
}

/** Every day from `from` to `to`, both inclusive. */
export function* daysBetween(from: string, to: string): Generator<string> {
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++) yield dayFromNumber(n);
}
