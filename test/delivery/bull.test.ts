// BullMQ delivery on the real Redis, with real notifiers on the Discord and Slack stand-ins and
// several in-process workers: once and in order per destination, failures cost only their own destination.
import { afterEach, describe, expect, it } from 'vitest';
import type { Destination } from '../../src/delivery/destination.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { alertOf, countingTelemetry, discordNotifier, recordingDeadEnds, redisWorld, REDIS_URL, SKIP_LINE, slackNotifier, until } from './bull-support.js';

if (!REDIS_URL) console.log(SKIP_LINE);
const titleOf = (m: Record<string, unknown>) => ((m.embeds as { title?: string }[] | undefined)?.[0]?.title ?? String(m.content));

describe.skipIf(!REDIS_URL)('delivery on BullMQ (real Redis)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(channels = 4, slackChannels = 2) {
    const discord: FakeDiscord = await startFakeDiscord({ guilds: [{ name: 'G', channels: Array.from({ length: channels }, (_, i) => ({ name: `c${i}` })) }] });
    const slackIds = Array.from({ length: slackChannels }, (_, i) => `C0BULL00${i}`);
    const slack: FakeSlack = await startFakeSlack({ channels: slackIds.map((id, i) => ({ id, name: `bull-${i}` })) });
    const world = await redisWorld();
    cleanups.push(() => discord.close(), () => slack.close(), () => world.close());
    const guild = discord.guilds[0];
    const discordDests: Destination[] = guild.channelIds.map((channelId) => ({ kind: 'discord-channel', channelId, guildId: guild.id }));
    const slackDests: Destination[] = slackIds.map((channelId) => ({ kind: 'slack-channel', teamId: slack.teamId, channelId }));
    const notifiers = () => {
      const d = discordNotifier(discord.url, discord.token);
      cleanups.push(() => d.close());
      return [d.notifier, slackNotifier(slack.url, slack.botToken)];
    };
    return { discord, slack, world, discordDests, slackDests, notifiers };
  }

  it('given five alerts to six destinations and three workers, then every destination gets each alert exactly once and in order, Slack a second apart, and the outbox owes nothing', async () => {
    const s = await setup();
    const dests = [...s.discordDests, ...s.slackDests];
    const producer = s.world.delivery({ notifiers: [], work: false });
    const telemetry = countingTelemetry();
    for (let w = 0; w < 3; w++) s.world.delivery({ notifiers: s.notifiers(), work: true, concurrency: 4, telemetry, paceMs: { 'discord-channel': 0 } });
    for (let e = 1; e <= 5; e++) {
      const createdAt = `2026-04-05T00:00:00.000Z#00000${e}`;
      await s.world.outbox.put(alertOf(`e${e}`), dests, createdAt);
      await producer.enqueue(dests.map((dest) => ({ alert: alertOf(`e${e}`), dest, createdAt })));
    }
    expect(producer.pendingCount()).toBeGreaterThan(0);
    await until(async () => (await producer.idle(), true), 30_000, 'idle');
    const want = ['e1', 'e2', 'e3', 'e4', 'e5'].map((e) => `alert ${e}`);
    for (const id of s.discordDests.map((d) => (d as { channelId: string }).channelId)) expect(s.discord.messages(id).map(titleOf)).toEqual(want);
    for (const d of s.slackDests) {
      const msgs = s.slack.messages((d as { channelId: string }).channelId);
      expect(msgs.map((m) => m.text)).toEqual(want.map((w) => expect.stringContaining(w.replace('alert ', ''))));
      const ts = msgs.map((m) => Number(m.ts) * 1000);
      for (let i = 1; i < ts.length; i++) expect(ts[i] - ts[i - 1]).toBeGreaterThanOrEqual(950);
    }
    expect(s.slack.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(telemetry.counts.delivered).toBe(30);
    expect(await s.world.outbox.pending()).toEqual([]);
    for (let e = 1; e <= 5; e++) expect(await s.world.outbox.isPlanned(`e${e}`)).toBe(true);
    // Idempotent: queueing the same deliveries again (a second resume) sends nothing more.
    await producer.enqueue(dests.map((dest) => ({ alert: alertOf('e1'), dest, createdAt: '2026-04-05T00:00:00.000Z#000001' })));
    expect(await producer.resume()).toBe(0);
    await producer.idle();
    expect(s.discord.messages(s.discord.guilds[0].channelIds[0])).toHaveLength(5);
  }, 60_000);

  it('given one destination answering 500 for a while, then the others get everything at once and it backs off (persisted), recovers, and gets its alerts in order', async () => {
    const s = await setup(5, 0);
    const [bad, ...good] = s.discordDests;
    const badId = (bad as { channelId: string }).channelId;
    s.discord.failNext({ path: `/channels/${badId}/messages`, status: 500, times: 4 });
    const telemetry = countingTelemetry();
    const workers = [0, 1].map(() => s.world.delivery({ notifiers: s.notifiers(), work: true, telemetry, retry: { baseBackoffMs: 200, maxBackoffMs: 800 }, paceMs: { 'discord-channel': 0 } }));
    for (let e = 1; e <= 3; e++) {
      const createdAt = new Date().toISOString() + `#00000${e}`;
      await s.world.outbox.put(alertOf(`e${e}`), s.discordDests, createdAt);
    }
    const t0 = Date.now();
    expect(await workers[0].resume()).toBe(15);
    await until(() => good.every((d) => s.discord.messages((d as { channelId: string }).channelId).length === 3), 10_000, 'healthy destinations');
    const healthyMs = Date.now() - t0;
    expect(s.discord.messages(badId)).toHaveLength(0);
    expect(await s.world.outbox.failure(bad)).toMatchObject({ attempts: expect.any(Number), reason: expect.stringContaining('500') });
    await until(() => s.discord.messages(badId).length === 3, 15_000, 'the failing destination to recover');
    expect(s.discord.messages(badId).map(titleOf)).toEqual(['alert e1', 'alert e2', 'alert e3']);
    expect(healthyMs).toBeLessThan(Date.now() - t0);
    expect(telemetry.counts.retried).toBe(4);
    await workers[0].idle();
    expect(await s.world.outbox.failure(bad)).toBeNull();
    expect(await s.world.outbox.pending()).toEqual([]);
  }, 60_000);

  it('given a destination failing for the whole give-up window, then its alerts are dropped with a record and a count, and a deleted channel is disabled with all it was owed', async () => {
    const s = await setup(3, 0);
    const [failing, deleted, fine] = s.discordDests;
    const id = (d: Destination) => (d as { channelId: string }).channelId;
    s.discord.failNext({ path: `/channels/${id(failing)}/messages`, status: 503, times: 10_000 });
    s.discord.deleteChannel(id(deleted));
    const telemetry = countingTelemetry();
    const deadEnds = recordingDeadEnds();
    s.world.delivery({ notifiers: s.notifiers(), work: true, telemetry, deadEnds, retry: { baseBackoffMs: 100, maxBackoffMs: 200, giveUpMs: 1_500 }, paceMs: { 'discord-channel': 0 } });
    const producer = s.world.delivery({ notifiers: [], work: false });
    for (let e = 1; e <= 2; e++) await s.world.outbox.put(alertOf(`e${e}`), s.discordDests, new Date().toISOString() + `#00000${e}`);
    await producer.resume();
    await until(async () => (await s.world.outbox.droppedTotal()) === 4, 15_000, 'two given up and two disabled');
    await producer.idle();
    expect(s.discord.messages(id(fine))).toHaveLength(2);
    expect(s.discord.messages(id(failing))).toHaveLength(0);
    expect(deadEnds.disabled).toEqual([expect.stringContaining('gone')]);
    expect(telemetry.counts).toMatchObject({ dropped: 4, disabled: 1, delivered: 2 });
    expect(await s.world.outbox.isSettled('e2', failing)).toBe(false); // completed: the event left the outbox
    expect(await s.world.outbox.pending()).toEqual([]);
  }, 60_000);
});
