import { Queue, Worker, type Job } from 'bullmq';
import cron from 'node-cron';
import { addDays, dayOf } from '../domain/calendar.js';
import { cappedBackoff } from '../delivery/retry-policy.js';
import { FAST_CRON, type Schedule, type ScheduleOptions } from '../poller/schedule.js';
import { describeSyncError } from '../poller/sync-errors.js';
import { FleetLock } from './fleet-lock.js';
import type { Fleet } from './fleet.js';

/** The BullMQ queue the fleet's polls run on. */
export const POLL_QUEUE = 'poll';
/** A poll holds the fleet's lock this long at most without renewing it (a killed poller frees it then). */
const LOCK_TTL_MS = 5 * 60_000;

export interface FleetScheduleOptions extends Omit<ScheduleOptions, 'timers'> {
  readonly fleet: Fleet;
}

/**
 * The poll schedule of a fleet: BullMQ job schedulers (`POLL_CRON` and the settling cadence after
 * midnight UTC) make exactly one job per tick however many pollers run, and one of them takes it.
 * A poll runs under the fleet's poll lock, so a tick never overlaps a poll another instance started
 * (at its start). A failed poll is retried as a delayed BullMQ job, 30 s doubling to 15 min, with the
 * count of failures kept in Redis: a poller that dies mid-outage leaves the retry to the others.
 */
export async function scheduleFleetPolls(o: FleetScheduleOptions): Promise<Schedule> {
  const { fleet } = o;
  const queue = new Queue(POLL_QUEUE, { connection: fleet.redis, prefix: fleet.prefix });
  const keep = { removeOnComplete: 100, removeOnFail: 100 };
  await queue.upsertJobScheduler('poll', { pattern: o.cron, tz: 'Etc/UTC' }, { name: 'tick', opts: keep });
  await queue.upsertJobScheduler('poll-settling', { pattern: FAST_CRON, tz: 'Etc/UTC' }, { name: 'settling', opts: keep });
  const lock = new FleetLock(fleet, 'poll-lock', LOCK_TTL_MS);
  const failuresKey = fleet.key('poll:failures');
  let retryAt: Date | null = null;
  const cronTasks = [cron.createTask(o.cron, () => undefined, { timezone: 'Etc/UTC' }), cron.createTask(FAST_CRON, () => undefined, { timezone: 'Etc/UTC' })];

  const run = async (why: string): Promise<unknown> => {
    const outcome = await lock.run(async () => {
      try {
        const result = await o.poll();
        await fleet.redis.del(failuresKey);
        retryAt = null;
        o.health.report('sync', 'ok');
        return result;
      } catch (error) {
        const failures = await fleet.redis.incr(failuresKey);
        const wait = cappedBackoff(o.retryBaseMs ?? 30_000, o.retryMaxMs ?? 15 * 60_000, failures);
        retryAt = new Date(o.clock().getTime() + wait);
        await queue.add('retry', { failures }, { ...keep, delay: wait, jobId: `retry-${failures}` });
        const detail = describeSyncError(error);
        o.logger.error({ err: error, why, failures, retryAt: retryAt.toISOString() }, `sync failed (${detail}); retrying at ${retryAt.toISOString()}`);
        o.health.report('sync', 'retrying', { detail, retryAt });
        return null;
      }
    });
    if (!outcome.held) o.logger.debug({ why }, 'another instance is polling; this tick is theirs');
    return outcome.held ? outcome.value : null;
  };

  const work = async (job: Job): Promise<void> => {
    if (job.name === 'retry' && Number(await fleet.redis.get(failuresKey) ?? 0) === 0) return; // a poll succeeded since
    if (job.name === 'settling') {
      const through = await o.completeThrough().catch(() => null);
      if (through !== null && through >= addDays(dayOf(o.clock()), -1)) return;
    }
    await run(job.name === 'tick' ? 'schedule' : job.name);
  };
  if (!o.health.get('sync')) o.health.report('sync', 'starting', { detail: 'first sync under way' });
  const worker = new Worker(POLL_QUEUE, work, { connection: fleet.redis, prefix: fleet.prefix, concurrency: 1, lockDuration: LOCK_TTL_MS });
  worker.on('error', (error) => o.logger.warn({ err: error }, 'poll worker: Redis error (it reconnects by itself)'));
  return {
    nextRunAt() {
      const runs = [...cronTasks.map((t) => t.getNextRun()), retryAt].filter((d): d is Date => d !== null);
      return runs.length ? new Date(Math.min(...runs.map((d) => d.getTime()))) : null;
    },
    runNow: run,
    async stop() {
      await worker.close();
      await queue.close();
      for (const t of cronTasks) await t.destroy();
    },
  };
}
