import type { HealthBoard } from '../health/health.js';
import type { Logger } from '../logger.js';
import type { DestinationFailure } from '../store/outbox-store.js';
import type { Destination } from './destination.js';
import type { DeliveryFailure } from './notifier.js';
import type { Outcome } from './send-once.js';

export const platformOf = (dest: Destination) => dest.kind.split('-')[0];
export const isWebhook = (dest: Destination) => dest.kind === 'discord-webhook' || dest.kind === 'slack-webhook';

/**
 * What an outcome means for the delivery, the same in-process and in a fleet (the callers do it,
 * each on its own queue). A refused token (`unauthorized`) pauses the platform; the callers check
 * it first, since only they know whether the destination has a platform-wide token.
 */
export type Verdict =
  | { readonly kind: 'sent' }
  /** The alert is dropped, with this reason recorded (and logged at `level`). */
  | { readonly kind: 'drop'; readonly reason: string; readonly level: 'warn' | 'error'; readonly log: string }
  /** The destination itself is gone: disabled, and all it is owed dropped. */
  | { readonly kind: 'disable'; readonly reason: string }
  /** A passing failure (or any failure of a configured webhook, never disabled): back off and retry. */
  | { readonly kind: 'retry'; readonly failure: DeliveryFailure; readonly reason: string; readonly retryAfterMs?: number };

export function verdictOf(outcome: Outcome, dest: Destination): Verdict {
  if (outcome.kind === 'sent') return { kind: 'sent' };
  if (outcome.kind === 'no-notifier') return { kind: 'drop', reason: 'platform not configured', level: 'warn', log: 'no notifier for this destination (its platform is not configured); alert dropped' };
  const { failure, reason } = outcome;
  if ((failure === 'gone' || failure === 'forbidden' || failure === 'unusable') && !isWebhook(dest)) return { kind: 'disable', reason: `${failure}: ${reason}` };
  if (failure === 'invalid') return { kind: 'drop', reason: `rejected: ${reason}`, level: 'error', log: 'alert rejected by the platform; dropped' };
  return { kind: 'retry', failure, reason, ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) };
}

/** Logs a failed try (and shows a configured webhook's trouble on the health board). */
export function reportRetry(o: { logger: Logger; health: HealthBoard }, dest: Destination, key: string, failure: string, next: DestinationFailure): void {
  const log = { dest: key, failure, reason: next.reason, attempts: next.attempts, since: next.since, nextAt: next.nextAt };
  if (isWebhook(dest)) {
    // A configured webhook is never disabled: the operator removes it by changing the variable.
    o.logger.error(log, 'configured webhook failed; its alerts are kept and retried (remove it from the *_WEBHOOK_URLS variable to stop)');
    o.health.report(`webhook ${key}`, 'retrying', { detail: next.reason, retryAt: next.nextAt, critical: false });
  } else {
    o.logger.warn(log, 'delivery failed; will retry');
  }
}

/** The reason recorded for an alert given up on after the give-up window. */
export function gaveUpReason(failure: DestinationFailure, now: number): string {
  return `gave up after ${Math.round((now - Date.parse(failure.since)) / 3600_000)} h of failures: ${failure.reason}`;
}
