import { CHART_NAMES, walkCharts, type Chart } from '../charts.js';
import type { ChartEvent } from '../events.js';
import type { History } from '../history.js';
import { DEFAULT_DETECT_OPTIONS, type DetectOptions } from './options.js';
import { RULES } from './rules.js';
import { DetectionState } from './state.js';

/** The rules of each chart, in RULES order. */
const RULES_OF = new Map(CHART_NAMES.map((name) => [name, RULES.filter((rule) => rule.charts.includes(name))]));

const bySubject = (a: ChartEvent, b: ChartEvent) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0);

/**
 * Every chart event in history, per ../shared/spec/events.md and stories.md: pure and
 * deterministic. Events come out by day, then chart (CHART_NAMES order), then type (EVENT_TYPES
 * order), then subject. `onCharts` sees each day's charts as the walk makes them (ChartBook.withEvents
 * builds the book from the same walk).
 */
export function detect(history: History, options: DetectOptions = DEFAULT_DETECT_OPTIONS, onCharts?: (charts: readonly Chart[]) => void): ChartEvent[] {
  if (history.first === null) return [];
  const state = new DetectionState(history.first, options.labs);
  const out: ChartEvent[] = [];
  for (const { day, data, charts } of walkCharts(history, options.labs)) {
    onCharts?.(charts);
    state.beginDay(day, data);
    for (const chart of charts) {
      const ctx = state.context(chart, data?.platform ?? 0n, options);
      for (const rule of RULES_OF.get(chart.chart)!) {
        const found = rule.detect(ctx);
        if (found.length > 0) out.push(...found.sort(bySubject));
      }
      state.afterChart(ctx);
    }
    state.endDay();
    // A day with no charted model (no rows, or only `other`) is a gap: it is not in history.
    const daily = charts.find((c) => c.chart === 'daily');
    if (data && daily) state.afterDay(data, daily);
  }
  return out;
}

/** The events of days `from`..`to` (inclusive), computed with all earlier history as context. */
export function detectRange(history: History, range: { from?: string; to?: string }, options?: DetectOptions): ChartEvent[] {
  return detect(history, options).filter((e) => (!range.from || e.day >= range.from) && (!range.to || e.day <= range.to));
}
