import { createHash } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import type { Destination } from '../../delivery/destination.js';
import { DeliveryError, type AlertImage, type Notifier } from '../../delivery/notifier.js';
import { alertFile, restRequest, withImage } from './attachments.js';
import { toDeliveryError } from './errors.js';
import { renderAlert, renderText, type DiscordMessage } from './render.js';

type BotDestination = Extract<Destination, { kind: 'discord-channel' | 'discord-dm' }>;

/** Discord accepts a nonce of at most 25 characters; longer keys are hashed to fit. */
const NONCE_MAX = 25;

export function nonceOf(idempotencyKey: string): string {
  if (idempotencyKey.length <= NONCE_MAX) return idempotencyKey;
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, NONCE_MAX);
}

function describe(dest: BotDestination): string {
  return dest.kind === 'discord-channel' ? `discord channel ${dest.channelId}` : `discord DM to user ${dest.userId}`;
}

/**
 * Posts alerts as the bot, through @discordjs/rest: to guild channels, and to people by DM (the
 * DM channel is opened once and remembered). Rate limits are the library's job: it waits on
 * per-channel buckets, 429s and the global 50/s, so nothing is dropped, only delayed.
 */
export class RestNotifier implements Notifier {
  private readonly dmChannels = new Map<string, string>();

  /**
   * `token`, when given, is set again before every send: @discordjs/rest forgets its token after a
   * 401, so without it a revoked-then-restored token would never be tried again in this process.
   */
  constructor(
    private readonly rest: REST,
    private readonly token?: string,
  ) {}

  handles(dest: Destination): boolean {
    return dest.kind === 'discord-channel' || dest.kind === 'discord-dm';
  }

  /**
   * One message per alert, with `nonce` + `enforce_nonce`: if a send is retried after Discord
   * created the message but before we saw the answer, Discord returns that message instead of
   * posting it twice (for a few minutes, per channel). The alert's picture, when drawn, goes as
   * the multipart `files[0]` the embed shows; without it the alert goes as text.
   */
  async send(dest: Destination, alert: AlertMessage, idempotencyKey: string, image?: AlertImage): Promise<void> {
    const bot = this.bot(dest);
    const msg = withImage(renderAlert(alert), await alertFile(image));
    await this.post(bot, { ...msg, nonce: nonceOf(idempotencyKey), enforce_nonce: true });
  }

  async sendText(dest: Destination, text: string): Promise<void> {
    await this.post(this.bot(dest), renderText(text));
  }

  private bot(dest: Destination): BotDestination {
    if (!this.handles(dest)) throw new DeliveryError('invalid', `the Discord bot cannot deliver to ${dest.kind}`);
    return dest as BotDestination;
  }

  private async post(dest: BotDestination, body: DiscordMessage & { nonce?: string; enforce_nonce?: boolean }): Promise<void> {
    if (this.token) this.rest.setToken(this.token);
    try {
      const channelId = dest.kind === 'discord-channel' ? dest.channelId : await this.dmChannel(dest.userId);
      await this.rest.post(Routes.channelMessages(channelId), restRequest(body));
    } catch (error) {
      const failure = toDeliveryError(error, describe(dest));
      if (dest.kind === 'discord-dm' && failure.failure === 'gone') this.dmChannels.delete(dest.userId);
      throw failure;
    }
  }

  private async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    this.dmChannels.set(userId, channel.id);
    return channel.id;
  }
}
