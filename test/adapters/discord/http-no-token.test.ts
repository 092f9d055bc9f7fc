// HTTP interactions with DISCORD_PUBLIC_KEY and DISCORD_APPLICATION_ID alone (no DISCORD_TOKEN), against
// a stand-in app that has no bot: any request carrying an Authorization header is answered 401. Replies,
// deferred edits and follow-ups go through the interaction webhook; commands that would post say so.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { HttpServer } from '../../../src/http/server.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { startRelay, type Relay } from './discord-relay.js';
import { discordConfig, MANAGER_PERMISSIONS, QWEN_SLUG, testWorld, type TestWorld } from './support.js';

let fake: FakeDiscord;
let world: TestWorld;
let server: HttpServer;
let adapter: ChatAdapter;
let relay: Relay;

const NEEDS_TOKEN = /cannot .* yet: the operator must set DISCORD_TOKEN \(the bot token\) for channel alerts and DMs\.$/;

beforeAll(async () => {
  fake = await startFakeDiscord({ noBot: true });
  world = await testWorld();
  const pair = generateKeyPairSync('ed25519');
  const publicKey = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  const config = discordConfig({ DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, DISCORD_PUBLIC_KEY: publicKey, HTTP_PORT: '0' });
  server = new HttpServer(world.logger);
  adapter = createDiscordAdapter(config, world.deps(server), { restOptions: { offset: 0 }, timings: { deferAfterMs: 300 } })!;
  const endpoint = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/discord/interactions`;
  await adapter.start();
  relay = await startRelay(fake, endpoint, pair.privateKey);
});

afterAll(async () => {
  await relay?.close();
  await adapter?.stop();
  await server?.close();
  await fake?.close();
  await world?.close();
});

describe('HTTP interactions without DISCORD_TOKEN', () => {
  it('starts without asking Discord anything, has no bot notifier, and says what is missing', () => {
    expect(adapter.notifier).toBeUndefined();
    expect(fake.requests).toEqual([]);
    expect(world.logger.lines.some((l) => l.level === 'warn' && /DISCORD_TOKEN is not set/.test(l.msg ?? ''))).toBe(true);
  });

  it('given /leaderboard, then it is answered inline', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'leaderboard', options: [{ name: 'limit', type: 4, value: 3 }] }));
    expect(res.callback).toMatchObject({ type: 4, data: { embeds: [{ title: 'Daily chart, 2026-03-11 (UTC)' }] } });
  });

  it('given slow work, then the deferred answer is edited in through the interaction webhook with no Authorization', async () => {
    world.chartsDelayMs = 700;
    try {
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'model', options: [{ name: 'model', type: 3, value: QWEN_SLUG }] }));
      expect(res.callback).toEqual({ type: 5 });
      await vi.waitFor(() => expect(res.original()?.embeds?.[0]?.title).toBe('Qwen3.6 Plus'), { timeout: 3000 });
      const edit = fake.requests.findLast((r) => r.method === 'PATCH')!;
      expect(edit).toMatchObject({ route: `/webhooks/${fake.applicationId}/${res.token}/messages/@original`, status: 200 });
    } finally {
      world.chartsDelayMs = 0;
    }
  });

  it('given slow work ending in a private error after a public defer, then the placeholder is deleted and a follow-up posted, tokenless', async () => {
    world.chartsDelayMs = 700;
    try {
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'model', options: [{ name: 'model', type: 3, value: 'no such model at all' }] }));
      await vi.waitFor(() => expect(res.followUps()).toHaveLength(1), { timeout: 3000 });
      expect(res.followUps()[0]!.content).toMatch(/No charted model matches/);
      // This interaction's own calls (an earlier answer's picture may still be edited in meanwhile).
      expect(fake.requests.filter((r) => r.route.startsWith(`/webhooks/${fake.applicationId}/${res.token}`)).map((r) => `${r.method} ${r.status}`)).toEqual(['DELETE 204', 'POST 200']);
    } finally {
      world.chartsDelayMs = 0;
    }
  });

  it.each([
    ['/alerts setup', { name: 'alerts', options: [{ name: 'setup', type: 1 }], memberPermissions: MANAGER_PERMISSIONS }],
    ['/alerts test', { name: 'alerts', options: [{ name: 'test', type: 1 }], memberPermissions: MANAGER_PERMISSIONS }],
    ['/subscribe (DM)', { name: 'subscribe', options: [{ name: 'model', type: 3, value: QWEN_SLUG }] }],
    ['/subscribe where:here', { name: 'subscribe', options: [{ name: 'model', type: 3, value: QWEN_SLUG }, { name: 'where', type: 3, value: 'here' }], memberPermissions: MANAGER_PERMISSIONS }],
  ])('given %s, then the answer says privately that the operator must set DISCORD_TOKEN, and nothing is stored', async (_what, init) => {
    const res = await fake.dispatchInteraction(fake.chatInput(init));
    expect(res.callback).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(NEEDS_TOKEN) } });
    expect(await world.settings.alertsFor({ kind: 'discord-channel', channelId: fake.defaultChannelId!, guildId: fake.defaultGuildId! })).toBeUndefined();
    expect(await world.settings.subscriptionsOf([{ kind: 'discord-dm', userId: fake.defaultUser.id }])).toEqual([]);
  });

  it('given a Follow click, then the same answer, and no subscription', async () => {
    const userId = '623456789012345678';
    const res = await fake.dispatchInteraction(fake.buttonClick({ custom_id: `follow:${QWEN_SLUG}`, userId }));
    expect(res.callback).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/cannot send alerts by DM yet: the operator must set DISCORD_TOKEN/) } });
    expect(await world.settings.subscriptionsOf([{ kind: 'discord-dm', userId }])).toEqual([]);
  });

  it('given commands that only read or remove (/subscriptions, /unsubscribe, /alerts show), then they work as ever', async () => {
    for (const init of [{ name: 'subscriptions' }, { name: 'alerts', options: [{ name: 'show', type: 1 }] }]) {
      const res = await fake.dispatchInteraction(fake.chatInput(init));
      expect(res.callback.data!.content ?? res.callback.data!.embeds?.[0]?.title).not.toMatch(/DISCORD_TOKEN/);
    }
  });

  it('sent no Authorization header to Discord, ever (the stand-in would have answered 401)', () => {
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
    expect(fake.requests.filter((r) => r.status === 401)).toEqual([]);
    expect(relay.statuses.every((s) => s === 200)).toBe(true);
  });
});
