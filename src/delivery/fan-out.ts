import type { ChartEvent } from '../domain/events.js';
import type { AlertSetting, Subscription } from '../store/settings-store.js';
import { destinationKey, type Destination } from './destination.js';

/** Who wants what, as fan-out planning reads it. */
export interface Audience {
  readonly alerts: readonly AlertSetting[];
  subscribersOf(model: string): readonly Subscription[];
  readonly disabled: ReadonlySet<string>;
}

/**
 * The destinations of one event: channels set up for its type and chart, plus everyone
 * subscribed to its subject (every type, personal_best and rank_change included). A destination
 * that qualifies twice gets one message; disabled destinations get none (they show in /status).
 */
export function planFanOut(event: ChartEvent, audience: Audience): Destination[] {
  const out = new Map<string, Destination>();
  for (const a of audience.alerts) {
    if (a.types.includes(event.type) && a.charts.includes(event.chart)) add(a.dest);
  }
  for (const s of audience.subscribersOf(event.subject)) add(s.dest);
  return [...out.values()];

  function add(dest: Destination): void {
    const key = destinationKey(dest);
    if (!audience.disabled.has(key)) out.set(key, dest);
  }
}
