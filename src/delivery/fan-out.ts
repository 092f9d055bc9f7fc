import { subjectKind, type ChartEvent } from '../domain/events.js';
import type { ChannelPrefs } from '../store/channel-prefs.js';
import type { SubscriptionWhen } from '../store/settings-index.js';
import type { AlertSetting, Subscription } from '../store/settings-store.js';
import { destinationKey, type Destination } from './destination.js';

/** Who wants what, as fan-out planning reads it. */
export interface Audience {
  readonly alerts: readonly AlertSetting[];
  subscribersOf(model: string): readonly Subscription[];
  readonly disabled: ReadonlySet<string>;
  /** A destination's preferences (digest, quiet hours, mentions, threads), by destination key. */
  readonly prefs?: (destKey: string) => ChannelPrefs | undefined;
}

/**
 * A subscription's conditions against one event: its type is among `events`, and its subject
 * ranks within `top` on the event's chart. An event that carries no rank (a launch on a day the
 * model is off the chart) does not rank in any top N, so a `top` condition stops it.
 */
export function conditionHolds(when: SubscriptionWhen | undefined, event: Pick<ChartEvent, 'type' | 'rank'>): boolean {
  if (!when) return true;
  if (when.events && !when.events.includes(event.type)) return false;
  return when.top === undefined || (event.rank !== undefined && event.rank <= when.top);
}

/** A lab subscription is stored as the subscription to `lab:<lab>`. */
export const LAB_PREFIX = 'lab:';

/**
 * The destinations of one event: channels set up for its type and chart, plus everyone
 * subscribed to its subject (every type, personal_best and rank_change included, unless the
 * subscription has conditions: conditionHolds), plus those
 * following the subject's lab (`lab:<lab>`: the lab's own events and its models'). `labOf` maps a
 * permaslug to its lab. A destination that qualifies twice gets one message; disabled
 * destinations get none (they show in /status), nor do those taking a digest `instead` of
 * instant alerts (the digest plans with an audience without prefs, so it sees them).
 */
export function planFanOut(event: ChartEvent, audience: Audience, labOf?: (permaslug: string) => string): Destination[] {
  const out = new Map<string, Destination>();
  for (const a of audience.alerts) {
    if (a.types.includes(event.type) && a.charts.includes(event.chart)) add(a.dest);
  }
  const kind = subjectKind(event);
  if (kind === 'model' || kind === 'platform') for (const s of audience.subscribersOf(event.subject)) if (conditionHolds(s.when, event)) add(s.dest);
  const lab = kind === 'lab' ? event.subject : kind === 'model' && labOf ? labOf(event.subject) : undefined;
  if (lab !== undefined) for (const s of audience.subscribersOf(`${LAB_PREFIX}${lab}`)) if (conditionHolds(s.when, event)) add(s.dest);
  return [...out.values()];

  function add(dest: Destination): void {
    const key = destinationKey(dest);
    if (audience.disabled.has(key) || audience.prefs?.(key)?.digest?.mode === 'instead') return;
    out.set(key, dest);
  }
}
