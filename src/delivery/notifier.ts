import type { AlertMessage } from '../domain/alert-message.js';
import type { Destination } from './destination.js';

/**
 * Why a send failed, as delivery needs to know it:
 * - `gone`: the destination no longer exists (deleted channel, unknown webhook, archived channel);
 * - `forbidden`: the bot lost the right to post *there* (missing access to that channel, DMs closed);
 * - `unusable`: the destination cannot take messages (a voice or category channel, a locked thread);
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

/**
 * An alert's picture, drawn when a notifier asks. `draw` never throws: a picture that fails, is too
 * slow, or is bigger than `maxBytes` resolves to null (and is logged), and the alert goes as text.
 */
export interface AlertImage {
  /** File name ending in `.png` (letters, digits, `-`, `.`). */
  readonly name: string;
  readonly alt: string;
  /** Does the slow part drawing needs that is not the send (reading history); never throws. Awaited before a send's timeout starts. */
  ready?(): Promise<void>;
  draw(opts: { readonly theme: 'dark' | 'light'; readonly maxBytes: number; readonly platform: string }): Promise<Buffer | null>;
}

/** The port each platform adapter implements for outgoing messages. */
export interface Notifier {
  /** True when this notifier can deliver to `dest`. */
  handles(dest: Destination): boolean;
  /**
   * Posts one alert. `idempotencyKey` is stable per (event, destination): platforms that can
   * deduplicate (Discord's nonce + enforce_nonce) use it so a retried send is never doubled.
   * Throws DeliveryError; anything else counts as `retry`. `image`, when the alert carries a
   * picture: a notifier that can post files attaches it; one that cannot ignores it.
   */
  send(dest: Destination, alert: AlertMessage, idempotencyKey: string, image?: AlertImage): Promise<void>;
  /** Posts plain text (disabled-destination notices, the alert test). */
  sendText(dest: Destination, text: string): Promise<void>;
}
