import { entryTokens, type Chart, type ChartName } from '../charts.js';
import type { DayData } from '../history.js';
import type { EarlierDays, ModelStats, PeriodContext } from './context.js';
import type { DetectOptions } from './options.js';

interface Reign {
  leader: string;
  length: number;
  index: number;
}

interface MutableStats {
  days: number;
  best: bigint;
  bestDay: string;
  everTop10: boolean;
  firstDay: string;
}

/** What detection remembers while it walks history forward; updated only after a period is judged. */
export class DetectionState implements EarlierDays {
  count = 0;
  record: EarlierDays['record'] = null;
  platformRecord: EarlierDays['platformRecord'] = null;
  private readonly models = new Map<string, MutableStats>();
  private readonly lastChart = new Map<ChartName, Chart>();
  private readonly reigns = new Map<ChartName, Reign>();

  model(permaslug: string): ModelStats | undefined {
    return this.models.get(permaslug);
  }

  context(chart: Chart, platform: bigint, options: DetectOptions): PeriodContext {
    const last = this.lastChart.get(chart.chart);
    const previous = last && last.index === chart.index - 1 ? last : null;
    const reign = this.reigns.get(chart.chart);
    const continuing = reign !== undefined && reign.index === chart.index - 1;
    const leader = chart.entries[0]?.model;
    return {
      chart,
      previous,
      leaderStreak: continuing && reign.leader === leader ? reign.length + 1 : 1,
      previousLeaderStreak: continuing ? reign.length : 0,
      platform: chart.chart === 'daily' ? platform : 0n,
      earlier: this,
      options,
    };
  }

  /** Records a judged chart: it becomes the previous period, and its leader's reign grows or starts. */
  afterChart(chart: Chart, leaderStreak: number): void {
    this.lastChart.set(chart.chart, chart);
    const leader = chart.entries[0]?.model;
    if (leader !== undefined) this.reigns.set(chart.chart, { leader, length: leaderStreak, index: chart.index });
  }

  /** Folds a finished day into the records and every model's stats. */
  afterDay(data: DayData, daily: Chart | undefined): void {
    this.count++;
    if (!this.platformRecord || data.platform > this.platformRecord.tokens) {
      this.platformRecord = { tokens: data.platform, day: data.day };
    }
    for (const entry of daily?.entries ?? []) {
      const tokens = entryTokens(daily!, entry.value);
      if (!this.record || tokens > this.record.tokens) this.record = { subject: entry.model, tokens, day: data.day };
      const s = this.models.get(entry.model);
      if (!s) {
        this.models.set(entry.model, { days: 1, best: tokens, bestDay: data.day, everTop10: entry.rank <= 10, firstDay: data.day });
        continue;
      }
      s.days++;
      if (tokens > s.best) (s.best = tokens), (s.bestDay = data.day);
      if (entry.rank <= 10) s.everTop10 = true;
    }
  }
}
