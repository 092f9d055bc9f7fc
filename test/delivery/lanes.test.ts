// The deliverer's lanes on real stores: a destination that hangs or fails costs only itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../src/domain/alert-message.js';
import type { Destination } from '../../src/delivery/destination.js';
import { Deliverer } from '../../src/delivery/deliverer.js';
import { silentLogger } from '../../src/logger.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { OutboxStore } from '../../src/store/outbox-store.js';
import { CapturingNotifier } from '../support/pipeline.js';

const alert = (n: number): AlertMessage => ({ eventId: `e${n}`, headline: `h${n}`, figures: [], url: 'https://openrouter.ai', linkLabel: 'x', footer: 'f', day: '2026-04-04' });
const channel = (id: string): Destination => ({ kind: 'discord-channel', channelId: id });

describe('delivery lanes', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given one destination that never answers, then every other destination gets its alerts at once, in order, while the dead one keeps its alerts owed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rankwatch-lanes-'));
    const kv = await openKeyv(`sqlite://${join(dir, 's.sqlite')}`, 'outbox');
    const outbox = new OutboxStore(kv);
    const notifier = new CapturingNotifier();
    const hang = new Promise<never>(() => {});
    const send = notifier.send.bind(notifier);
    notifier.send = (dest, a, key) => (dest.kind === 'discord-channel' && dest.channelId === 'dead' ? hang : send(dest, a, key));
    const deliverer = new Deliverer({ outbox, notifiers: [notifier], deadEnds: { disable: async () => {} }, logger: silentLogger, clock: () => new Date(), retry: { sendTimeoutMs: 200, baseBackoffMs: 50 }, concurrency: 2 });
    const dests = ['dead', 'a', 'b', 'c', 'd'].map(channel);
    for (let n = 1; n <= 5; n++) await outbox.put(alert(n), dests, `2026-04-05T00:00:00.000Z#00000${n}`);
    await deliverer.resume();
    const until = Date.now() + 5000;
    while (notifier.sent.length < 20 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    for (const c of ['a', 'b', 'c', 'd']) expect(notifier.sent.filter((s) => s.dest === `discord:channel:${c}`).map((s) => s.alert.eventId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    while ((await outbox.failure(channel('dead'))) === null && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(deliverer.pendingCount()).toBe(5);
    expect(await outbox.failure(channel('dead'))).toMatchObject({ reason: 'no answer within 200 ms', attempts: expect.any(Number) });
    await deliverer.stop();
    await kv.disconnect();
  }, 20_000);
});
