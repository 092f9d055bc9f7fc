// End to end, Slack in HTTP mode: the whole app (createApp from loadConfig) with HTTP_PORT 0, Bolt's
// HTTPReceiver on the app's one HTTP server, signed requests built by the fake Slack, answers at its
// response_url. The OpenRouter client here is the one createApp builds from OPENROUTER_API_URL/KEY,
// with its default pacing (one request every 3 s), so the history lies in 2025: one window plus the
// catalogue is a single gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollResult } from '../../src/poller/poller.js';
import { startFakeSlack, type FakeSlack, type SignedRequest } from '../fakes/slack/index.js';
import { settledAsOf } from '../support/pipeline.js';
import { allStrings, openRouterWorld, startApp, type E2eApp, type OpenRouterWorld } from './support.js';

const SECRET = 'e2e-signing-secret';
const GENERAL = 'C0GENERAL1';
const FIRST = '2025-11-03';

let world: OpenRouterWorld;
let fake: FakeSlack;
let e2e: E2eApp;
let first: PollResult | null;
let base: string;

const send = (r: Pick<SignedRequest, 'headers' | 'body'>) => fetch(`${base}/slack/events`, { method: 'POST', headers: r.headers, body: r.body });

beforeAll(async () => {
  world = await openRouterWorld('Evil <!channel> model', FIRST);
  fake = await startFakeSlack();
  e2e = await startApp(world, { SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, HTTP_PORT: '0' });
  first = await e2e.app.start({ schedule: false });
  base = `http://127.0.0.1:${e2e.app.httpPort()}`;
});

afterAll(async () => {
  await e2e?.close();
  await fake?.close();
  await world?.fake.close();
});

describe('rankwatch on Slack (HTTP mode), end to end', () => {
  it('listens on the port the OS picked for HTTP_PORT 0, after a first sync through the configured OpenRouter client', () => {
    expect(e2e.app.httpPort()).toBeGreaterThan(0);
    expect(first).toMatchObject({ silent: true, sync: { firstSync: true, completeThrough: world.lastDay, requests: 2 } });
    const calls = world.fake.requests;
    expect(calls.map((r) => r.path)).toEqual(['/api/v1/datasets/rankings-daily', '/api/v1/models']);
    expect(calls[0].authorization).toBe('Bearer test-key');
    expect(calls[0].query).toMatchObject({ start_date: '2025-01-01', end_date: world.lastDay });
  });

  it('answers GET /healthz with 200 JSON', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ ok: true, pending: 0, unhealthy: [] });
  });

  it('acks a signed /leaderboard with 200 and posts the chart to its response_url', async () => {
    const signed = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard', text: '', channel_id: GENERAL });
    const started = Date.now();
    const res = await send(signed);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const [post] = await fake.waitFor(() => fake.responses(signed.responseUrlId).length > 0 && fake.responses(signed.responseUrlId));
    expect(post.accepted).toBe(true);
    expect(post.body.response_type).toBe('in_channel');
    const text = allStrings(post.body.blocks).join('\n');
    expect(text).toContain(`Daily chart, ${world.lastDay} (UTC)`);
    expect(text).toMatch(/Alpha One[\s\S]*Beta Two[\s\S]*Evil &lt;!channel&gt; model/);
    expect(text).toContain(`Source: OpenRouter (openrouter.ai/rankings), as of ${settledAsOf(world.lastDay)}`);
    expect(fake.messages(GENERAL)).toHaveLength(1);
  });

  it('refuses a request with a bad signature with 401 and runs nothing', async () => {
    const before = fake.responses().length;
    const forged = fake.signedSlashCommandRequest('not-the-secret', { command: '/leaderboard', channel_id: GENERAL });
    expect((await send(forged)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.responses()).toHaveLength(before);
    expect(fake.responses(forged.responseUrlId)).toEqual([]);
  });

  it('logged no error, and stop() closes the HTTP port', async () => {
    expect(e2e.logger.errors()).toEqual([]);
    await e2e.close();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
