import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { destinationKey, type Destination } from '../../src/delivery/destination.js';
import type { AlertMessage } from '../../src/domain/alert-message.js';
import { OutboxStore } from '../../src/store/outbox-store.js';
import { announceSkips, BACKENDS } from '../support/stores.js';

beforeAll(announceSkips);

const alert = (eventId: string): AlertMessage => ({ eventId, headline: `h ${eventId}`, figures: [['a', 'b']], url: 'https://openrouter.ai/x', linkLabel: 'x', footer: 'f', day: '2026-04-01' });
const channel = (i: number): Destination => ({ kind: 'discord-channel', channelId: String(1000 + i) });
const sent = { sent: true as const, at: '2026-04-01T00:00:00.000Z' };

describe.each(BACKENDS)('OutboxStore.pending on $name', (backend) => {
  let closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers) await close();
    closers = [];
  });
  async function open() {
    const s = await backend.open();
    closers.push(s.close);
    return { outbox: new OutboxStore(s.kv), kv: s.kv };
  }

  it('given alerts partly delivered (more destinations than one page), then exactly the rest is owed, oldest alert first', async () => {
    const { outbox } = await open();
    const many = Array.from({ length: 2300 }, (_, i) => channel(i));
    await outbox.put(alert('late'), [channel(0), channel(1)], '2026-04-01T00:00:02.000Z#2');
    await outbox.put(alert('early'), many, '2026-04-01T00:00:01.000Z#1');
    // Event ids sharing a prefix: the marks of one are never read as the other's.
    await outbox.put(alert('early-2'), [channel(5)], '2026-04-01T00:00:03.000Z#3');
    await Promise.all(many.filter((_, i) => i % 3 === 0).map((d) => outbox.settle('early', d, sent)));
    await outbox.settle('late', channel(1), { sent: false, reason: 'gone', at: sent.at });
    await outbox.settle('early-2', channel(1), sent); // a mark for a destination the event never had
    const owed = await outbox.pending();
    const early = owed.filter((p) => p.alert.eventId === 'early');
    expect(early.map((p) => destinationKey(p.dest))).toEqual(many.filter((_, i) => i % 3 !== 0).map(destinationKey));
    expect(owed.map((p) => p.alert.eventId).filter((id, i, all) => all[i - 1] !== id)).toEqual(['early', 'late', 'early-2']);
    expect(owed.filter((p) => p.alert.eventId === 'late').map((p) => p.dest)).toEqual([channel(0)]);
    expect(owed.at(-1)).toEqual({ alert: alert('early-2'), dest: channel(5), createdAt: '2026-04-01T00:00:03.000Z#3' });
  });

  it('given an alert whose deliveries are all settled, then nothing is owed and it is forgotten, but still known as planned', async () => {
    const { outbox, kv } = await open();
    await outbox.put(alert('e1'), [channel(0), channel(1)], '2026-04-01T00:00:01.000Z#1');
    await outbox.settle('e1', channel(0), sent);
    await outbox.settle('e1', channel(1), sent);
    expect(await outbox.pending()).toEqual([]);
    expect(await kv.get('event:e1')).toBeUndefined();
    expect(await kv.get(`mark:e1|${destinationKey(channel(0))}`)).toBeUndefined();
    expect(await outbox.isPlanned('e1')).toBe(true);
  });

  it('given complete() after the last settle, then the entry goes; before it, it stays', async () => {
    const { outbox, kv } = await open();
    await outbox.put(alert('e1'), [channel(0), channel(1)], '2026-04-01T00:00:01.000Z#1');
    await outbox.settle('e1', channel(0), sent);
    await outbox.complete('e1');
    expect(await kv.get('event:e1')).toBeDefined();
    await outbox.settle('e1', channel(1), sent);
    await outbox.complete('e1');
    expect(await kv.get('event:e1')).toBeUndefined();
  });
});
