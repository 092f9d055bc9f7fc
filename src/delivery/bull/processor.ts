import { DelayedError, Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PendingDelivery } from '../../store/outbox-store.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import type { Destination } from '../destination.js';
import type { AlertImage } from '../notifier.js';
import { tokenOf } from '../pauses.js';
import { shouldGiveUp, type RetryPolicy } from '../retry-policy.js';
import { sendOnce, type Follows } from '../send-once.js';
import type { Timers } from '../timers.js';
import type { FleetPauses } from './fleet-pauses.js';
import { eventOfMember, jobIdOf, memberOf, type Keys } from './keys.js';
import { isWebhook } from '../outcome-rules.js';
import { Outcomes, type OutcomeDeps } from './outcomes.js';
import type { Scripts } from './scripts.js';

export interface JobData {
  readonly alert: AlertMessage;
  readonly dest: Destination;
  readonly createdAt: string;
}

export interface ProcessorDeps extends OutcomeDeps {
  readonly redis: Redis;
  readonly keys: Keys;
  readonly scripts: Scripts;
  readonly pauses: FleetPauses;
  readonly policy: RetryPolicy;
  readonly timers: Timers;
  /** How long a worker may hold a destination; a killed worker's lock frees itself after this. */
  readonly lockMs: number;
  /** Gap between two messages to one destination, fleet-wide (0: none). */
  readonly paceMs: (dest: Destination) => number;
  /** Gap between two Discord bot requests, fleet-wide (1000 / requests per second). */
  readonly discordIntervalMs: number;
  readonly queueFor: (dest: Destination) => Queue;
  readonly active: { n: number };
  /** The alert's picture, drawn at send time (new_leader, record_day). */
  readonly pictures?: (alert: AlertMessage) => AlertImage | undefined;
  /** Whether a DM already follows an alert's model (then it gets no Follow button). */
  readonly follows?: Follows;
}

/** How late after its slot a Discord request may still go. */
const LATE_MS = 40;
const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isBot = (dest: Destination) => dest.kind === 'discord-channel' || dest.kind === 'discord-dm';

/** Parks the job (not an attempt: nothing was tried) until `ms` from now; BullMQ runs it again then. */
async function later(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(1, Math.round(ms)), token);
  throw new DelayedError();
}

/**
 * One delivery, as a BullMQ job. It sends only while it holds its destination's lock and no earlier
 * owed event for that destination is unsettled (the order set), so a destination gets its alerts
 * once and in order however many workers run; otherwise it waits (moved to delayed, no attempt
 * spent) and the predecessor promotes it when it settles. Failures throw, so retries and their
 * backoff are BullMQ's (see backoffStrategy); every outcome is recorded in the outbox as the
 * in-process Deliverer records it.
 */
export function processor(d: ProcessorDeps) {
  const outcomes = new Outcomes(d);
  return async (job: Job<JobData>, token?: string): Promise<void> => {
    const { dest } = job.data;
    const lockKey = d.keys.lock(dest);
    const owner = `${job.id}/${token ?? ''}`;
    if ((await d.redis.set(lockKey, owner, 'PX', d.lockMs, 'NX')) !== 'OK') {
      const ttl = await d.redis.pttl(lockKey);
      return later(job, token, Math.min(Math.max(ttl, 50), 1_000));
    }
    d.active.n++;
    try {
      await run(job, token);
    } finally {
      d.active.n--;
      await d.scripts.unlock(lockKey, owner).catch(() => undefined);
    }
  };

  async function run(job: Job<JobData>, token: string | undefined): Promise<void> {
    const item: PendingDelivery = job.data;
    const { alert, dest } = item;
    const member = memberOf(job.data.createdAt, alert.eventId);
    const orderKey = d.keys.order(dest);
    const [head] = await d.redis.zrange(orderKey, 0, 0);
    if (head !== undefined && head < member) return waitTurn(job, token, head, member);
    if (await d.outbox.isSettled(alert.eventId, dest)) return outcomes.finish(item, job.data.createdAt);
    const failure = await d.outbox.failure(dest);
    const now = d.timers.now();
    if (failure && Date.parse(failure.nextAt) > now) {
      // Waiting out the destination's backoff: an alert owed for the whole give-up window goes now.
      if (!isWebhook(dest) && shouldGiveUp(d.policy, failure, item, now)) return outcomes.giveUp(item, job.data.createdAt, failure, now);
      return later(job, token, Date.parse(failure.nextAt) - now);
    }
    const platformToken = tokenOf(dest);
    if (platformToken) {
      const wait = await d.pauses.admit(platformToken, job.id!);
      if (wait > 0) return later(job, token, wait);
    }
    await pace(dest);
    const outcome = await sendOnce(d.notifiers, item, d.timers, d.policy.sendTimeoutMs, d.pictures?.(item.alert), d.follows);
    // Spaced from the answer, as the platform sees it (the destination lock makes sends here sequential).
    if (d.paceMs(dest) > 0) await d.scripts.paceMark(d.keys.pace(dest), d.paceMs(dest));
    if (platformToken && !(outcome.kind === 'failed' && outcome.failure === 'unauthorized')) await d.pauses.answered(platformToken);
    if (outcome.kind === 'failed' && outcome.failure === 'unauthorized' && platformToken) return later(job, token, await d.pauses.refused(platformToken, outcome.reason));
    await outcomes.settle(item, job.data.createdAt, outcome, failure);
  }

  /** An earlier event is still owed here: wait for it (it promotes this job when it settles). */
  async function waitTurn(job: Job<JobData>, token: string | undefined, head: string, member: string): Promise<never> {
    const queue = d.queueFor(job.data.dest);
    const headId = jobIdOf(eventOfMember(head), job.data.dest);
    const state = await queue.getJobState(headId);
    if (state === 'unknown' || state === 'completed') {
      // Left behind (a re-queue after it settled): it owes nothing; look again at once.
      await d.redis.zrem(d.keys.order(job.data.dest), head);
      return later(job, token, 1);
    }
    if (state === 'failed') await (await Job.fromId(queue, headId))?.retry('failed').catch(() => undefined);
    const rank = (await d.redis.zrank(d.keys.order(job.data.dest), member)) ?? 1;
    return later(job, token, Math.min(30_000, (state === 'delayed' ? 2_000 : 300) * Math.max(1, rank)));
  }

  /** Fleet-wide limits: the destination's own pace first, then a slot of the bot token's 50/s. */
  async function pace(dest: Destination): Promise<void> {
    if (d.paceMs(dest) > 0) {
      const wait = await d.scripts.paceWait(d.keys.pace(dest));
      if (wait > 0) await realSleep(wait);
    }
    if (!isBot(dest)) return;
    // A DM may cost two requests (opening the DM channel, then the message).
    const interval = d.discordIntervalMs * (dest.kind === 'discord-dm' ? 2 : 1);
    for (let tries = 0; ; tries++) {
      const wait = await d.scripts.reserve(d.keys.discordRate, interval);
      const slot = Date.now() + wait;
      if (wait > 0) await realSleep(wait);
      // Woken well after the slot (a busy machine): sending now would bunch with the next slots'
      // sends and burst past Discord's window, so take a fresh slot instead (a few tries at most).
      if (Date.now() - slot <= LATE_MS || tries >= 3) return;
    }
  }
}

export { memberOf };
