import cron from 'node-cron';
import { addDays, dayOf } from '../domain/calendar.js';
import { cappedBackoff } from '../delivery/retry-policy.js';
import { realTimers, type Timers } from '../delivery/timers.js';
import type { HealthBoard } from '../health/health.js';
import type { Logger } from '../logger.js';
import { describeSyncError } from './sync-errors.js';

/** After midnight UTC the new day settles (~2 h): poll every 10 minutes until it is complete. */
export const FAST_CRON = '*/10 0-4 * * *';

export interface Schedule {
  /** The next poll: the next cron tick, or the retry after a failure when that comes sooner. */
  nextRunAt(): Date | null;
  /** Polls now (joining one under way); a failure is recorded and retried, never thrown. */
  runNow(why: string): Promise<unknown>;
  stop(): Promise<void>;
}

export interface ScheduleOptions {
  readonly cron: string;
  readonly poll: () => Promise<unknown>;
  readonly completeThrough: () => Promise<string | null>;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly health: HealthBoard;
  readonly timers?: Timers;
  /** Backoff after a failed poll: first wait, doubling up to `retryMaxMs` (and the next tick polls anyway). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
}

/**
 * The poll schedule, armed at start whatever happens: `POLL_CRON` (hourly by default), the fast
 * cadence after midnight UTC while yesterday is not yet complete, and after a failure a retry with
 * bounded backoff. At most ~54 scheduled polls a day plus retries: inside OpenRouter's 500 a day.
 */
export function schedulePolls(o: ScheduleOptions): Schedule {
  const timers = o.timers ?? realTimers;
  let failures = 0;
  let retryAt: Date | null = null;
  let cancelRetry = () => {};
  let stopped = false;
  /** Polls under way: stop() waits for them, so the store is never closed under a poll. */
  const inFlight = new Set<Promise<unknown>>();
  const run = (why: string) => {
    const poll = attempt(why);
    inFlight.add(poll);
    void poll.finally(() => inFlight.delete(poll));
    return poll;
  };
  const attempt = async (why: string) => {
    try {
      const result = await o.poll();
      failures = 0;
      retryAt = null;
      cancelRetry();
      o.health.report('sync', 'ok');
      return result;
    } catch (error) {
      failures++;
      const wait = cappedBackoff(o.retryBaseMs ?? 30_000, o.retryMaxMs ?? 15 * 60_000, failures);
      retryAt = new Date(timers.now() + wait);
      const detail = describeSyncError(error);
      o.logger.error({ err: error, why, failures, retryAt: retryAt.toISOString() }, `sync failed (${detail}); retrying at ${retryAt.toISOString()}`);
      o.health.report('sync', 'retrying', { detail, retryAt });
      cancelRetry();
      if (!stopped) cancelRetry = timers.after(wait, () => void run('retry'));
      return null;
    }
  };
  if (!o.health.get('sync')) o.health.report('sync', 'starting', { detail: 'first sync under way' });
  const main = cron.schedule(o.cron, () => run('schedule'), { timezone: 'Etc/UTC', noOverlap: true, name: 'poll' });
  const fast = cron.schedule(
    FAST_CRON,
    async () => {
      const through = await o.completeThrough().catch(() => null);
      if (through === null || through < addDays(dayOf(o.clock()), -1)) await run('settling');
    },
    { timezone: 'Etc/UTC', noOverlap: true, name: 'poll-settling' },
  );
  return {
    nextRunAt() {
      const runs = [main.getNextRun(), fast.getNextRun(), retryAt].filter((d): d is Date => d !== null);
      return runs.length ? new Date(Math.min(...runs.map((d) => d.getTime()))) : null;
    },
    runNow: run,
    async stop() {
      stopped = true;
      cancelRetry();
      await main.destroy();
      await fast.destroy();
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The longest gap between two ticks of `expression` (over the next few), for "is the last sync recent?". */
export function cronPeriodMs(expression: string): number {
  const task = cron.createTask(expression, () => undefined, { timezone: 'Etc/UTC' });
  const runs = task.getNextRuns(24).map((d) => d.getTime());
  void task.destroy();
  let gap = 0;
  for (let i = 1; i < runs.length; i++) gap = Math.max(gap, runs[i] - runs[i - 1]);
  return gap || 3600_000;
}
