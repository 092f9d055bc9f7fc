import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { nonceOf, RestNotifier } from '../src/adapters/discord/rest-notifier.js';
import type { DeadEnds } from '../src/delivery/dead-ends.js';
import { idempotencyKey } from '../src/delivery/dead-ends.js';
import { Deliverer } from '../src/delivery/deliverer.js';
import type { Destination } from '../src/delivery/destination.js';
import type { AlertMessage } from '../src/domain/alert-message.js';
import type { Logger } from '../src/logger.js';
import { openKeyv } from '../src/store/open-keyv.js';
import { OutboxStore, type PendingDelivery } from '../src/store/outbox-store.js';
import { startFakeDiscord } from '../test/fakes/discord/index.js';
import { report } from './report.js';

/** Discord's usual limits: 50 requests/s per bot token, 5 messages per 5 s per channel. */
const GLOBAL_PER_SECOND = 50;
const CHANNEL_BUCKET = { limit: 5, windowMs: 5000 };
const CHANNELS = 2000;
/** Concurrency values tried on a shorter fan-out before the full run. */
const CANDIDATES = [32, 256];
const DEFAULT_CONCURRENCY = 256;
const TRIAL_CHANNELS = 300;

export const benchAlert = (eventId: string, headline = 'Bench Model takes #1 on the daily chart with 1.04T tokens'): AlertMessage => ({
  eventId,
  headline,
  figures: [['Tokens', '1.04T'], ['Previous #1', 'Qwen3.6 Plus']],
  url: 'https://openrouter.ai/bench/bench-model',
  linkLabel: 'Bench Model on OpenRouter',
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z',
  followModel: 'bench/bench-model',
  day: '2026-03-11',
});

/** A logger that only counts what the Deliverer reports (retries, give-ups, disables). */
export function countingLogger(): Logger & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const note = (level: string) => (_obj: object, msg?: string) => void counts.set(`${level}: ${msg ?? ''}`, (counts.get(`${level}: ${msg ?? ''}`) ?? 0) + 1);
  return { counts, debug() {}, info() {}, warn: note('warn'), error: note('error') };
}

export function recordingDeadEnds(): DeadEnds & { disabled: string[] } {
  const disabled: string[] = [];
  return { disabled, async disable(_dest, reason) { disabled.push(reason); } };
}

export const countOf = (counts: Map<string, number>, prefix: string) => [...counts].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);

interface RunResult {
  channels: number;
  concurrency: number;
  putMs: number;
  elapsedMs: number;
  messages: number;
  distinct: number;
  duplicates: number;
  global429: number;
  bucket429: number;
  requests: number;
  retries: number;
  gaveUp: number;
  disabled: number;
  leftInOutbox: number;
  sentCounter: number;
}

async function fanOut(channels: number, concurrency: number): Promise<RunResult> {
  const fake = await startFakeDiscord({
    rateLimits: { global: { limit: GLOBAL_PER_SECOND, windowMs: 1000 }, channelMessages: CHANNEL_BUCKET },
    guilds: [{ name: 'Bench Guild', channels: Array.from({ length: channels }, (_, i) => ({ name: `alerts-${i}` })) }],
  });
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-bench-discord-'));
  const rest = new REST({ api: fake.url }).setToken(fake.token); // as in production: default offset and globalRequestsPerSecond (50)
  const kv = await openKeyv(`sqlite://${join(dir, 'store.sqlite')}`, 'rankwatch-outbox');
  const outbox = new OutboxStore(kv);
  const logger = countingLogger();
  const deadEnds = recordingDeadEnds();
  const clock = () => new Date();
  const deliverer = new Deliverer({ outbox, notifiers: [new RestNotifier(rest)], deadEnds, logger, clock, concurrency });
  try {
    const guild = fake.guilds[0];
    const dests: Destination[] = guild.channelIds.map((channelId) => ({ kind: 'discord-channel', channelId, guildId: guild.id }));
    const alert = benchAlert(`new_leader:daily:2026-03-11:bench/bench-model#c${concurrency}`);
    // As the poller does: the alert and all its destinations go to the outbox, then to the deliverer.
    const t0 = performance.now();
    await outbox.put(alert, dests, `${clock().toISOString()}#000000`);
    const putMs = performance.now() - t0;
    const items: PendingDelivery[] = dests.map((dest) => ({ alert, dest }));
    deliverer.enqueue(items);
    await deliverer.idle();
    const elapsedMs = performance.now() - t0;

    let messages = 0;
    let distinct = 0;
    let duplicates = 0;
    for (const dest of dests) {
      const channelId = (dest as { channelId: string }).channelId;
      const all = fake.messages(channelId);
      messages += all.length;
      const mine = all.filter((m) => m.nonce === nonceOf(idempotencyKey(alert.eventId, dest))).length;
      if (mine > 0) distinct++;
      duplicates += Math.max(0, mine - 1);
    }
    const limited = fake.requests.filter((r) => r.status === 429);
    const global429 = limited.filter((r) => (r.responseBody as { global?: boolean } | undefined)?.global === true).length;
    return {
      channels,
      concurrency,
      putMs,
      elapsedMs,
      messages,
      distinct,
      duplicates,
      global429,
      bucket429: limited.length - global429,
      requests: fake.requests.length,
      retries: countOf(logger.counts, 'warn: delivery failed'),
      gaveUp: countOf(logger.counts, 'error:'),
      disabled: deadEnds.disabled.length,
      leftInOutbox: (await outbox.pending()).length,
      sentCounter: await outbox.sentOn(clock().toISOString().slice(0, 10)),
    };
  } finally {
    await deliverer.stop();
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await kv.disconnect();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rate = (r: RunResult) => r.distinct / (r.elapsedMs / 1000);

export async function benchDiscordFanOut(): Promise<void> {
  const trials: RunResult[] = [];
  for (const c of CANDIDATES) trials.push(await fanOut(TRIAL_CHANNELS, c));
  report(`Discord fan-out: concurrency trials (${TRIAL_CHANNELS} channels each)`, Object.fromEntries(
    trials.map((t) => [`concurrency ${t.concurrency}`, `${(t.elapsedMs / 1000).toFixed(2)} s, ${rate(t).toFixed(1)} msg/s, 429s ${t.global429 + t.bucket429}, lost ${t.channels - t.distinct}, dup ${t.duplicates}`]),
  ));

  const r = await fanOut(CHANNELS, DEFAULT_CONCURRENCY);
  const perSecond = rate(r);
  report(`Discord fan-out: one alert to ${CHANNELS.toLocaleString('en')} channels (fake Discord: global ${GLOBAL_PER_SECOND}/s, ${CHANNEL_BUCKET.limit} per ${CHANNEL_BUCKET.windowMs / 1000} s per channel)`, {
    'deliverer concurrency': `${r.concurrency} (the default)`,
    channels: r.channels,
    'outbox write (ms)': r.putMs.toFixed(0),
    'enqueue → idle (s)': (r.elapsedMs / 1000).toFixed(2),
    // Fixed 1 s windows: the first second's 50 go out at once, so N messages need (N/50 − 1) s at least.
    [`floor from the ${GLOBAL_PER_SECOND}/s limit (s)`]: (Math.ceil(r.channels / GLOBAL_PER_SECOND) - 1).toFixed(0),
    'messages delivered (fake records)': r.messages,
    'messages per second': perSecond.toFixed(1),
    [`share of the ${GLOBAL_PER_SECOND}/s ceiling`]: `${((perSecond / GLOBAL_PER_SECOND) * 100).toFixed(1)}% (goal ≥ 90%)`,
    'HTTP requests to the fake': r.requests,
    '429s answered (global / per-channel)': `${r.global429 + r.bucket429} (${r.global429} / ${r.bucket429})`,
    'deliverer retries / given up / disabled': `${r.retries} / ${r.gaveUp} / ${r.disabled}`,
    'lost (planned − distinct delivered)': `${r.channels - r.distinct} (goal 0)`,
    'duplicated (same nonce twice in a channel)': `${r.duplicates} (goal 0)`,
    'outbox deliveries still pending after idle': r.leftInOutbox,
    'outbox sent counter': r.sentCounter,
  });
}
