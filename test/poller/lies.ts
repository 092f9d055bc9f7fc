// Answers that parse but lie, for the re-read after NEXT completes, shared by the pipeline and sync tests.
import { addDays } from '../../src/domain/calendar.js';
import type { Lie } from '../fakes/openrouter.js';
import { days, setDay } from '../domain/history-builder.js';

export const FIRST = '2026-01-01';
export const LAST = '2026-02-09';
export const NEXT = addDays(LAST, 1);
/** The re-read after NEXT completes: completeThrough (LAST) minus RESYNC_DAYS 3, through NEXT. */
export const ASKED = `${addDays(LAST, -3)}..${NEXT}`;
// Beta leads the last two stored days and NEXT (a streak that a dropped day would restart); gamma passes 250B on NEXT.
export const base = days(FIRST, 40, (i) => (i < 38 ? { 'a/alpha': 500e9, 'b/beta': 300e9, 'c/gamma': 100e9, other: 50e9 } : { 'a/alpha': 400e9, 'b/beta': 550e9, 'c/gamma': 100e9, other: 50e9 }));
export const nextDay = setDay(base, NEXT, { 'a/alpha': 380e9, 'b/beta': 600e9, 'c/gamma': 250e9, other: 50e9 });

/** `text` matched literally. */
const re = (text: string) => new RegExp(text.replace(/[.()^$|?*+[\]{}\\/]/g, '\\$&'));
const DROPPED = addDays(LAST, -1);

/** [what the lie is, the rewrite, the SourceError kind, what its message must say]. */
export const LIES: [string, Lie, string, RegExp][] = [
  ['a window reaching back to 2025-01-01', (b) => ({ ...b, meta: { ...b.meta, start_date: '2025-01-01' } }), 'malformed', re(`OpenRouter answered window 2025-01-01..${NEXT} for ${ASKED}`)],
  ['an empty re-read', (b) => ({ ...b, data: [] }), 'contradicts_history', re(`OpenRouter answered no rows for ${ASKED}, where the store holds 4 day(s)`)],
  ['a stored day missing', (b) => ({ ...b, data: b.data.filter((r) => r.date !== DROPPED) }), 'contradicts_history', re(`OpenRouter answered no rows for ${DROPPED} in ${ASKED}, which the store holds (4 rows)`)],
  ['rows outside the window', (b) => ({ ...b, data: [...b.data.slice(0, 4).map((r) => ({ ...r, date: FIRST })), ...b.data] }), 'malformed', re(`OpenRouter sent a row for ${FIRST} (a/alpha), outside the window ${ASKED}`)],
  ['an end_date in the future', (b) => ({ ...b, meta: { ...b.meta, end_date: '2030-01-01' } }), 'malformed', re(`OpenRouter answered through 2030-01-01, after the ${NEXT} asked for`)],
  ['an as_of in the future', (b) => ({ ...b, meta: { ...b.meta, as_of: '2030-01-01T00:00:00.000Z' } }), 'malformed', re('OpenRouter says its figures are as of 2030-01-01T00:00:00.000Z, in the future')],
  ['an as_of 11 minutes ahead of our clock', (b) => ({ ...b, meta: { ...b.meta, as_of: `${addDays(NEXT, 1)}T12:11:00.000Z` } }), 'malformed', re('in the future by our clock')],
  ['10^30 tokens in a row', (b) => ({ ...b, data: b.data.map((r, i) => (i === 0 ? { ...r, total_tokens: `1${'0'.repeat(30)}` } : r)) }), 'malformed', re(`OpenRouter sent 1${'0'.repeat(30)} tokens for a/alpha on ${addDays(LAST, -3)}, past the plausible`)],
  ['a duplicated (date, model) row', (b) => ({ ...b, data: [...b.data, b.data[1]!] }), 'malformed', re(`duplicates (${addDays(LAST, -3)}, b/beta)`)],
];
