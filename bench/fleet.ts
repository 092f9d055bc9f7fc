// `npm run bench -- fleet [--channels N]`: one alert fanned out to N Discord channels (default
// 20,000, ~7 min) by three delivery worker processes on BullMQ, sharing the bot token's 50/s.
import { cpus, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { nonceOf } from '../src/adapters/discord/rest-notifier.js';
import { idempotencyKey } from '../src/delivery/dead-ends.js';
import type { Destination } from '../src/delivery/destination.js';
import { startFakeDiscord } from '../test/fakes/discord/index.js';
import { spawnWorker, stopWorker } from '../test/delivery/bull-fleet.js';
import { redisWorld } from '../test/delivery/bull-support.js';
import { blockMeter } from '../test/delivery/block-meter.js';
import { benchAlert } from './discord-fanout.js';
import { report } from './report.js';

const GLOBAL_PER_SECOND = 50;
const WORKERS = 3;

function channelsArg(): number {
  const i = process.argv.indexOf('--channels');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 20_000;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--channels must be a whole number above 0 (got ${process.argv[i + 1]})`);
  return n;
}

async function reachable(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function benchFleet(): Promise<void> {
  const channels = channelsArg();
  const url = process.env.RANKWATCH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await reachable(url))) return void console.log(`[fleet] skipped: no Redis at RANKWATCH_TEST_REDIS_URL (${url.replace(/\/\/[^@]*@/, '//***@')})`);
  const discord = await startFakeDiscord({ rateLimits: { global: { limit: GLOBAL_PER_SECOND, windowMs: 1000 } }, guilds: [{ name: 'Fleet Bench', channels: Array.from({ length: channels }, (_, i) => ({ name: `alerts-${i}` })) }] });
  const world = await redisWorld(url);
  const workers = Array.from({ length: WORKERS }, () => spawnWorker({ redisUrl: url, prefix: world.prefix, namespace: world.namespace, discordUrl: discord.url, token: discord.token, concurrency: 16 }));
  try {
    await Promise.all(workers.map((w) => w.ready));
    const guild = discord.guilds[0];
    const dests: Destination[] = guild.channelIds.map((channelId) => ({ kind: 'discord-channel', channelId, guildId: guild.id }));
    const alert = benchAlert('new_leader:daily:2026-03-11:bench/bench-model#fleet');
    const producer = world.delivery({ notifiers: [], work: false });
    const meter = blockMeter();
    const t0 = performance.now();
    const t0Wall = Date.now();
    const createdAt = `${new Date().toISOString()}#000000`;
    await world.outbox.put(alert, dests, createdAt);
    await producer.enqueue(dests.map((dest) => ({ alert, dest, createdAt })));
    const enqueueMs = performance.now() - t0;
    const producerBlock = meter.take();
    const delivered = () => guild.channelIds.reduce((n, id) => n + (discord.messages(id).length > 0 ? 1 : 0), 0);
    for (let last = -1, stuckSince = Date.now(); ; ) {
      const now = delivered();
      if (now === channels) break;
      if (now !== last) (last = now), (stuckSince = Date.now());
      if (Date.now() - stuckSince > 60_000) break; // nothing for a minute: report what is missing
      await new Promise((r) => setTimeout(r, 250));
    }
    const elapsedMs = performance.now() - t0;
    await producer.idle();
    const stats = await Promise.all(workers.map((w) => stopWorker(w)));
    let distinct = 0;
    let doubled = 0;
    for (const dest of dests) {
      const mine = discord.messages((dest as { channelId: string }).channelId).filter((m) => m.nonce === nonceOf(idempotencyKey(alert.eventId, dest))).length;
      if (mine > 0) distinct++;
      doubled += Math.max(0, mine - 1);
    }
    const limited = discord.requests.filter((r) => r.status === 429);
    const global429 = limited.filter((r) => (r.responseBody as { global?: boolean } | undefined)?.global === true).length;
    const perSecond = distinct / (elapsedMs / 1000);
    report(`Fleet fan-out: one alert to ${channels.toLocaleString('en')} Discord channels through ${WORKERS} delivery worker processes on BullMQ (fake Discord: global ${GLOBAL_PER_SECOND}/s per token)`, {
      'enqueue (outbox write + jobs), ms': enqueueMs.toFixed(0),
      'enqueue → all delivered (s)': (elapsedMs / 1000).toFixed(1),
      'messages per second': perSecond.toFixed(1),
      [`share of the ${GLOBAL_PER_SECOND}/s ceiling`]: `${((perSecond / GLOBAL_PER_SECOND) * 100).toFixed(1)}% (goal ≥ 90%; the fleet paces itself at 47/s)`,
      'sent by each worker': stats.map((s) => s?.delivered ?? '?').join(' / '),
      '429s answered (global / other)': `${limited.length} (${global429} / ${limited.length - global429})`,
      'lost (planned − distinct delivered)': `${channels - distinct} (goal 0)`,
      'doubled (same nonce twice in a channel)': `${doubled} (goal 0)`,
      'longest event-loop block per worker, own work (ms)': `${stats.map((s) => s?.maxBlockMs ?? '?').join(' / ')} (goal < 100)`,
      'producer block while enqueueing, own / any cause (ms)': `${producerBlock.busy} / ${producerBlock.raw}`,
      'longest timer delay per worker, any cause (ms)': `${stats.map((s) => s?.maxRawMs ?? '?').join(' / ')} (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
      '429s in the first 5 s (enqueue under way)': limited.filter((r) => r.at - t0Wall < 5000).length,
      'outbox deliveries still pending': (await world.outbox.pending()).length,
    });
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w)));
    await world.close();
    await discord.close();
  }
}
