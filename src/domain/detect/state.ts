import { entryTokens, type Chart, type ChartName } from '../charts.js';
import type { DayData } from '../history.js';
import { labOf, labRegion, type LabTable } from '../labs.js';
import { LaunchTracker } from '../launches.js';
import { sweepOf } from '../sweeps.js';
import type { EarlierDays, ModelStats, PeriodContext, SweepRun } from './context.js';
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

const NO_LAUNCHES: PeriodContext['launches'] = { completing: [], record: null };

/** What detection remembers while it walks history forward; updated only after a period is judged. */
export class DetectionState implements EarlierDays {
  count = 0;
  record: EarlierDays['record'] = null;
  platformRecord: EarlierDays['platformRecord'] = null;
  private readonly models = new Map<string, MutableStats>();
  private readonly labFirst = new Map<string, string>();
  private readonly lastChart = new Map<ChartName, Chart>();
  private readonly reigns = new Map<ChartName, Reign>();
  private lastSweep: { region: string; weeks: number; index: number } | null = null;
  private readonly launchTracker: LaunchTracker;
  private launchesToday: PeriodContext['launches'] = NO_LAUNCHES;
  private readonly regions = new Map<string, string | undefined>();
  readonly regionOf: (subject: string) => string | undefined;

  constructor(firstDay: string, labs: LabTable) {
    this.launchTracker = new LaunchTracker(firstDay);
    // Model and lab subjects alike: a lab's own slug is its lab (labOf of `qwen` is `qwen`).
    this.regionOf = (subject) => {
      if (this.regions.has(subject)) return this.regions.get(subject);
      const region = labRegion(labOf(subject, labs), labs);
      this.regions.set(subject, region);
      return region;
    };
  }

  model(permaslug: string): ModelStats | undefined {
    return this.models.get(permaslug);
  }

  labFirstDay(lab: string): string | undefined {
    return this.labFirst.get(lab);
  }

  /** Starts a day (a gap day too: a launch may complete on it). */
  beginDay(day: string, data: DayData | undefined): void {
    const completing = this.launchTracker.begin(day, data);
    this.launchesToday = { completing, record: this.launchTracker.record };
  }

  /** Ends a day: its completed launches join the record for the days after. */
  endDay(): void {
    this.launchTracker.end();
    this.launchesToday = NO_LAUNCHES;
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
      sweep: chart.chart === 'weekly' ? this.sweepRun(chart, options.sweepSize) : null,
      launches: chart.chart === 'daily' ? this.launchesToday : NO_LAUNCHES,
      regionOf: this.regionOf,
    };
  }

  private sweepRun(chart: Chart, size: number): SweepRun | null {
    const week = sweepOf(chart, this.regionOf, size);
    if (!week) return null;
    const last = this.lastSweep;
    const continues = last !== null && last.region === week.region && last.index === chart.index - 1;
    return { ...week, weeks: continues ? last.weeks + 1 : 1 };
  }

  /** Records a judged chart: it becomes the previous period, and its leader's reign grows or starts. */
  afterChart(ctx: PeriodContext): void {
    const { chart } = ctx;
    this.lastChart.set(chart.chart, chart);
    const leader = chart.entries[0]?.model;
    if (leader !== undefined) this.reigns.set(chart.chart, { leader, length: ctx.leaderStreak, index: chart.index });
    if (chart.chart === 'weekly') this.lastSweep = ctx.sweep ? { region: ctx.sweep.region, weeks: ctx.sweep.weeks, index: chart.index } : null;
    if (chart.chart === 'labs_daily') for (const e of chart.entries) if (!this.labFirst.has(e.model)) this.labFirst.set(e.model, chart.day);
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
