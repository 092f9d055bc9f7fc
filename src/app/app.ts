import { REGISTRY } from '../../commands/index.js';
import type { Invocation } from '../../commands/command.js';
import type { Services } from '../../commands/services.js';
import type { AdapterDeps, ChatAdapter } from '../adapters/adapter.js';
import type { AdapterStartError } from '../adapters/start-error.js';
import { bundledNames } from '../cli/bundled-names.js';
import type { Config } from '../config.js';
import { deadEnds } from '../delivery/dead-ends.js';
import { Deliverer, type DelivererOptions } from '../delivery/deliverer.js';
import type { DeliveryQueue } from '../delivery/queue.js';
import type { RetryPolicy } from '../delivery/retry-policy.js';
import { followsIn } from '../delivery/send-once.js';
import { realTimers, type Timers } from '../delivery/timers.js';
import { HealthBoard } from '../health/health.js';
import { Metrics } from '../health/telemetry.js';
import type { Logger } from '../logger.js';
import { Poller, type PollResult } from '../poller/poller.js';
import { cronPeriodMs, schedulePolls, type Schedule, type ScheduleOptions } from '../poller/schedule.js';
import type { Fleet } from '../fleet/fleet.js';
import { HttpServer } from '../http/server.js';
import { alertPictures } from '../render/alert-pictures.js';
import { openRuntime, type Runtime } from '../runtime.js';
import type { RankingsSource } from '../source/source.js';
import { timeBased } from '../schedule/time-based.js';
import type { Schedules } from '../schedule/schedules.js';
import { OutboxStore } from '../store/outbox-store.js';
import { SettingsStore } from '../store/settings-store.js';
import { reportFailingWebhooks, superviseAdapters, type AdapterSupervision } from './adapter-supervisor.js';
import { chartViews } from './chart-view.js';
import { mountHealthRoutes } from './health-routes.js';
import { rolePlan, type RolePlan } from './roles.js';
import { createServices } from './services.js';

/** The chat platforms, each loaded on demand (the same settings as its factory's "configured at all"). */
const PLATFORMS = [
  { configured: (c: Config) => Boolean(c.DISCORD_TOKEN || c.DISCORD_PUBLIC_KEY || c.DISCORD_WEBHOOK_URLS?.length), load: async () => (await import('../adapters/discord/index.js')).createDiscordAdapter },
  { configured: (c: Config) => Boolean(c.SLACK_BOT_TOKEN || (c.SLACK_CLIENT_ID && c.SLACK_CLIENT_SECRET) || c.SLACK_WEBHOOK_URLS?.length), load: async () => (await import('../adapters/slack/index.js')).createSlackAdapter },
];

export interface AppOverrides {
  readonly source?: RankingsSource;
  readonly clock?: () => Date;
  /** Timers for delivery backoff and retries (tests hand in a manual clock). */
  readonly timers?: Timers;
  readonly logger?: Logger;
  /** Adapters the caller builds itself (the console chat), given the same deps. */
  readonly extraAdapters?: (deps: AdapterDeps) => ChatAdapter[];
  /** Delivery tuning (tests make backoff short; `pictures: undefined` sends alerts as text only). */
  readonly delivery?: { retry?: Partial<RetryPolicy>; concurrency?: number; pictures?: DelivererOptions['pictures'] };
  /** Backoff of a failed poll and of an adapter that cannot connect (tests make it short). */
  readonly retryBaseMs?: number;
}

export interface App {
  readonly runtime: Runtime;
  readonly services: Services;
  readonly settings: SettingsStore;
  readonly outbox: OutboxStore;
  readonly deliverer: DeliveryQueue;
  readonly poller: Poller;
  /** What this process runs (ROLE). */
  readonly plan: RolePlan;
  /** The fleet's coordination when REDIS_URL is set. */
  readonly fleet: Fleet | null;
  readonly adapters: readonly ChatAdapter[];
  readonly health: HealthBoard;
  readonly metrics: Metrics;
  /** Resolves when a platform refuses its credentials: the caller stops the process with the message. */
  readonly fatal: Promise<AdapterStartError>;
  /** The port the HTTP server listens on, when HTTP_PORT is set. */
  httpPort(): number | null;
  /**
   * Starts receiving, resumes undelivered alerts, and polls. With the schedule (the default) the
   * first poll's failure is recorded and retried, never thrown; `schedule: false` polls once and throws.
   */
  start(opts?: { schedule?: boolean; firstPoll?: boolean }): Promise<PollResult | null>;
  /** Polls now through the schedule: a failure is recorded, retried with backoff, and answered with null. */
  pollNow(): Promise<PollResult | null>;
  /** Stops receiving and polling; in-flight sends finish, the rest stay parked in the outbox. */
  stop(): Promise<void>;
}

/** The composition root's work, as a value tests can build: config → stores → adapters → delivery → poller. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const plan = rolePlan(config);
  const runtime = await openRuntime(config, overrides);
  const { logger, clock } = runtime;
  const timers = overrides.timers ?? realTimers;
  const settings = new SettingsStore(runtime.stores.settings);
  const fallbackNames = bundledNames();
  const charts = chartViews(runtime.history, config.detect, fallbackNames);
  const health = new HealthBoard(clock);
  // ioredis and BullMQ load only for a fleet: a one-process bot never carries them.
  const fleet = config.REDIS_URL ? await openFleetOrClose(config.REDIS_URL, config.REDIS_PREFIX, { logger, health }, runtime) : null;
  const outbox = new OutboxStore(runtime.stores.outbox, fleet ? (await import('../fleet/counters.js')).fleetCounters(fleet) : undefined);
  let schedule: Schedule | null = null;
  let deliverer: DeliveryQueue | null = null;
  const adapters: ChatAdapter[] = [];
  const notifiers = () => adapters.flatMap((a) => (a.notifier ? [a.notifier] : []));
  const pending = () => deliverer?.pendingCount() ?? 0;
  const metrics = new Metrics({ queueDepth: pending, health });
  let fatal: (e: AdapterStartError) => void = () => {};
  const fatalPromise = new Promise<AdapterStartError>((resolve) => (fatal = resolve));
  const services = createServices({ charts, settings, outbox, notifiers, health, pending, nextSyncAt: () => schedule?.nextRunAt() ?? null, sample: runtime.sample, clock, logger });
  const http = config.HTTP_PORT !== undefined ? new HttpServer(logger) : null;
  const receive = { gateway: plan.gateway, http: plan.http };
  // Slack's OAuth installations live in the settings namespace (src/store/slack-installations.ts).
  const claim = fleet ? await claimer(fleet) : undefined;
  const deps: AdapterDeps = { commands: REGISTRY, services, logger, health, fatal, receive, settingsKv: runtime.stores.settings, ...(http ? { http } : {}), ...(claim ? { claim } : {}), context: (invocation: Invocation) => ({ invocation, services }) };
  // discord.js and Bolt load only when their platform is configured: the console chat carries neither.
  for (const platform of PLATFORMS) {
    if (!platform.configured(config)) continue;
    const adapter = (await platform.load())(config, deps);
    if (adapter) adapters.push(adapter);
  }
  adapters.push(...(overrides.extraAdapters?.(deps) ?? []));
  const live = notifiers();
  const retry = { giveUpMs: config.DELIVERY_GIVE_UP_HOURS * 3600_000, sendTimeoutMs: config.DELIVERY_TIMEOUT_MS, ...overrides.delivery?.retry };
  const options: DelivererOptions = { outbox, notifiers: live, deadEnds: deadEnds({ settings, notifiers: live, logger, clock }), logger, clock, timers, health, telemetry: metrics, pictures: alertPictures({ charts, logger }), follows: followsIn(settings), ...overrides.delivery, retry };
  const delivery = fleet ? await fleetDelivery(fleet, options, plan.delivers) : new Deliverer(options);
  deliverer = delivery;
  const implicitAlerts = () => adapters.flatMap((a) => a.implicitAlerts ?? []);
  const clocks = timeBased({ settings, outbox, outboxKv: runtime.stores.outbox, queue: delivery, charts, implicitAlerts, clock, timers, logger, ...(claim ? { claim } : {}) });
  let schedules: Schedules | null = null;
  // They are defaults: a setup or an off in that channel (the console's terminal) replaces them.
  settings.useDefaultAlerts(implicitAlerts);
  const poller = new Poller({ ...runtime, outbox, settings, deliverer: delivery, detect: config.detect, sync: { settleMinutes: config.SETTLE_MINUTES, resyncDays: config.RESYNC_DAYS }, implicitAlerts, fallbackNames, telemetry: metrics, quiet: clocks.quiet });
  if (http) mountHealthRoutes(http, { board: health, outbox, metrics, clock, pending, watchSync: plan.polls, maxSyncAgeMs: cronPeriodMs(config.POLL_CRON) + config.HEALTH_MAX_SYNC_DELAY_MINUTES * 60_000 });
  let port: number | null = null;
  let supervision: AdapterSupervision | null = null;
  let sharing: { stop(): Promise<void> } | null = null;
  // stop() may come while start() is still under way (a fatal refusal at start): start then arms nothing more.
  let stopping = false;
  return {
    runtime, services, settings, outbox, deliverer: delivery, poller, plan, fleet, adapters, health, metrics, fatal: fatalPromise,
    httpPort: () => port,
    async start(opts = {}) {
      await settings.reload();
      if (fleet) sharing = await (await import('../fleet/settings-bus.js')).shareSettings(fleet, settings, logger);
      // Configured webhooks are never disabled for good: the variable is how an operator removes one.
      for (const setting of implicitAlerts()) await settings.enable(setting.dest);
      if (http) port = await http.listen(config.HTTP_PORT!);
      supervision = superviseAdapters(adapters, { health, logger, timers, onFatal: fatal, ...(overrides.retryBaseMs ? { retryBaseMs: overrides.retryBaseMs } : {}) });
      await supervision.firstTry;
      if (stopping) return null;
      if (plan.delivers || plan.polls) {
        const resumed = await delivery.resume();
        if (resumed > 0) logger.info({ resumed }, 'resuming alerts left undelivered');
      }
      if (plan.delivers) await reportFailingWebhooks(implicitAlerts().map((a) => a.dest), { outbox, health, logger });
      if (stopping || !plan.polls) return null;
      // Digests and quiet-hours releases are the poller role's, whether or not polls are scheduled.
      schedules = await clocks.start();
      if (opts.schedule === false) return opts.firstPoll === false ? null : poller.pollOnce();
      const polls: ScheduleOptions = { cron: config.POLL_CRON, poll: () => poller.pollOnce(), completeThrough: async () => (await runtime.history.meta())?.completeThrough ?? null, clock, logger, health, timers, ...(overrides.retryBaseMs ? { retryBaseMs: overrides.retryBaseMs } : {}) };
      schedule = fleet ? await (await import('../fleet/poll-schedule.js')).scheduleFleetPolls({ ...polls, fleet }) : schedulePolls(polls);
      return opts.firstPoll === false ? null : ((await schedule.runNow('start')) as PollResult | null);
    },
    async pollNow() {
      return schedule ? ((await schedule.runNow('now')) as PollResult | null) : poller.pollOnce();
    },
    async stop() {
      stopping = true;
      supervision?.stop();
      await schedule?.stop();
      schedules?.stop();
      for (const a of adapters) await a.stop().catch((error) => logger.warn({ err: error, adapter: a.name }, 'adapter did not stop cleanly'));
      await delivery.stop();
      await sharing?.stop();
      await http?.close();
      await fleet?.close();
      await runtime.close();
    },
  };
}

async function openFleetOrClose(url: string, prefix: string, o: { logger: Logger; health: HealthBoard }, runtime: Runtime): Promise<Fleet> {
  try {
    return await (await import('../fleet/fleet.js')).openFleet(url, prefix, o);
  } catch (error) {
    await runtime.close().catch(() => undefined);
    throw error;
  }
}

/** Two gateway instances both receive every Discord interaction: the first to claim it answers. */
async function claimer(fleet: Fleet): Promise<(id: string) => Promise<boolean>> {
  const { claimOnce } = await import('../fleet/fleet-lock.js');
  return (id) => claimOnce(fleet, id, 15 * 60_000);
}

async function fleetDelivery(fleet: Fleet, options: DelivererOptions, work: boolean): Promise<DeliveryQueue> {
  const { BullDelivery } = await import('../delivery/bull/index.js');
  return new BullDelivery({ ...options, connection: fleet.url, prefix: fleet.prefix, work });
}
