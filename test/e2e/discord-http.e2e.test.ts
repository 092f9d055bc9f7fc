// End to end, Discord over HTTP interactions with DISCORD_PUBLIC_KEY and DISCORD_APPLICATION_ID alone
// (no DISCORD_TOKEN): the whole app (createApp from loadConfig) on its HTTP server, the fake OpenRouter
// as the source, and a stand-in Discord whose app has no bot, so any Authorization header gets 401.
// A relay plays Discord: it signs each INTERACTION_CREATE and posts it to POST /discord/interactions.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { settledAsOf } from '../support/pipeline.js';
import { startRelay, type Relay } from '../adapters/discord/discord-relay.js';
import { openRouterWorld, startApp, type E2eApp, type OpenRouterWorld } from './support.js';

/** An ordinary member who may manage channels. */
const MANAGER = ((1n << 10n) | (1n << 11n) | (1n << 31n) | (1n << 4n)).toString();

let world: OpenRouterWorld;
let fake: FakeDiscord;
let e2e: E2eApp;
let relay: Relay;

beforeAll(async () => {
  world = await openRouterWorld('Evil @everyone');
  fake = await startFakeDiscord({ noBot: true });
  const pair = generateKeyPairSync('ed25519');
  const publicKey = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  e2e = await startApp(world, { DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_PUBLIC_KEY: publicKey, DISCORD_API_URL: fake.url, HTTP_PORT: '0' }, { paced: false });
  await e2e.app.start({ schedule: false });
  relay = await startRelay(fake, `http://127.0.0.1:${e2e.app.httpPort()}/discord/interactions`, pair.privateKey);
});

afterAll(async () => {
  await relay?.close();
  await e2e?.close();
  await fake?.close();
  await world?.fake.close();
});

describe('rankwatch on Discord HTTP interactions with no bot token, end to end', () => {
  it('starts with Discord configured but no bot notifier, and no Discord part in trouble', async () => {
    expect(e2e.app.adapters.find((a) => a.name === 'discord')?.notifier).toBeUndefined();
    expect(e2e.app.health.get('discord')?.state).toBe('ok');
  });

  it('answers a signed /leaderboard with the daily chart and the attribution', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'leaderboard' }));
    expect(res.callback.type).toBe(4);
    const [embed] = res.callback.data!.embeds;
    expect(embed.title).toBe(`Daily chart, ${world.lastDay} (UTC)`);
    expect(embed.footer.text).toBe(`Source: OpenRouter (openrouter.ai/rankings), as of ${settledAsOf(world.lastDay)}`);
  });

  it('answers /alerts setup by a manager with what the operator must set, and stores nothing', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'alerts', options: [{ name: 'setup', type: 1 }], memberPermissions: MANAGER }));
    expect(res.callback.data).toMatchObject({ flags: 64, content: expect.stringMatching(/the operator must set DISCORD_TOKEN/) });
    expect(await e2e.app.settings.alertsFor({ kind: 'discord-channel', channelId: fake.defaultChannelId!, guildId: fake.defaultGuildId! })).toBeUndefined();
  });

  it('answers /status truthfully (nothing needs attention)', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'status' }));
    const fields = res.callback.data!.embeds[0].fields as { name: string; value: string }[];
    expect(fields.map((f) => f.name)).toContain('Last sync');
    expect(fields.find((f) => f.name === 'Needs attention')).toBeUndefined();
  });

  it('never sent an Authorization header to Discord, and logged no error', () => {
    expect(fake.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
    expect(fake.requests.filter((r) => r.status === 401)).toEqual([]);
    expect(relay.statuses).toEqual([200, 200, 200]);
    expect(e2e.logger.errors()).toEqual([]);
  });
});
