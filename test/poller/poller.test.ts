import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { carriedEventIds } from '../../src/domain/alert-message.js';
import { addDays } from '../../src/domain/calendar.js';
import { DeliveryError } from '../../src/delivery/notifier.js';
import type { Destination } from '../../src/delivery/destination.js';
import { DEFAULT_ALERT_TYPES } from '../../src/store/settings-store.js';
import { days, setDay } from '../domain/history-builder.js';
import { startFakeOpenRouter, type FakeOpenRouter } from '../fakes/openrouter.js';
import { CapturingNotifier, openPipeline, settledAsOf } from '../support/pipeline.js';

const FIRST = '2026-01-01';
const LAST = '2026-02-09';
const NEXT = addDays(LAST, 1);
const normal = { 'a/alpha': 500e9, 'b/beta': 300e9, 'c/gamma': 100e9, other: 50e9 };
const base = days(FIRST, 40, () => normal);
const channel: Destination = { kind: 'discord-channel', channelId: '100000000000000001' };
const person = { platform: 'discord' as const, userId: '200000000000000002' };

describe('Poller: poll → detect → outbox → delivery', () => {
  let fake: FakeOpenRouter;
  let today = addDays(LAST, 1);
  let notifier: CapturingNotifier;
  let pipe: Awaited<ReturnType<typeof openPipeline>>;

  beforeEach(async () => {
    today = NEXT;
    fake = await startFakeOpenRouter({ rows: base, lastFinishedDay: LAST, asOf: settledAsOf(LAST) });
    notifier = new CapturingNotifier();
    pipe = await openPipeline({ openRouterUrl: fake.url, today: () => today, notifiers: [notifier] });
    await pipe.settings.setAlerts({ dest: channel, types: [...DEFAULT_ALERT_TYPES], charts: ['daily', 'weekly', 'monthly', 'trending'], by: person, at: 'x' });
  });
  afterEach(async () => {
    await pipe.close();
    await fake.close();
  });

  /** A new day where beta overtakes alpha, made complete at the source. */
  function newDay(): void {
    fake.setRows(setDay(base, NEXT, { 'a/alpha': 400e9, 'b/beta': 600e9, 'c/gamma': 100e9, other: 50e9 }));
    fake.setLastFinishedDay(NEXT);
    fake.setAsOf(settledAsOf(NEXT));
    today = addDays(NEXT, 1);
  }

  it('given an empty store, when the first sync runs, then history is built and nothing goes to chat', async () => {
    const first = await pipe.poller.pollOnce();
    await pipe.deliverer.idle();
    expect(first).toMatchObject({ silent: true, deliveries: 0 });
    expect(first.sync.completeThrough).toBe(LAST);
    expect(notifier.sent).toEqual([]);
    expect((await pipe.outbox.pollState()).emittedThrough).toBe(LAST);
  });

  it('given a synced store, when a new day completes, then its alert reaches the channel once, even after a restatement', async () => {
    await pipe.poller.pollOnce();
    newDay();
    const second = await pipe.poller.pollOnce();
    await pipe.deliverer.idle();
    expect(second.events).toBeGreaterThan(0);
    const leader = notifier.sent.filter((s) => carriedEventIds(s.alert).includes(`new_leader:daily:${NEXT}:b/beta`));
    expect(leader).toHaveLength(1);
    expect(leader[0].dest).toBe('discord:channel:100000000000000001');
    expect(leader[0].alert.footer).toBe(`Source: OpenRouter (openrouter.ai/rankings), as of ${settledAsOf(NEXT)}`);
    fake.restate(NEXT, 'b/beta', 600_000_000_123n);
    const third = await pipe.poller.pollOnce();
    await pipe.deliverer.idle();
    expect(third.deliveries).toBe(0);
    expect(notifier.sent.filter((s) => s.alert.eventId === leader[0].alert.eventId)).toHaveLength(1);
    expect((await pipe.history.rows()).find((r) => r.date === NEXT && r.model === 'b/beta')!.tokens).toBe(600_000_000_123n);
  });

  it('given a day that has not settled, then no alert goes out until as_of passes the settle time', async () => {
    await pipe.poller.pollOnce();
    newDay();
    fake.setAsOf(`${addDays(NEXT, 1)}T01:00:00.000Z`);
    expect((await pipe.poller.pollOnce()).deliveries).toBe(0);
    fake.setAsOf(settledAsOf(NEXT));
    expect((await pipe.poller.pollOnce()).deliveries).toBeGreaterThan(0);
  });

  it('given a subscription to a model, then its personal_best reaches the subscriber though the channel does not take that type', async () => {
    const dm: Destination = { kind: 'discord-dm', userId: '300000000000000003' };
    await pipe.settings.subscribe({ model: 'b/beta', dest: dm, by: { platform: 'discord', userId: '300000000000000003' }, at: 'x' });
    await pipe.poller.pollOnce();
    newDay();
    await pipe.poller.pollOnce();
    await pipe.deliverer.idle();
    const toDm = notifier.sent.filter((s) => s.dest === 'discord:user:300000000000000003').flatMap((s) => carriedEventIds(s.alert));
    expect(toDm).toContain(`personal_best:daily:${NEXT}:b/beta`);
    expect(notifier.sent.filter((s) => s.dest.includes('channel')).flatMap((s) => carriedEventIds(s.alert))).not.toContain(`personal_best:daily:${NEXT}:b/beta`);
  });

  it('given a malformed answer, then the poll fails with a clear error, stored history is unchanged and the error shows in the poll state', async () => {
    await pipe.poller.pollOnce();
    const before = await pipe.history.rows();
    fake.failNext({ status: 200, body: { data: [{ date: '2026-02-10', model_permaslug: 'a/alpha', total_tokens: '12.5' }], meta: { as_of: settledAsOf(NEXT), version: 'v1', start_date: '2026-02-06', end_date: NEXT } } });
    await expect(pipe.poller.pollOnce()).rejects.toThrow(/row 1 has bad total_tokens/);
    expect(await pipe.history.rows()).toEqual(before);
    expect((await pipe.outbox.pollState()).lastSyncError).toMatch(/total_tokens/);
  });

  it('given a channel that answers "gone", then it is disabled, its owner is told, and later alerts skip it', async () => {
    await pipe.poller.pollOnce();
    notifier.fail = (dest) => (dest.kind === 'discord-channel' ? new DeliveryError('gone', 'Unknown Channel (10003)') : undefined);
    newDay();
    await pipe.poller.pollOnce();
    await pipe.deliverer.idle();
    const disabled = await pipe.settings.allDisabled();
    expect(disabled).toHaveLength(1);
    expect(disabled[0].reason).toMatch(/gone: Unknown Channel/);
    expect(notifier.texts).toEqual([{ dest: 'discord:user:200000000000000002', text: expect.stringContaining('stopped posting alerts to <#100000000000000001>') }]);
    expect(await pipe.outbox.pending()).toEqual([]);
  });

  it('given passing failures, then delivery backs off and retries until the alert is sent, once', async () => {
    await pipe.poller.pollOnce();
    let failures = 3;
    notifier.fail = () => (failures-- > 0 ? new DeliveryError('retry', 'HTTP 503') : undefined);
    newDay();
    await pipe.poller.pollOnce();
    await pipe.deliverer.idle();
    const ids = notifier.sent.map((s) => s.alert.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(notifier.sent.flatMap((s) => carriedEventIds(s.alert))).toContain(`new_leader:daily:${NEXT}:b/beta`);
  });
});
