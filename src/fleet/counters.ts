import type { Counters } from '../store/outbox-store.js';
import type { Fleet } from './fleet.js';

/** The outbox's sent and dropped counts as Redis counters: INCR is atomic across the fleet's workers. */
export function fleetCounters(fleet: Fleet): Counters {
  return {
    add: async (key) => void (await fleet.redis.incr(fleet.key(`count:${key}`))),
    get: async (key) => Number((await fleet.redis.get(fleet.key(`count:${key}`))) ?? 0),
  };
}
