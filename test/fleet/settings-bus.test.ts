import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { shareSettings } from '../../src/fleet/settings-bus.js';
import { SettingsStore } from '../../src/store/settings-store.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { BACKENDS } from '../support/stores.js';
import { announceRedisSkip, REDIS_URL, testFleet, uniquePrefix } from '../support/redis.js';

announceRedisSkip();
const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
const fan = { platform: 'discord' as const, userId: '344444444444444444' };
const dm = { kind: 'discord-dm' as const, userId: fan.userId };
const channel = { kind: 'discord-channel' as const, channelId: '400000000000000001', guildId: '500000000000000001' };

describe.skipIf(!REDIS_URL)('settings written by one instance are seen by the others at once (Redis pub/sub)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Two instances: one store (two connections to it), one fleet prefix, each its own settings index. */
  async function twoInstances() {
    const store = await sqlite.open();
    const otherKv = await openKeyv(store.url, store.namespace);
    const prefix = uniquePrefix();
    const [fleetA, fleetB] = [await testFleet(prefix), await testFleet(prefix)];
    const [a, b] = [new SettingsStore(store.kv), new SettingsStore(otherKv)];
    await a.reload();
    await b.reload();
    const [busA, busB] = [await shareSettings(fleetA, a, silentLogger), await shareSettings(fleetB, b, silentLogger)];
    cleanups.push(async () => {
      await busA.stop();
      await busB.stop();
      await fleetA.close();
      await fleetB.close();
      await otherKv.disconnect();
      await store.close();
    });
    return { a, b };
  }

  it('given a subscription and a channel setup made through A, then B lists and plans them without a reload', async () => {
    const { a, b } = await twoInstances();
    await a.subscribe({ model: 'b/beta', dest: dm, by: fan, at: '2026-12-01T00:00:00.000Z' });
    await a.setAlerts({ dest: channel, types: ['new_leader'], charts: ['daily'], by: fan, at: '2026-12-01T00:00:00.000Z' });
    await vi.waitFor(async () => expect(await b.subscribersOf('b/beta')).toHaveLength(1), { timeout: 3000 });
    await vi.waitFor(async () => expect(await b.alertsFor(channel)).toMatchObject({ types: ['new_leader'] }), { timeout: 3000 });
  });

  it('given an unsubscribe and alerts off through B, then A forgets them at once', async () => {
    const { a, b } = await twoInstances();
    await a.subscribe({ model: 'b/beta', dest: dm, by: fan, at: '2026-12-01T00:00:00.000Z' });
    await a.setAlerts({ dest: channel, types: ['new_leader'], charts: ['daily'], by: fan, at: '2026-12-01T00:00:00.000Z' });
    await vi.waitFor(async () => expect(await b.subscribersOf('b/beta')).toHaveLength(1), { timeout: 3000 });
    await b.unsubscribe('b/beta', dm);
    await b.clearAlerts(channel);
    await vi.waitFor(async () => expect(await a.subscribersOf('b/beta')).toHaveLength(0), { timeout: 3000 });
    await vi.waitFor(async () => expect(await a.alertsFor(channel)).toBeUndefined(), { timeout: 3000 });
  });
});
