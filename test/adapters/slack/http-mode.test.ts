// The Slack adapter in HTTP mode: Bolt's HTTPReceiver mounted on rankwatch's one HttpServer, driven by
// signed requests built by the fake Slack, answering through the fake's response_url.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/adapter.js';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/logger.js';
import { startFakeSlack, type FakeSlack, type SignedRequest } from '../../fakes/slack/index.js';
import { EVIL_SLUG, testWorld, type TestWorld } from './support.js';

const SECRET = 'test-signing-secret';
const GENERAL = 'C0GENERAL1';

let fake: FakeSlack;
let world: TestWorld;
let http: HttpServer;
let adapter: ChatAdapter;
let endpoint: string;

afterEach(async () => {
  await adapter.stop();
  await http.close();
  await fake.close();
  await world.close();
});

async function setup(): Promise<void> {
  fake = await startFakeSlack();
  world = await testWorld();
  http = new HttpServer(silentLogger);
  const config = loadConfig({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, HTTP_PORT: '0' });
  adapter = createSlackAdapter(config, world.deps(http))!;
  const port = await http.listen(0, '127.0.0.1');
  endpoint = `http://127.0.0.1:${port}/slack/events`;
}

const send = (r: Pick<SignedRequest, 'headers' | 'body'>) => fetch(endpoint, { method: 'POST', headers: r.headers, body: r.body });

describe('Slack adapter, HTTP mode', () => {
  it('given a signed /leaderboard, answers 200 within 3 s and posts the chart to the response_url', async () => {
    await setup();
    await adapter.start();
    expect(fake.requests.map((r) => r.apiMethod)).toEqual(['auth.test']);
    const signed = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard', text: 'weekly', channel_id: GENERAL });
    const started = Date.now();
    const res = await send(signed);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const [post] = await fake.waitFor(() => fake.responses(signed.responseUrlId).length > 0 && fake.responses(signed.responseUrlId));
    expect(post.accepted).toBe(true);
    expect(post.body.response_type).toBe('in_channel');
    expect(JSON.stringify(post.body.blocks)).toContain('Weekly chart');
    expect(fake.messages(GENERAL)).toHaveLength(1);
  });

  it('given a bad signature, a stale timestamp or a missing signature header, answers 401 and runs nothing', async () => {
    await setup();
    await adapter.start();
    const forged = fake.signedSlashCommandRequest('wrong-secret', { command: '/leaderboard' });
    const stale = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard' }, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const unsigned = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard' });
    delete unsigned.headers['x-slack-signature'];
    const noTimestamp = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard' });
    delete noTimestamp.headers['x-slack-request-timestamp'];
    for (const r of [forged, stale, unsigned, noTimestamp]) expect((await send(r)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.responses()).toEqual([]);
  });

  it('given a correctly signed request dated 301 s ahead, answers 401 (Bolt alone takes up to a year ahead); 299 s ahead still runs', async () => {
    await setup();
    await adapter.start();
    const now = Math.floor(Date.now() / 1000);
    const ahead = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard' }, { timestamp: now + 301 });
    const yearAhead = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard' }, { timestamp: now + 365 * 86_400 });
    expect((await send(ahead)).status).toBe(401);
    expect((await send(yearAhead)).status).toBe(401);
    const near = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard', channel_id: GENERAL }, { timestamp: now + 299 });
    expect((await send(near)).status).toBe(200);
    await fake.waitFor(() => fake.responses(near.responseUrlId).length > 0);
    expect(fake.responses(ahead.responseUrlId)).toEqual([]);
  });

  it('given a signed request sent twice, answers the replay 401 and runs the command once; a fresh one still runs', async () => {
    await setup();
    await adapter.start();
    const signed = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard', channel_id: GENERAL });
    expect((await send(signed)).status).toBe(200);
    expect((await send(signed)).status).toBe(401);
    const fresh = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard', channel_id: GENERAL });
    expect((await send(fresh)).status).toBe(200);
    await fake.waitFor(() => fake.responses(fresh.responseUrlId).length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.responses(signed.responseUrlId)).toHaveLength(1);
  });

  it('given a genuine signature first sent on a tampered body, the genuine request still runs (forgeries are not recorded)', async () => {
    await setup();
    await adapter.start();
    const signed = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard', channel_id: GENERAL });
    expect((await send({ headers: signed.headers, body: `${signed.body}&text=daily` })).status).toBe(401);
    expect((await send(signed)).status).toBe(200);
  });

  it('given a signed Follow click, subscribes the clicker by DM', async () => {
    await setup();
    await adapter.start();
    const click = fake.signedBlockActionRequest(SECRET, { action_id: 'follow', value: EVIL_SLUG, channel_id: GENERAL, user_id: 'U0BOB00001' });
    expect((await send(click)).status).toBe(200);
    const [post] = await fake.waitFor(() => fake.responses(click.responseUrlId).length > 0 && fake.responses(click.responseUrlId));
    expect(post.body.response_type).toBe('ephemeral');
    expect(await world.settings.subscribersOf(EVIL_SLUG)).toMatchObject([{ dest: { kind: 'slack-dm', userId: 'U0BOB00001' } }]);
  });

  it('given the adapter is not started (or stopped), the route answers 503 and Bolt opens no port of its own', async () => {
    await setup();
    const signed = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard' });
    expect((await send(signed)).status).toBe(503);
    const servers = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = servers();
    await adapter.start();
    expect(servers()).toBe(before);
    await adapter.stop();
    expect((await send(fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard' }))).status).toBe(503);
    expect(fake.responses()).toEqual([]);
  });

  it('given a token Slack rejects, start() fails naming SLACK_BOT_TOKEN', async () => {
    await setup();
    fake.revokeToken(fake.botToken);
    await expect(adapter.start()).rejects.toThrow(/SLACK_BOT_TOKEN.*token_revoked/);
  });
});
