import { afterEach, describe, expect, it } from 'vitest';
import { HealthBoard } from '../../src/health/health.js';
import { silentLogger } from '../../src/logger.js';
import { scheduleFleetPolls } from '../../src/fleet/poll-schedule.js';
import type { Schedule } from '../../src/poller/schedule.js';
import { announceRedisSkip, REDIS_URL, testFleet, uniquePrefix } from '../support/redis.js';

announceRedisSkip();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!REDIS_URL)('the fleet poll schedule (BullMQ on the real Redis)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function pollers(count: number, poll: (who: number) => Promise<unknown>, prefix = uniquePrefix()) {
    const schedules: Schedule[] = [];
    const boards: HealthBoard[] = [];
    for (let i = 0; i < count; i++) {
      const fleet = await testFleet(prefix);
      const health = new HealthBoard(() => new Date());
      const schedule = await scheduleFleetPolls({ fleet, cron: '* * * * * *', poll: () => poll(i), completeThrough: async () => '2099-01-01', clock: () => new Date(), logger: silentLogger, health, retryBaseMs: 300, retryMaxMs: 300 });
      schedules.push(schedule);
      boards.push(health);
      cleanups.push(async () => (await schedule.stop(), await fleet.close()));
    }
    return { schedules, boards };
  }

  it('makes exactly one poll per tick however many pollers run', async () => {
    const polls: { who: number; second: number }[] = [];
    await pollers(3, async (who) => {
      polls.push({ who, second: Math.floor(Date.now() / 1000) });
      await sleep(30);
    });
    await sleep(4_200);
    const perSecond = new Map<number, number>();
    for (const p of polls) perSecond.set(p.second, (perSecond.get(p.second) ?? 0) + 1);
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect([...perSecond.values()].every((n) => n === 1)).toBe(true);
  });

  it('retries a failed poll as a delayed job, and a success ends the retries', async () => {
    let calls = 0;
    const { schedules, boards } = await pollers(2, async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('OpenRouter answered 503'), { kind: 'unavailable' });
      return 'ok';
    });
    await schedules[0].runNow('start');
    expect(boards[0].get('sync')?.state).toBe('retrying');
    await sleep(1_500);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(boards.some((b) => b.get('sync')?.state === 'ok')).toBe(true);
  });

  it('never runs two polls at once across instances: a second start leaves the poll to the one under way', async () => {
    let running = 0;
    let overlap = false;
    const { schedules } = await pollers(2, async () => {
      running++;
      if (running > 1) overlap = true;
      await sleep(300);
      running--;
      return 'polled';
    });
    const [a, b] = await Promise.all([schedules[0].runNow('start'), schedules[1].runNow('start')]);
    expect(overlap).toBe(false);
    expect([a, b].filter((r) => r === 'polled')).toHaveLength(1);
  });
});
