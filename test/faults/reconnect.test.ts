// The chat connections come back by themselves after an outage: the discord.js gateway (it retries
// forever) and Slack's Socket Mode (its client keeps its own unbounded retry policy for
// apps.connections.open). /healthz shows the outage while it lasts; commands work after it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { openRouterWorld, startApp, type E2eApp, type OpenRouterWorld } from '../e2e/support.js';

let world: OpenRouterWorld;
let e2e: E2eApp;
let discord: FakeDiscord | null = null;
let slack: FakeSlack | null = null;

afterEach(async () => {
  await e2e?.close();
  await discord?.close();
  await slack?.close();
  await world?.fake.close();
  discord = slack = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reconnecting after an outage', () => {
  it('given the Discord gateway cut off for 8 s, then health shows it reconnecting, and the bot resumes and answers commands', async () => {
    world = await openRouterWorld('Evil');
    discord = await startFakeDiscord({ guilds: [{ name: 'G', channels: [{ name: 'general' }] }] });
    e2e = await startApp(world, { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.url }, { paced: false });
    await e2e.app.start({ schedule: false });
    expect(e2e.app.health.get('discord')?.state).toBe('ok');
    discord.gatewayDown();
    await vi.waitFor(() => expect(e2e.app.health.get('discord')?.state).toBe('retrying'), { timeout: 5000 });
    await sleep(8000);
    expect(e2e.app.health.get('discord')?.state).toBe('retrying');
    discord.gatewayUp();
    await vi.waitFor(() => expect(e2e.app.health.get('discord')?.state).toBe('ok'), { timeout: 15_000 });
    const res = await discord.dispatchInteraction(discord.chatInput({ name: 'help', channelId: discord.guilds[0].channelIds[0] }));
    expect(res.callback.type).toBe(4);
  }, 45_000);

  it('given Slack unreachable for 8 s (Socket Mode dropped, apps.connections.open failing), then the app survives, reconnects by itself and answers commands', async () => {
    world = await openRouterWorld('Evil');
    slack = await startFakeSlack();
    e2e = await startApp(world, { SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.url }, { paced: false });
    await e2e.app.start({ schedule: false });
    await slack.waitForSocket();
    const opens = () => slack!.requests.filter((r) => r.apiMethod === 'apps.connections.open').length;
    const before = opens();
    slack.failNext({ method: 'apps.connections.open', httpStatus: 503, times: 1e9 });
    slack.sendSocketDisconnect('link_disabled');
    await vi.waitFor(() => expect(e2e.app.health.get('slack')?.state).toBe('retrying'), { timeout: 10_000 });
    await sleep(8000);
    expect(opens()).toBeGreaterThan(before + 1); // it kept trying through the outage
    slack.clearFaults();
    await vi.waitFor(() => expect(e2e.app.health.get('slack')?.state).toBe('ok'), { timeout: 30_000 });
    await slack.waitForSocket();
    const answered = await slack.sendSlashCommand({ command: '/rankwatch-help', text: '' });
    expect(answered).toBeTruthy();
  }, 60_000);
});
