// `rankwatch start` when a chat platform will not have it: credentials refused stop the process
// with the setting named (exit 78); a platform out of reach is retried while polling and the other
// platform carry on, and /healthz says which part is down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { openRouterWorld, type OpenRouterWorld } from '../e2e/support.js';
import { freePort, healthzUntil, startBot } from '../support/bot-process.js';

let world: OpenRouterWorld;
let discord: FakeDiscord;
let slack: FakeSlack;
let dir: string;

beforeAll(async () => {
  world = await openRouterWorld('Evil');
  discord = await startFakeDiscord({ guilds: [{ name: 'G', channels: [{ name: 'general' }] }] });
  slack = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'rankwatch-startfail-'));
});
afterAll(async () => {
  await discord?.close();
  await slack?.close();
  await world?.fake.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const base = () => ({ STORE_URL: `sqlite://${join(dir, `s${n++}.sqlite`)}`, OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: world.fake.url, LOG_LEVEL: 'silent' });
const discordEnv = (token: string, api = discord.url) => ({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: api });

describe('chat credentials refused at start', () => {
  it.each<[string, () => Record<string, string>, RegExp]>([
    ['Discord (a reset bot token)', () => discordEnv('not-the-token'), /Discord refused DISCORD_TOKEN \(401\): reset the token on the Bot page/],
    ['Slack (an uninstalled app)', () => ({ SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.url }), /Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/],
  ])('given %s, then the process exits 78 with one line naming the setting, never a token', async (_label, env, want) => {
    const bot = startBot({ ...base(), ...env() });
    expect(await bot.exited).toBe(78);
    expect(bot.err().trim().split('\n').at(-1)).toMatch(want);
    expect(bot.err()).not.toMatch(/not-the-token|xoxb-wrong|first sync failed/);
  }, 30_000);
});

describe('a chat platform out of reach at start', () => {
  it('given Discord unreachable and Slack fine, then it keeps running: polling works, Slack is connected, /healthz is 503 naming discord, and SIGTERM exits 0', async () => {
    const port = await freePort();
    const bot = startBot({ ...base(), ...discordEnv(discord.token, 'http://127.0.0.1:1/api'), SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.url, HTTP_PORT: String(port) });
    const seen = await healthzUntil(port, (_s, b) => b.parts.some((p) => p.part === 'slack' && p.state === 'ok') && !b.unhealthy.some((u) => u.part === 'sync'));
    expect(seen?.status).toBe(503);
    expect(seen?.body.unhealthy).toEqual([{ part: 'discord', since: expect.any(String), detail: expect.stringMatching(/^retrying: cannot reach Discord/) }]);
    expect(world.fake.requests.some((r) => r.path === '/api/v1/datasets/rankings-daily')).toBe(true);
    bot.proc.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 40_000);
});
