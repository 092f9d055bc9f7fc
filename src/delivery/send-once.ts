import type { AlertMessage } from '../domain/alert-message.js';
import type { PendingDelivery } from '../store/outbox-store.js';
import { destinationKey, isPersonal, type Destination } from './destination.js';
import { idempotencyKey } from './dead-ends.js';
import { DeliveryError, type AlertImage, type DeliveryFailure, type Notifier } from './notifier.js';
import type { Timers } from './timers.js';

/** What one try at one delivery came to, as the lane needs to know it. */
export type Outcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'no-notifier' }
  | { readonly kind: 'failed'; readonly failure: DeliveryFailure; readonly reason: string; readonly retryAfterMs?: number };

/** Whether a destination is subscribed to a model (SettingsStore, read at send time). */
export type Follows = (dest: Destination, model: string) => Promise<boolean>;

/** `Follows` read from the subscriptions (SettingsStore.subscribersOf). */
export function followsIn(settings: { subscribersOf(model: string): Promise<readonly { readonly dest: Destination }[]> }): Follows {
  return async (dest, model) => (await settings.subscribersOf(model)).some((s) => destinationKey(s.dest) === destinationKey(dest));
}

/**
 * The alert as `item.dest` gets it: a person's DM that already follows the model gets no
 * "Follow this model" button. A channel keeps it: whoever clicks there follows by their own DM.
 */
export async function forDestination(item: PendingDelivery, follows?: Follows): Promise<AlertMessage> {
  const { alert, dest } = item;
  if (!alert.followModel || !follows || !isPersonal(dest) || !(await follows(dest, alert.followModel))) return alert;
  const { followModel: _followed, ...rest } = alert;
  return rest;
}

/**
 * One send, bounded in time: a destination that never answers costs `timeoutMs`, not minutes. A
 * send that times out may still land later (the documented in-flight duplicate; Discord's nonce
 * absorbs it on bot channels); its late answer is ignored.
 */
export async function sendOnce(notifiers: readonly Notifier[], item: PendingDelivery, timers: Timers, timeoutMs: number, image?: AlertImage, follows?: Follows): Promise<Outcome> {
  const notifier = notifiers.find((n) => n.handles(item.dest));
  if (!notifier) return { kind: 'no-notifier' };
  await image?.ready?.();
  const sending = notifier.send(item.dest, await forDestination(item, follows), idempotencyKey(item.alert.eventId, item.dest), image);
  let cancel = () => {};
  const timeout = new Promise<never>((_, reject) => {
    const within = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    cancel = timers.after(timeoutMs, () => reject(new DeliveryError('retry', `no answer within ${within}`)));
  });
  try {
    await Promise.race([sending, timeout]);
    return { kind: 'sent' };
  } catch (error) {
    sending.catch(() => undefined);
    const failure = error instanceof DeliveryError ? error.failure : 'retry';
    const reason = (error as Error)?.message ?? String(error);
    return { kind: 'failed', failure, reason, ...(error instanceof DeliveryError && error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}) };
  } finally {
    cancel();
  }
}
