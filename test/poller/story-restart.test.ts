import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { carriedEventIds } from '../../src/domain/alert-message.js';
import { addDays } from '../../src/domain/calendar.js';
import type { Destination } from '../../src/delivery/destination.js';
import { DEFAULT_ALERT_TYPES } from '../../src/store/settings-store.js';
import { days, setDay } from '../domain/history-builder.js';
import { startFakeOpenRouter, type FakeOpenRouter } from '../fakes/openrouter.js';
import { ConsoleNotifier } from '../../src/adapters/console/console-notifier.js';
import { CapturingNotifier, openPipeline, settledAsOf } from '../support/pipeline.js';

const FIRST = '2026-01-01';
const LAST = addDays(FIRST, 39);
const NEXT = addDays(LAST, 1);
const base = days(FIRST, 40, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, 'c/gamma': 100e9, other: 50e9 }));
const channel: Destination = { kind: 'discord-channel', channelId: '100000000000000001' };
const dm: Destination = { kind: 'discord-dm', userId: '300000000000000003' };
const person = { platform: 'discord' as const, userId: '300000000000000003' };

/** What each destination received, as event ids, in order (one entry per message). */
const received = (n: CapturingNotifier) => n.sent.map((s) => `${s.dest} ${carriedEventIds(s.alert).join(' + ')}`);

describe('one story, one message, across a restart', () => {
  let fake: FakeOpenRouter;
  let dir: string;
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { crash: 'after every message is written, before emittedThrough moves', at: 'emittedThrough' },
    { crash: 'between two messages of one story', at: 'second put' },
  ] as const)('given a crash $crash, when it restarts, then each event reaches each destination once, in one message per story', async ({ at }) => {
    dir = mkdtempSync(join(tmpdir(), 'rankwatch-story-'));
    let today = NEXT;
    fake = await startFakeOpenRouter({ rows: base, lastFinishedDay: LAST, asOf: settledAsOf(LAST) });
    const notifier = new CapturingNotifier();
    const first = await openPipeline({ dir, openRouterUrl: fake.url, today: () => today, notifiers: [notifier] });
    await first.settings.setAlerts({ dest: channel, types: [...DEFAULT_ALERT_TYPES], charts: ['daily'], by: person, at: 'x' });
    await first.settings.subscribe({ model: 'b/beta', dest: dm, by: person, at: 'x' });
    await first.poller.pollOnce();
    // Beta takes #1 with a record day and its personal best; the platform has a record day too.
    fake.setRows(setDay(base, NEXT, { 'a/alpha': 400e9, 'b/beta': 600e9, 'c/gamma': 100e9, other: 50e9 }));
    fake.setLastFinishedDay(NEXT);
    fake.setAsOf(settledAsOf(NEXT));
    today = addDays(NEXT, 1);
    const outbox = first.outbox;
    let puts = 0;
    if (at === 'emittedThrough') {
      const set = outbox.setPollState.bind(outbox);
      outbox.setPollState = async (patch) => (patch.emittedThrough === NEXT ? Promise.reject(new Error('killed')) : set(patch));
    } else {
      const put = outbox.put.bind(outbox);
      outbox.put = async (...args) => (++puts === 2 ? Promise.reject(new Error('killed')) : put(...args));
    }
    await expect(first.poller.pollOnce()).rejects.toThrow('killed');
    expect((await first.outbox.pollState()).emittedThrough).toBe(LAST);
    await first.close(false);
    expect(notifier.sent).toEqual([]);
    if (at === 'second put') expect(puts).toBe(2); // one message of the story was written, the rest not

    const again = await openPipeline({ dir, openRouterUrl: fake.url, today: () => today, notifiers: [notifier] });
    await again.deliverer.resume();
    await again.poller.pollOnce();
    await again.deliverer.idle();
    await again.close(false);
    expect(received(notifier).sort()).toEqual([
      `discord:channel:100000000000000001 new_leader:daily:${NEXT}:b/beta + record_day:daily:${NEXT}:b/beta + milestone:daily:${NEXT}:b/beta:500000000000`,
      `discord:channel:100000000000000001 record_day:daily:${NEXT}:platform`,
      `discord:user:300000000000000003 new_leader:daily:${NEXT}:b/beta + record_day:daily:${NEXT}:b/beta + milestone:daily:${NEXT}:b/beta:500000000000 + personal_best:daily:${NEXT}:b/beta`,
    ]);
    // The message ids (outbox keys, idempotency keys) differ per message.
    expect(new Set(notifier.sent.map((s) => s.key)).size).toBe(3);
  });
});

describe('one story, one message, in the console', () => {
  let fake: FakeOpenRouter;
  afterEach(() => fake.close());

  it('given the terminal takes the default alerts and follows beta, then a busy day prints one message for beta (headline, lines) and one for the platform', async () => {
    let today = NEXT;
    fake = await startFakeOpenRouter({ rows: base, lastFinishedDay: LAST, asOf: settledAsOf(LAST) });
    const printed: string[] = [];
    const terminal: Destination = { kind: 'console' };
    const you = { platform: 'console' as const, userId: 'you' };
    const pipe = await openPipeline({
      openRouterUrl: fake.url,
      today: () => today,
      notifiers: [new ConsoleNotifier((t) => printed.push(t))],
      implicitAlerts: [{ dest: terminal, types: [...DEFAULT_ALERT_TYPES], charts: ['daily'], by: you, at: 'x' }],
    });
    await pipe.settings.subscribe({ model: 'b/beta', dest: terminal, by: you, at: 'x' });
    await pipe.poller.pollOnce();
    fake.setRows(setDay(base, NEXT, { 'a/alpha': 400e9, 'b/beta': 600e9, 'c/gamma': 100e9, other: 50e9 }));
    fake.setLastFinishedDay(NEXT);
    fake.setAsOf(settledAsOf(NEXT));
    today = addDays(NEXT, 1);
    expect(await pipe.poller.pollOnce()).toMatchObject({ events: 5, deliveries: 2 });
    await pipe.deliverer.idle();
    await pipe.close();
    expect(printed).toHaveLength(2);
    expect(printed[0].split('\n').slice(0, 4)).toEqual([
      "🔔 beta takes #1 on the daily chart with 600B tokens, ending alpha's 40-day reign",
      expect.stringMatching(/^ {3}• .*record/i),
      expect.stringMatching(/^ {3}• .*500B/),
      expect.stringMatching(/^ {3}• .*personal best/i),
    ]);
    expect(printed[1]).toMatch(/^🔔 .*record/i);
  });
});
