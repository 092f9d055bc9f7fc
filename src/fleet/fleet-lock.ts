import { randomUUID } from 'node:crypto';
import type { Fleet } from './fleet.js';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * A lock one instance of the fleet holds at a time (SET NX PX with a token, released and extended
 * only by its holder). It expires by itself when its holder dies, so a killed poller never blocks
 * the others for longer than `ttlMs`.
 */
export class FleetLock {
  constructor(
    private readonly fleet: Fleet,
    private readonly name: string,
    private readonly ttlMs: number,
  ) {}

  /** Runs `fn` holding the lock, or returns `{ held: false }` at once when another instance holds it. */
  async run<T>(fn: () => Promise<T>): Promise<{ held: true; value: T } | { held: false }> {
    const key = this.fleet.key(this.name);
    const token = `${this.fleet.instanceId}:${randomUUID()}`;
    if ((await this.fleet.redis.set(key, token, 'PX', this.ttlMs, 'NX')) !== 'OK') return { held: false };
    const renew = setInterval(() => void this.fleet.redis.eval(EXTEND, 1, key, token, this.ttlMs).catch(() => undefined), this.ttlMs / 3);
    renew.unref();
    try {
      return { held: true, value: await fn() };
    } finally {
      clearInterval(renew);
      await this.fleet.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}

/** True for the first instance to claim `id` within `ttlMs` (an interaction two gateways both received). */
export async function claimOnce(fleet: Fleet, id: string, ttlMs: number): Promise<boolean> {
  return (await fleet.redis.set(fleet.key(`claim:${id}`), fleet.instanceId, 'PX', ttlMs, 'NX')) === 'OK';
}
