import { walkCharts, type Chart, type ChartName, CHART_NAMES } from './charts.js';
import { detect } from './detect/detect.js';
import { DEFAULT_DETECT_OPTIONS, type DetectOptions } from './detect/options.js';
import type { ChartEvent } from './events.js';
import type { History } from './history.js';
import { allLaunches, type Launch } from './launches.js';
import { labOf, labRegion, type LabTable } from './labs.js';
import { sweepOf, type SweepWeek } from './sweeps.js';

/** A run of consecutive sweep weeks for one region. */
export interface SweepSpan {
  readonly region: string;
  readonly weeks: number;
  readonly from: string;
  readonly to: string;
  /** The largest N(W) over the run. */
  readonly top: number;
}

/**
 * Every chart of history, computed once per history version and indexed, so commands answer
 * from memory: the leaderboard of any period, leaders' reigns, a model's record.
 */
export class ChartBook {
  private readonly lists = new Map<ChartName, Chart[]>();
  private readonly streaks = new Map<Chart, number>();

  private launchList: readonly Launch[] | undefined;
  private sweepList: readonly SweepSpan[] | undefined;
  readonly labs: LabTable;

  private constructor(
    readonly history: History,
    private readonly options: Pick<DetectOptions, 'labs' | 'sweepSize'>,
  ) {
    this.labs = options.labs;
    for (const name of CHART_NAMES) this.lists.set(name, []);
  }

  /** Files one day's charts, in walk order. */
  private add(charts: readonly Chart[]): void {
    for (const chart of charts) {
      const list = this.lists.get(chart.chart)!;
      const before = list.at(-1);
      const continues = before && before.index === chart.index - 1 && before.entries[0]?.model === chart.entries[0]?.model;
      this.streaks.set(chart, continues ? this.streaks.get(before)! + 1 : 1);
      list.push(chart);
    }
  }

  /** `options`: the lab table and sweep size (detection's), so the book and the alerts agree. */
  static from(history: History, options: Pick<DetectOptions, 'labs' | 'sweepSize'> = DEFAULT_DETECT_OPTIONS): ChartBook {
    const book = new ChartBook(history, options);
    for (const { charts } of walkCharts(history, options.labs)) book.add(charts);
    return book;
  }

  /** The book and every event of history from one walk of the charts (a command's view needs both). */
  static withEvents(history: History, options: DetectOptions = DEFAULT_DETECT_OPTIONS): { book: ChartBook; events: ChartEvent[] } {
    const book = new ChartBook(history, options);
    const events = detect(history, options, (charts) => book.add(charts));
    return { book, events };
  }

  /** Every completed launch, strongest first (ties: the earlier one). Computed on first use. */
  launches(): readonly Launch[] {
    this.launchList ??= allLaunches(this.history).sort((a, b) => (a.tokens === b.tokens ? (a.seventh < b.seventh ? -1 : 1) : a.tokens > b.tokens ? -1 : 1));
    return this.launchList;
  }

  /** Every run of consecutive sweep weeks, longest first (ties: the earlier). Computed on first use. */
  sweeps(): readonly SweepSpan[] {
    if (this.sweepList) return this.sweepList;
    const labs = this.labs;
    const regionOf = (slug: string) => labRegion(labOf(slug, labs), labs);
    const spans: { region: string; weeks: number; from: string; to: string; top: number; index: number }[] = [];
    for (const chart of this.list('weekly')) {
      const week: SweepWeek | null = sweepOf(chart, regionOf, this.options.sweepSize);
      if (!week) continue;
      const last = spans.at(-1);
      if (last && last.region === week.region && last.index === chart.index - 1) Object.assign(last, { weeks: last.weeks + 1, to: chart.period, top: Math.max(last.top, week.top), index: chart.index });
      else spans.push({ region: week.region, weeks: 1, from: chart.period, to: chart.period, top: week.top, index: chart.index });
    }
    this.sweepList = spans.map(({ index: _index, ...s }) => s).sort((a, b) => b.weeks - a.weeks || (a.from < b.from ? -1 : 1));
    return this.sweepList;
  }

  list(name: ChartName): readonly Chart[] {
    return this.lists.get(name)!;
  }

  latest(name: ChartName): Chart | undefined {
    return this.list(name).at(-1);
  }

  /**
   * The period of `name` that covers `day`, if it is complete. Trending's windows overlap: each
   * day's chart is the 7 days to it, so a day lies in seven of them. The spec makes the day the
   * trending period, so this is the chart of `day` itself; a day without a chart of its own (no
   * data that day, or one of the 6 days before the first chart) gets the first window that holds it.
   */
  find(name: ChartName, day: string): Chart | undefined {
    const list = this.list(name);
    let lo = 0;
    let hi = list.length - 1;
    if (name === 'trending') {
      // The first chart whose day is on or after `day` (the list is in day order).
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].day < day) lo = mid + 1;
        else hi = mid - 1;
      }
      const c = list[lo];
      return c && c.from <= day ? c : undefined;
    }
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = list[mid];
      if (day < c.from) hi = mid - 1;
      else if (day > c.to) lo = mid + 1;
      else return c;
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
