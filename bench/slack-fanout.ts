import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel, webApi } from '@slack/bolt';
import { SlackNotifier } from '../src/adapters/slack/slack-notifier.js';
import { Deliverer } from '../src/delivery/deliverer.js';
import type { Destination } from '../src/delivery/destination.js';
import { openKeyv } from '../src/store/open-keyv.js';
import { OutboxStore, type PendingDelivery } from '../src/store/outbox-store.js';
import { startFakeSlack } from '../test/fakes/slack/index.js';
import { benchAlert, countingLogger, countOf, recordingDeadEnds } from './discord-fanout.js';
import { report } from './report.js';

/**
 * Slack's chat.postMessage limit: about one message per second per channel (burst 1 here, the
 * strict reading). The tier limits stay on: the fake, like Slack, puts chat.postMessage in no tier
 * (its "special" per-channel limit), so they cannot cap a 500-channel fan-out.
 */
const PER_CHANNEL = { rate: 1, burst: 1 };
/** The Deliverer's production default (src/app/app.ts passes none). */
const CONCURRENCY = 256; // the Deliverer's default

interface PhaseResult {
  channels: number;
  alerts: number;
  concurrency: number;
  elapsedMs: number;
  messages: number;
  distinct: number;
  duplicates: number;
  outOfOrder: number;
  limited: number;
  retries: number;
  gaveUp: number;
  disabled: number;
  leftInOutbox: number;
}

async function phase(channels: number, alertCount: number, concurrency: number): Promise<PhaseResult> {
  const ids = Array.from({ length: channels }, (_, i) => `C${String(i + 1).padStart(9, '0')}`);
  const fake = await startFakeSlack({
    channels: ids.map((id, i) => ({ id, name: `alerts-${i}` })),
    rateLimits: { postMessagePerChannel: PER_CHANNEL },
  });
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-bench-slack-'));
  // The WebClient as src/adapters/slack/bolt-app.ts configures it (bounded retries; 429s waited out).
  const client = new webApi.WebClient(fake.botToken, {
    slackApiUrl: fake.url,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    timeout: 15_000,
  });
  const kv = await openKeyv(`sqlite://${join(dir, 'store.sqlite')}`, 'rankwatch-outbox');
  const outbox = new OutboxStore(kv);
  const logger = countingLogger();
  const deadEnds = recordingDeadEnds();
  const clock = () => new Date();
  const deliverer = new Deliverer({ outbox, notifiers: [new SlackNotifier(client, { followButton: true })], deadEnds, logger, clock, concurrency });
  try {
    const dests: Destination[] = ids.map((channelId) => ({ kind: 'slack-channel', teamId: fake.teamId, channelId }));
    const alerts = Array.from({ length: alertCount }, (_, k) => benchAlert(`rank_change:daily:2026-03-11:bench/model-${k}`, `Bench Model ${k + 1} climbs to #${k + 2} on the daily chart`));
    const now = clock().toISOString();
    const t0 = performance.now();
    const items: PendingDelivery[] = [];
    // As the poller does: each alert with all its destinations into the outbox, then all to the deliverer.
    for (const [i, alert] of alerts.entries()) {
      await outbox.put(alert, dests, `${now}#${String(i).padStart(6, '0')}`);
      for (const dest of dests) items.push({ alert, dest });
    }
    deliverer.enqueue(items);
    await deliverer.idle();
    const elapsedMs = performance.now() - t0;

    let messages = 0;
    let distinct = 0;
    let duplicates = 0;
    let outOfOrder = 0;
    for (const id of ids) {
      const got = fake.messages(id);
      messages += got.length;
      for (const alert of alerts) {
        const n = got.filter((m) => m.text.includes(alert.headline)).length;
        if (n > 0) distinct++;
        duplicates += Math.max(0, n - 1);
      }
      const order = got.map((m) => alerts.findIndex((a) => m.text.includes(a.headline)));
      if (order.some((k, i) => i > 0 && k < order[i - 1])) outOfOrder++;
    }
    return {
      channels,
      alerts: alertCount,
      concurrency,
      elapsedMs,
      messages,
      distinct,
      duplicates,
      outOfOrder,
      limited: fake.requests.filter((r) => r.status === 429).length,
      retries: countOf(logger.counts, 'warn: delivery failed'),
      gaveUp: countOf(logger.counts, 'error:'),
      disabled: deadEnds.disabled.length,
      leftInOutbox: (await outbox.pending()).length,
    };
  } finally {
    await deliverer.stop();
    await kv.disconnect();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function figures(r: PhaseResult, floorS: number): Record<string, string | number> {
  const planned = r.channels * r.alerts;
  return {
    'deliverer concurrency': r.concurrency,
    'planned messages': planned,
    'enqueue → idle (s)': (r.elapsedMs / 1000).toFixed(2),
    'expected minimum from 1/s per channel (s)': `${floorS.toFixed(0)} (${r.alerts} per channel → ${r.alerts - 1} gaps of 1 s)`,
    'messages delivered (fake records)': r.messages,
    'messages per second': (r.distinct / (r.elapsedMs / 1000)).toFixed(1),
    '429s answered': r.limited,
    'deliverer retries / given up / disabled': `${r.retries} / ${r.gaveUp} / ${r.disabled}`,
    'lost (planned − distinct delivered)': `${planned - r.distinct} (goal 0)`,
    'duplicated (same alert twice in a channel)': `${r.duplicates} (goal 0)`,
    'channels that got alerts out of order': r.outOfOrder,
    'outbox deliveries still pending after idle': r.leftInOutbox,
  };
}

export async function benchSlackFanOut(): Promise<void> {
  const limits = `fake Slack: chat.postMessage ${PER_CHANNEL.rate}/s per channel (burst ${PER_CHANNEL.burst}), tier limits on`;
  const one = await phase(500, 1, CONCURRENCY);
  report(`Slack fan-out: one alert to 500 channels (${limits})`, figures(one, 0));
  const five = await phase(100, 5, CONCURRENCY);
  report(`Slack fan-out: 5 alerts to 100 channels (${limits})`, figures(five, 4));
}
