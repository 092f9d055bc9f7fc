import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatAdapter } from '../../src/adapters/adapter.js';
import { createDiscordAdapter } from '../../src/adapters/discord/index.js';
import { HttpServer } from '../../src/http/server.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startRelay, type Relay } from '../adapters/discord/discord-relay.js';
import { discordConfig, QWEN_SLUG, testWorld, type TestWorld } from '../adapters/discord/support.js';
import { decode } from './png.js';

let fake: FakeDiscord;
let world: TestWorld;
let server: HttpServer;
let adapter: ChatAdapter;
let relay: Relay;

beforeAll(async () => {
  fake = await startFakeDiscord();
  world = await testWorld();
  const pair = generateKeyPairSync('ed25519');
  const publicKey = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  const config = discordConfig({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, DISCORD_PUBLIC_KEY: publicKey, HTTP_PORT: '0' });
  server = new HttpServer(world.logger);
  // A long deferral budget: the picture (cold: echarts, resvg and the fonts load) is drawn in time to go inline.
  adapter = createDiscordAdapter(config, world.deps(server), { restOptions: { offset: 0 }, timings: { deferAfterMs: 2500 } })!;
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

describe('pictures on Discord (HTTP interactions through the stand-in)', () => {
  it('given /leaderboard, then the embed shows the attached PNG (multipart payload_json + files[0])', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'leaderboard', options: [{ name: 'limit', type: 4, value: 5 }] }));
    const message = await vi.waitFor(() => {
      const m = res.original();
      expect(m?.attachments?.length).toBe(1);
      return m!;
    }, { timeout: 8000 });
    const attachment = message.attachments[0] as { filename: string; content_type: string };
    expect(attachment.filename).toMatch(/^leaderboard-daily-\d{4}-\d{2}-\d{2}\.png$/);
    expect(attachment.content_type).toBe('image/png');
    expect(message.embeds[0].image).toEqual({ url: `attachment://${attachment.filename}` });
    expect(message.embeds[0].description).toMatch(/^```/); // the text stays
    const upload = fake.requests.find((r) => r.files?.length)!;
    expect(upload.files[0].field).toBe('files[0]');
    const png = decode(upload.files[0].data);
    expect(png.width).toBe(720);
  });

  it('given /model, when the picture is slow, then the answer is deferred and the picture edited in', async () => {
    world.chartsDelayMs = 2600;
    try {
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'model', options: [{ name: 'model', type: 3, value: QWEN_SLUG }] }));
      expect(res.callback).toEqual({ type: 5 });
      await vi.waitFor(() => expect(res.original()?.embeds?.[0]?.image?.url).toMatch(/^attachment:\/\/model-.*\.png$/), { timeout: 8000 });
      const edit = fake.requests.findLast((r) => r.method === 'PATCH')!;
      expect(edit.status).toBe(200);
      expect(edit.files).toHaveLength(1);
    } finally {
      world.chartsDelayMs = 0;
    }
  });
});
