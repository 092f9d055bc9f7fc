import { REST, Routes, type RESTOptions } from 'discord.js';
import { ConfigError, type Config } from '../../config.js';
import { DeliveryError, type Notifier } from '../../delivery/notifier.js';
import { sendContext } from '../../delivery/send-context.js';
import type { AdapterDeps, ChatAdapter } from '../adapter.js';
import { GatewayBot } from './gateway-bot.js';
import { INTERACTIONS_PATH, mountHttpInteractions } from './http-interactions.js';
import { startError } from './errors.js';
import { DEFAULT_TIMINGS, InteractionRouter, type InteractionTimings } from './interactions.js';
import { RestNotifier } from './rest-notifier.js';
import { WebhookNotifier, type WebhookNotifierOptions } from './webhook-notifier.js';

export interface DiscordAdapterOverrides {
  /** Merged over `{ api: DISCORD_API_URL }` (tests: `offset: 0`, `retries: 0`). */
  readonly restOptions?: Partial<RESTOptions>;
  /** When to defer, how long autocomplete may take (tests shorten them). */
  readonly timings?: Partial<InteractionTimings>;
  readonly webhooks?: WebhookNotifierOptions;
  /** The clock the HTTP signature window is checked against (epoch ms). */
  readonly now?: () => number;
}

/** Several notifiers as one: each destination goes to the one that handles it. */
function combine(notifiers: readonly Notifier[]): Notifier | undefined {
  if (notifiers.length <= 1) return notifiers[0];
  const pick = (dest: Parameters<Notifier['handles']>[0]) => {
    const n = notifiers.find((x) => x.handles(dest));
    if (!n) throw new DeliveryError('invalid', `discord cannot deliver to ${dest.kind}`);
    return n;
  };
  return {
    handles: (dest) => notifiers.some((n) => n.handles(dest)),
    send: (dest, alert, key, image) => pick(dest).send(dest, alert, key, image),
    sendText: (dest, text) => pick(dest).sendText(dest, text),
  };
}

/** What commands that would post say when there is no bot token (HTTP interactions alone). */
export const NO_TOKEN = 'the operator must set DISCORD_TOKEN (the bot token) for channel alerts and DMs';

/**
 * Discord, as configured:
 * - DISCORD_TOKEN alone: the gateway bot (discord.js, automatic sharding unless SHARD_COUNT is
 *   set) receives commands; REST posts alerts.
 * - DISCORD_PUBLIC_KEY (+ DISCORD_APPLICATION_ID, HTTP_PORT): no gateway; interactions arrive
 *   signed at POST /discord/interactions and are answered through the interaction webhook, which
 *   needs no token. With DISCORD_TOKEN as well, REST posts channel alerts and DMs; without it
 *   there is no bot notifier, and commands that would post say the operator must set it.
 * - DISCORD_WEBHOOK_URLS (with or without a token): alerts to those channels, no /alerts setup.
 * DISCORD_API_URL (base without version, e.g. `https://discord.com/api`) moves REST and, through
 * GET /gateway/bot, the gateway. Returns null when Discord is not configured at all.
 */
export function createDiscordAdapter(config: Config, deps: AdapterDeps, overrides: DiscordAdapterOverrides = {}): ChatAdapter | null {
  const token = config.DISCORD_TOKEN;
  const publicKey = config.DISCORD_PUBLIC_KEY;
  const urls = config.DISCORD_WEBHOOK_URLS ?? [];
  if (!token && !publicKey && urls.length === 0) return null;
  const restOptions: Partial<RESTOptions> = { ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}), ...overrides.restOptions };
  const router = new InteractionRouter(deps, { ...DEFAULT_TIMINGS, ...overrides.timings }, token ? undefined : NO_TOKEN);
  // A webhook request gives up when delivery does: an abandoned request would hold `start --once` open.
  const webhooks = urls.length ? new WebhookNotifier(urls, { timeoutMs: config.DELIVERY_TIMEOUT_MS, ...overrides.webhooks }) : null;
  let bot: GatewayBot | null = null;
  let rest: REST | null = null;
  // ROLE: a process that does not receive (poller, delivery) keeps REST for alerts and mounts nothing.
  const receiving = publicKey ? deps.receive?.http !== false : deps.receive?.gateway !== false;
  if (!receiving) {
    rest = new REST(restOptions);
    if (token) rest.setToken(token);
  } else if (publicKey) {
    if (!deps.http) throw new ConfigError('DISCORD_PUBLIC_KEY needs HTTP_PORT: Discord sends interactions to POST /discord/interactions');
    rest = new REST(restOptions);
    if (token) rest.setToken(token);
    mountHttpInteractions(deps.http, { publicKey, rest, router, logger: deps.logger, ...(overrides.now ? { now: overrides.now } : {}) });
  } else if (token) {
    const sharding = config.SHARD_COUNT ? { shardCount: config.SHARD_COUNT, ...(config.SHARDS ? { shards: config.SHARDS } : {}) } : {};
    bot = new GatewayBot(token, router, deps.logger, restOptions, { ...(deps.health ? { health: deps.health } : {}), ...(deps.fatal ? { fatal: deps.fatal } : {}), ...(deps.claim ? { claim: deps.claim } : {}), sharding });
    rest = bot.client.rest;
  }
  const notifier = combine([...(rest && token ? [new RestNotifier(rest, token, sendContext(deps.services.settings, deps.settingsKv))] : []), ...(webhooks ? [webhooks] : [])]);
  const mode = bot ? 'gateway' : !receiving ? 'alerts only (this ROLE receives no commands)' : rest ? `HTTP interactions at POST ${INTERACTIONS_PATH}` : 'webhooks only';
  return {
    name: 'discord',
    ...(notifier ? { notifier } : {}),
    implicitAlerts: webhooks?.implicitAlerts(deps.services.clock().toISOString()) ?? [],
    async start() {
      if (bot) await bot.start();
      else if (rest && token) await rest.get(Routes.user('@me')).catch((error: unknown) => Promise.reject(startError(error)));
      if (rest && !token && receiving) deps.logger.warn({ mode }, `DISCORD_TOKEN is not set: Discord commands are answered, but channel alerts and DMs cannot be posted (/alerts setup, /alerts test and /subscribe say ${NO_TOKEN})`);
      deps.logger.info({ mode, webhooks: urls.length, botToken: Boolean(token) }, 'discord ready');
    },
    async stop() {
      if (bot) await bot.stop();
      else if (rest) {
        rest.clearHashSweeper();
        rest.clearHandlerSweeper();
      }
    },
  };
}
