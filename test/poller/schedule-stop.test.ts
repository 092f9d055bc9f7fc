// Stopping the poll schedule while a poll is under way (the console's sample replay asks for one
// every 1.5 s): stop() waits for it, so the store is never closed under a poll (SQLITE_MISUSE).
import { describe, expect, it } from 'vitest';
import { HealthBoard } from '../../src/health/health.js';
import { silentLogger } from '../../src/logger.js';
import { schedulePolls } from '../../src/poller/schedule.js';

describe('schedulePolls().stop()', () => {
  it('given a poll under way, when the schedule stops, then stop resolves only after that poll has finished', async () => {
    let finish = () => {};
    let finished = false;
    const poll = () => new Promise<void>((resolve) => (finish = () => ((finished = true), resolve())));
    const schedule = schedulePolls({ cron: '0 0 1 1 *', poll, completeThrough: async () => '2099-01-01', clock: () => new Date(), logger: silentLogger, health: new HealthBoard(() => new Date()) });
    void schedule.runNow('now');
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(finished).toBe(true);
  });
});
