import cron from 'node-cron';
import { addDays, dayOf } from '../domain/calendar.js';
import type { Logger } from '../logger.js';

/** After midnight UTC the new day settles (~2 h): poll every 10 minutes until it is complete. */
export const FAST_CRON = '*/10 0-4 * * *';

export interface Schedule {
  nextRunAt(): Date | null;
  stop(): Promise<void>;
}

/**
 * The poll schedule: `POLL_CRON` (hourly by default) plus the fast cadence in the hours after
 * midnight UTC, which polls only while yesterday is not yet complete. At most ~54 polls a day,
 * one request each: far inside OpenRouter's 500 a day and 30 a minute.
 */
export function schedulePolls(o: { cron: string; poll: () => Promise<unknown>; completeThrough: () => Promise<string | null>; clock: () => Date; logger: Logger }): Schedule {
  const run = (why: string) => async () => {
    try {
      await o.poll();
    } catch (error) {
      o.logger.error({ err: error, why }, 'poll failed; the next scheduled poll will try again');
    }
  };
  const main = cron.schedule(o.cron, run('schedule'), { timezone: 'Etc/UTC', noOverlap: true, name: 'poll' });
  const fast = cron.schedule(
    FAST_CRON,
    async () => {
      const through = await o.completeThrough();
      if (through === null || through < addDays(dayOf(o.clock()), -1)) await run('settling')();
    },
    { timezone: 'Etc/UTC', noOverlap: true, name: 'poll-settling' },
  );
  return {
    nextRunAt() {
      const runs = [main.getNextRun(), fast.getNextRun()].filter((d): d is Date => d !== null);
      return runs.length ? new Date(Math.min(...runs.map((d) => d.getTime()))) : null;
    },
    async stop() {
      await main.destroy();
      await fast.destroy();
    },
  };
}
