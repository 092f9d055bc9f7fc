import { webhookHash, type Destination } from '../../delivery/destination.js';
import { DeliveryError, type AlertImage, type Notifier } from '../../delivery/notifier.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import { CHART_NAMES } from '../../domain/charts.js';
import { DEFAULT_ALERT_TYPES, type AlertSetting } from '../../store/settings-store.js';
import { webhookDeliveryError } from './errors.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import { Pacer } from './pacer.js';
import { renderAlert, type SlackMessage } from './render.js';

export interface WebhookNotifierOptions {
  readonly timeoutMs?: number;
  /** Gap between two posts to one hook; Slack allows about one per second. */
  readonly intervalMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * Incoming webhooks from SLACK_WEBHOOK_URLS. Each URL is used exactly as given; destinations and
 * logs carry only its hash, because the URL is the secret. Alerts go out without the Follow
 * button: a webhook's app may not be the one receiving clicks.
 */
export class SlackWebhookNotifier implements Notifier {
  private readonly hooks = new Map<string, string>();
  private readonly pacer: Pacer;
  private readonly fetch: typeof fetch;

  constructor(
    urls: readonly string[],
    private readonly options: WebhookNotifierOptions = {},
  ) {
    for (const url of urls) this.hooks.set(webhookHash(url), url);
    this.pacer = new Pacer(options.intervalMs ?? 1000);
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** One destination per configured URL. */
  get destinations(): Destination[] {
    return [...this.hooks.keys()].map((hash) => ({ kind: 'slack-webhook', hash }));
  }

  /** Every hook gets the default alert types on all four charts, without a /alerts setup. */
  implicitAlerts(at: string): AlertSetting[] {
    return this.destinations.map((dest) => ({ dest, types: [...DEFAULT_ALERT_TYPES], charts: [...CHART_NAMES], by: { platform: 'slack', userId: 'webhook' }, at }));
  }

  handles(dest: Destination): boolean {
    return dest.kind === 'slack-webhook' && this.hooks.has(dest.hash);
  }

  /**
   * Slack has no idempotency key for posts; the delivery ledger is what prevents doubles. Incoming
   * webhooks take no files: an alert's picture is skipped (not even drawn) and the text goes alone.
   */
  async send(dest: Destination, alert: AlertMessage, _idempotencyKey?: string, _image?: AlertImage): Promise<void> {
    await this.post(dest, renderAlert(alert, { followButton: false }));
  }

  async sendText(dest: Destination, text: string): Promise<void> {
    await this.post(dest, { text: truncate(escapeMrkdwn(text), 3000), blocks: [] });
  }

  private async post(dest: Destination, message: SlackMessage): Promise<void> {
    const hash = dest.kind === 'slack-webhook' ? dest.hash : '';
    const url = this.hooks.get(hash);
    const where = `slack-webhook:${hash}`;
    if (!url) throw new DeliveryError('gone', `No Slack webhook URL with hash ${hash} is configured (SLACK_WEBHOOK_URLS)`);
    const body = JSON.stringify(message.blocks.length ? message : { text: message.text });
    await this.pacer.run(hash, async () => {
      let res: Response;
      try {
        res = await this.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
          redirect: 'error',
        });
      } catch (error) {
        throw new DeliveryError('retry', `Could not reach Slack webhook ${where}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const answer = await res.text().catch(() => '');
      if (res.status !== 200) throw webhookDeliveryError(res.status, answer, where, res.headers.get('retry-after'));
    });
  }
}
