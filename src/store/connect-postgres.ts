import KeyvPostgres from '@keyv/postgres';
import type { Logger } from '../logger.js';
import { redactUrl, seconds, StoreError } from './store-error.js';

/** The part of pg's Pool used here (pg ships no types and @types/pg is not installed). */
interface PgClient {
  query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  escapeLiteral(text: string): string;
  release(destroy?: Error | boolean): void;
}
interface PgPool {
  query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgClient>;
  on(event: 'error', listener: (error: Error) => void): void;
  end(): Promise<void>;
}
interface Shared {
  readonly pool: PgPool;
  users: number;
}

/** One pool per URL, counted: the history, settings and outbox stores share it, and it ends once, after the last closes. */
const pools = new Map<string, Promise<Shared>>();
const PG = 'pg';

/** Refused credentials or database: retrying cannot help. */
const REFUSED = new Set(['28000', '28P01', '3D000', '42501']);

/**
 * @keyv/postgres keeps one module-wide pool per URI, with no 'error' listener (an idle connection
 * dropped by the server killed the process) and ended by every namespace's disconnect ("Called end
 * on pool more than once"). This adapter runs its queries on a shared, counted pool of our own.
 */
class SharedPoolPostgres extends KeyvPostgres {
  override async connect() {
    const { pool } = await pools.get(this.opts.uri!)!;
    return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows as never[];
  }

  /**
   * Rows whose key matches a LIKE pattern, `batch` at a time through a server-side cursor: one
   * pass over the table whatever the planner's statistics (paging with `ORDER BY key LIMIT` is
   * planned as a full scan and sort per page while a fresh table is not yet analyzed). Order is
   * not guaranteed. Used by scan-keys.ts.
   */
  async *scanLike(pattern: string, batch: number): AsyncGenerator<{ key: string; value: unknown }[]> {
    const { pool } = await pools.get(this.opts.uri!)!;
    const client = await pool.connect();
    let failed: Error | undefined;
    try {
      await client.query('BEGIN READ ONLY');
      // DECLARE takes no bind parameters: the pattern goes in as an escaped literal.
      await client.query(`DECLARE rankwatch_scan NO SCROLL CURSOR FOR SELECT key, value FROM ${this.opts.schema}.${this.opts.table} WHERE key LIKE ${client.escapeLiteral(pattern)}`);
      for (;;) {
        const { rows } = await client.query(`FETCH FORWARD ${batch} FROM rankwatch_scan`);
        if (rows.length > 0) yield rows as { key: string; value: unknown }[];
        if (rows.length < batch) break;
      }
    } catch (error) {
      failed = error as Error;
      throw error;
    } finally {
      // Also reached when the reader stops early: the transaction ends and the connection goes back.
      if (!failed) await client.query('ROLLBACK').catch((error: Error) => (failed = error));
      client.release(failed ?? false);
    }
  }

  override async disconnect(): Promise<void> {
    const shared = await pools.get(this.opts.uri!);
    if (!shared || --shared.users > 0) return;
    pools.delete(this.opts.uri!);
    await shared.pool.end();
  }
}

/** A KeyvPostgres store whose pool was reached within `timeoutMs`, or a StoreError saying why not. */
export async function connectPostgres(storeUrl: string, timeoutMs: number, logger?: Logger): Promise<KeyvPostgres> {
  if (!pools.has(storeUrl)) {
    const opening = openPool(storeUrl, timeoutMs, logger);
    pools.set(storeUrl, opening);
    opening.catch(() => pools.delete(storeUrl));
  }
  (await pools.get(storeUrl)!).users++;
  return new SharedPoolPostgres({ uri: storeUrl, iterationLimit: 1000 });
}

async function openPool(storeUrl: string, timeoutMs: number, logger?: Logger): Promise<Shared> {
  const { default: pg } = (await import(PG)) as { default: { Pool: new (options: object) => PgPool } };
  // connectionTimeoutMillis bounds every new connection, so queries fail (and callers retry) while the link is down.
  const pool = new pg.Pool({ connectionString: storeUrl, connectionTimeoutMillis: timeoutMs, query_timeout: 60_000, keepAlive: true });
  // Without a listener, an idle connection's error is an unhandled 'error' event that ends the process.
  pool.on('error', (error) => logger?.warn({ err: error, store: redactUrl(storeUrl) }, 'PostgreSQL connection lost; queries fail until it is back'));
  await reach(pool, storeUrl, timeoutMs);
  return { pool, users: 0 };
}

/** Retries a refused or silent server until the deadline; refused credentials stop at once. */
async function reach(pool: PgPool, storeUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await pool.query('SELECT 1');
      return;
    } catch (error) {
      const e = error as Error & { code?: string };
      const where = `STORE_URL=${redactUrl(storeUrl)}`;
      if (e.code && REFUSED.has(e.code)) {
        await pool.end().catch(() => undefined);
        throw new StoreError(`the store at ${where} refused the connection (${e.message}): fix the user, password or database name in STORE_URL`);
      }
      if (Date.now() + 500 >= deadline) {
        await pool.end().catch(() => undefined);
        const code = e.code ?? (/timeout|terminated/i.test(e.message) ? 'no answer' : e.message);
        throw new StoreError(`cannot reach the store at ${where} (${code}) within ${seconds(timeoutMs)}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
