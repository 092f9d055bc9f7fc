// HTTP interactions (no gateway): signed requests to a real HttpServer, answered inline or deferred
// and edited in through the fake's REST. A relay plays Discord between the fake gateway and the endpoint.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { HttpServer } from '../../../src/http/server.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { signedHeaders, startRelay, type Relay } from './discord-relay.js';
import { discordConfig, MEMBER_PERMISSIONS, QWEN_SLUG, testWorld, type TestWorld } from './support.js';

let fake: FakeDiscord;
let world: TestWorld;
let server: HttpServer;
let adapter: ChatAdapter;
let relay: Relay;
let endpoint: string;
let privateKey: KeyObject;

beforeAll(async () => {
  fake = await startFakeDiscord();
  world = await testWorld();
  const pair = generateKeyPairSync('ed25519');
  privateKey = pair.privateKey;
  const publicKey = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  const config = discordConfig({
    DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, DISCORD_PUBLIC_KEY: publicKey, HTTP_PORT: '0',
  });
  server = new HttpServer(world.logger);
  adapter = createDiscordAdapter(config, world.deps(server), { restOptions: { offset: 0 }, timings: { deferAfterMs: 300 } })!;
  endpoint = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/discord/interactions`;
  await adapter.start();
  relay = await startRelay(fake, endpoint, privateKey);
});

afterAll(async () => {
  await relay?.close();
  await adapter?.stop();
  await server?.close();
  await fake?.close();
  await world?.close();
});

const post = (body: string, headers: Record<string, string>) => fetch(endpoint, { method: 'POST', headers, body });

describe('HTTP interactions', () => {
  it('given a signed PING, then PONG as JSON', async () => {
    const body = JSON.stringify({ id: '1', type: 1, application_id: fake.applicationId, token: 't', version: 1 });
    const res = await post(body, signedHeaders(privateKey, body));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('given a bad, missing or tampered signature, then 401', async () => {
    const body = JSON.stringify({ type: 1 });
    const headers = signedHeaders(privateKey, body);
    expect((await post(body, { ...headers, 'x-signature-ed25519': '00'.repeat(64) })).status).toBe(401);
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post(JSON.stringify({ type: 2 }), headers)).status).toBe(401);
    const stranger = generateKeyPairSync('ed25519').privateKey;
    expect((await post(body, signedHeaders(stranger, body))).status).toBe(401);
  });

  it('given a correctly signed request older than 5 minutes (or as far ahead), then 401: our replay window', async () => {
    const body = JSON.stringify({ type: 1 });
    const now = Math.floor(Date.now() / 1000);
    expect((await post(body, signedHeaders(privateKey, body, now - 6 * 60))).status).toBe(401);
    expect((await post(body, signedHeaders(privateKey, body, now + 6 * 60))).status).toBe(401);
    expect((await post(body, signedHeaders(privateKey, body, now - 4 * 60))).status).toBe(200);
  });

  it('given a correctly signed request dated 301 s ahead, then 401; 299 s ahead is still within the window', async () => {
    const body = JSON.stringify({ id: 'ahead', type: 1 });
    const now = Math.floor(Date.now() / 1000);
    expect((await post(body, signedHeaders(privateKey, body, now + 301))).status).toBe(401);
    expect((await post(body, signedHeaders(privateKey, body, now + 299))).status).toBe(200);
  });

  it('given a signed request sent twice, then the replay is refused (401) while the first was answered', async () => {
    const body = JSON.stringify({ id: 'replayed', type: 1 });
    const headers = signedHeaders(privateKey, body);
    expect((await post(body, headers)).status).toBe(200);
    expect((await post(body, headers)).status).toBe(401);
    const fresh = JSON.stringify({ id: 'fresh', type: 1 });
    expect((await post(fresh, signedHeaders(privateKey, fresh))).status).toBe(200);
  });

  it('given a real signature first sent on a tampered body, then the genuine request still gets through (forgeries are not recorded)', async () => {
    const body = JSON.stringify({ id: 'raced', type: 1 });
    const headers = signedHeaders(privateKey, body);
    expect((await post(JSON.stringify({ id: 'raced', type: 2 }), headers)).status).toBe(401);
    expect((await post(body, headers)).status).toBe(200);
  });

  it('given /leaderboard, then it is answered inline (type 4) within the deadline', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'leaderboard', options: [{ name: 'limit', type: 4, value: 3 }] }));
    expect(res.callback.type).toBe(4);
    expect(res.callback.data).toMatchObject({ allowed_mentions: { parse: [] }, embeds: [{ title: 'Daily chart, 2026-03-11 (UTC)' }] });
    expect(res.original()?.embeds[0].description).toMatch(/^```/);
  });

  it('given slow work, then type 5 and the answer is PATCHed to @original through REST', async () => {
    world.chartsDelayMs = 700;
    try {
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'model', options: [{ name: 'model', type: 3, value: QWEN_SLUG }] }));
      expect(res.callback).toEqual({ type: 5 });
      await vi.waitFor(() => expect(res.original()?.embeds?.[0]?.title).toBe('Qwen3.6 Plus'), { timeout: 3000 });
      const edit = fake.requests.findLast((r) => r.method === 'PATCH')!;
      expect(edit.route).toBe(`/webhooks/${fake.applicationId}/${res.token}/messages/@original`);
      expect(edit.headers.authorization).toBeUndefined();
      expect(edit.status).toBe(200);
    } finally {
      world.chartsDelayMs = 0;
    }
  });

  it('given autocomplete, then type 8 with at most 25 choices', async () => {
    const res = await fake.dispatchInteraction(fake.autocomplete({ name: 'subscribe', focused: { name: 'model', value: 'evil' } }));
    expect(res.callback.type).toBe(8);
    const choices = res.callback.data!.choices as { name: string; value: string }[];
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toMatchObject({ value: 'evil/evil-model' });
  });

  it('given a member without Manage Channels, then /alerts setup is refused privately', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'alerts', options: [{ name: 'setup', type: 1 }], memberPermissions: MEMBER_PERMISSIONS }));
    expect(res.callback).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/Manage Channels/) } });
  });

  it('given a Follow click, then the clicker follows the model by DM', async () => {
    const userId = '523456789012345678';
    const res = await fake.dispatchInteraction(fake.buttonClick({ custom_id: `follow:${QWEN_SLUG}`, userId }));
    expect(res.callback).toMatchObject({ type: 4, data: { flags: 64 } });
    expect((await world.settings.subscriptionsOf([{ kind: 'discord-dm', userId }])).map((s) => s.model)).toEqual([QWEN_SLUG]);
    expect(relay.statuses.every((s) => s === 200)).toBe(true);
  });
});
