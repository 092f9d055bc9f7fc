// Shared by the BullMQ delivery tests, their worker child and the fleet bench: a unique prefix and
// outbox namespace per run on the real Redis, real notifiers on the stand-ins, and cleanup.
import { REST } from 'discord.js';
import { Redis } from 'ioredis';
import { webApi } from '@slack/bolt';
import { RestNotifier } from '../../src/adapters/discord/rest-notifier.js';
import { SlackNotifier } from '../../src/adapters/slack/slack-notifier.js';
import { BullDelivery, type BullDeliveryOptions } from '../../src/delivery/bull/index.js';
import type { DeadEnds } from '../../src/delivery/dead-ends.js';
import type { Notifier } from '../../src/delivery/notifier.js';
import type { AlertMessage } from '../../src/domain/alert-message.js';
import type { Telemetry } from '../../src/health/telemetry.js';
import { silentLogger } from '../../src/logger.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { OutboxStore } from '../../src/store/outbox-store.js';

export const REDIS_URL = process.env.RANKWATCH_TEST_REDIS_URL;
export const SKIP_LINE = '[rankwatch] skipping BullMQ delivery tests: set RANKWATCH_TEST_REDIS_URL=redis://127.0.0.1:6379';

let n = 0;
export const uniqueName = (what: string) => `rw-${what}-${process.pid}-${Date.now().toString(36)}-${n++}`;

export const alertOf = (eventId: string): AlertMessage => ({ eventId, headline: `alert ${eventId}`, figures: [['Tokens', '1T']], url: 'https://openrouter.ai/x/y', linkLabel: 'x/y', footer: 'f', day: '2026-04-04' });

export function discordNotifier(url: string, token: string): { notifier: RestNotifier; close(): void } {
  const rest = new REST({ api: url, retries: 0, timeout: 5_000 }).setToken(token);
  return { notifier: new RestNotifier(rest, token), close: () => (rest.clearHashSweeper(), rest.clearHandlerSweeper()) };
}

export function slackNotifier(url: string, token: string): Notifier {
  return new SlackNotifier(new webApi.WebClient(token, { slackApiUrl: url, retryConfig: { retries: 0 } }), { followButton: false, intervalMs: 0 });
}

export const recordingDeadEnds = (): DeadEnds & { disabled: string[] } => {
  const disabled: string[] = [];
  return { disabled, async disable(dest, reason) { disabled.push(`${JSON.stringify(dest)} ${reason}`); } };
};

export function countingTelemetry(): Telemetry & { counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const inc = (k: string) => () => void (counts[k] = (counts[k] ?? 0) + 1);
  return { counts, syncSucceeded() {}, syncFailed() {}, planned() {}, delivered: inc('delivered'), retried: inc('retried'), dropped: inc('dropped'), disabled: inc('disabled') };
}

/** One test's Redis: an outbox namespace and a queue prefix of its own, removed at the end. */
export async function redisWorld(url = REDIS_URL!, names = { prefix: uniqueName('q'), namespace: uniqueName('outbox') }) {
  const kv = await openKeyv(url, names.namespace);
  const outbox = new OutboxStore(kv);
  const made: BullDelivery[] = [];
  return {
    ...names, url, kv, outbox,
    delivery(o: Partial<BullDeliveryOptions> & Pick<BullDeliveryOptions, 'notifiers' | 'work'>): BullDelivery {
      const d = new BullDelivery({ outbox, deadEnds: recordingDeadEnds(), logger: silentLogger, clock: () => new Date(), connection: url, prefix: names.prefix, worker: { drainDelay: 1 }, ...o });
      made.push(d);
      return d;
    },
    async close() {
      for (const d of made) await d.stop().catch(() => undefined);
      await kv.clear();
      await kv.disconnect();
      await dropPrefix(url, names.prefix);
      // A closing queue may still write its meta key a moment later.
      await new Promise((r) => setTimeout(r, 200));
      await dropPrefix(url, names.prefix);
    },
  };
}

export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

export const until = async (done: () => boolean | Promise<boolean>, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
