import { createHash } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import type { Destination } from '../../delivery/destination.js';
import { mentionFor } from '../../delivery/mention.js';
import { DeliveryError, type AlertImage, type Notifier } from '../../delivery/notifier.js';
import type { SendContext } from '../../delivery/send-context.js';
import { alertFile, restRequest, withImage } from './attachments.js';
import { ChannelPoster, type OutgoingMessage } from './channel-poster.js';
import { toDeliveryError } from './errors.js';
import { renderAlert, renderText, withMention } from './render.js';

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
  private readonly channels: ChannelPoster | null;

  /**
   * `token`, when given, is set again before every send: @discordjs/rest forgets its token after a
   * 401, so without it a revoked-then-restored token would never be tried again in this process.
   * `context`, when given: each channel's mention (`/alerts mention`) and the day's forum post
   * are looked up at send time (see ChannelPoster); without it alerts ping nobody and a forum
   * cannot take them.
   */
  constructor(
    private readonly rest: REST,
    private readonly token?: string,
    private readonly context?: SendContext,
  ) {
    this.channels = context ? new ChannelPoster(rest, context.threads) : null;
  }

  handles(dest: Destination): boolean {
    return dest.kind === 'discord-channel' || dest.kind === 'discord-dm';
  }

  /**
   * One message per alert, with `nonce` + `enforce_nonce`: if a send is retried after Discord
   * created the message but before we saw the answer, Discord returns that message instead of
   * posting it twice (for a few minutes, per channel). The alert's picture, when drawn, goes as
   * the multipart `files[0]` the embed shows; without it the alert goes as text. The alert pings
   * the channel's mention when its types call for it, and nobody else (withMention).
   */
  async send(dest: Destination, alert: AlertMessage, idempotencyKey: string, image?: AlertImage): Promise<void> {
    const bot = this.bot(dest);
    const mention = bot.kind === 'discord-channel' ? mentionFor(await this.context?.prefs(bot), alert) : undefined;
    const msg = withMention(withImage(renderAlert(alert), await alertFile(image)), mention);
    await this.post(bot, { ...msg, nonce: nonceOf(idempotencyKey), enforce_nonce: true }, alert.day);
  }

  async sendText(dest: Destination, text: string): Promise<void> {
    await this.post(this.bot(dest), renderText(text));
  }

  private bot(dest: Destination): BotDestination {
    if (!this.handles(dest)) throw new DeliveryError('invalid', `the Discord bot cannot deliver to ${dest.kind}`);
    return dest as BotDestination;
  }

  /** `day`: the alert's UTC day, which names its forum post when the channel is a forum. */
  private async post(dest: BotDestination, body: OutgoingMessage, day?: string): Promise<void> {
    if (this.token) this.rest.setToken(this.token);
    try {
      if (dest.kind === 'discord-channel' && this.channels && day) return await this.channels.post(dest, day, body);
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
