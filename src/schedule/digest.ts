import type { ChartView } from '../../commands/services.js';
import { labOf } from '../domain/labs.js';
import { recapMessage } from '../domain/recap.js';
import { destinationKey, type Destination } from '../delivery/destination.js';
import { planFanOut } from '../delivery/fan-out.js';
import type { DeliveryQueue } from '../delivery/queue.js';
import type { Logger } from '../logger.js';
import type { DigestPref } from '../store/channel-prefs.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { AlertSetting, SettingsStore } from '../store/settings-store.js';

export interface DigestDeps {
  readonly settings: SettingsStore;
  readonly outbox: OutboxStore;
  readonly queue: DeliveryQueue;
  readonly charts: () => Promise<ChartView>;
  /** Channels that get alerts without a /alerts setup (as planning sees them). */
  readonly implicitAlerts: () => readonly AlertSetting[];
  readonly clock: () => Date;
  readonly logger: Logger;
  /** In a fleet: true for the one instance that may post this digest (its id). */
  readonly claim?: (id: string) => Promise<boolean>;
}

export type DigestOutcome = 'posted' | 'already posted' | 'no data' | 'disabled';

/**
 * Posts one destination's digest: the recap of the last complete day or week, through the
 * outbox like any alert. Its id (`digest:<dest>:<period>`) is the same on every instance and after
 * a restart, so a period's recap is posted once; a day without new data posts nothing new.
 */
export async function postDigest(d: DigestDeps, dest: Destination, pref: DigestPref): Promise<DigestOutcome> {
  if (await d.settings.disabledEntry(dest)) return 'disabled';
  const view = await d.charts();
  if (!view.meta) return 'no data';
  const destKey = destinationKey(dest);
  // What the destination would get as instant alerts, whatever its digest mode says.
  const audience = { ...(await d.settings.audience(d.implicitAlerts())), prefs: undefined };
  const lab = (slug: string) => labOf(slug, view.book.labs);
  const message = recapMessage({
    book: view.book,
    events: view.events,
    every: pref.every,
    wants: (e) => planFanOut(e, audience, lab).some((to) => destinationKey(to) === destKey),
    name: (slug) => view.label(slug).name,
    destKey,
    asOf: view.meta.asOf,
    source: view.meta.source,
  });
  if (!message) return 'no data';
  if (d.claim && !(await d.claim(message.eventId))) return 'already posted';
  if (await d.outbox.isPlanned(message.eventId)) return 'already posted';
  const createdAt = `${d.clock().toISOString()}#digest`;
  await d.outbox.put(message, [dest], createdAt);
  await d.queue.enqueue([{ alert: message, dest, createdAt }]);
  d.logger.info({ dest: destKey, eventId: message.eventId, events: message.eventIds?.length ?? 0 }, 'digest posted');
  return 'posted';
}
