// Pictures on the gateway path (real discord.js Client, `files` on reply/editReply) against the fake
// Discord: a /leaderboard answer's embed shows the PNG it attached.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatAdapter } from '../../src/adapters/adapter.js';
import { createDiscordAdapter } from '../../src/adapters/discord/index.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { discordConfig, testWorld, type TestWorld } from '../adapters/discord/support.js';
import { decode } from './png.js';

let fake: FakeDiscord;
let world: TestWorld;
let adapter: ChatAdapter;

beforeAll(async () => {
  fake = await startFakeDiscord({ rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } } });
  world = await testWorld();
  const config = discordConfig({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url });
  adapter = createDiscordAdapter(config, world.deps(), { restOptions: { offset: 0 }, timings: { deferAfterMs: 2500 } })!;
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await world?.close();
});

describe('pictures on Discord (gateway, discord.js files)', () => {
  it('given /leaderboard, then the answer carries the PNG as its attachment and the embed shows it', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'leaderboard', options: [{ name: 'limit', type: 4, value: 5 }] }));
    const message = await vi.waitFor(() => {
      const m = res.original();
      expect(m?.attachments?.length).toBe(1);
      return m!;
    }, { timeout: 8000 });
    const [attachment] = message.attachments as { filename: string; content_type: string; url: string }[];
    expect(attachment.filename).toMatch(/^leaderboard-daily-\d{4}-\d{2}-\d{2}\.png$/);
    expect(attachment.content_type).toBe('image/png');
    expect(message.embeds[0].image).toEqual({ url: `attachment://${attachment.filename}` });
    expect(message.embeds[0].description).toMatch(/^```/); // the text stays
    const upload = fake.requests.find((r) => r.files?.length)!;
    expect(upload.files[0].field).toMatch(/^files\[0\]$/);
    expect(decode(upload.files[0].data).width).toBe(720);
    expect(decode(Buffer.from(await (await fetch(attachment.url)).arrayBuffer())).width).toBe(720);
    expect(world.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
