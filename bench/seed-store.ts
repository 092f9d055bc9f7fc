import type Keyv from 'keyv';
import { defaultSerialize } from '@keyv/serialize';
import type { Destination, Person } from '../src/delivery/destination.js';
import type { StoredSubscription } from '../src/store/settings-store.js';

/**
 * Writes rows straight into a SQLite keyv table, as keyv would have written them (same keys, same
 * serialization), in batched transactions: seeding 1M subscriptions through `subscribe()` would
 * take most of an hour, and the bench measures reading them back, not writing.
 */
export async function seedSqlite(kv: Keyv, rows: Iterable<[key: string, value: unknown]>): Promise<number> {
  const store = kv.opts.store as unknown as { query(sql: string, ...p: unknown[]): Promise<unknown>; opts: { table: string } };
  const insert = `INSERT OR REPLACE INTO ${store.opts.table} (key, value) SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) AS j`;
  let batch: [string, string][] = [];
  let n = 0;
  const flush = async () => {
    if (batch.length) await store.query(insert, JSON.stringify(batch));
    batch = [];
  };
  await store.query('BEGIN');
  for (const [key, value] of rows) {
    batch.push([`${kv.namespace}:${key}`, defaultSerialize({ value })]);
    n++;
    if (batch.length === 5000) await flush();
  }
  await flush();
  await store.query('COMMIT');
  return n;
}

/** `n` subscriptions: mostly Discord DMs, some Slack DMs and channels, a few per person, spread over `models`. */
export function* subscriptionRows(n: number, models: readonly string[]): Generator<[string, StoredSubscription]> {
  for (let i = 0; i < n; i++) {
    const person = Math.floor(i / 3); // three subscriptions per person on average
    const model = models[(i * 7919) % models.length];
    let dest: Destination;
    let by: Person;
    if (i % 10 === 9) {
      by = { platform: 'slack', userId: `U${person}`, teamId: 'T1' };
      dest = i % 20 === 19 ? { kind: 'slack-channel', teamId: 'T1', channelId: `C${person}` } : { kind: 'slack-dm', teamId: 'T1', userId: `U${person}` };
    } else {
      const userId = String(100000000000000000n + BigInt(person));
      by = { platform: 'discord', userId };
      dest = i % 10 === 8 ? { kind: 'discord-channel', channelId: String(300000000000000000n + BigInt(person)) } : { kind: 'discord-dm', userId };
    }
    yield [`sub:${subKeyOf(dest, model)}`, { model, dest, by, at: '2025-01-01T00:00:00.000Z' }];
  }
}

function subKeyOf(dest: Destination, model: string): string {
  const k = dest.kind === 'discord-dm' ? `discord:user:${dest.userId}` : dest.kind === 'discord-channel' ? `discord:channel:${dest.channelId}` : dest.kind === 'slack-dm' ? `slack:${dest.teamId}:user:${dest.userId}` : dest.kind === 'slack-channel' ? `slack:${dest.teamId}:channel:${dest.channelId}` : 'console';
  return `${k}|${model}`;
}
