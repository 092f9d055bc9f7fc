import { CHART_NAMES } from '../../domain/charts.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import { webhookHash, type Destination } from '../../delivery/destination.js';
import { DeliveryError, type AlertImage, type Notifier } from '../../delivery/notifier.js';
import { DEFAULT_ALERT_TYPES, type AlertSetting } from '../../store/settings-store.js';
import { Mutex } from '../../store/mutex.js';
import { alertFile, restRequest, withImage } from './attachments.js';
import { failureOf, flattenErrors } from './errors.js';
import { renderAlert, renderText, type DiscordMessage } from './render.js';

interface Hook {
  readonly url: string;
  readonly hash: string;
  readonly lock: Mutex;
  /** Epoch ms before which the webhook's bucket is empty (from its X-RateLimit headers or a 429). */
  readyAt: number;
  /** When recent requests went out, for our own ceiling. */
  readonly sent: number[];
}

export interface WebhookNotifierOptions {
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Per request (default 15 s, as @discordjs/rest). */
  readonly timeoutMs?: number;
  /** 429s waited out per send before giving up with `retry` (default 5). */
  readonly maxRateLimitWaits?: number;
  /** A Retry-After longer than this is not waited for: the send fails with `retry` (default 60 s). */
  readonly maxWaitMs?: number;
  /**
   * Our own ceiling per webhook, kept even when headers say more (default 5 per 2 s, Discord's
   * observed webhook limit; a hidden per-channel limit also exists, so headers are not the whole story).
   */
  readonly ceiling?: { readonly limit: number; readonly windowMs: number };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds from a header (Retry-After, X-RateLimit-Reset-After) or a 429 body, as milliseconds. */
function seconds(value: unknown): number | undefined {
  const n = Number(value);
  return value !== null && value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? Math.ceil(n * 1000) : undefined;
}

/**
 * Alerts to the channel webhooks in DISCORD_WEBHOOK_URLS, each URL used exactly as given (so a
 * proxy or a local stand-in works; discord.js's WebhookClient only parses discord.com URLs).
 * Sends to one webhook go one at a time, and its X-RateLimit-Remaining / Reset-After headers are
 * obeyed before the next one (Discord allows about 5 per 2 s per webhook); a 429 is waited out.
 * Plain webhooks cannot carry buttons, so alerts go without "Follow this model". Destinations and
 * errors name the webhook by hash only: the URL holds its secret token.
 */
export class WebhookNotifier implements Notifier {
  private readonly hooks = new Map<string, Hook>();
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    urls: readonly string[],
    private readonly opts: WebhookNotifierOptions = {},
  ) {
    for (const url of urls) this.hooks.set(webhookHash(url), { url, hash: webhookHash(url), lock: new Mutex(), readyAt: 0, sent: [] });
    this.fetch = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? sleep;
  }

  get destinations(): Destination[] {
    return [...this.hooks.keys()].map((hash) => ({ kind: 'discord-webhook', hash }));
  }

  /** Every configured webhook gets the default alert types on all four charts, without a /alerts setup. */
  implicitAlerts(at: string): AlertSetting[] {
    return this.destinations.map((dest) => ({ dest, types: [...DEFAULT_ALERT_TYPES], charts: [...CHART_NAMES], by: { platform: 'discord', userId: 'webhook' }, at }));
  }

  handles(dest: Destination): boolean {
    return dest.kind === 'discord-webhook' && this.hooks.has(dest.hash);
  }

  /** The alert's picture, when drawn, goes multipart (`payload_json` + `files[0]`) and shows in the embed. */
  async send(dest: Destination, alert: AlertMessage, _idempotencyKey?: string, image?: AlertImage): Promise<void> {
    this.hookOf(dest);
    await this.execute(dest, withImage(renderAlert(alert, { followButton: false }), await alertFile(image)));
  }

  async sendText(dest: Destination, text: string): Promise<void> {
    await this.execute(dest, renderText(text));
  }

  private hookOf(dest: Destination): Hook {
    const hook = dest.kind === 'discord-webhook' ? this.hooks.get(dest.hash) : undefined;
    if (!hook) throw new DeliveryError('gone', `discord webhook ${dest.kind === 'discord-webhook' ? dest.hash : dest.kind} is not configured`);
    return hook;
  }

  private execute(dest: Destination, msg: DiscordMessage): Promise<void> {
    const hook = this.hookOf(dest);
    return hook.lock.run(() => this.attempt(hook, encode(msg)));
  }

  private async attempt(hook: Hook, body: string | FormData): Promise<void> {
    const where = `discord webhook ${hook.hash}`;
    const url = new URL(hook.url);
    url.searchParams.set('wait', 'true');
    for (let waits = 0; ; waits++) {
      const wait = Math.max(hook.readyAt, this.ceilingFree(hook)) - this.now();
      if (wait > 0) await this.sleep(wait);
      hook.sent.push(this.now());
      let res: Response;
      try {
        // FormData sets its own multipart content type (with the boundary).
        const headers: Record<string, string> = typeof body === 'string' ? { 'content-type': 'application/json' } : {};
        res = await this.fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000) });
      } catch (error) {
        throw new DeliveryError('retry', `${where}: unreachable (${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message})`);
      }
      this.learn(hook, res.headers);
      if (res.ok) return void (await res.arrayBuffer().catch(() => undefined));
      const answer = (await res.json().catch(() => ({}))) as { code?: number; message?: string; retry_after?: number; errors?: unknown };
      if (res.status === 429) {
        const after = seconds(res.headers.get('retry-after')) ?? seconds(answer.retry_after) ?? 1000;
        if (waits < (this.opts.maxRateLimitWaits ?? 5) && after <= (this.opts.maxWaitMs ?? 60_000)) {
          hook.readyAt = Math.max(hook.readyAt, this.now() + after);
          continue;
        }
        throw new DeliveryError('retry', `${where}: Discord 429 rate limited, retry in ${after} ms`, after);
      }
      const detail = [answer.message, ...flattenErrors(answer.errors)].filter(Boolean).join('; ');
      // A webhook's 401 is its own token (50027), not the bot's: about this destination only.
      const failure = failureOf(res.status, answer.code);
      throw new DeliveryError(failure === 'unauthorized' ? 'forbidden' : failure, `${where}: Discord ${res.status} ${answer.code ?? ''} ${detail || res.statusText}`.replace(/\s+/g, ' ').trim());
    }
  }

  /** When the next request keeps us within our ceiling. */
  private ceilingFree(hook: Hook): number {
    const { limit, windowMs } = this.opts.ceiling ?? { limit: 5, windowMs: 2000 };
    const since = this.now() - windowMs;
    while (hook.sent.length && hook.sent[0] <= since) hook.sent.shift();
    return hook.sent.length < limit ? 0 : hook.sent[hook.sent.length - limit] + windowMs;
  }

  /** Remember when the bucket is empty, so the next send waits instead of meeting a 429. */
  private learn(hook: Hook, headers: Headers): void {
    const remaining = headers.get('x-ratelimit-remaining');
    const resetAfter = seconds(headers.get('x-ratelimit-reset-after'));
    if (remaining !== null && Number(remaining) <= 0 && resetAfter !== undefined) hook.readyAt = Math.max(hook.readyAt, this.now() + resetAfter);
  }
}

/** JSON, or multipart `payload_json` + `files[n]` when the message carries files (as Discord takes them). */
function encode(msg: DiscordMessage): string | FormData {
  const { body, files } = restRequest(msg);
  if (!files?.length) return JSON.stringify(body);
  const form = new FormData();
  form.append('payload_json', JSON.stringify(body));
  files.forEach((f, i) => form.append(`files[${i}]`, new Blob([f.data], { type: f.contentType }), f.name));
  return form;
}
