import { REGISTRY } from '../../commands/index.js';
import type { Invocation } from '../../commands/command.js';
import type { Services } from '../../commands/services.js';
import type { AdapterDeps, ChatAdapter } from '../adapters/adapter.js';
import { createDiscordAdapter } from '../adapters/discord/index.js';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { bundledNames } from '../cli/bundled-names.js';
import type { Config } from '../config.js';
import { deadEnds } from '../delivery/dead-ends.js';
import { Deliverer } from '../delivery/deliverer.js';
import type { Logger } from '../logger.js';
import { Poller, type PollResult } from '../poller/poller.js';
import { schedulePolls, type Schedule } from '../poller/schedule.js';
import { HttpServer } from '../http/server.js';
import { openRuntime, type Runtime } from '../runtime.js';
import type { RankingsSource } from '../source/source.js';
import { OutboxStore } from '../store/outbox-store.js';
import { SettingsStore } from '../store/settings-store.js';
import { chartViews } from './chart-view.js';
import { createServices } from './services.js';

export interface AppOverrides {
  readonly source?: RankingsSource;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  /** Adapters the caller builds itself (the console chat), given the same deps. */
  readonly extraAdapters?: (deps: AdapterDeps) => ChatAdapter[];
  /** Delivery tuning (tests make backoff short). */
  readonly delivery?: { baseBackoffMs?: number; maxAttempts?: number; concurrency?: number };
}

export interface App {
  readonly runtime: Runtime;
  readonly services: Services;
  readonly settings: SettingsStore;
  readonly outbox: OutboxStore;
  readonly deliverer: Deliverer;
  readonly poller: Poller;
  readonly adapters: readonly ChatAdapter[];
  /** The port the HTTP server listens on, when HTTP_PORT is set. */
  httpPort(): number | null;
  /** Starts receiving, resumes undelivered alerts, runs the first poll, then (unless `schedule: false`) polls on schedule. */
  start(opts?: { schedule?: boolean; firstPoll?: boolean }): Promise<PollResult | null>;
  /** Stops receiving and polling; in-flight sends finish, the rest stay parked in the outbox. */
  stop(): Promise<void>;
}

/** The composition root's work, as a value tests can build: config → stores → adapters → delivery → poller. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const runtime = await openRuntime(config, overrides);
  const { logger, clock } = runtime;
  const settings = new SettingsStore(runtime.stores.settings);
  const outbox = new OutboxStore(runtime.stores.outbox);
  const fallbackNames = bundledNames();
  const charts = chartViews(runtime.history, config.detect, fallbackNames);
  let schedule: Schedule | null = null;
  const adapters: ChatAdapter[] = [];
  const notifiers = () => adapters.flatMap((a) => (a.notifier ? [a.notifier] : []));
  let deliverer: Deliverer | null = null;
  const services = createServices({ charts, settings, outbox, notifiers, pending: () => deliverer?.pendingCount() ?? 0, nextSyncAt: () => schedule?.nextRunAt() ?? null, sample: runtime.sample, clock, logger });
  const http = config.HTTP_PORT !== undefined ? new HttpServer(logger, async () => ({ ok: true, pending: deliverer?.pendingCount() ?? 0 })) : null;
  const deps: AdapterDeps = { commands: REGISTRY, services, logger, ...(http ? { http } : {}), context: (invocation: Invocation) => ({ invocation, services }) };
  for (const make of [createDiscordAdapter, createSlackAdapter]) {
    const adapter = make(config, deps);
    if (adapter) adapters.push(adapter);
  }
  adapters.push(...(overrides.extraAdapters?.(deps) ?? []));
  const live = notifiers();
  const delivery = new Deliverer({ outbox, notifiers: live, deadEnds: deadEnds({ settings, notifiers: live, logger, clock }), logger, clock, ...overrides.delivery });
  deliverer = delivery;
  const implicitAlerts = () => adapters.flatMap((a) => a.implicitAlerts ?? []);
  const poller = new Poller({ ...runtime, outbox, settings, deliverer: delivery, detect: config.detect, sync: { settleMinutes: config.SETTLE_MINUTES, resyncDays: config.RESYNC_DAYS }, implicitAlerts, fallbackNames });
  let port: number | null = null;
  return {
    runtime, services, settings, outbox, deliverer: delivery, poller, adapters,
    httpPort: () => port,
    async start(opts = {}) {
      await settings.reload();
      if (http) port = await http.listen(config.HTTP_PORT!);
      for (const a of adapters) await a.start();
      const resumed = await delivery.resume();
      if (resumed > 0) logger.info({ resumed }, 'resuming alerts left undelivered');
      const first = opts.firstPoll === false ? null : await poller.pollOnce();
      if (opts.schedule !== false) {
        schedule = schedulePolls({ cron: config.POLL_CRON, poll: () => poller.pollOnce(), completeThrough: async () => (await runtime.history.meta())?.completeThrough ?? null, clock, logger });
      }
      return first;
    },
    async stop() {
      await schedule?.stop();
      for (const a of adapters) await a.stop().catch((error) => logger.warn({ err: error, adapter: a.name }, 'adapter did not stop cleanly'));
      await delivery.stop();
      await http?.close();
      await runtime.close();
    },
  };
}
