import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';
import type { Logger } from '../logger.js';
import { CONNECT_TIMEOUT_MS, redactUrl, StoreError } from './store-error.js';

export interface OpenOptions {
  /** How long reaching a Redis or PostgreSQL server may take (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Where a PostgreSQL pool reports a dropped connection. */
  readonly logger?: Logger;
}

/**
 * Opens the keyv store a STORE_URL names: `sqlite://path` (the default, a local file),
 * `redis://…` or `postgres://…` (keyv's official adapters, for several instances sharing state).
 * A store that cannot be opened is a StoreError naming STORE_URL (password redacted) and what was
 * tried, within the timeout; later errors are thrown, never swallowed: a store that cannot be
 * written must stop the work.
 */
export async function openKeyv(storeUrl: string, namespace = 'rankwatch', o: OpenOptions = {}): Promise<Keyv> {
  const protocol = new URL(storeUrl).protocol;
  const timeoutMs = o.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  let store: unknown;
  if (protocol === 'sqlite:') {
    store = await openSqlite(storeUrl);
  } else if (protocol === 'redis:' || protocol === 'rediss:') {
    // Loaded only when used: the Redis and PostgreSQL clients cost ~17 MB of a SQLite bot's memory.
    const [{ default: KeyvRedis }, { connectRedis }] = await Promise.all([import('@keyv/redis'), import('./connect-redis.js')]);
    const client = await connectRedis(storeUrl, timeoutMs);
    store = new KeyvRedis(client as never, { throwOnConnectError: true, throwOnErrors: true } as never);
  } else if (protocol === 'postgres:' || protocol === 'postgresql:') {
    const { connectPostgres } = await import('./connect-postgres.js');
    store = await connectPostgres(storeUrl, timeoutMs, o.logger);
  } else {
    throw new StoreError(`STORE_URL has an unsupported scheme ${protocol} (use sqlite://, redis:// or postgres://)`);
  }
  const keyv = new Keyv({ store: store as never, namespace, throwOnErrors: true });
  try {
    // Fail at start-up, not at the first sync, when the store cannot be read.
    await keyv.get('rankwatch:probe');
  } catch (error) {
    await keyv.disconnect().catch(() => undefined);
    throw new StoreError(`the store at STORE_URL=${redactUrl(storeUrl)} cannot be read: ${(error as Error).message}`);
  }
  return keyv;
}

async function openSqlite(storeUrl: string): Promise<unknown> {
  const { default: KeyvSqlite } = await import('@keyv/sqlite');
  const file = storeUrl.replace(/^sqlite:\/\//, '');
  if (file !== ':memory:') {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreError(`cannot create the directory ${dirname(file)} for STORE_URL=${storeUrl} (${(error as NodeJS.ErrnoException).code}): pick a writable path`);
    }
  }
  const sqlite = new KeyvSqlite({ uri: storeUrl, busyTimeout: 10_000, iterationLimit: 1000 } as never);
  // The adapter emits its open error before our Keyv listens: caught here and rethrown below.
  sqlite.on('error', () => undefined);
  const query = (sqlite as unknown as { query: (sql: string) => Promise<unknown> }).query;
  try {
    if (file === ':memory:') return sqlite;
    // WAL: several connections (one per namespace) share the file without blocking readers, and
    // synchronous=NORMAL keeps every commit safe across a process crash or kill -9.
    await query('PRAGMA journal_mode=WAL');
    await query('PRAGMA synchronous=NORMAL');
    return sqlite;
  } catch (error) {
    const e = error as Error & { code?: string };
    const what = e.code === 'SQLITE_NOTADB' ? 'is not a SQLite database' : e.code === 'SQLITE_CANTOPEN' ? 'cannot be opened' : 'cannot be used';
    throw new StoreError(`the SQLite file ${file} (STORE_URL=${storeUrl}) ${what}: ${e.code ?? e.message}`);
  }
}
