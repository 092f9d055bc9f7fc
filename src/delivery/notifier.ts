import type { AlertMessage } from '../domain/alert-message.js';
import type { Destination } from './destination.js';

/**
 * Why a send failed, as delivery needs to know it:
 * - `gone`: the destination no longer exists (deleted channel, unknown webhook, archived channel);
 * - `forbidden`: the bot lost the right to post *there* (missing access to that channel, DMs closed);
 * - `unusable`: the destination cannot take messages (a forum channel, a locked or archived thread);
 * - `unauthorized`: the platform refused the token itself (Discord 401, Slack invalid_auth,
 *   token_revoked, account_inactive): every destination of that platform waits, none is disabled;
 * - `retry`: a passing fault (5xx, timeout, 429 the library did not absorb); try again later;
 * - `invalid`: this message can never be sent (payload rejected); retrying will not help.
 */
export type DeliveryFailure = 'gone' | 'forbidden' | 'unusable' | 'unauthorized' | 'retry' | 'invalid';

export class DeliveryError extends Error {
  constructor(
    readonly failure: DeliveryFailure,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** The port each platform adapter implements for outgoing messages. */
export interface Notifier {
  /** True when this notifier can deliver to `dest`. */
  handles(dest: Destination): boolean;
  /**
   * Posts one alert. `idempotencyKey` is stable per (event, destination): platforms that can
   * deduplicate (Discord's nonce + enforce_nonce) use it so a retried send is never doubled.
   * Throws DeliveryError; anything else counts as `retry`.
   */
  send(dest: Destination, alert: AlertMessage, idempotencyKey: string): Promise<void>;
  /** Posts plain text (disabled-destination notices, the alert test). */
  sendText(dest: Destination, text: string): Promise<void>;
}
