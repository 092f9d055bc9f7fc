import type Keyv from 'keyv';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/domain/rows.js';
import { KeyvHistoryStore } from '../../src/store/keyv-history-store.js';
import { announceSkips, BACKENDS } from '../support/stores.js';
import { snapshot } from '../poller/snapshot.js';

const row = (date: string, model: string, tokens: bigint | number): Row => ({ date, model, tokens: BigInt(tokens) });
const BIG = 2n ** 60n + 7n;

beforeAll(announceSkips);

describe.each(BACKENDS)('KeyvHistoryStore on $name', (backend) => {
  let closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers) await close();
    closers = [];
  });
  async function open() {
    const s = await backend.open();
    closers.push(s.close);
    return { store: new KeyvHistoryStore(s.kv), kv: s.kv, s };
  }

  it('given an empty store, then it has no meta and an empty history', async () => {
    const { store } = await open();
    expect(await store.meta()).toBeNull();
    expect((await store.history()).first).toBeNull();
  });

  it('given a batch across months, when stored, then rows come back exact (beyond 2^53) and history is cut at completeThrough', async () => {
    const { store } = await open();
    const rows = [row('2026-03-31', 'a/x', BIG), row('2026-04-01', 'a/x', 5), row('2026-04-02', 'b/y', 9), row('2026-04-02', 'other', 3)];
    await store.saveBatch({ rows, start: '2026-03-31', end: '2026-04-02', asOf: '2026-04-03T01:00:00.000Z', completeThrough: '2026-04-01' }, '2026-04-03T01:00:05.000Z');
    expect(await store.meta()).toEqual({ completeThrough: '2026-04-01', asOf: '2026-04-03T01:00:00.000Z', lastDay: '2026-04-02', syncedAt: '2026-04-03T01:00:05.000Z', source: 'openrouter' });
    expect((await store.rows()).map((r) => [r.date, r.model, r.tokens])).toEqual(rows.map((r) => [r.date, r.model, r.tokens]));
    const history = await store.history();
    expect([...history.days.keys()]).toEqual(['2026-03-31', '2026-04-01']);
    expect(history.days.get('2026-03-31')!.models.get('a/x')).toBe(BIG);
  });

  it('given stored days, when a later sync restates its window, then each day it has rows for is replaced and every other day is kept', async () => {
    const { store } = await open();
    await store.saveBatch({ rows: [row('2026-04-01', 'a', 1), row('2026-04-02', 'a', 2), row('2026-04-02', 'b', 7), row('2026-04-03', 'a', 3)], start: '2026-04-01', end: '2026-04-03', asOf: 't1', completeThrough: '2026-04-03' }, 's1');
    await store.saveBatch({ rows: [row('2026-04-02', 'a', 20), row('2026-04-04', 'b', 4)], start: '2026-04-02', end: '2026-04-04', asOf: 't2', completeThrough: '2026-04-04' }, 's2');
    // 04-02 is the batch's alone (b dropped out of it); 04-03, without rows in the batch, is kept, never erased.
    expect((await store.rows()).map((r) => `${r.date} ${r.model} ${r.tokens}`)).toEqual(['2026-04-01 a 1', '2026-04-02 a 20', '2026-04-03 a 3', '2026-04-04 b 4']);
    expect([...(await store.daysHeld('2026-04-02', '2026-04-30'))]).toEqual([['2026-04-02', 1], ['2026-04-03', 1], ['2026-04-04', 1]]);
  });

  it.each([
    ['a row outside its window', [row('2026-04-01', 'a', 1), row('2026-04-05', 'a', 1)], /outside it: 2026-04-05 a/],
    ['the same (date, model) twice', [row('2026-04-01', 'a', 1), row('2026-04-01', 'a', 2)], /\(2026-04-01, a\) twice/],
  ])('given a batch with %s, when stored, then it is refused and the store is untouched', async (_, rows, message) => {
    const { store, kv } = await open();
    await store.saveBatch({ rows: [row('2026-04-01', 'a', 9)], start: '2026-04-01', end: '2026-04-01', asOf: 't1', completeThrough: '2026-04-01' }, 's1');
    const before = await snapshot(kv);
    await expect(store.saveBatch({ rows, start: '2026-04-01', end: '2026-04-02', asOf: 't2', completeThrough: '2026-04-02' }, 's2')).rejects.toThrow(message);
    expect(await snapshot(kv)).toEqual(before);
  });

  it('given a write that fails half way, then the stored history is the previous one, whole, also for a fresh reader', async () => {
    const { store, kv } = await open();
    const first = [row('2026-03-31', 'a', 1), row('2026-04-01', 'a', 2)];
    await store.saveBatch({ rows: first, start: '2026-03-31', end: '2026-04-01', asOf: 't1', completeThrough: '2026-04-01' }, 's1');
    const failing = failAfterSets(kv, 1);
    const broken = new KeyvHistoryStore(failing);
    await expect(
      broken.saveBatch({ rows: [row('2026-03-31', 'a', 100), row('2026-04-01', 'a', 200)], start: '2026-03-31', end: '2026-04-01', asOf: 't2', completeThrough: '2026-04-01' }, 's2'),
    ).rejects.toThrow(/disk full/);
    const fresh = new KeyvHistoryStore(kv);
    expect((await fresh.rows()).map((r) => r.tokens)).toEqual([1n, 2n]);
    expect((await fresh.meta())!.asOf).toBe('t1');
  });

  it('given names resolved once, when the catalogue later drops a model, then its name is kept', async () => {
    const { store } = await open();
    await store.saveNames([{ id: 'q/q', canonicalSlug: 'q/q-04-02', name: 'Q: Q' }, { id: 'old/m', canonicalSlug: 'old/m-1', name: 'Old: M' }], '2026-01-01T00:00:00.000Z');
    await store.saveNames([{ id: 'q/q', canonicalSlug: 'q/q-04-02', name: 'Q: Q Renamed' }], '2026-01-02T00:00:00.000Z');
    const names = await store.names();
    expect(names.get('old/m-1')).toEqual({ id: 'old/m', name: 'Old: M' });
    expect(names.get('q/q-04-02')!.name).toBe('Q: Q Renamed');
    expect(await store.namesFetchedAt()).toBe('2026-01-02T00:00:00.000Z');
  });

  it('given a corrupt manifest, then reading stops with a message naming the key', async () => {
    const { store, kv } = await open();
    await kv.set('history:manifest', { version: 'x' });
    await expect(store.history()).rejects.toThrow(/history:manifest is corrupt/);
  });

  it('given two syncs at once, then both land in order and none is lost', async () => {
    const { store } = await open();
    await Promise.all([
      store.saveBatch({ rows: [row('2026-04-01', 'a', 1)], start: '2026-04-01', end: '2026-04-01', asOf: 't1', completeThrough: '2026-04-01' }, 's1'),
      store.saveBatch({ rows: [row('2026-05-01', 'b', 2)], start: '2026-05-01', end: '2026-05-01', asOf: 't2', completeThrough: '2026-05-01' }, 's2'),
    ]);
    expect((await store.rows()).map((r) => r.model)).toEqual(['a', 'b']);
  });
});

/** A keyv whose writes fail after `n` succeeded: a crash in the middle of a sync. */
function failAfterSets(kv: Keyv, n: number): Keyv {
  let sets = 0;
  return new Proxy(kv, {
    get(target, prop, receiver) {
      if (prop === 'set') {
        return async (...args: Parameters<Keyv['set']>) => {
          if (++sets > n) throw new Error('disk full');
          return target.set(...args);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
