import { Redis } from 'ioredis';
import { HealthBoard } from '../../src/health/health.js';
import { silentLogger } from '../../src/logger.js';
import { openFleet, type Fleet } from '../../src/fleet/fleet.js';

/** The Redis the fleet suites run on (.ci/run sets it); without it they skip with one line. */
export const REDIS_URL = process.env.RANKWATCH_TEST_REDIS_URL;

let said = false;
export function announceRedisSkip(): void {
  if (REDIS_URL || said) return;
  said = true;
  console.log('[rankwatch] skipping fleet suites: set RANKWATCH_TEST_REDIS_URL=redis://127.0.0.1:6379 to run them');
}

let n = 0;
/** A prefix no other test file (or helper run) shares on the one Redis. */
export const uniquePrefix = () => `rwt-${process.pid}-${Date.now().toString(36)}-${n++}`;

/** A fleet on a fresh prefix; `close` also deletes every key under it. */
export async function testFleet(prefix = uniquePrefix()): Promise<Fleet & { health: HealthBoard }> {
  const health = new HealthBoard(() => new Date());
  const fleet = await openFleet(REDIS_URL!, prefix, { logger: silentLogger, health });
  return { ...fleet, health, close: async () => (await dropPrefix(prefix), await fleet.close()) };
}

export async function dropPrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL!);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await r.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await r.quit();
}
