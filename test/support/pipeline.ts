import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../src/domain/calendar.js';
import { DEFAULT_DETECT_OPTIONS } from '../../src/domain/detect/options.js';
import type { AlertMessage } from '../../src/domain/alert-message.js';
import { destinationKey, type Destination } from '../../src/delivery/destination.js';
import { deadEnds } from '../../src/delivery/dead-ends.js';
import { Deliverer } from '../../src/delivery/deliverer.js';
import type { Notifier } from '../../src/delivery/notifier.js';
import { silentLogger } from '../../src/logger.js';
import { Poller } from '../../src/poller/poller.js';
import { OpenRouterClient } from '../../src/source/openrouter-client.js';
import { KeyvHistoryStore } from '../../src/store/keyv-history-store.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { OutboxStore } from '../../src/store/outbox-store.js';
import { SettingsStore, type AlertSetting } from '../../src/store/settings-store.js';

/** A notifier that records what it was given; `fail` scripts failures per destination key. */
export class CapturingNotifier implements Notifier {
  readonly sent: { dest: string; alert: AlertMessage; key: string }[] = [];
  readonly texts: { dest: string; text: string }[] = [];
  fail: (dest: Destination, alert: AlertMessage) => Error | undefined = () => undefined;

  handles(dest: Destination): boolean {
    return dest.kind !== 'console';
  }

  async send(dest: Destination, alert: AlertMessage, key: string): Promise<void> {
    const error = this.fail(dest, alert);
    if (error) throw error;
    this.sent.push({ dest: destinationKey(dest), alert, key });
  }

  async sendText(dest: Destination, text: string): Promise<void> {
    this.texts.push({ dest: destinationKey(dest), text });
  }
}

/** The real poll → detect → outbox → delivery path on SQLite, reading OpenRouter's stand-in. */
export async function openPipeline(o: { dir?: string; openRouterUrl: string; today: () => string; notifiers: Notifier[]; implicitAlerts?: AlertSetting[]; backoffMs?: number; concurrency?: number }) {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'rankwatch-pipe-'));
  const url = `sqlite://${join(dir, 'store.sqlite')}`;
  const kvs = [await openKeyv(url, 'rankwatch'), await openKeyv(url, 'rankwatch-settings'), await openKeyv(url, 'rankwatch-outbox')];
  const history = new KeyvHistoryStore(kvs[0]);
  const settings = new SettingsStore(kvs[1]);
  const outbox = new OutboxStore(kvs[2]);
  const clock = () => new Date(`${o.today()}T12:00:00.000Z`);
  const source = new OpenRouterClient({ baseUrl: o.openRouterUrl, apiKey: 'test-key', minIntervalMs: 0, backoffMs: 1, rateLimitedBackoffMs: 1, retries: 1 });
  const deliverer = new Deliverer({
    outbox,
    notifiers: o.notifiers,
    deadEnds: deadEnds({ settings, notifiers: o.notifiers, logger: silentLogger, clock }),
    logger: silentLogger,
    clock,
    retry: { baseBackoffMs: o.backoffMs ?? 5, maxBackoffMs: 50 },
    concurrency: o.concurrency ?? 8,
  });
  const poller = new Poller({
    source, history, clock, logger: silentLogger, outbox, settings, deliverer,
    detect: DEFAULT_DETECT_OPTIONS,
    sync: { settleMinutes: 150, resyncDays: 3 },
    implicitAlerts: () => o.implicitAlerts ?? [],
    fallbackNames: new Map(),
  });
  return {
    dir, history, settings, outbox, deliverer, poller, clock,
    async close(remove = true) {
      await deliverer.stop();
      for (const kv of kvs) await kv.disconnect();
      if (remove && !o.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `as_of` that makes `day` settled (03:00 the next day). */
export const settledAsOf = (day: string) => `${addDays(day, 1)}T03:00:00.000Z`;
