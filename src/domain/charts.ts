import { calendarMonth, dayNumber, daysBetween, isoWeek, weekdayIndex } from './calendar.js';
import type { DayData, History } from './history.js';
import { TrendingWindows } from './trending.js';

/** The four charts, in the order their events come out within a day. */
export const CHART_NAMES = ['daily', 'weekly', 'monthly', 'trending'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

export interface ChartEntry {
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
}

/** Ranks by value descending; ties go to the permaslug that sorts first in plain code-unit order. */
export function rank(values: ReadonlyMap<string, bigint>, keep: (v: bigint) => boolean = () => true): ChartEntry[] {
  const list: { model: string; value: bigint }[] = [];
  for (const [model, value] of values) if (keep(value)) list.push({ model, value });
  list.sort((a, b) => (a.value === b.value ? (a.model < b.model ? -1 : 1) : a.value > b.value ? -1 : 1));
  return list.map((e, i) => ({ model: e.model, value: e.value, rank: i + 1 }));
}

/** Tokens shown to people for an entry (trending's value is kept tripled). */
export function entryTokens(chart: Pick<Chart, 'scale'>, value: bigint): bigint {
  return chart.scale === 1n ? value : (value + chart.scale / 2n) / chart.scale;
}

function addInto(target: Map<string, bigint>, day: DayData): void {
  for (const [model, tokens] of day.models) target.set(model, (target.get(model) ?? 0n) + tokens);
}

/** The charts that complete on each day of history, in chart order. Incremental: linear in rows. */
export function* walkCharts(history: History): Generator<{ day: string; data: DayData | undefined; charts: Chart[] }> {
  if (history.first === null || history.completeThrough === null) return;
  const first = history.first;
  const firstN = dayNumber(first);
  let week = new Map<string, bigint>();
  let month = new Map<string, bigint>();
  const trending = new TrendingWindows();
  for (const day of daysBetween(first, history.completeThrough)) {
    const data = history.days.get(day);
    const n = dayNumber(day);
    if (weekdayIndex(day) === 0) week = new Map();
    if (day.endsWith('-01')) month = new Map();
    if (data) addInto(week, data), addInto(month, data);
    trending.advance(data);
    const charts: Chart[] = [];
    if (data && data.models.size > 0) {
      charts.push({ chart: 'daily', period: day, day, from: day, to: day, index: n, scale: 1n, entries: rank(data.models) });
    }
    const w = isoWeek(day);
    if (day === w.sunday && w.monday >= first && week.size > 0) {
      charts.push({ chart: 'weekly', period: w.key, day, from: w.monday, to: day, index: (dayNumber(w.monday) - 4) / 7, scale: 1n, entries: rank(week) });
    }
    const m = calendarMonth(day);
    if (day === m.last && m.first >= first && month.size > 0) {
      const index = +day.slice(0, 4) * 12 + +day.slice(5, 7);
      charts.push({ chart: 'monthly', period: m.key, day, from: m.first, to: day, index, scale: 1n, entries: rank(month) });
    }
    if (data && n - firstN >= 27) {
      const entries = rank(trending.values(), (v) => v > 0n);
      if (entries.length > 0) {
        charts.push({ chart: 'trending', period: day, day, from: trending.windowStart(day), to: day, index: n, scale: 3n, entries });
      }
    }
    yield { day, data, charts };
  }
}
