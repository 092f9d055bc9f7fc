// Gateway sharding against a stand-in that requires it: `/gateway/bot` recommends 3 shards and an
// IDENTIFY without `shard` (or with a smaller total) is closed with 4011. The real discord.js Client
// (automatic sharding) connects three shards, answers a command arriving on each, shows each shard
// on the health board, and stops (never re-identifying) when Discord closes with 4011 after all.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { ChatAdapter } from '../../../src/adapters/adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { AdapterStartError } from '../../../src/adapters/start-error.js';
import { HealthBoard } from '../../../src/health/health.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { discordConfig, testWorld, type TestWorld } from './support.js';

/** A guild id whose shard, out of 3, is `shard`: (id >> 22) % 3. */
const guildOnShard = (shard: number) => (((1_700_000_000_001n + BigInt(shard)) << 22n) | (1n << 17n)).toString();

let fake: FakeDiscord;
let world: TestWorld;
let adapter: ChatAdapter;
const health = new HealthBoard(() => new Date());
const fatal: AdapterStartError[] = [];

const env = (extra: Record<string, string> = {}) => ({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, ...extra });
const build = (extra: Record<string, string> = {}) =>
  createDiscordAdapter(discordConfig(env(extra)), { ...world.deps(), health, fatal: (e) => void fatal.push(e) }, { restOptions: { offset: 0 } })!;

beforeAll(async () => {
  // max_concurrency 16 (a large bot's bucket): three shards may identify at once, as discord.js reads it.
  fake = await startFakeDiscord({
    shards: 3,
    maxConcurrency: 16,
    guilds: [0, 1, 2].map((s) => ({ id: guildOnShard(s), name: `Guild ${s}`, channels: [{ name: `general-${s}` }] })),
  });
  world = await testWorld();
  adapter = build();
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await world?.close();
});

/** One raw IDENTIFY with `shard` (or none): the close code, or 'ready'. */
function identify(shard: unknown): Promise<number | 'ready'> {
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  return new Promise((resolve) => {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { op: number; t?: string };
      if (frame.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {}, ...(shard === undefined ? {} : { shard }) } }));
      if (frame.t === 'READY') {
        resolve('ready');
        ws.close();
      }
    });
    ws.on('close', (code) => resolve(code));
  });
}

describe('gateway sharding', () => {
  it('given Discord requires 3 shards, then discord.js (shards auto) identifies [0,3], [1,3], [2,3] and each gets its own guilds', () => {
    expect(fake.gatewayShards).toEqual([[0, 3], [1, 3], [2, 3]]);
    const identifies = fake.gatewayFrames.filter((f) => f.op === 2).map((f) => (f.d as { shard: number[] }).shard);
    expect(identifies.sort()).toEqual([[0, 3], [1, 3], [2, 3]]);
    expect(fake.guilds.map((g) => fake.shardOf(g.id, 3))).toEqual([0, 1, 2]);
  });

  it('given /leaderboard arriving on each shard, then each is answered', async () => {
    for (const [shard, guild] of fake.guilds.entries()) {
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'leaderboard', channelId: guild.channelIds[0]! }), { shard });
      expect(res.callback.type).toBe(4);
      expect(res.callback.data!.embeds[0].title).toMatch(/^Daily chart/);
    }
  });

  it('given a DM, then it comes on shard 0 and is answered', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'help', guildId: null, userId: '223456789012345678' }));
    expect(res.callback.type).toBe(4);
  });

  it('then the health board shows each shard ok', () => {
    expect(health.get('discord gateway shard 0')?.state).toBe('ok');
    expect(health.get('discord gateway shard 1')?.state).toBe('ok');
    expect(health.get('discord gateway shard 2')?.state).toBe('ok');
  });

  it('given a fixed SHARD_COUNT too small for Discord, then start is refused with 4011 and says what to run, and identifies no more', async () => {
    const small = build({ SHARD_COUNT: '2', SHARDS: '1' });
    const before = fake.gatewayFrames.filter((f) => f.op === 2).length;
    const error = await small.start().then(() => null, (e: AdapterStartError) => e);
    await small.stop();
    expect(error?.kind).toBe('refused');
    expect(error?.message).toBe('Discord requires more than SHARD_COUNT=2 shards (4011 on gateway shard 1): run `rankwatch discord shards` without --shards (automatic), or with a larger --shards');
    await new Promise((r) => setTimeout(r, 700)); // discord.js would re-identify after 500 ms if it meant to
    expect(fake.gatewayFrames.filter((f) => f.op === 2).length).toBe(before + 1);
  });

  it('given fewer session starts left today than shards, then start waits (unreachable, retried) and says the IDENTIFY budget is spent', async () => {
    const spent = await startFakeDiscord({ shards: 3, sessionStarts: 2 });
    try {
      const bot = createDiscordAdapter(discordConfig({ DISCORD_TOKEN: spent.token, DISCORD_APPLICATION_ID: spent.applicationId, DISCORD_API_URL: spent.url }), world.deps(), { restOptions: { offset: 0 } })!;
      const error = await bot.start().then(() => null, (e: AdapterStartError) => e);
      await bot.stop();
      expect(error).toMatchObject({ kind: 'unreachable', message: expect.stringMatching(/^Discord's daily IDENTIFY budget is spent \(Not enough sessions remaining to spawn 3 shards; only 2 remaining; resets at /) });
      expect(spent.gatewayFrames.filter((f) => f.op === 2)).toEqual([]);
    } finally {
      await spent.close();
    }
  });

  it('given Discord closes every shard with 4011 while running, then each shard shows failed, the process is told to stop once per shard, and nobody re-identifies', async () => {
    const before = fake.identifies;
    fake.closeGateway(4011, 'Sharding required.');
    await vi.waitFor(() => expect(fatal).toHaveLength(3), { timeout: 3000 });
    expect(fatal[0]!.kind).toBe('refused');
    expect(fatal[0]!.message).toMatch(/^Discord requires more shards \(4011 on gateway shard \d\): .*start rankwatch once more.*`rankwatch discord shards`/);
    for (const s of [0, 1, 2]) expect(health.get(`discord gateway shard ${s}`)).toMatchObject({ state: 'failed', detail: expect.stringMatching(/4011/) });
    expect(health.get('discord')).toMatchObject({ state: 'failed', detail: expect.stringMatching(/^gateway shards 0, 1, 2 of 3: Discord requires more shards/) });
    await new Promise((r) => setTimeout(r, 700));
    expect(fake.identifies).toBe(before);
    expect(fake.gatewaySessions).toBe(0);
  });
});

describe('the stand-in requiring 3 shards', () => {
  it('closes an IDENTIFY without shard, or with fewer than 3 in total, with 4011; a shard id outside its total with 4010; accepts more shards than required', async () => {
    expect(await identify(undefined)).toBe(4011);
    expect(await identify([0, 2])).toBe(4011);
    expect(await identify([3, 3])).toBe(4010);
    expect(await identify('0')).toBe(4010);
    expect(await identify([3, 4])).toBe('ready');
  });
});
