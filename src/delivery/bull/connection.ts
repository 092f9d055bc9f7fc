import { Redis, type RedisOptions } from 'ioredis';
import type { HealthBoard } from '../../health/health.js';
import type { Logger } from '../../logger.js';

export type RedisConnection = string | RedisOptions;

export const HEALTH_PART = 'delivery queue';

/**
 * A connection for BullMQ and rankwatch's own keys. ioredis reconnects by itself, forever (BullMQ
 * needs `maxRetriesPerRequest: null`); while it is away the health board says so, and says `ok`
 * again once it is back. The URL is never logged (it may hold a password).
 */
export interface Link {
  readonly redis: Redis;
  /** Something else on this Redis (a BullMQ worker) failed: reported the same way. */
  lost(detail: string): void;
  close(): Promise<void>;
}

export function connect(connection: RedisConnection, o: { health: HealthBoard; logger: Logger; name: string }): Link {
  const options: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: (times) => Math.min(200 * times, 5_000), connectionName: o.name };
  const redis = typeof connection === 'string' ? new Redis(connection, options) : new Redis({ ...connection, ...options });
  let down = false;
  let closing = false;
  const lost = (detail: string) => {
    if (closing) return;
    if (!down) o.logger.warn({ part: HEALTH_PART, detail }, 'lost Redis; delivery waits (nothing is lost) and reconnects by itself');
    down = true;
    o.health.report(HEALTH_PART, 'retrying', { detail: `Redis unreachable: ${detail}` });
  };
  redis.on('error', (error: Error) => lost(error.message));
  redis.on('close', () => lost('connection closed'));
  redis.on('ready', () => {
    if (down) o.logger.info({ part: HEALTH_PART }, 'Redis is back; delivery continues');
    down = false;
    o.health.report(HEALTH_PART, 'ok');
  });
  return {
    redis,
    lost,
    async close() {
      closing = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
