import type { webApi } from '@slack/bolt';
import type { AlertMessage } from '../../domain/alert-message.js';
import type { Destination } from '../../delivery/destination.js';
import { DeliveryError, type Notifier } from '../../delivery/notifier.js';
import { webApiDeliveryError } from './errors.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import { Pacer } from './pacer.js';
import { renderAlert, type SlackMessage } from './render.js';
import { singleClient, type SlackClients } from './workspace-clients.js';

type SlackDestination = Extract<Destination, { kind: 'slack-channel' | 'slack-dm' }>;

export interface SlackNotifierOptions {
  /** Whether "Follow this model" buttons can be clicked (a Bolt app receives interactivity). */
  readonly followButton?: boolean;
  /** Gap between two messages to one channel; Slack allows about one per second. */
  readonly intervalMs?: number;
}

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

  /** Slack has no idempotency key for posts; the delivery ledger is what prevents doubles. */
  async send(dest: Destination, alert: AlertMessage, _idempotencyKey?: string): Promise<void> {
    await this.post(dest, renderAlert(alert, { followButton: this.options.followButton ?? true }));
  }

  async sendText(dest: Destination, text: string): Promise<void> {
    await this.post(dest, { text: truncate(escapeMrkdwn(text), 3000), blocks: [] });
  }

  private async post(dest: Destination, message: SlackMessage): Promise<void> {
    if (!this.handles(dest)) throw new Error(`SlackNotifier cannot deliver to ${dest.kind}`);
    const where = describe(dest);
    const client = await this.clients.forTeam(dest.teamId);
    const channel = await this.channelOf(client, dest, where);
    await this.pacer.run(channel, async () => {
      try {
        await client.chat.postMessage({
          channel,
          text: message.text,
          ...(message.blocks.length ? { blocks: message.blocks } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        throw this.failure(error, dest.teamId, where);
      }
    });
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
