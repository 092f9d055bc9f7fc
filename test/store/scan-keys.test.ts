import Keyv from 'keyv';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openKeyv } from '../../src/store/open-keyv.js';
import { scanPrefix } from '../../src/store/scan-keys.js';
import { announceSkips, BACKENDS } from '../support/stores.js';

beforeAll(announceSkips);

async function collect(kv: Keyv, prefix: string): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for await (const page of scanPrefix(kv, prefix)) for (const { key, value } of page) out.set(key, value);
  return out;
}

describe.each(BACKENDS)('scanPrefix on $name', (backend) => {
  let closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.reverse()) await close();
    closers = [];
  });
  async function open() {
    const s = await backend.open();
    closers.push(s.close);
    return s;
  }

  it('given more keys than one page under a prefix among look-alikes, then exactly those come back, with their values', async () => {
    const { kv } = await open();
    const wanted = new Map<string, unknown>();
    for (let i = 0; i < 2500; i++) wanted.set(`sub:d${String(i).padStart(5, '0')}|m/${i % 7}`, { i, s: `v${i}` });
    await Promise.all([...wanted].map(([k, v]) => kv.set(k, v)));
    // Neighbours just outside the range, and a value that keyv escapes (a string starting with ':').
    for (const k of ['su', 'sub', 'sub;', 'subx:1', 'Sub:1', 'alerts:sub:1', 'xsub:1']) await kv.set(k, 'no');
    await kv.set('sub:escaped', { s: ':colon', n: null });
    wanted.set('sub:escaped', { s: ':colon', n: null });
    // The backend's own range query is used, never keyv's iterator (LIKE … OFFSET on SQLite).
    kv.iterator = () => {
      throw new Error('keyv iterator used');
    };
    const got = await collect(kv, 'sub:');
    expect(got.size).toBe(wanted.size);
    expect(got).toEqual(wanted);
  });

  it('given a prefix with LIKE and glob characters, then they match only themselves', async () => {
    const { kv } = await open();
    for (const k of ['a_b%*?[x]:1', 'a_b%*?[x]:2', 'aXb%*?[x]:1', 'a_bX*?[x]:1', 'a_b%**[x]:1', 'a_b%*?x:1']) await kv.set(k, k);
    expect([...(await collect(kv, 'a_b%*?[x]:')).keys()].sort()).toEqual(['a_b%*?[x]:1', 'a_b%*?[x]:2']);
  });

  it('given the same keys in another namespace of the same store, then only this namespace is read', async () => {
    const s = await open();
    const other = await openKeyv(s.url, `${s.namespace}-other`);
    closers.push(async () => (await other.clear(), await other.disconnect()));
    await s.kv.set('event:1', 'mine');
    await other.set('event:1', 'theirs');
    await other.set('event:2', 'theirs');
    expect(await collect(s.kv, 'event:')).toEqual(new Map([['event:1', 'mine']]));
  });

  it('given an expired entry, then it is skipped', async () => {
    const { kv } = await open();
    await kv.set('done:old', 1, 1);
    await kv.set('done:new', 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(await collect(kv, 'done:')).toEqual(new Map([['done:new', 2]]));
  });

  it('given readers that stop after the first page, then the store stays usable (a cursor gives its connection back)', async () => {
    const { kv } = await open();
    await Promise.all(Array.from({ length: 2500 }, (_, i) => kv.set(`sub:${i}`, i)));
    for (let i = 0; i < 12; i++) {
      for await (const page of scanPrefix(kv, 'sub:')) {
        expect(page.length).toBeGreaterThan(0);
        break;
      }
    }
    expect(await kv.get('sub:7')).toBe(7);
    expect((await collect(kv, 'sub:')).size).toBe(2500);
  });

  it('given an empty range, then nothing is yielded', async () => {
    const { kv } = await open();
    await kv.set('other:1', 1);
    expect((await collect(kv, 'sub:')).size).toBe(0);
  });
});

describe('scanPrefix on a store without a range query', () => {
  it('given keyv in memory, then it falls back to keyv’s iterator, filtered by prefix', async () => {
    const kv = new Keyv({ namespace: 'ns' });
    await kv.set('sub:1', 'a');
    await kv.set('subx', 'b');
    await kv.set('alerts:1', 'c');
    expect(await collect(kv, 'sub:')).toEqual(new Map([['sub:1', 'a']]));
  });
});
