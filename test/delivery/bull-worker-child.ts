/**
 * A delivery worker process for the fleet tests and bench: BullDelivery (work: true) on the shared
 * Redis outbox, posting through the real RestNotifier to the Discord stand-in. Prints `ready`, then
 * `stats {json}` every second and on SIGTERM (then exits): sends counted, longest event-loop
 * block (its own, and of any cause incl. a starved CPU).
 * Usage: bull-worker-child.ts <redisUrl> <prefix> <outboxNamespace> <discordUrl> <token> [concurrency]
 */
import { BullDelivery } from '../../src/delivery/bull/index.js';
import { silentLogger } from '../../src/logger.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { OutboxStore } from '../../src/store/outbox-store.js';
import { blockMeter } from './block-meter.js';
import { countingTelemetry, discordNotifier, recordingDeadEnds } from './bull-support.js';

const [redisUrl, prefix, namespace, discordUrl, token, concurrency] = process.argv.slice(2);
const meter = blockMeter();
const kv = await openKeyv(redisUrl, namespace);
const telemetry = countingTelemetry();
const discord = discordNotifier(discordUrl, token);
const delivery = new BullDelivery({
  outbox: new OutboxStore(kv), notifiers: [discord.notifier], deadEnds: recordingDeadEnds(), logger: silentLogger, clock: () => new Date(), telemetry,
  connection: redisUrl, prefix, work: true, concurrency: Number(concurrency ?? 16),
  // Short enough that a killed worker's jobs and destination locks come back within seconds.
  worker: { stalledInterval: 1_000, lockDuration: 2_000, drainDelay: 1 }, lockMs: 3_000, retry: { sendTimeoutMs: 2_000 },
});
await delivery.ready();
meter.take(); // start-up (loading modules) is not delivery
/** Per second since ready: the longest event-loop block of this process's own (busy) and of any cause (raw). */
const perSecond: { busy: number; raw: number }[] = [];
let maxBlockMs = 0;
let maxRawMs = 0;
const stats = () => {
  const second = meter.take();
  perSecond.push(second);
  maxBlockMs = Math.max(maxBlockMs, second.busy);
  maxRawMs = Math.max(maxRawMs, second.raw);
  process.stdout.write(`stats ${JSON.stringify({ pid: process.pid, delivered: telemetry.counts.delivered ?? 0, retried: telemetry.counts.retried ?? 0, maxBlockMs, maxRawMs, perSecond })}\n`);
};
setInterval(stats, 1000);
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await delivery.stop();
  discord.close();
  await kv.disconnect();
  stats();
  process.exit(0);
});
