import type { Redis } from 'ioredis';

/**
 * Reserves the next slot on a shared schedule spaced `interval` ms apart (GCRA without burst): returns
 * how long the caller waits before sending. Redis's own clock, so every process agrees.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextAt)
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], slot + interval, 'PX', slot + interval - now + 1000)
return slot - now`;

/** How long until a destination's pace key allows the next message (0: now). */
const PACE_WAIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return math.max(0, tonumber(redis.call('GET', KEYS[1]) or '0') - now)`;

/** A message just got its answer: the next one may go `interval` ms from now (the platform's view). */
const PACE_MARK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], now + tonumber(ARGV[1]), 'PX', tonumber(ARGV[1]) + 1000)
return 0`;

/** Deletes a lock only when it is still ours. */
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * One delivery settled: leaves its destination's order set and its event's set. Returns
 * [deliveries the event still owes, the destination's next member or false].
 */
const FINISH = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[2])
local left = redis.call('SCARD', KEYS[2])
local head = redis.call('ZRANGE', KEYS[1], 0, 0)
return {left, head[1] or false}`;

export interface Scripts {
  reserve(key: string, intervalMs: number): Promise<number>;
  paceWait(key: string): Promise<number>;
  paceMark(key: string, intervalMs: number): Promise<void>;
  unlock(key: string, value: string): Promise<void>;
  finish(orderKey: string, eventKey: string, member: string, jobId: string): Promise<{ left: number; next: string | null }>;
}

export function scriptsOn(redis: Redis): Scripts {
  redis.defineCommand('rwReserve', { numberOfKeys: 1, lua: RESERVE });
  redis.defineCommand('rwPaceWait', { numberOfKeys: 1, lua: PACE_WAIT });
  redis.defineCommand('rwPaceMark', { numberOfKeys: 1, lua: PACE_MARK });
  redis.defineCommand('rwUnlock', { numberOfKeys: 1, lua: UNLOCK });
  redis.defineCommand('rwFinish', { numberOfKeys: 2, lua: FINISH });
  const r = redis as Redis & Record<'rwReserve' | 'rwPaceWait' | 'rwPaceMark' | 'rwUnlock' | 'rwFinish', (...args: (string | number)[]) => Promise<unknown>>;
  return {
    reserve: async (key, intervalMs) => Number(await r.rwReserve(key, Math.max(1, Math.round(intervalMs)))),
    paceWait: async (key) => Number(await r.rwPaceWait(key)),
    paceMark: async (key, intervalMs) => void (await r.rwPaceMark(key, Math.max(1, Math.round(intervalMs)))),
    unlock: async (key, value) => void (await r.rwUnlock(key, value)),
    async finish(orderKey, eventKey, member, jobId) {
      const [left, next] = (await r.rwFinish(orderKey, eventKey, member, jobId)) as [number, string | null];
      return { left: Number(left), next: next || null };
    },
  };
}
