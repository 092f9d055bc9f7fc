import type Keyv from 'keyv';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Destination, Person } from '../../src/delivery/destination.js';
import { SettingsStore, type AlertSetting } from '../../src/store/settings-store.js';
import { announceSkips, BACKENDS } from '../support/stores.js';

beforeAll(announceSkips);

const person = (userId: string): Person => ({ platform: 'discord', userId });
const dm = (userId: string): Destination => ({ kind: 'discord-dm', userId });
const channel: Destination = { kind: 'discord-channel', channelId: 'C1', guildId: 'G1' };
const slackDm: Destination = { kind: 'slack-dm', teamId: 'T1', userId: 'U1' };
const sub = (model: string, dest: Destination, by: Person) => ({ model, dest, by, at: '2026-01-01T00:00:00.000Z' });
const alerts: AlertSetting = { dest: channel, types: ['new_leader'], charts: ['daily'], by: person('alice'), at: '2026-01-01T00:00:00.000Z' };
const models = (subs: { model: string }[]) => subs.map((s) => s.model);

describe.each(BACKENDS)('SettingsStore on $name', (backend) => {
  let closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers) await close();
    closers = [];
  });
  async function open(): Promise<Keyv> {
    const s = await backend.open();
    closers.push(s.close);
    return s.kv;
  }

  it('given subscriptions by DM and in a channel, then they are listed per destination and per model, and survive a reload', async () => {
    const kv = await open();
    const a = new SettingsStore(kv);
    expect(await a.subscribe(sub('z/model', dm('alice'), person('alice')))).toBe(true);
    expect(await a.subscribe(sub('a/model', dm('alice'), person('alice')))).toBe(true);
    expect(await a.subscribe(sub('a/model', dm('alice'), person('alice')))).toBe(false);
    await a.subscribe(sub('a/model', channel, person('bob')));
    await a.subscribe(sub('a/model', slackDm, { platform: 'slack', userId: 'U1', teamId: 'T1' }));
    for (const s of [a, new SettingsStore(kv)]) {
      expect(models(await s.subscriptionsOf([dm('alice')]))).toEqual(['a/model', 'z/model']);
      expect(await s.subscriptionsOf([channel])).toEqual([{ model: 'a/model', dest: channel, by: person('bob') }]);
      expect(await s.subscriptionsOf([slackDm])).toEqual([{ model: 'a/model', dest: slackDm, by: { platform: 'slack', userId: 'U1', teamId: 'T1' } }]);
      expect(models(await s.subscriptionsOf([dm('alice'), channel]))).toEqual(['a/model', 'a/model', 'z/model']);
      expect((await s.subscribersOf('a/model')).map((x) => x.dest)).toEqual(expect.arrayContaining([dm('alice'), channel, slackDm]));
      expect(await s.countSubscriptions()).toBe(4);
    }
    expect(await a.unsubscribe('a/model', dm('alice'))).toBe(true);
    expect(await a.unsubscribe('a/model', dm('alice'))).toBe(false);
    await a.reload();
    expect(models(await a.subscriptionsOf([dm('alice')]))).toEqual(['z/model']);
    expect((await a.subscribersOf('a/model')).length).toBe(2);
    expect(await a.countSubscriptions()).toBe(3);
  });

  it('given local writes, then onChange is told the store keys written or deleted, after the store has them', async () => {
    const kv = await open();
    const s = new SettingsStore(kv);
    const seen: string[][] = [];
    const off = s.onChange((keys) => seen.push(keys));
    const reads: Promise<unknown>[] = [];
    s.onChange((keys) => void reads.push(kv.get(keys[0])));
    await s.subscribe(sub('a/model', dm('alice'), person('alice')));
    await s.unsubscribe('a/model', dm('alice'));
    await s.setAlerts(alerts);
    await s.clearAlerts(channel);
    await s.disable({ dest: channel, reason: 'gone', at: 'now' });
    await s.enable(channel);
    await s.enable(channel); // nothing to re-enable: nothing written
    expect(seen).toEqual([['sub:discord:user:alice|a/model'], ['sub:discord:user:alice|a/model'], ['alerts:discord:channel:C1'], ['alerts:discord:channel:C1'], ['disabled:discord:channel:C1'], ['disabled:discord:channel:C1']]);
    // Each listener ran once the store held the change: written, deleted, written, deleted…
    expect((await Promise.all(reads)).map((v) => v !== undefined)).toEqual([true, false, true, false, true, false]);
    off();
    await s.subscribe(sub('b/model', dm('alice'), person('alice')));
    expect(seen).toHaveLength(6);
  });

  it('given writes by another instance, when refreshKeys gets their keys, then every index follows, removals included', async () => {
    const kv = await open();
    const [mine, theirs] = [new SettingsStore(kv), new SettingsStore(kv)];
    await mine.reload();
    const changed: string[] = [];
    theirs.onChange((keys) => changed.push(...keys));
    await theirs.subscribe(sub('a/model', dm('alice'), person('alice')));
    await theirs.subscribe(sub('a/model', channel, person('bob')));
    await theirs.setAlerts(alerts);
    await theirs.disable({ dest: dm('carol'), reason: 'forbidden', at: 'now' });
    expect(await mine.countSubscriptions()).toBe(0);
    await mine.refreshKeys([...changed, 'poll:state', 'sub:discord:user:nobody|x/y']);
    expect(models(await mine.subscriptionsOf([dm('alice')]))).toEqual(['a/model']);
    expect((await mine.subscribersOf('a/model')).map((x) => x.dest)).toEqual(expect.arrayContaining([dm('alice'), channel]));
    expect(await mine.alertsFor(channel)).toEqual(alerts);
    expect((await mine.audience()).disabled).toEqual(new Set(['discord:user:carol']));
    expect(await mine.countSubscriptions()).toBe(2);

    changed.length = 0;
    await theirs.unsubscribe('a/model', dm('alice'));
    await theirs.clearAlerts(channel);
    await theirs.enable(dm('carol'));
    await mine.refreshKeys(changed);
    expect(await mine.subscriptionsOf([dm('alice')])).toEqual([]);
    expect((await mine.subscribersOf('a/model')).map((x) => x.dest)).toEqual([channel]);
    expect((await mine.audience()).subscribersOf('a/model').map((x) => x.dest)).toEqual([channel]);
    expect(await mine.alertsFor(channel)).toBeUndefined();
    expect(await mine.disabledEntry(dm('carol'))).toBeUndefined();
    expect(await mine.countSubscriptions()).toBe(1);
  });

  it('given more keys than one refresh round trip, then all of them are applied', async () => {
    const kv = await open();
    const [mine, theirs] = [new SettingsStore(kv), new SettingsStore(kv)];
    await mine.reload();
    const changed: string[] = [];
    theirs.onChange((keys) => changed.push(...keys));
    await Promise.all(Array.from({ length: 1200 }, (_, i) => theirs.subscribe(sub(`m/${i % 3}`, dm(`u${i}`), person(`u${i}`)))));
    await mine.refreshKeys(changed);
    expect(await mine.countSubscriptions()).toBe(1200);
    expect(await mine.subscribersOf('m/1')).toHaveLength(400);
    expect(models(await mine.subscriptionsOf([dm('u1199')]))).toEqual(['m/2']);
  });

  it('given a subscription changed elsewhere (made by someone else), when refreshed, then it is replaced, not doubled', async () => {
    const kv = await open();
    const [mine, theirs] = [new SettingsStore(kv), new SettingsStore(kv)];
    await theirs.subscribe(sub('a/model', channel, person('bob')));
    await mine.reload();
    await theirs.subscribe(sub('a/model', channel, person('carol')));
    await mine.refreshKeys(['sub:discord:channel:C1|a/model']);
    expect(await mine.subscriptionsOf([channel])).toEqual([{ model: 'a/model', dest: channel, by: person('carol') }]);
    expect(await mine.subscribersOf('a/model')).toHaveLength(1);
    expect(await mine.countSubscriptions()).toBe(1);
  });

  it('given a write while a reload is reading, then the write is not lost when the reload finishes', async () => {
    const kv = await open();
    const s = new SettingsStore(kv);
    for (let i = 0; i < 50; i++) await s.subscribe(sub(`m/${i}`, dm(`u${i}`), person(`u${i}`)));
    const reloading = s.reload();
    const writing = s.subscribe(sub('late/model', dm('zed'), person('zed')));
    await Promise.all([reloading, writing]);
    expect(models(await s.subscriptionsOf([dm('zed')]))).toEqual(['late/model']);
    expect(await s.countSubscriptions()).toBe(51);
  });

  it('given a corrupt stored subscription, then reload fails naming the key (so does every read until a reload succeeds)', async () => {
    const kv = await open();
    const s = new SettingsStore(kv);
    await s.subscribe(sub('a/model', dm('alice'), person('alice')));
    await kv.set('sub:discord:user:bob|b/model', { model: 'b/model' });
    await expect(s.reload()).rejects.toThrow(/stored value sub:discord:user:bob\|b\/model is corrupt/);
    await expect(s.countSubscriptions()).rejects.toThrow(/corrupt/);
    await kv.set('sub:discord:user:bob|b/model', sub('b/model', dm('bob'), person('bob')));
    await s.reload();
    expect(await s.countSubscriptions()).toBe(2);
  });
});
