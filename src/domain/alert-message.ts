import { figures, headline } from './alert-text.js';
import type { ChartName } from './charts.js';
import { subjectKind, type ChartEvent, type EventType } from './events.js';
import { BUNDLED_LABS, type LabTable } from './labs.js';
import { attribution, labelModel, RANKINGS_URL, type DataSource, type ModelName } from './names.js';

/**
 * One alert as a neutral message: what happened, the figures, a link, the attribution. The
 * Discord, Slack and console adapters turn it into an embed, Block Kit, or terminal text.
 */
export interface AlertMessage {
  readonly eventId: string;
  /** One line a person can read aloud. Plain text: adapters escape it for their platform. */
  readonly headline: string;
  readonly figures: readonly (readonly [string, string])[];
  /** The model's OpenRouter page (or the rankings page for platform events). */
  readonly url: string;
  readonly linkLabel: string;
  /** `Source: OpenRouter (openrouter.ai/rankings), as of …`, or a "Sample data …" line for the bundled sample. */
  readonly footer: string;
  /** The model a "Follow this model" button subscribes to; absent for platform, lab and region events. */
  readonly followModel?: string;
  readonly day: string;
  /**
   * The picture the alert carries, as a small description (never the PNG): the sender draws it
   * from the history it has when it sends (see src/render/alert-pictures.ts). Absent on alerts
   * without one and on outbox entries written before pictures existed.
   */
  readonly picture?: MomentSpec;
  /**
   * Lines under the headline, plain text, in order: the other events of one story (one day, one
   * subject, one destination), a digest's entries, a quiet-hours catch-up. Absent on a single event.
   */
  readonly lines?: readonly string[];
  /**
   * Every event id the message carries, when it carries more than one (then `eventId` is the
   * message's own id, used for the outbox entry and the idempotency key). Absent: just `eventId`.
   */
  readonly eventIds?: readonly string[];
}

/** The event ids an alert carries (`eventIds`, or its one `eventId`). */
export function carriedEventIds(alert: Pick<AlertMessage, 'eventId' | 'eventIds'>): readonly string[] {
  return alert.eventIds ?? [alert.eventId];
}

/** The chart of the moment: the event's subject against the one it beat, daily over the 14 days to `day`. */
export interface MomentSpec {
  readonly kind: 'moment';
  readonly type: EventType;
  readonly chart: ChartName;
  readonly period: string;
  readonly subject: string;
  /** The previous leader or record holder, when there is one. */
  readonly versus?: string;
}

/** Which alerts carry the chart of the moment. */
export const MOMENT_TYPES: ReadonlySet<EventType> = new Set(['new_leader', 'record_day']);

/** The picture description of an event's alert, or undefined for types that carry none. */
export function momentSpec(e: ChartEvent): MomentSpec | undefined {
  if (!MOMENT_TYPES.has(e.type)) return undefined;
  const versus = e.previous?.subject;
  return { kind: 'moment', type: e.type, chart: e.chart, period: e.period, subject: e.subject, ...(versus && versus !== e.subject ? { versus } : {}) };
}

/**
 * The one renderer from event to message model; every adapter starts here. `source`: where the
 * history came from; `labs`: how labs and regions are named. Lab and region events link the rankings.
 */
export function renderAlert(e: ChartEvent, names: ReadonlyMap<string, ModelName>, asOf: string, source: DataSource = 'openrouter', labs: LabTable = BUNDLED_LABS): AlertMessage {
  const name = (slug: string) => labelModel(slug, names).name;
  const model = subjectKind(e) === 'model' ? labelModel(e.subject, names) : null;
  const picture = momentSpec(e);
  return {
    eventId: e.id,
    headline: headline(e, name, labs),
    figures: figures(e, name, labs),
    url: model?.url ?? RANKINGS_URL,
    linkLabel: model ? `${model.name} on OpenRouter` : 'OpenRouter rankings',
    footer: attribution(asOf, source),
    ...(model ? { followModel: e.subject } : {}),
    day: e.day,
    ...(picture ? { picture } : {}),
  };
}
