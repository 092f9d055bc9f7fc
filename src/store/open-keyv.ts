import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';

/**
 * Opens the keyv store a STORE_URL names: `sqlite://path` (the default, a local file),
 * `redis://…` or `postgres://…` (keyv's official adapters, for several instances sharing state).
 * Errors are thrown, never swallowed: a store that cannot be written must stop the work.
 */
export async function openKeyv(storeUrl: string, namespace = 'rankwatch'): Promise<Keyv> {
  const protocol = new URL(storeUrl).protocol;
  let store: unknown;
  if (protocol === 'sqlite:') {
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const file = storeUrl.replace(/^sqlite:\/\//, '');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new KeyvSqlite({ uri: storeUrl, busyTimeout: 10_000, iterationLimit: 1000 } as never);
    if (file !== ':memory:') {
      // WAL: several connections (one per namespace) share the file without blocking readers, and
      // synchronous=NORMAL keeps every commit safe across a process crash or kill -9.
      const query = (sqlite as unknown as { query: (sql: string) => Promise<unknown> }).query;
      await query('PRAGMA journal_mode=WAL');
      await query('PRAGMA synchronous=NORMAL');
    }
    store = sqlite;
  } else if (protocol === 'redis:' || protocol === 'rediss:') {
    const { default: KeyvRedis } = await import('@keyv/redis');
    store = new KeyvRedis(storeUrl, { throwOnConnectError: true, throwOnErrors: true } as never);
  } else if (protocol === 'postgres:' || protocol === 'postgresql:') {
    const { default: KeyvPostgres } = await import('@keyv/postgres');
    store = new KeyvPostgres({ uri: storeUrl, iterationLimit: 1000 } as never);
  } else {
    throw new Error(`STORE_URL has an unsupported scheme ${protocol} (use sqlite://, redis:// or postgres://)`);
  }
  const keyv = new Keyv({ store: store as never, namespace, throwOnErrors: true });
  // Fail at start-up, not at the first sync, when the store cannot be reached.
  await keyv.get('rankwatch:probe');
  return keyv;
}
