import { Queue, Worker, type JobsOptions, type WorkerOptions } from 'bullmq';
import { HealthBoard } from '../../health/health.js';
import { noTelemetry } from '../../health/telemetry.js';
import type { PendingDelivery } from '../../store/outbox-store.js';
import type { DelivererOptions } from '../deliverer.js';
import type { Destination } from '../destination.js';
import type { DeliveryQueue } from '../queue.js';
import { cappedBackoff, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry-policy.js';
import { realTimers, type Timers } from '../timers.js';
import { connect, HEALTH_PART, type Link, type RedisConnection } from './connection.js';
import { FleetPauses } from './fleet-pauses.js';
import { jobIdOf, keysFor, memberOf, QUEUES, queueOf, type Keys } from './keys.js';
import { RetryLater } from './outcomes.js';
import { processor, type JobData } from './processor.js';
import { scriptsOn } from './scripts.js';

export interface BullDeliveryOptions extends DelivererOptions {
  /** REDIS_URL (or ioredis options). Never logged. */
  readonly connection: RedisConnection;
  /** Key prefix of every queue and rankwatch key (one per deployment). */
  readonly prefix: string;
  /** false: a producer only (enqueue and resume), no worker runs here. */
  readonly work: boolean;
  /** Jobs run at once per queue in this worker (default 32). */
  readonly concurrency?: number;
  /** Fleet-wide Discord bot requests per second (default 47: under the 50/s with room for clock skew). */
  readonly discordPerSecond?: number;
  /** Fleet-wide gap between two messages to one destination, by kind (defaults: Slack 1000 ms, Discord 1000 ms, Discord webhook 400 ms). */
  readonly paceMs?: Partial<Record<Destination['kind'], number>>;
  /** How long a worker holds a destination (default: send timeout + 30 s). */
  readonly lockMs?: number;
  /** BullMQ worker knobs (tests shorten stalled-job recovery). */
  readonly worker?: Partial<Pick<WorkerOptions, 'stalledInterval' | 'lockDuration' | 'maxStalledCount' | 'drainDelay'>>;
}

const PACE: Partial<Record<Destination['kind'], number>> = { 'slack-channel': 1000, 'slack-dm': 1000, 'slack-webhook': 1000, 'discord-channel': 1000, 'discord-dm': 1000, 'discord-webhook': 400 };
const CHUNK = 500;
/** Settled jobs stay (small) for an hour so a late re-queue of the same delivery is a no-op. */
const JOB_OPTIONS: JobsOptions = { attempts: 1_000_000_000, backoff: { type: 'rankwatch' }, removeOnComplete: { age: 3600 }, removeOnFail: { age: 7 * 24 * 3600 }, stackTraceLimit: 1 };
const yieldLoop = () => new Promise((r) => setImmediate(r));

/**
 * The deliveries of a fleet, as BullMQ jobs on Redis: one job per (event, destination), with a
 * deterministic id so enqueue and resume are idempotent. The outbox stays the record of what is
 * owed (written before anything is enqueued); see processor.ts for order, locks and limits.
 */
export class BullDelivery implements DeliveryQueue {
  private readonly link: Link;
  private readonly keys: Keys;
  private readonly queues: Record<string, Queue>;
  private readonly workers: Worker[] = [];
  private readonly active = { n: 0 };
  private readonly timers: Timers;
  private counts = { owed: 0, ready: 0, nextDelayedAt: Infinity };
  private dirty = false;
  private readonly refresher: NodeJS.Timeout;

  constructor(private readonly o: BullDeliveryOptions) {
    const health = o.health ?? new HealthBoard(o.clock);
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...o.retry };
    this.timers = o.timers ?? realTimers;
    health.report(HEALTH_PART, 'starting');
    this.link = connect(o.connection, { health, logger: o.logger, name: `rankwatch-delivery-${process.pid}` });
    const redis = this.link.redis;
    this.keys = keysFor(o.prefix);
    const scripts = scriptsOn(redis);
    this.queues = Object.fromEntries(Object.values(QUEUES).map((name) => [name, new Queue(name, { connection: redis, prefix: o.prefix })]));
    for (const q of Object.values(this.queues)) q.on('error', (e: Error) => this.link.lost(e.message));
    if (o.work) {
      const pauses = new FleetPauses({ redis, keys: this.keys, policy, logger: o.logger, health, now: () => this.timers.now() });
      const run = processor({
        ...o, health, telemetry: o.telemetry ?? noTelemetry, policy, timers: this.timers, redis, keys: this.keys, scripts, pauses,
        lockMs: o.lockMs ?? policy.sendTimeoutMs + 30_000,
        paceMs: (dest) => o.paceMs?.[dest.kind] ?? PACE[dest.kind] ?? 0,
        discordIntervalMs: 1000 / (o.discordPerSecond ?? 47),
        queueFor: (dest) => this.queues[queueOf(dest)],
        active: this.active,
      });
      for (const name of Object.values(QUEUES)) {
        const worker = new Worker<JobData>(name, run, {
          connection: redis, prefix: o.prefix, concurrency: o.concurrency ?? 32, maxStalledCount: 1_000_000, ...o.worker,
          settings: { backoffStrategy: (attemptsMade, _type, err) => (err instanceof RetryLater ? err.delayMs : cappedBackoff(1_000, 60_000, attemptsMade)) },
        });
        worker.on('error', (e: Error) => this.link.lost(e.message));
        worker.on('failed', (job, err) => {
          if (!(err instanceof RetryLater)) o.logger.error({ err, job: job?.id }, 'delivery job failed (store error?); BullMQ retries it');
        });
        this.workers.push(worker);
      }
    }
    this.refresher = setInterval(() => void this.refresh().catch(() => undefined), 1000);
    this.refresher.unref();
  }

  /** Resolves once Redis answers and this process's workers are listening for jobs. */
  async ready(): Promise<void> {
    await Promise.all([...Object.values(this.queues).map((q) => q.waitUntilReady()), ...this.workers.map((w) => w.waitUntilReady())]);
  }

  /** Queues everything the outbox still owes. Any instance may run it: adding a job twice is a no-op. */
  async resume(): Promise<number> {
    const pending = await this.pendingInOutbox();
    await this.enqueue(pending);
    return pending.length;
  }

  /**
   * The outbox's scan can trip over a key another worker deletes under it (an event completed
   * mid-scan, seen on Redis): read it again, a few times, before giving up.
   */
  private async pendingInOutbox(): Promise<PendingDelivery[]> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.o.outbox.pending();
      } catch (error) {
        if (tries >= 3) throw error;
        this.o.logger.warn({ err: error, tries }, 'reading what the outbox owes failed (a key changed under the scan?); reading again');
        await new Promise((r) => setTimeout(r, 200 * tries));
      }
    }
  }

  async enqueue(items: readonly PendingDelivery[]): Promise<void> {
    if (items.length === 0) return;
    this.dirty = true;
    const fallback = `${this.o.clock().toISOString()}#`;
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK).map((item) => ({ ...item, createdAt: item.createdAt ?? fallback }));
      // The order and event sets first: a worker that sees the job must find it in them.
      const index = this.link.redis.pipeline();
      for (const item of chunk) {
        index.zadd(this.keys.order(item.dest), 'NX', 0, memberOf(item.createdAt, item.alert.eventId));
        index.sadd(this.keys.event(item.alert.eventId), jobIdOf(item.alert.eventId, item.dest));
      }
      await index.exec();
      const byQueue = new Map<string, { name: string; data: JobData; opts: JobsOptions }[]>();
      for (const item of chunk) {
        const q = queueOf(item.dest);
        if (!byQueue.has(q)) byQueue.set(q, []);
        byQueue.get(q)!.push({ name: 'deliver', data: { alert: item.alert, dest: item.dest, createdAt: item.createdAt }, opts: { ...JOB_OPTIONS, jobId: jobIdOf(item.alert.eventId, item.dest) } });
      }
      for (const [q, jobs] of byQueue) await this.queues[q].addBulk(jobs);
      await yieldLoop();
    }
    this.counts.owed += items.length; // until the next refresh
  }

  /** Deliveries owed across the fleet (waiting, delayed or running), refreshed from Redis every second. */
  pendingCount(): number {
    return this.counts.owed;
  }

  inFlight(): number {
    return this.active.n;
  }

  async idle(): Promise<void> {
    for (;;) {
      await this.refresh();
      if (this.counts.owed === 0 && this.active.n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  settledWithin(horizonMs: number): boolean {
    if (this.dirty || this.active.n > 0 || this.counts.ready > 0) return false;
    return this.counts.nextDelayedAt > Date.now() + horizonMs;
  }

  /** Waits for the sends under way (bounded: with Redis gone, a worker is closed by force after 10 s). */
  async stop(): Promise<void> {
    clearInterval(this.refresher);
    const within = <T>(ms: number, p: Promise<T>) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    if (!(await within(10_000, Promise.all(this.workers.map((w) => w.close()))))) await within(2_000, Promise.all(this.workers.map((w) => w.close(true))));
    await within(2_000, Promise.all(Object.values(this.queues).map((q) => q.close())));
    await within(2_000, this.link.close());
    this.link.redis.disconnect();
  }

  private async refresh(): Promise<void> {
    const wasDirty = this.dirty;
    let owed = 0;
    let ready = 0;
    let nextDelayedAt = Infinity;
    for (const q of Object.values(this.queues)) {
      const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused');
      owed += c.waiting + c.active + c.delayed + c.prioritized + c.paused;
      ready += c.waiting + c.active + c.prioritized;
      const [, score] = await this.link.redis.zrange(q.keys.delayed, 0, 0, 'WITHSCORES');
      // BullMQ scores a delayed job as timestamp * 4096 + a counter.
      if (score !== undefined) nextDelayedAt = Math.min(nextDelayedAt, Math.floor(Number(score) / 4096));
    }
    this.counts = { owed, ready, nextDelayedAt };
    if (wasDirty) this.dirty = false;
  }
}
