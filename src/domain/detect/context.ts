import { entryTokens, type Chart, type ChartEntry, type ChartName } from '../charts.js';
import { eventIdOf, type ChartEvent, type EventType } from '../events.js';
import type { Launch } from '../launches.js';
import type { SweepWeek } from '../sweeps.js';
import type { DetectOptions } from './options.js';

/** What history says about one model, over the days before the period being judged. */
export interface ModelStats {
  /** Days with a value. */
  readonly days: number;
  /** Its best single day, and when. */
  readonly best: bigint;
  readonly bestDay: string;
  readonly everTop10: boolean;
  readonly firstDay: string;
}

/** Daily facts from the days before the period's completion day. */
export interface EarlierDays {
  /** Days with data before the period: the warm-up counts these. */
  readonly count: number;
  /** The largest single-day value of any model so far (`other` excluded). */
  readonly record: { readonly subject: string; readonly tokens: bigint; readonly day: string } | null;
  /** The largest platform total so far (`other` included). */
  readonly platformRecord: { readonly tokens: bigint; readonly day: string } | null;
  model(permaslug: string): ModelStats | undefined;
  /** The first day a lab had a charted model. */
  labFirstDay(lab: string): string | undefined;
}

/** The week's sweep, with k: the consecutive sweep weeks for its region ending with it. */
export interface SweepRun extends SweepWeek {
  readonly weeks: number;
}

/** Everything a rule may look at to judge one period of one chart. */
export interface PeriodContext {
  readonly chart: Chart;
  /** The chart of the period just before, when that period is in history. */
  readonly previous: Chart | null;
  /** How many consecutive periods the current leader has led, ending with this one. */
  readonly leaderStreak: number;
  /** How many consecutive periods the previous period's leader had led, ending with that one. */
  readonly previousLeaderStreak: number;
  /** The platform total of the day (daily chart only; 0 elsewhere). */
  readonly platform: bigint;
  readonly earlier: EarlierDays;
  readonly options: DetectOptions;
  /** The weekly chart's sweep, when the week is a sweep week (null elsewhere). */
  readonly sweep: SweepRun | null;
  /** Daily chart: the launches whose 7th day this is, and the strongest completed before it. */
  readonly launches: { readonly completing: readonly Launch[]; readonly record: Launch | null };
  /** The region of a chart entry's subject: its lab's, on model and lab charts alike. */
  regionOf(subject: string): string | undefined;
}

/** One event rule: pure, one per file, composed in `detect.ts`. */
export interface Rule {
  readonly type: EventType;
  readonly charts: readonly ChartName[];
  detect(ctx: PeriodContext): ChartEvent[];
}

/** Every daily event but new_leader and streak needs at least 7 earlier days of history. */
export const WARM_UP_DAYS = 7;

export function warmedUp(ctx: PeriodContext): boolean {
  return ctx.earlier.count >= WARM_UP_DAYS;
}

/** The entry ranked 2 of the period, for the margin on new_leader and record_day. */
export function runnerUp(chart: Chart): { runnerUp: { subject: string; tokens: bigint } } | Record<string, never> {
  const second = chart.entries[1];
  return second ? { runnerUp: { subject: second.model, tokens: entryTokens(chart, second.value) } } : {};
}

/** An event about one entry of the period's chart: the fields every rule fills the same way. */
export function entryEvent(ctx: PeriodContext, type: EventType, entry: ChartEntry, extra: EntryExtra = {}): ChartEvent {
  const { chart } = ctx;
  // makeEvent's object (id first, then the fields in this order), built in one literal: most
  // events come through here (4 in 5 are rank changes), and each spread is a copy.
  const id = eventIdOf(type, chart.chart, chart.period, entry.model, extra.milestone);
  return { id, type, chart: chart.chart, period: chart.period, day: chart.day, subject: entry.model, tokens: entryTokens(chart, entry.value), rank: entry.rank, ...extra };
}

/** What a rule adds to an entry's event (never its id, type, chart, period, day or subject). */
type EntryExtra = Partial<Omit<ChartEvent, 'id' | 'type' | 'chart' | 'period' | 'day' | 'subject'>>;
