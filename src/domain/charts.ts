import { addDays, calendarMonth, dayFromNumber, dayNumber, isoWeek } from './calendar.js';
import type { DayData, History } from './history.js';
import { BUNDLED_LABS, labOf, type LabTable } from './labs.js';
import { BigintSums } from './bigint-sums.js';
import { fitsInDoubles, NumberSums, type PeriodSums } from './period-sums.js';

export { rank } from './bigint-sums.js';

/** The charts, in the order their events come out within a day: four of models, then three of labs. */
export const CHART_NAMES = ['daily', 'weekly', 'monthly', 'trending', 'labs_daily', 'labs_weekly', 'labs_monthly'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** The lab charts, each the twin of a model chart with the same periods and completeness rules. */
export const LAB_CHARTS = ['labs_daily', 'labs_weekly', 'labs_monthly'] as const;
export type LabChartName = (typeof LAB_CHARTS)[number];

export const isLabChart = (chart: ChartName): chart is LabChartName => chart.startsWith('labs_');

export interface ChartEntry {
  /** The model permaslug; on a lab chart, the lab. */
  readonly model: string;
  /** The ranking value, exact. For `trending` it is 3x the spec's value, to stay in integers. */
  readonly value: bigint;
  readonly rank: number;
}

/** One period of one chart, ranked. */
export interface Chart {
  readonly chart: ChartName;
  /** `2026-04-03`, `2026-W14`, `2026-04`, or the trending day. */
  readonly period: string;
  /** The day the period completes (weekly: the Sunday; monthly: the last day). */
  readonly day: string;
  /** First and last day the period covers. */
  readonly from: string;
  readonly to: string;
  /** A sequence number: consecutive periods have consecutive indexes. */
  readonly index: number;
  /** Divide `value` by this to get tokens (3 for trending, else 1). */
  readonly scale: bigint;
  readonly entries: readonly ChartEntry[];
  /** Lab charts: the period's platform total (all rows, `other` included), for shares. */
  readonly platform?: bigint;
}

/** Tokens shown to people for an entry (trending's value is kept tripled). */
export function entryTokens(chart: Pick<Chart, 'scale'>, value: bigint): bigint {
  return chart.scale === 1n ? value : (value + chart.scale / 2n) / chart.scale;
}

/**
 * The charts that complete on each day of history, in chart order. Incremental: linear in rows.
 * `labs` says which lab each model belongs to, for the three lab charts. `exact` adds in bigints
 * (any size) rather than doubles (exact up to 2^53): the default picks doubles when they hold
 * every sum of this history (period-sums.ts).
 */
export function* walkCharts(
  history: History,
  labs: LabTable = BUNDLED_LABS,
  exact: boolean = !fitsInDoubles(history),
): Generator<{ day: string; data: DayData | undefined; charts: Chart[] }> {
  if (history.first === null || history.completeThrough === null) return;
  const first = history.first;
  const firstN = dayNumber(first);
  const labCache = new Map<string, string>();
  const labOfModel = (slug: string) => {
    let lab = labCache.get(slug);
    if (lab === undefined) labCache.set(slug, (lab = labOf(slug, labs)));
    return lab;
  };
  const sums: PeriodSums = exact ? new BigintSums(labOfModel) : new NumberSums(labOfModel);
  for (let n = firstN, end = dayNumber(history.completeThrough); n <= end; n++) {
    const day = dayFromNumber(n);
    const data = history.days.get(day);
    const weekday = (n + 3) % 7; // Monday = 0: 1970-01-01 was a Thursday
    sums.advance(data, weekday === 0, day.endsWith('-01'));
    const charts: Chart[] = [];
    const lab: Chart[] = [];
    if (data && data.models.size > 0) {
      charts.push({ chart: 'daily', period: day, day, from: day, to: day, index: n, scale: 1n, entries: sums.day() });
      lab.push({ chart: 'labs_daily', period: day, day, from: day, to: day, index: n, scale: 1n, entries: sums.labDay(), platform: data.platform });
    }
    const w = weekday === 6 ? isoWeek(day) : undefined;
    if (w && w.monday >= first && sums.weekHasModels) {
      const index = (dayNumber(w.monday) - 4) / 7;
      charts.push({ chart: 'weekly', period: w.key, day, from: w.monday, to: day, index, scale: 1n, entries: sums.week() });
      lab.push({ chart: 'labs_weekly', period: w.key, day, from: w.monday, to: day, index, scale: 1n, entries: sums.labWeek(), platform: sums.weekPlatform });
    }
    const m = calendarMonth(day);
    if (day === m.last && m.first >= first && sums.monthHasModels) {
      const index = +day.slice(0, 4) * 12 + +day.slice(5, 7);
      charts.push({ chart: 'monthly', period: m.key, day, from: m.first, to: day, index, scale: 1n, entries: sums.month() });
      lab.push({ chart: 'labs_monthly', period: m.key, day, from: m.first, to: day, index, scale: 1n, entries: sums.labMonth(), platform: sums.monthPlatform });
    }
    if (data && n - firstN >= 27) {
      const entries = sums.trending();
      if (entries.length > 0) charts.push({ chart: 'trending', period: day, day, from: addDays(day, -6), to: day, index: n, scale: 3n, entries });
    }
    charts.push(...lab);
    yield { day, data, charts };
  }
}

/** Each chart's name as a title starts it ("Weekly chart", "Daily lab chart"). */
export const CHART_LABELS: Record<ChartName, string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  trending: 'Trending',
  labs_daily: 'Daily lab',
  labs_weekly: 'Weekly lab',
  labs_monthly: 'Monthly lab',
};
