import { calendarMonth, dayNumber, daysBetween, isoWeek, weekdayIndex } from './calendar.js';
import type { DayData, History } from './history.js';
import { BUNDLED_LABS, labOf, type LabTable } from './labs.js';
import { TrendingWindows } from './trending.js';

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

/** Ranks by value descending; ties go to the permaslug that sorts first in plain code-unit order. */
export function rank(values: ReadonlyMap<string, bigint>, keep?: (v: bigint) => boolean): ChartEntry[] {
  // Sorted on each value as a double first (cheap to compare; Number() never reverses an order,
  // so unequal doubles order the values exactly), on the values themselves only when the doubles tie.
  const list: { model: string; value: bigint; key: number }[] = [];
  for (const [model, value] of values) if (!keep || keep(value)) list.push({ model, value, key: Number(value) });
  list.sort((a, b) => b.key - a.key || (a.value === b.value ? (a.model < b.model ? -1 : 1) : a.value > b.value ? -1 : 1));
  return list.map((e, i) => ({ model: e.model, value: e.value, rank: i + 1 }));
}

/** Tokens shown to people for an entry (trending's value is kept tripled). */
export function entryTokens(chart: Pick<Chart, 'scale'>, value: bigint): bigint {
  return chart.scale === 1n ? value : (value + chart.scale / 2n) / chart.scale;
}

function addInto(target: Map<string, bigint>, models: ReadonlyMap<string, bigint>): void {
  for (const [model, tokens] of models) target.set(model, (target.get(model) ?? 0n) + tokens);
}

/** A period's running sums: one value per subject, and the platform total. */
class Sums {
  values = new Map<string, bigint>();
  platform = 0n;
  add(models: ReadonlyMap<string, bigint>, platform: bigint): void {
    addInto(this.values, models);
    this.platform += platform;
  }
}

/** Each model's day folded into its lab (`other` is never in `models`, so never in a lab). */
function labDay(data: DayData, labOfModel: (slug: string) => string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [model, tokens] of data.models) {
    const lab = labOfModel(model);
    out.set(lab, (out.get(lab) ?? 0n) + tokens);
  }
  return out;
}

/**
 * The charts that complete on each day of history, in chart order. Incremental: linear in rows.
 * `labs` says which lab each model belongs to, for the three lab charts.
 */
export function* walkCharts(history: History, labs: LabTable = BUNDLED_LABS): Generator<{ day: string; data: DayData | undefined; charts: Chart[] }> {
  if (history.first === null || history.completeThrough === null) return;
  const first = history.first;
  const firstN = dayNumber(first);
  const labCache = new Map<string, string>();
  const labOfModel = (slug: string) => {
    let lab = labCache.get(slug);
    if (lab === undefined) labCache.set(slug, (lab = labOf(slug, labs)));
    return lab;
  };
  let week = new Sums();
  let month = new Sums();
  let labWeek = new Sums();
  let labMonth = new Sums();
  const trending = new TrendingWindows();
  for (const day of daysBetween(first, history.completeThrough)) {
    const data = history.days.get(day);
    const n = dayNumber(day);
    const weekday = weekdayIndex(day);
    if (weekday === 0) (week = new Sums()), (labWeek = new Sums());
    if (day.endsWith('-01')) (month = new Sums()), (labMonth = new Sums());
    const labsToday = data ? labDay(data, labOfModel) : undefined;
    if (data) {
      week.add(data.models, data.platform), month.add(data.models, data.platform);
      labWeek.add(labsToday!, data.platform), labMonth.add(labsToday!, data.platform);
    }
    trending.advance(data);
    const charts: Chart[] = [];
    const lab: Chart[] = [];
    if (data && data.models.size > 0) {
      charts.push({ chart: 'daily', period: day, day, from: day, to: day, index: n, scale: 1n, entries: rank(data.models) });
      lab.push({ chart: 'labs_daily', period: day, day, from: day, to: day, index: n, scale: 1n, entries: rank(labsToday!), platform: data.platform });
    }
    const w = weekday === 6 ? isoWeek(day) : undefined;
    if (w && w.monday >= first && week.values.size > 0) {
      const index = (dayNumber(w.monday) - 4) / 7;
      charts.push({ chart: 'weekly', period: w.key, day, from: w.monday, to: day, index, scale: 1n, entries: rank(week.values) });
      lab.push({ chart: 'labs_weekly', period: w.key, day, from: w.monday, to: day, index, scale: 1n, entries: rank(labWeek.values), platform: labWeek.platform });
    }
    const m = calendarMonth(day);
    if (day === m.last && m.first >= first && month.values.size > 0) {
      const index = +day.slice(0, 4) * 12 + +day.slice(5, 7);
      charts.push({ chart: 'monthly', period: m.key, day, from: m.first, to: day, index, scale: 1n, entries: rank(month.values) });
      lab.push({ chart: 'labs_monthly', period: m.key, day, from: m.first, to: day, index, scale: 1n, entries: rank(labMonth.values), platform: labMonth.platform });
    }
    if (data && n - firstN >= 27) {
      const entries = rank(trending.values(), (v) => v > 0n);
      if (entries.length > 0) {
        charts.push({ chart: 'trending', period: day, day, from: trending.windowStart(day), to: day, index: n, scale: 3n, entries });
      }
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
