// The gateway bot (real discord.js Client) against the fake Discord: slash commands, autocomplete,
// permissions, deferral, buttons, and the errors of a late or doubled answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { capturingLogger, discordConfig, MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, QWEN_SLUG, testWorld, type TestWorld } from './support.js';

let fake: FakeDiscord;
let world: TestWorld;
let adapter: ChatAdapter;

const config = () => discordConfig({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url });
const callbacks = () => fake.requests.filter((r) => r.route.endsWith('/callback'));

beforeAll(async () => {
  fake = await startFakeDiscord({ rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } } });
  world = await testWorld();
  adapter = createDiscordAdapter(config(), world.deps(), { restOptions: { offset: 0 }, timings: { deferAfterMs: 400 } })!;
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await world?.close();
});

describe('gateway bot', () => {
  it('given /leaderboard, then the reply is the daily chart as an embed, visible to the channel, pinging nobody', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'leaderboard', options: [{ name: 'limit', type: 4, value: 2 }] }));
    expect(res.callback.type).toBe(4);
    const [embed] = res.callback.data!.embeds;
    expect(embed.title).toBe('Daily chart, 2026-03-11 (UTC)');
    expect(embed.description).toMatch(/^```\n#\s+Model/);
    expect(embed.description.split('\n').filter((l: string) => /^\s*\d\s/.test(l))).toHaveLength(2);
    expect(embed.footer.text).toBe('Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z');
    expect(res.callback.data!.flags ?? 0).toBe(0);
    expect(callbacks().at(-1)!.body).toMatchObject({ data: { allowed_mentions: { parse: [] } } });
    expect(fake.gatewayFrames.find((f) => f.op === 2)?.d).toMatchObject({ intents: 1 }); // Guilds only
  });

  it('given autocomplete on /model, then at most 25 suggestions arrive well within 3 s', async () => {
    const t0 = Date.now();
    const res = await fake.dispatchInteraction(fake.autocomplete({ name: 'model', focused: { name: 'model', value: 'qwen' } }));
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(res.callback.type).toBe(8);
    const choices = res.callback.data!.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0].value).toBe(QWEN_SLUG);
    const empty = await fake.dispatchInteraction(fake.autocomplete({ name: 'model', focused: { name: 'model', value: '' } }));
    expect(empty.callback.data!.choices.length).toBeLessThanOrEqual(25);
  });

  it('given a member without Manage Channels, when they run /alerts setup, then they are refused privately and nothing is stored', async () => {
    const res = await fake.dispatchInteraction(
      fake.chatInput({ name: 'alerts', options: [{ name: 'setup', type: 1, options: [] }], memberPermissions: MEMBER_PERMISSIONS }),
    );
    expect(res.callback.type).toBe(4);
    expect(res.callback.data!.flags).toBe(64);
    expect(res.callback.data!.content).toMatch(/Manage Channels/);
    expect(await world.settings.alertsFor({ kind: 'discord-channel', channelId: fake.defaultChannelId!, guildId: fake.defaultGuildId! })).toBeUndefined();
  });

  it('given a member with Manage Channels, when they run /alerts setup, then the channel is set up and told privately', async () => {
    const res = await fake.dispatchInteraction(
      fake.chatInput({ name: 'alerts', options: [{ name: 'setup', type: 1, options: [{ name: 'charts', type: 3, value: 'daily' }] }], memberPermissions: MANAGER_PERMISSIONS }),
    );
    expect(res.callback.data!.flags).toBe(64);
    expect(res.callback.data!.content).toMatch(/^Alerts on for #general/);
    const setting = await world.settings.alertsFor({ kind: 'discord-channel', channelId: fake.defaultChannelId!, guildId: fake.defaultGuildId! });
    expect(setting).toMatchObject({ charts: ['daily'], by: { platform: 'discord', userId: fake.defaultUser.id } });
  });

  it('given /alerts setup in a DM, then it says to run it in a channel', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'alerts', options: [{ name: 'setup', type: 1 }], guildId: null, userId: '223456789012345678' }));
    expect(res.callback.data!.content).toMatch(/run \/alerts setup in the channel/);
  });

  it('given slow work, then the bot defers within the deadline and edits the answer in', async () => {
    world.chartsDelayMs = 700;
    try {
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'leaderboard' }));
      expect(res.callback.type).toBe(5);
      expect(res.callback.data?.flags ?? 0).toBe(0);
      await vi.waitFor(() => expect(res.original()?.embeds?.[0]?.title).toBe('Daily chart, 2026-03-11 (UTC)'), { timeout: 3000 });
      const edit = fake.requests.findLast((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'))!;
      expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
    } finally {
      world.chartsDelayMs = 0;
    }
  });

  it('given slow work that ends in a private error after a public defer, then the placeholder is removed and the error is ephemeral', async () => {
    world.chartsDelayMs = 700;
    try {
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'model', options: [{ name: 'model', type: 3, value: 'no such model at all' }] }));
      expect(res.callback.type).toBe(5);
      await vi.waitFor(() => expect(res.followUps()).toHaveLength(1), { timeout: 3000 });
      expect(res.followUps()[0].flags & 64).toBe(64);
      expect(res.followUps()[0].content).toMatch(/No charted model matches/);
      expect(res.original()).toBeUndefined();
    } finally {
      world.chartsDelayMs = 0;
    }
  });

  it('given a click on Follow this model, then the clicker follows it by DM and is told privately', async () => {
    const userId = '323456789012345678';
    const res = await fake.dispatchInteraction(fake.buttonClick({ custom_id: `follow:${QWEN_SLUG}`, userId }));
    expect(res.callback.type).toBe(4);
    expect(res.callback.data!.flags).toBe(64);
    const subs = await world.settings.subscriptionsOf([{ kind: 'discord-dm', userId }]);
    expect(subs.map((s) => s.model)).toEqual([QWEN_SLUG]);
    // /unsubscribe autocomplete names the command it is for: what this person follows comes first.
    const mine = await fake.dispatchInteraction(fake.autocomplete({ name: 'unsubscribe', userId, focused: { name: 'model', value: '' } }));
    expect((mine.callback.data!.choices as { name: string; value: string }[])[0]).toEqual({ name: expect.stringMatching(/ — you follow \(by DM\)$/), value: QWEN_SLUG });
  });

  it('given a second instance on the same gateway, when both answer, then the loser logs 40060 at warn and nothing crashes', async () => {
    const logger = capturingLogger();
    const other = createDiscordAdapter(config(), { ...world.deps(), logger }, { restOptions: { offset: 0 } })!;
    await other.start();
    try {
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'help' }));
      expect(res.callback.type).toBe(4);
      await vi.waitFor(() => expect([...logger.lines, ...world.logger.lines].some((l) => l.level === 'warn' && l.obj.code === 40060)).toBe(true), { timeout: 3000 });
      expect([...logger.lines, ...world.logger.lines].filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      await other.stop();
    }
  });
});

describe('gateway bot past the 3-second deadline', () => {
  it('given an answer that comes too late, then 10062 Unknown interaction is logged at warn', async () => {
    const late = await startFakeDiscord({ interactionDeadlineMs: 150 });
    const logger = capturingLogger();
    const bot = createDiscordAdapter(
      discordConfig({ DISCORD_TOKEN: late.token, DISCORD_APPLICATION_ID: late.applicationId, DISCORD_API_URL: late.url }),
      { ...world.deps(), logger },
      { restOptions: { offset: 0 }, timings: { deferAfterMs: 2000 } },
    )!;
    await bot.start();
    world.chartsDelayMs = 400;
    try {
      await expect(late.dispatchInteraction(late.chatInput({ name: 'leaderboard' }))).rejects.toThrow(/no callback within 150 ms/);
      await vi.waitFor(() => expect(logger.lines.find((l) => l.obj.code === 10062)?.level).toBe('warn'), { timeout: 3000 });
    } finally {
      world.chartsDelayMs = 0;
      await bot.stop();
      await late.close();
    }
  });
});
