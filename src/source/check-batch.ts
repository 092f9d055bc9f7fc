// An answer can parse and still lie: about its window, its days, its figures or its time. Each check
// here refuses the answer whole, before anything is stored, so a lying answer can never erase history.
// All are pure: the request, the answer, and (where needed) our clock or the days the store holds.
import { addDays, dayOf } from '../domain/calendar.js';
import { DATA_START, SourceError, type RankingsBatch } from './source.js';

/**
 * Past belief for one model (or `other`) on one day: the record is ~1.6*10^12 tokens and the whole
 * platform does ~4*10^12 a day, so 10^16 is 2,500 times a whole day today. It sits just above 2^53
 * on purpose: figures past a JS number's exact range stay legal, as the spec's 64-bit strings allow.
 */
export const MAX_TOKENS_PER_ROW = 10n ** 16n;
/** How far `as_of` may run ahead of our clock: two machines' clocks are never quite in step. */
export const CLOCK_TOLERANCE_MS = 10 * 60_000;

export interface DayWindow {
  readonly start: string;
  readonly end: string;
}

/** The window OpenRouter answers for `asked`: a start before the data begins is clamped forward (spec). */
export function answeredWindow(asked: DayWindow): DayWindow {
  return { start: asked.start < DATA_START ? DATA_START : asked.start, end: asked.end };
}

/**
 * What needs only the request and the answer: meta names the window asked for (or its documented
 * clamping), every row lies inside it, and no figure is past belief. Duplicate (date, model) rows
 * are already refused by `parseRows`. `from` names the origin in the message.
 */
export function checkBatch(batch: RankingsBatch, asked: DayWindow, from: string): RankingsBatch {
  const want = answeredWindow(asked);
  const { startDate, endDate } = batch.meta;
  if (endDate > want.end) throw malformed(`${from} answered through ${endDate}, after the ${want.end} asked for (window ${startDate}..${endDate} for ${asked.start}..${asked.end})`);
  if (startDate !== want.start || endDate !== want.end) throw malformed(`${from} answered window ${startDate}..${endDate} for ${asked.start}..${asked.end}`);
  for (const r of batch.rows) {
    if (r.date < startDate || r.date > endDate) throw malformed(`${from} sent a row for ${r.date} (${r.model}), outside the window ${startDate}..${endDate} it answered`);
    if (r.tokens > MAX_TOKENS_PER_ROW) throw malformed(`${from} sent ${r.tokens} tokens for ${r.model} on ${r.date}, past the plausible ${MAX_TOKENS_PER_ROW} a day`);
  }
  return batch;
}

/**
 * What needs our clock: figures cannot be read in the future (beyond the tolerance), and no day
 * after the last finished UTC day can be final. A future `as_of` would skip the settle wait.
 */
export function checkFresh(batch: RankingsBatch, now: Date, from: string): void {
  const lastFinished = addDays(dayOf(now), -1);
  const { endDate, asOf } = batch.meta;
  if (endDate > lastFinished) throw malformed(`${from} answered through ${endDate}, after the last finished UTC day ${lastFinished} by our clock (${now.toISOString()})`);
  if (Date.parse(asOf) > now.getTime() + CLOCK_TOLERANCE_MS) {
    throw malformed(`${from} says its figures are as of ${asOf}, in the future by our clock (${now.toISOString()}, ${CLOCK_TOLERANCE_MS / 60_000} min tolerance)`);
  }
}

/**
 * A re-read may restate a stored day but never drop one: a day the store holds rows for and the
 * answer has none for is kept, and the answer refused. `held` maps each stored day in `window` to
 * its row count.
 */
export function checkKeepsHistory(window: DayWindow, rows: RankingsBatch['rows'], held: ReadonlyMap<string, number>, from: string): void {
  if (held.size === 0) return;
  const answered = new Set(rows.map((r) => r.date));
  const missing = [...held.keys()].filter((day) => !answered.has(day)).sort();
  if (missing.length === 0) return;
  const stored = [...held.keys()].sort();
  const storedRows = missing.reduce((n, day) => n + held.get(day)!, 0);
  if (rows.length === 0) {
    throw contradicts(`${from} answered no rows for ${window.start}..${window.end}, where the store holds ${held.size} day(s) (${stored[0]}..${stored.at(-1)}); keeping the stored history`);
  }
  throw contradicts(`${from} answered no rows for ${listDays(missing)} in ${window.start}..${window.end}, which the store holds (${storedRows} rows); keeping the stored history`);
}

const listDays = (days: string[]) => (days.length <= 3 ? days.join(', ') : `${days.slice(0, 3).join(', ')} and ${days.length - 3} more day(s)`);
const malformed = (message: string) => new SourceError('malformed', message);
const contradicts = (message: string) => new SourceError('contradicts_history', message);
