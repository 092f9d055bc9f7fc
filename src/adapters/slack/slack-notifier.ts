import type { webApi } from '@slack/bolt';
import type { AlertMessage } from '../../domain/alert-message.js';
import type { Destination } from '../../delivery/destination.js';
import { mentionFor } from '../../delivery/mention.js';
import { DeliveryError, type AlertImage, type Notifier } from '../../delivery/notifier.js';
import type { SendContext } from '../../delivery/send-context.js';
import type { Logger } from '../../logger.js';
import { webApiDeliveryError } from './errors.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import { Pacer } from './pacer.js';
import { SLACK_MAX_FILE_BYTES, SLACK_THEME, uploadPicture, type SlackPicture } from './pictures.js';
import { renderAlert, withMention, type SlackMessage } from './render.js';
import { singleClient, type SlackClients } from './workspace-clients.js';

type SlackDestination = Extract<Destination, { kind: 'slack-channel' | 'slack-dm' }>;

/** How long a send waits for its picture's upload after the alert is posted. */
const PICTURE_WAIT_MS = 5_000;

export interface SlackNotifierOptions {
  /** Whether "Follow this model" buttons can be clicked (a Bolt app receives interactivity). */
  readonly followButton?: boolean;
  /** Gap between two messages to one channel; Slack allows about one per second. */
  readonly intervalMs?: number;
  /** Where a picture that could not be shared is reported (the alert then goes as text). */
  readonly logger?: Logger;
  /**
   * Each channel's mention (`/alerts mention`) and daily threads (`/alerts threads daily`), looked
   * up at send time, and where the day's thread is. Without it alerts ping nobody and never thread.
   */
  readonly context?: SendContext;
}

/** A remembered parent message Slack no longer knows (deleted): the day starts a new thread. */
class ThreadGone extends Error {}
/** chat.postMessage's answer to a thread_ts whose parent is gone (thread_not_found, as bolt-js#2307 reports; the other in case). */
const THREAD_ERRORS = new Set(['thread_not_found', 'invalid_thread_ts']);

/**
 * Alerts and notices through chat.postMessage with the destination workspace's bot token. DMs
 * are opened once with conversations.open and the channel id remembered. The WebClient absorbs a
 * 429 by waiting for its Retry-After (its retryConfig); every other failure becomes a DeliveryError.
 *
 * With OAuth installs a refused token is that workspace's alone, so it is `forbidden` (its
 * destination is disabled and its owner told) rather than `unauthorized`, which would pause
 * every Slack delivery of every other workspace.
 */
export class SlackNotifier implements Notifier {
  private readonly dmChannels = new Map<string, Promise<string>>();
  private readonly pacer: Pacer;
  private readonly clients: SlackClients;

  constructor(
    clients: SlackClients | webApi.WebClient,
    private readonly options: SlackNotifierOptions = {},
  ) {
    this.clients = 'forTeam' in clients ? clients : singleClient(clients);
    this.pacer = new Pacer(options.intervalMs ?? 1000);
  }

  /** Forgets a workspace's remembered DM channels and token (it uninstalled the app). */
  forgetTeam(teamId: string): void {
    this.clients.forget(teamId);
    for (const key of [...this.dmChannels.keys()]) if (key.startsWith(`${teamId}:`)) this.dmChannels.delete(key);
  }

  handles(dest: Destination): dest is SlackDestination {
    return dest.kind === 'slack-channel' || dest.kind === 'slack-dm';
  }

  /**
   * Slack has no idempotency key for posts; the delivery ledger is what prevents doubles. The
   * alert goes first, as Block Kit with its text (notifications, screen readers); its picture then
   * follows in the channel (files.uploadV2). The picture never fails the alert: it is drawn before
   * the alert is posted (a slow draw times out a send that posted nothing), and a refused or lost
   * upload is logged, never retried (a retry would post the alert twice); a slow upload finishes
   * on its own after PICTURE_WAIT_MS without holding the send.
   */
  async send(dest: Destination, alert: AlertMessage, _idempotencyKey?: string, image?: AlertImage): Promise<void> {
    const data = image && this.handles(dest) ? await image.draw({ theme: SLACK_THEME, maxBytes: SLACK_MAX_FILE_BYTES, platform: 'slack' }) : null;
    const prefs = dest.kind === 'slack-channel' ? await this.options.context?.prefs(dest) : undefined;
    const message = withMention(renderAlert(alert, { followButton: this.options.followButton ?? true }), mentionFor(prefs, alert));
    const { client, channel, threadTs } = await this.postInThread(dest, message, prefs?.threads === 'daily' ? alert.day : undefined);
    if (!image || !data) return;
    const sharing = this.sharePicture(client, channel, dest as SlackDestination, { name: image.name, alt: image.alt, data, title: alert.headline }, threadTs);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([sharing, new Promise((resolve) => (timer = setTimeout(resolve, PICTURE_WAIT_MS)))]).finally(() => clearTimeout(timer));
  }

  async sendText(dest: Destination, text: string): Promise<void> {
    await this.post(dest, { text: truncate(escapeMrkdwn(text), 3000), blocks: [] });
  }

  /**
   * With daily threads (`day` given): the day's first alert is posted in the channel and its ts
   * remembered; the day's later alerts are replies under it (thread_ts). A parent Slack no longer
   * has is forgotten and the alert starts the day's thread again.
   */
  private async postInThread(dest: Destination, message: SlackMessage, day: string | undefined): Promise<{ client: webApi.WebClient; channel: string; threadTs?: string }> {
    const threads = day && dest.kind === 'slack-channel' ? this.options.context?.threads : undefined;
    if (!threads || !day) return this.post(dest, message);
    const parent = await threads.get(dest, day);
    if (parent) {
      try {
        return { ...(await this.post(dest, message, parent)), threadTs: parent };
      } catch (error) {
        if (!(error instanceof ThreadGone)) throw error;
        await threads.forget(dest, day);
      }
    }
    const posted = await this.post(dest, message);
    if (!posted.ts) return posted;
    await threads.set(dest, day, posted.ts);
    // Its picture goes under it too: the channel shows one message a day.
    return { ...posted, threadTs: posted.ts };
  }

  /** Posts the message; returns the client and channel it went to (a DM's opened channel) and its ts. */
  private async post(dest: Destination, message: SlackMessage, threadTs?: string): Promise<{ client: webApi.WebClient; channel: string; ts?: string }> {
    if (!this.handles(dest)) throw new Error(`SlackNotifier cannot deliver to ${dest.kind}`);
    const where = describe(dest);
    const client = await this.clients.forTeam(dest.teamId);
    const channel = await this.channelOf(client, dest, where);
    const ts = await this.pacer.run(channel, async () => {
      try {
        const answer = await client.chat.postMessage({
          channel,
          text: message.text,
          ...(message.blocks.length ? { blocks: message.blocks } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
        return answer.ts;
      } catch (error) {
        if (threadTs && THREAD_ERRORS.has((error as { data?: { error?: string } }).data?.error ?? '')) throw new ThreadGone();
        throw this.failure(error, dest.teamId, where);
      }
    });
    return { client, channel, ...(ts ? { ts } : {}) };
  }

  private async sharePicture(client: webApi.WebClient, channel: string, dest: SlackDestination, picture: SlackPicture, threadTs?: string): Promise<void> {
    try {
      await this.pacer.run(channel, () => uploadPicture(client, channel, picture, threadTs));
    } catch (error) {
      const slack = (error as { data?: { error?: string } }).data?.error;
      const why = slack === 'not_in_channel' ? 'the bot is not in that channel (chat:write.public covers messages, not files): invite it to see pictures' : 'upload failed';
      this.options.logger?.warn({ err: error, dest: describe(dest), slack, image: picture.name }, `slack alert picture not shared (${why}); the alert went as text`);
    }
  }

  private failure(error: unknown, teamId: string, where: string): DeliveryError {
    const e = webApiDeliveryError(error, where);
    if (e.failure !== 'unauthorized' || !this.clients.perWorkspace) return e;
    this.forgetTeam(teamId);
    return new DeliveryError('forbidden', `${e.message} (workspace ${teamId}'s installation no longer works: install rankwatch there again)`);
  }

  private channelOf(client: webApi.WebClient, dest: SlackDestination, where: string): Promise<string> {
    if (dest.kind === 'slack-channel') return Promise.resolve(dest.channelId);
    const key = `${dest.teamId}:${dest.userId}`;
    let channel = this.dmChannels.get(key);
    if (!channel) {
      channel = this.openDm(client, dest, where);
      this.dmChannels.set(key, channel);
      channel.catch(() => this.dmChannels.delete(key)); // a failed open is tried again next time
    }
    return channel;
  }

  private async openDm(client: webApi.WebClient, dest: Extract<SlackDestination, { kind: 'slack-dm' }>, where: string): Promise<string> {
    try {
      const opened = await client.conversations.open({ users: dest.userId });
      const id = opened.channel?.id;
      if (!id) throw new Error('conversations.open returned no channel id');
      return id;
    } catch (error) {
      throw this.failure(error, dest.teamId, where);
    }
  }
}

function describe(dest: SlackDestination): string {
  return dest.kind === 'slack-channel' ? `Slack channel ${dest.channelId} (team ${dest.teamId})` : `Slack DM with ${dest.userId} (team ${dest.teamId})`;
}
