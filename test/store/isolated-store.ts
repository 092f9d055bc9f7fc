import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores } from '../../src/store/open-stores.js';

/**
 * A whole STORE_URL for tests that run rankwatch as it is deployed (fixed namespaces): SQLite in a
 * temp dir; on Redis a database number of the test's own (`db`, 1-15), cleared before and after;
 * on PostgreSQL a database created for the test and dropped after. Servers as in test/support/stores.ts.
 */
export interface IsolatedStore {
  readonly name: 'sqlite' | 'redis' | 'postgres';
  readonly url: string;
  /** Empties the store again (between cases). */
  wipe(): Promise<void>;
  drop(): Promise<void>;
}

const PG = 'pg';
type PgPool = { query(sql: string): Promise<unknown>; end(): Promise<void> };

async function admin(url: string, sql: string): Promise<void> {
  const { default: pg } = (await import(PG)) as { default: { Pool: new (o: object) => PgPool } };
  const pool = new pg.Pool({ connectionString: url });
  try {
    await pool.query(sql);
  } finally {
    await pool.end();
  }
}

async function clearAll(url: string): Promise<void> {
  const stores = await openStores(url);
  for (const kv of [stores.history, stores.settings, stores.outbox]) await kv.clear();
  await stores.close();
}

export async function isolatedStores(tag: string, db: number): Promise<IsolatedStore[]> {
  const out: IsolatedStore[] = [];
  const dir = mkdtempSync(join(tmpdir(), `rankwatch-${tag}-`));
  let n = 0;
  const sqliteUrl = () => `sqlite://${join(dir, `store-${n}.sqlite`)}`;
  out.push({
    name: 'sqlite',
    get url() {
      return sqliteUrl();
    },
    wipe: async () => void n++,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  });
  const redis = process.env.RANKWATCH_TEST_REDIS_URL;
  if (redis) {
    const url = `${redis.replace(/\/\d*$/, '')}/${db}`;
    await clearAll(url);
    out.push({ name: 'redis', url, wipe: () => clearAll(url), drop: () => clearAll(url) });
  }
  const postgres = process.env.RANKWATCH_TEST_POSTGRES_URL;
  if (postgres) {
    const name = `rw_${tag}_${process.pid}`.replace(/[^a-z0-9_]/g, '_');
    await admin(postgres, `DROP DATABASE IF EXISTS ${name}`);
    await admin(postgres, `CREATE DATABASE ${name}`);
    const url = postgres.replace(/\/[^/]*$/, `/${name}`);
    out.push({ name: 'postgres', url, wipe: () => clearAll(url), drop: () => admin(postgres, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) });
  }
  return out;
}
