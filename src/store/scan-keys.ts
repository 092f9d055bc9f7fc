import Keyv from 'keyv';

/** One stored entry: its key as the caller wrote it (no namespace), its value deserialized. */
export interface Entry {
  key: string;
  value: unknown;
}
export type Page = Entry[];
/** A row as a backend returns it: the key with namespace, the value as stored. */
type Row = { key: string; value: unknown };

/** Rows per query; a page of settings or outbox rows is well under a megabyte. */
const PAGE = 2000;

interface SqlStore {
  opts: { dialect?: string; table?: string; schema?: string };
  query(sql: string, ...params: unknown[]): Promise<Row[]>;
  scanLike?(pattern: string, batch: number): AsyncGenerator<Row[]>;
}
interface RedisClient {
  scan(cursor: string, o: { MATCH: string; COUNT: number; TYPE: string }): Promise<{ cursor: string | number; keys: string[] }>;
}
interface RedisStore {
  opts: { dialect?: string };
  namespace?: string;
  keyPrefixSeparator: string;
  getMasterNodes(): Promise<RedisClient[]>;
  mget(keys: string[]): Promise<(string | undefined)[]>;
}

/**
 * Every entry of `kv` whose key starts with `prefix`, page by page, in time linear in what is
 * read. keyv's own iterators are not: @keyv/sqlite pages with `LIKE … OFFSET` (each page re-reads
 * all before it) through a recursive generator, and every iterator walks the whole namespace.
 * Here SQLite reads a key range (`key >= ? AND key < ?`, the primary-key index), PostgreSQL
 * streams `key LIKE ?` through a server-side cursor (connect-postgres.ts; a plain KeyvPostgres
 * pages by last key, `key LIKE ? AND key > ? ORDER BY key`, correct under any collation), Redis
 * SCANs with a MATCH on the prefix and MGETs each batch. Any other store falls back to keyv's
 * iterator, filtered. On Redis a key may come twice (SCAN's guarantee is "at least once"):
 * callers index by key. Expired entries are skipped.
 */
export async function* scanPrefix(kv: Keyv, prefix: string): AsyncGenerator<Page> {
  const store = kv.opts.store as unknown as { opts?: { dialect?: string } };
  const dialect = store.opts?.dialect;
  const pages =
    dialect === 'sqlite' && isSql(store) ? sqlitePages(store, full(kv, prefix))
    : dialect === 'postgres' && isSql(store) ? postgresPages(store, full(kv, prefix))
    : dialect === 'redis' && isRedis(store) ? redisPages(store, full(kv, prefix))
    : null;
  if (!pages) return yield* genericPages(kv, prefix);
  const cut = kv.namespace ? kv.namespace.length + 1 : 0;
  const now = Date.now();
  const decode = decoder(kv);
  for await (const rows of pages) {
    // Rows become entries in place: at 1M rows, every object not made is garbage not collected.
    let kept = 0;
    for (const row of rows) {
      if (typeof row.value !== 'string') continue;
      const decoded = decode(row.value);
      const data = (decoded instanceof Promise ? await decoded : decoded) as { value?: unknown; expires?: number } | undefined;
      if (!data || (typeof data.expires === 'number' && data.expires < now)) continue;
      row.key = row.key.slice(cut);
      row.value = data.value;
      rows[kept++] = row;
    }
    rows.length = kept;
    if (kept) yield rows;
  }
}

/** keyv's default deserializer: JSON.parse with a reviver undoing its escapes of strings that start with `:` (and `:base64:` buffers). */
const KEYV_DEFAULT = new Keyv().deserialize;
/** Where a JSON string starts with `:` (an opening quote follows `:`, `,`, `[`, space or the start): only there can the reviver change anything. */
const ESCAPED = /(^|[\s:,[])":/;

/**
 * The store's deserializer. The reviver costs 4 µs a row, 40% of reading 1M subscriptions: with
 * keyv's default and no compression, a row with no string starting with `:` (the settings and
 * outbox never write one) is parsed by plain JSON.parse, to the same value.
 */
function decoder(kv: Keyv): (raw: string) => unknown {
  if (kv.deserialize !== KEYV_DEFAULT || kv.opts.compression) return (raw) => kv.deserializeData(raw);
  return (raw) => (typeof raw === 'string' && !ESCAPED.test(raw) ? JSON.parse(raw) : kv.deserializeData(raw));
}

/** The key as the store holds it (keyv prefixes its namespace). */
function full(kv: Keyv, prefix: string): string {
  return kv.namespace ? `${kv.namespace}:${prefix}` : prefix;
}

function isSql(s: unknown): s is SqlStore {
  return typeof (s as SqlStore).query === 'function';
}

function isRedis(s: unknown): s is RedisStore {
  return typeof (s as RedisStore).getMasterNodes === 'function' && typeof (s as RedisStore).mget === 'function';
}

/** The least string greater than every string starting with `prefix` (bytewise, as SQLite's BINARY collation compares). */
function upperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (!(last < 0x7f)) throw new Error(`scanPrefix needs a prefix ending in an ASCII character, not ${JSON.stringify(prefix)}`);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

async function* sqlitePages(store: SqlStore, prefix: string): AsyncGenerator<Row[]> {
  const table = store.opts.table ?? 'keyv';
  const upper = upperBound(prefix);
  const after = (key: string) => store.query(`SELECT key, value FROM ${table} WHERE key > ? AND key < ? ORDER BY key LIMIT ?`, key, upper, PAGE);
  let rows = await store.query(`SELECT key, value FROM ${table} WHERE key >= ? AND key < ? ORDER BY key LIMIT ?`, prefix, upper, PAGE);
  while (rows.length > 0) {
    // The next page is read (on SQLite's thread) while this one is parsed.
    const next = rows.length === PAGE ? after(rows[rows.length - 1].key) : null;
    next?.catch(() => undefined);
    yield rows;
    if (!next) return;
    rows = await next;
  }
}

async function* postgresPages(store: SqlStore, prefix: string): AsyncGenerator<Row[]> {
  const like = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
  // rankwatch's own adapter (connect-postgres.ts) streams through a cursor; a plain KeyvPostgres pages by key.
  if (typeof store.scanLike === 'function') return yield* store.scanLike(like, PAGE);
  const table = `${store.opts.schema ?? 'public'}.${store.opts.table ?? 'keyv'}`;
  const after = (key: string) => store.query(`SELECT key, value FROM ${table} WHERE key LIKE $1 AND key > $2 ORDER BY key LIMIT $3`, [like, key, PAGE]);
  let rows = await store.query(`SELECT key, value FROM ${table} WHERE key LIKE $1 ORDER BY key LIMIT $2`, [like, PAGE]);
  while (rows.length > 0) {
    const next = rows.length === PAGE ? after(rows[rows.length - 1].key) : null;
    next?.catch(() => undefined);
    yield rows;
    if (!next) return;
    rows = await next;
  }
}

async function* redisPages(store: RedisStore, prefix: string): AsyncGenerator<Row[]> {
  const outer = store.namespace ? `${store.namespace}${store.keyPrefixSeparator}` : '';
  const match = `${outer}${prefix}`.replace(/[*?[\]\\]/g, '\\$&') + '*';
  for (const client of await store.getMasterNodes()) {
    let cursor = '0';
    do {
      const result = await client.scan(cursor, { MATCH: match, COUNT: PAGE, TYPE: 'string' });
      cursor = String(result.cursor);
      if (result.keys.length === 0) continue;
      // The adapter's mget takes keys as stored (it groups them by slot on a cluster).
      const values = await store.mget(result.keys);
      yield result.keys.map((k, i) => ({ key: k.slice(outer.length), value: values[i] }));
    } while (cursor !== '0');
  }
}

async function* genericPages(kv: Keyv, prefix: string): AsyncGenerator<Page> {
  if (!kv.iterator) throw new Error('this keyv store cannot be iterated (no iterator), so settings and the outbox cannot be read back');
  let page: Page = [];
  for await (const [rawKey, value] of kv.iterator(kv.namespace)) {
    const key = String(rawKey);
    if (!key.startsWith(prefix)) continue;
    page.push({ key, value });
    if (page.length === PAGE) yield page.splice(0);
  }
  if (page.length) yield page;
}
