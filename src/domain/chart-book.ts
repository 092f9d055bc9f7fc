import { walkCharts, type Chart, type ChartName, CHART_NAMES } from './charts.js';
import type { History } from './history.js';

/**
 * Every chart of history, computed once per history version and indexed, so commands answer
 * from memory: the leaderboard of any period, leaders' reigns, a model's record.
 */
export class ChartBook {
  private readonly lists = new Map<ChartName, Chart[]>();
  private readonly streaks = new Map<Chart, number>();

  private constructor(readonly history: History) {
    for (const name of CHART_NAMES) this.lists.set(name, []);
    for (const { charts } of walkCharts(history)) {
      for (const chart of charts) {
        const list = this.lists.get(chart.chart)!;
        const before = list.at(-1);
        const continues = before && before.index === chart.index - 1 && before.entries[0]?.model === chart.entries[0]?.model;
        this.streaks.set(chart, continues ? this.streaks.get(before)! + 1 : 1);
        list.push(chart);
      }
    }
  }

  static from(history: History): ChartBook {
    return new ChartBook(history);
  }

  list(name: ChartName): readonly Chart[] {
    return this.lists.get(name)!;
  }

  latest(name: ChartName): Chart | undefined {
    return this.list(name).at(-1);
  }

  /** The period of `name` that covers `day`, if it is complete. */
  find(name: ChartName, day: string): Chart | undefined {
    const list = this.list(name);
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = list[mid];
      if (day < c.from) hi = mid - 1;
      else if (day > c.to) lo = mid + 1;
      else return name === 'trending' && c.day !== day ? undefined : c;
    }
    return undefined;
  }

  /** The chart of the period just before, when that period is in history. */
  previous(chart: Chart): Chart | undefined {
    const list = this.list(chart.chart);
    const i = list.indexOf(chart);
    const before = i > 0 ? list[i - 1] : undefined;
    return before && before.index === chart.index - 1 ? before : undefined;
  }

  /** How many consecutive periods this chart's leader has led, ending with it. */
  leaderStreak(chart: Chart): number {
    return this.streaks.get(chart) ?? 0;
  }
}
