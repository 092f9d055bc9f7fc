import type { ChartName } from './charts.js';

/** The event types, in the order they come out within one chart of one day (events.md's, then stories.md's). */
export const EVENT_TYPES = ['new_leader', 'streak', 'record_day', 'milestone', 'personal_best', 'debut', 'rank_change', 'sweep', 'launch_record'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** `platform` is the subject of the platform-wide record day. */
export const PLATFORM = 'platform';

/** What the figures behind an event compare against. */
export interface Previous {
  /** The previous leader or record holder. */
  readonly subject?: string;
  readonly tokens?: bigint;
  readonly rank?: number;
  readonly day?: string;
  /** The previous leader's reign that this event ends, when it lasted 2 or more periods. */
  readonly streak?: number;
}

/** One chart event, per ../shared/spec/events.md. Two events with the same id are the same event. */
export interface ChartEvent {
  /** `type:chart:period:subject[:milestone]`. */
  readonly id: string;
  readonly type: EventType;
  readonly chart: ChartName;
  readonly period: string;
  /** The UTC day the event belongs to (a week's Sunday, a month's last day). */
  readonly day: string;
  /** A model permaslug, or `platform`. */
  readonly subject: string;
  /** Streak length, token threshold, or rank, for the types that have one. */
  readonly milestone?: number;
  /** The subject's value in the period (trending: the trending value, rounded). */
  readonly tokens: bigint;
  /** The subject's rank in the period (1 for leaders). */
  readonly rank?: number;
  readonly previous?: Previous;
  /** `new_leader`: P is the new leader's first day on any chart. */
  readonly debut?: true;
  /** `milestone`: no model had reached the threshold on any earlier day. */
  readonly firstEver?: true;
  /** `new_leader` and `record_day` (of a model): the entry ranked 2 in P and its value, for the margin. */
  readonly runnerUp?: { readonly subject: string; readonly tokens: bigint };
  /** The region (ISO 3166 code) the event is about: a sweep's, or a lab's on the lab charts when the table knows it. */
  readonly region?: string;
  /** `sweep`: N, how many models from the top of the week are all from `region`. */
  readonly top?: number;
  /** `sweep`: the top N models of the strongest other single region that week, combined. */
  readonly rival?: { readonly region: string; readonly tokens: bigint };
}

/** What an event's subject names: a model, the platform, a lab (lab charts) or a region (sweeps). */
export type SubjectKind = 'model' | 'platform' | 'lab' | 'region';

export function subjectKind(e: Pick<ChartEvent, 'type' | 'chart' | 'subject'>): SubjectKind {
  if (e.type === 'sweep') return 'region';
  if (e.chart.startsWith('labs_')) return 'lab';
  return e.subject === PLATFORM ? 'platform' : 'model';
}

type EventFields = Omit<ChartEvent, 'id'>;

export function eventId(e: Pick<ChartEvent, 'type' | 'chart' | 'period' | 'subject' | 'milestone'>): string {
  return eventIdOf(e.type, e.chart, e.period, e.subject, e.milestone);
}

/** eventId from its parts, for a caller that has them before it has the event. */
export function eventIdOf(type: EventType, chart: ChartName, period: string, subject: string, milestone: number | undefined): string {
  const base = `${type}:${chart}:${period}:${subject}`;
  return milestone === undefined ? base : `${base}:${milestone}`;
}

export function makeEvent(fields: EventFields): ChartEvent {
  return { id: eventId(fields), ...fields };
}

/** JSON-safe form: exact token figures as decimal strings. */
export function eventToJson(e: ChartEvent): Record<string, unknown> {
  return JSON.parse(JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}
