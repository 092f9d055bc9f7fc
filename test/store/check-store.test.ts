import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { silentLogger } from '../../src/logger.js';
import { openRuntime } from '../../src/runtime.js';
import { openStores, type StoreSet } from '../../src/store/open-stores.js';
import { announceSkips } from '../support/stores.js';
import { isolatedStores } from './isolated-store.js';

const STORES = await isolatedStores('check', 11);
const SAMPLE_AS_OF = '2026-11-21T03:00:00.000Z'; // the bundled sample's meta.as_of
const batch = (asOf: string) => ({ rows: [{ date: '2026-03-31', model: 'a/x', tokens: 5n }, { date: '2026-04-01', model: 'a/x', tokens: 7n }], start: '2026-03-31', end: '2026-04-01', asOf, completeThrough: '2026-04-01' });

beforeAll(announceSkips);
afterAll(async () => {
  for (const s of STORES) await s.drop();
});

describe.each(STORES)('the store check on $name', (store) => {
  const config = (key: boolean) => loadConfig({ STORE_URL: store.url, LOG_LEVEL: 'silent', ...(key ? { OPENROUTER_API_KEY: 'k' } : {}) });
  const open = (key = true, readOnly = false, logger: Logger = silentLogger) => openRuntime(config(key), { logger, readOnly });
  /** A store one sync filled and whose alerts went out through 2026-04-01. */
  async function filled(key = true) {
    const rt = await open(key);
    await rt.history.saveBatch(batch('2026-04-02T03:00:00.000Z'), '2026-04-02T03:00:05.000Z');
    await rt.stores.outbox.set('poll:state', { emittedThrough: '2026-04-01', lastSyncAt: null, lastSyncError: null, lastSuccessAt: null });
    await rt.close();
  }
  async function edit(change: (s: StoreSet) => Promise<unknown>) {
    const s = await openStores(store.url);
    await change(s);
    await s.close();
  }
  const refused = async (key = true) => (await open(key).then((rt) => rt.close().then(() => null), (e: Error) => e))?.message ?? 'not refused';

  beforeEach(() => store.wipe());

  it('given an empty store, when start opens it, then it is a fresh start logged at warn, marked in every namespace', async () => {
    const warned: string[] = [];
    const rt = await open(true, false, { ...silentLogger, warn: (_o: unknown, m?: string) => void warned.push(m ?? '') });
    expect(await rt.history.meta()).toBeNull();
    for (const kv of [rt.stores.history, rt.stores.settings, rt.stores.outbox]) expect(await kv.get('store:identity')).toMatchObject({ app: 'rankwatch', format: 1, source: 'openrouter' });
    await rt.close();
    expect(warned.join()).toMatch(/first run, backfilling history silently/);
  });

  it('given an empty store, when leaderboard only reads it, then nothing is written', async () => {
    const rt = await open(false, true);
    expect(await rt.stores.history.get('store:identity')).toBeUndefined();
    await rt.close();
  });

  it('given a filled store, when reopened, then it opens as it was', async () => {
    await filled();
    const rt = await open();
    expect((await rt.history.meta())?.completeThrough).toBe('2026-04-01');
    await rt.close();
  });

  it.each([
    ['poll:state deleted', (s: StoreSet) => s.outbox.delete('poll:state'), /has history but no poll:state \(namespace rankwatch-outbox\).*rankwatch reset/],
    ['history:manifest deleted', (s: StoreSet) => s.history.delete('history:manifest'), /has sent alerts through 2026-04-01 but no history:manifest \(namespace rankwatch\)/],
    ['store:identity deleted', (s: StoreSet) => s.history.delete('store:identity'), /has history but no store:identity in namespace rankwatch \(/],
    ['the settings namespace cleared', (s: StoreSet) => s.settings.clear(), /no store:identity in namespace rankwatch-settings/],
    ['a history chunk deleted', (s: StoreSet) => s.history.delete('history:chunk:2026-04:v1'), /missing the history chunk history:chunk:2026-04:v1/],
    ['poll:state overwritten', (s: StoreSet) => s.outbox.set('poll:state', 'garbage'), /has a corrupt poll:state \(namespace rankwatch-outbox\)/],
    ['history:manifest overwritten', (s: StoreSet) => s.history.set('history:manifest', { chunks: 3 }), /has a corrupt history:manifest/],
    ["another program's identity", (s: StoreSet) => s.settings.set('store:identity', { app: 'other' }), /store:identity \(namespace rankwatch-settings\) is not a rankwatch store identity/],
    ['a newer format', (s: StoreSet) => s.outbox.set('store:identity', { app: 'rankwatch', format: 9, source: 'openrouter', createdAt: 'x' }), /written by a newer rankwatch/],
  ])('given a filled store with %s, when start opens it, then it is refused naming the key', async (_what, damage, message) => {
    await filled();
    await edit(damage);
    const error = await refused();
    expect(error).toMatch(message);
    expect(error).toContain(`STORE_URL=${store.url}`);
  });

  it('given a store filled from the bundled sample, when started with a key, then it is refused naming rankwatch reset; without a key it opens as sample data', async () => {
    await filled(false);
    expect(await refused(true)).toMatch(/holds the bundled sample data .* run `rankwatch reset` to clear it, or set STORE_URL to another store/);
    const rt = await open(false);
    expect(rt.sample).toBe(true);
    expect((await rt.history.meta())?.source).toBe('sample');
    await rt.close();
  });

  it('given a store of OpenRouter data, when started without a key, then it is refused; leaderboard may still read it', async () => {
    await filled(true);
    expect(await refused(false)).toMatch(/holds OpenRouter data, and the bundled sample is never mixed into it: set OPENROUTER_API_KEY/);
    const rt = await open(false, true);
    expect(rt.sample).toBe(false);
    await rt.close();
  });

  it('given a store from before identities holding the bundled sample, when started with a key, then it is recognised and refused', async () => {
    await edit(async (s) => {
      await s.history.set('history:chunk:2026-04:v1', [['2026-04-01', 'a/x', '7']]);
      await s.history.set('history:manifest', { version: 1, chunks: { '2026-04': 'history:chunk:2026-04:v1' }, completeThrough: '2026-04-01', asOf: SAMPLE_AS_OF, lastDay: '2026-04-01', syncedAt: SAMPLE_AS_OF });
      await s.outbox.set('poll:state', { emittedThrough: '2026-04-01', lastSyncAt: null, lastSyncError: null, lastSuccessAt: null });
    });
    expect(await refused(true)).toMatch(/holds the bundled sample data/);
    const rt = await open(false);
    expect(await rt.stores.settings.get('store:identity')).toMatchObject({ source: 'sample' });
    await rt.close();
  });

  it('given a first run killed during its backfill (identity, empty poll:state, orphan chunk), when restarted, then it starts afresh', async () => {
    await (await open()).close();
    await edit((s) => s.history.set('history:chunk:2025-01:v1', [['2025-01-01', 'a/x', '1']]));
    const rt = await open();
    expect(await rt.history.meta()).toBeNull();
    await rt.close();
  });
});
