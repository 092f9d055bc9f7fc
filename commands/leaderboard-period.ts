import { isDay } from '../src/domain/calendar.js';
import { CHART_LABELS as CAPITAL, CHART_NAMES, type Chart, type ChartName } from '../src/domain/charts.js';
import { pickChart } from '../src/domain/leaderboard.js';
import { UserError } from './command.js';
import type { LoadedView } from './guards.js';

/** What a typed period looks like: a UTC day, a month (`2026-04`) or an ISO week (`2026-W14`). */
export type PeriodShape = 'date' | 'month' | 'week';

export function periodShape(value: unknown): PeriodShape | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return 'month';
  if (/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/i.test(value)) return 'week';
  return null;
}

/** The charts a month or a week names directly (its period key). */
const KEYED: Record<'month' | 'week', readonly ChartName[]> = { month: ['monthly', 'labs_monthly'], week: ['weekly', 'labs_weekly'] };

/** The range a chart's periods cover, for error messages. Trending has one chart per day (the 7 days to it). */
export function chartRange(view: LoadedView, name: ChartName): string {
  const list = view.book.list(name);
  if (list.length === 0) return `There is no complete ${name} chart yet.`;
  if (name === 'trending') return `Trending charts cover ${list[0].from} to ${list.at(-1)!.to} (UTC), one a day: the 7 days to it.`;
  return `${CAPITAL[name]} charts cover ${list[0].from} to ${list.at(-1)!.to} (UTC).`;
}

const FORMS = 'a UTC day like 2026-04-04, a month like 2026-04 (monthly charts) or a week like 2026-W14 (weekly charts)';

/**
 * The chart a person asked for: the period covering `date` (a day, or a month or week key for the
 * charts keyed by it), or the latest. Trending answers for any day its windows cover (see ChartBook.find).
 */
export function findChart(view: LoadedView, name: ChartName, date: string | undefined): Chart {
  const shape = periodShape(date);
  if (date !== undefined && shape === null) {
    const word = /^[a-z_]+$/i.test(date) ? `"${date}" is neither a chart nor a date. Charts: ${CHART_NAMES.join(', ')}.` : `"${date}" is not a period.`;
    throw new UserError('bad_option', `${word} A date is ${FORMS}.`);
  }
  if (shape === 'date' && !isDay(date)) throw new UserError('bad_option', `"${date}" is not a UTC day like 2026-04-04. ${chartRange(view, name)}`);
  if ((shape === 'month' || shape === 'week') && !KEYED[shape].includes(name)) {
    const fit = shape === 'month' ? 'monthly' : 'weekly';
    throw new UserError('bad_option', `"${date}" is a ${shape}; the ${name} chart takes a UTC day like 2026-04-04. Try /leaderboard ${fit} ${date}.`);
  }
  const chart = shape === 'month' || shape === 'week' ? view.book.list(name).find((c) => c.period === date!.toUpperCase()) : pickChart(view.book, name, date);
  if (chart) return chart;
  const what = date ? `No complete ${name} chart covers ${date}.` : '';
  throw new UserError('no_data', `${what} ${chartRange(view, name)}`.trim());
}
