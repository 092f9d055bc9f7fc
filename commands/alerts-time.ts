import { isTimeZone, type ChannelPrefs } from '../src/store/channel-prefs.js';
import { nextLocalTime, wallClock } from '../src/schedule/local-time.js';
import { UserError } from './command.js';

/**
 * `europe/paris` → `Europe/Paris`: an IANA name as the zone list spells it, else as typed (ICU
 * would turn `Asia/Kolkata` into its old alias `Asia/Calcutta`, which people do not write);
 * anything Intl does not know is refused by name.
 */
export function timeZoneOption(given: string | undefined, fallback: string): string {
  if (given === undefined) return fallback;
  if (!isTimeZone(given)) throw new UserError('bad_option', `Unknown time zone "${given}": want an IANA name such as UTC, Europe/Paris or America/New_York.`);
  const same = (name: string) => name.toLowerCase() === given.toLowerCase();
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: given }).resolvedOptions().timeZone;
  return same(resolved) ? resolved : (Intl.supportedValuesOf('timeZone').find(same) ?? given);
}

/** `9:00` or `09:00` → `09:00`; anything else is refused by name. */
export function clockOption(given: string, what: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(given.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new UserError('bad_option', `"${given}" is not ${what}: want HH:MM on a 24-hour clock, e.g. 09:00.`);
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** The channel's time zone: the one its digest or quiet hours already use, else UTC. */
export function channelTimeZone(prefs: ChannelPrefs | undefined): string {
  return prefs?.digest?.timeZone ?? prefs?.quiet?.timeZone ?? 'UTC';
}

/** `2026-12-03 09:00 (Europe/Paris)`: an instant as the channel's clock shows it. */
export function localStamp(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const hh = String(Math.floor(w.minutes / 60)).padStart(2, '0');
  const mm = String(w.minutes % 60).padStart(2, '0');
  return `${w.day} ${hh}:${mm} (${timeZone})`;
}

/** The next time a clock time comes round in a time zone, as the channel reads it. */
export function nextStamp(now: Date, time: string, timeZone: string, weekday?: number): string {
  return localStamp(nextLocalTime(now, time, timeZone, weekday), timeZone);
}

/** A loose word of typed text: which option its shape says it is. */
export const shapeOf = (v: unknown): 'time' | 'range' | 'name' | 'other' | null =>
  typeof v !== 'string' ? null : /^\d{1,2}:\d{2}$/.test(v) ? 'time' : /^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/.test(v) ? 'range' : /^[a-z]/i.test(v) ? 'name' : 'other';
