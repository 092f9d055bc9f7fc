import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { HealthBoard } from '../health/health.js';
import type { Logger } from '../logger.js';
import { redactUrl, seconds, StoreError } from '../store/store-error.js';

/** How long start-up waits for REDIS_URL before it stops with a message. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The coordination of a fleet (REDIS_URL): one connection for commands and BullMQ queues, more for
 * blocking workers and pub/sub (`duplicate()`), a key prefix every instance shares, and this
 * instance's id. The connections reconnect by themselves with bounded backoff; the health board
 * shows `redis` retrying meanwhile, and commands wait in ioredis' queue until it is back.
 */
export interface Fleet {
  readonly url: string;
  readonly prefix: string;
  /** This process, as the others see it in logs and claims: `host:pid:random`. */
  readonly instanceId: string;
  readonly redis: Redis;
  /** A new connection (BullMQ workers block on theirs; a subscriber cannot send commands). */
  duplicate(): Redis;
  /** `prefix:name`: the fleet's own keys, beside BullMQ's `prefix:queue:*`. */
  key(name: string): string;
  close(): Promise<void>;
}

export async function openFleet(url: string, prefix: string, o: { logger: Logger; health: HealthBoard; timeoutMs?: number }): Promise<Fleet> {
  const made: Redis[] = [];
  const connect = (role: string) => {
    const r = new Redis(url, {
      // BullMQ workers need commands to wait for a reconnect rather than fail after N retries.
      maxRetriesPerRequest: null,
      connectTimeout: o.timeoutMs ?? CONNECT_TIMEOUT_MS,
      retryStrategy: (times) => Math.min(2 ** times * 100, 5_000),
      lazyConnect: true,
    });
    watch(r, role, o);
    made.push(r);
    return r;
  };
  const redis = connect('commands');
  await connectWithin(redis, url, o.timeoutMs ?? CONNECT_TIMEOUT_MS);
  return {
    url,
    prefix,
    instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    redis,
    duplicate: () => {
      const r = connect('worker');
      void r.connect().catch(() => undefined);
      return r;
    },
    key: (name) => `${prefix}:${name}`,
    async close() {
      await Promise.all(made.map((r) => r.quit().catch(() => r.disconnect())));
    },
  };
}

/** A lost Redis is shown (and logged once per outage) while ioredis reconnects by itself. */
function watch(r: Redis, role: string, o: { logger: Logger; health: HealthBoard }): void {
  let down = false;
  r.on('error', (error: Error) => {
    if (down) return;
    down = true;
    o.logger.error({ err: error, connection: role }, 'lost REDIS_URL; reconnecting with backoff');
    o.health.report('redis', 'retrying', { detail: `lost REDIS_URL (${(error as NodeJS.ErrnoException).code ?? error.message})` });
  });
  r.on('ready', () => {
    if (down) o.logger.info({ connection: role }, 'REDIS_URL answers again');
    down = false;
    o.health.report('redis', 'ok');
  });
}

async function connectWithin(r: Redis, url: string, timeoutMs: number): Promise<void> {
  let last: Error | null = null;
  r.on('error', (e: Error) => (last = e));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([r.connect(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), timeoutMs)))]);
  } catch (error) {
    r.disconnect();
    const cause = last ?? (error as Error);
    const where = `REDIS_URL=${redactUrl(url)}`;
    if (/WRONGPASS|NOAUTH|NOPERM/.test(cause.message)) throw new StoreError(`Redis at ${where} refused the credentials: fix the user and password in REDIS_URL`);
    throw new StoreError(`cannot reach Redis at ${where} (${(cause as NodeJS.ErrnoException).code ?? cause.message}) within ${seconds(timeoutMs)}`);
  } finally {
    clearTimeout(timer);
  }
}
