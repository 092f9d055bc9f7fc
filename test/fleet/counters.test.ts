import { afterEach, describe, expect, it } from 'vitest';
import { fleetCounters } from '../../src/fleet/counters.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { OutboxStore } from '../../src/store/outbox-store.js';
import { BACKENDS } from '../support/stores.js';
import { announceRedisSkip, REDIS_URL, testFleet, uniquePrefix } from '../support/redis.js';

announceRedisSkip();
const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

describe.skipIf(!REDIS_URL)("a fleet's sent and dropped counts", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('given two workers settling at once on one store, then every send and drop is counted (Redis INCR), on top of what the store held', async () => {
    const store = await sqlite.open();
    await store.kv.set('dropped-count', 3);
    const otherKv = await openKeyv(store.url, store.namespace);
    const prefix = uniquePrefix();
    const [fa, fb] = [await testFleet(prefix), await testFleet(prefix)];
    cleanups.push(async () => (await fa.close(), await fb.close(), await otherKv.disconnect(), await store.close()));
    const [a, b] = [new OutboxStore(store.kv, fleetCounters(fa)), new OutboxStore(otherKv, fleetCounters(fb))];
    const at = '2026-12-01T10:00:00.000Z';
    const dest = (i: number) => ({ kind: 'discord-channel' as const, channelId: String(400000000000000000n + BigInt(i)) });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => ((i % 2 ? a : b).settle(`e${i}`, dest(i), i % 4 === 0 ? { sent: false, reason: 'gave up', at } : { sent: true, at }))),
    );
    expect(await a.droppedTotal()).toBe(3 + 10);
    expect(await b.sentOn('2026-12-01')).toBe(30);
  });
});
