// End to end, Discord: the whole app (createApp from loadConfig) with the real discord.js client on the
// fake Discord gateway and REST, SQLite in a temp dir, and the fake OpenRouter as the data source.
// The steps build on each other (one server, one history), so they run in order.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PollResult } from '../../src/poller/poller.js';
import { startFakeDiscord, type FakeDiscord, type InteractionResult, type Json } from '../fakes/discord/index.js';
import { settledAsOf } from '../support/pipeline.js';
import { ALPHA, BETA, EVIL, LAST_DAY, openRouterWorld, pollAndDeliver, startApp, type E2eApp, type OpenRouterWorld } from './support.js';

/** VIEW_CHANNEL | SEND_MESSAGES | USE_APPLICATION_COMMANDS: an ordinary member. */
const MEMBER = ((1n << 10n) | (1n << 11n) | (1n << 31n)).toString();
/** An ordinary member who may also manage channels. */
const MANAGER = (BigInt(MEMBER) | (1n << 4n)).toString();
const OWNER = '311111111111111111';
const DOOMED_OWNER = '322222222222222222';
const BYSTANDER = '333333333333333333';

let world: OpenRouterWorld;
let fake: FakeDiscord;
let e2e: E2eApp;
let first: PollResult | null;
let guildId: string;
let general: string;
let doomed: string;

const dest = (channelId: string) => ({ kind: 'discord-channel' as const, channelId, guildId });
/** The message /alerts setup posts in the channel it sets up, for everyone to see. */
const CONFIRMATION = /^Alerts (set up|changed) here by /;
const alertPosts = (channelId: string) => fake.requests.filter((r) => r.method === 'POST' && r.route === `/channels/${channelId}/messages` && !CONFIRMATION.test(String((r.body as Json)?.content ?? '')));
const alertsIn = (channelId: string) => fake.messages(channelId).filter((m) => !CONFIRMATION.test(m.content ?? ''));
/** The bot's role sees the channel and may embed and attach, but not send: VIEW_CHANNEL | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY. */
const ALL_BUT_SEND = ((1n << 10n) | (1n << 14n) | (1n << 15n) | (1n << 16n)).toString();
const setup = (channelId: string, userId: string, memberPermissions: string) =>
  fake.dispatchInteraction(
    fake.chatInput({
      name: 'alerts',
      channelId,
      userId,
      memberPermissions,
      options: [{ name: 'setup', type: 1, options: [{ name: 'types', type: 3, value: 'new_leader' }, { name: 'charts', type: 3, value: 'daily' }] }],
    }),
  );

/** The answer's message: the immediate reply, or the deferred one once it is edited in. */
async function answerOf(res: InteractionResult): Promise<Json> {
  if (res.callback.type === 4) return res.callback.data!;
  return vi.waitFor(() => res.original() ?? Promise.reject(new Error('not answered yet')), { timeout: 5000 });
}

beforeAll(async () => {
  world = await openRouterWorld('Evil @everyone');
  // Discord's default of 5 messages / 5 s per channel would only slow the suite down.
  fake = await startFakeDiscord({
    rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } },
    guilds: [{ name: 'Fake Guild', channels: [{ name: 'general' }, { name: 'doomed' }] }],
  });
  [general, doomed] = fake.guilds[0].channelIds;
  guildId = fake.defaultGuildId!;
  e2e = await startApp(world, { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url }, { paced: false });
  first = await e2e.app.start({ schedule: false });
});

afterAll(async () => {
  await e2e?.close();
  await fake?.close();
  await world?.fake.close();
});

describe('rankwatch on Discord, end to end', () => {
  it('connects through the fake gateway, and the first sync only builds history', () => {
    expect(fake.gatewaySessions).toBe(1);
    expect(fake.gatewayFrames.find((f) => f.op === 2)?.d).toMatchObject({ token: fake.token });
    expect(first).toMatchObject({ silent: true, deliveries: 0, sync: { firstSync: true, completeThrough: LAST_DAY } });
    expect(world.fake.requests.every((r) => r.path !== '/api/v1/datasets/rankings-daily' || r.authorization === 'Bearer test-key')).toBe(true);
    expect(fake.messages(general)).toEqual([]);
  });

  it('refuses /alerts setup to a member without Manage Channels, privately, and stores nothing', async () => {
    const res = await setup(general, BYSTANDER, MEMBER);
    expect(res.callback.type).toBe(4);
    expect(res.callback.data!.flags).toBe(64);
    expect(res.callback.data!.content).toMatch(/Manage Channels/);
    expect(await e2e.app.settings.alertsFor(dest(general))).toBeUndefined();
    expect(fake.messages(general)).toEqual([]);
  });

  it('refuses /alerts setup where the bot lacks Send Messages, naming it, and stores and posts nothing', async () => {
    fake.setBotPermissions(general, ALL_BUT_SEND);
    const res = await setup(general, OWNER, MANAGER);
    fake.setBotPermissions(general, undefined);
    expect(res.callback.data!.flags).toBe(64);
    expect(res.callback.data!.content).toBe(
      "I can't post here: missing Send Messages in #general. Give rankwatch's role Send Messages in this channel (Edit Channel → Permissions), then run /alerts setup again.",
    );
    expect(await e2e.app.settings.alertsFor(dest(general))).toBeUndefined();
    expect(fake.messages(general)).toEqual([]);
  });

  it('posts a new leader once to the channel a manager set up, and never again (repeat poll, restatement)', async () => {
    const res = await setup(general, OWNER, MANAGER);
    expect(res.callback.data!.flags).toBe(64);
    expect(res.callback.data!.content).toMatch(/^Alerts on for #general: new_leader on the daily chart\. Posted a confirmation in #general\./);
    // Everyone in the channel sees what it will get, and who set it up.
    expect(fake.messages(general).map((m) => m.content)).toEqual([expect.stringMatching(/^Alerts set up here by user1111: new_leader on the daily chart\. Channel managers can change/)]);
    expect(await e2e.app.settings.alertsFor(dest(general))).toMatchObject({ types: ['new_leader'], charts: ['daily'], by: { platform: 'discord', userId: OWNER } });

    const day = world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 100 });
    const polled = await pollAndDeliver(e2e.app);
    expect(polled).toMatchObject({ silent: false, events: 1, deliveries: 1, sync: { completeThrough: day } });

    const [msg, ...more] = alertsIn(general);
    expect(more).toEqual([]);
    const [embed] = msg.embeds;
    expect(embed.title).toMatch(/^Beta Two takes #1 on the daily chart with .* tokens, ending Alpha One's 10-day reign$/);
    expect(embed.url).toBe(`https://openrouter.ai/${BETA}`);
    expect(embed.footer.text).toBe(`Source: OpenRouter (openrouter.ai/rankings), as of ${settledAsOf(day)}`);
    expect(msg.author.id).toBe(fake.botUser.id);
    const [post] = alertPosts(general);
    expect(post.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });
    expect(post.status).toBe(200);

    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 0, deliveries: 0 });
    world.restate(day, BETA, 1500);
    world.restate(day, ALPHA, 1600); // the restatement even changes who led that day
    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 0, deliveries: 0, sync: { completeThrough: day } });
    expect(alertsIn(general)).toHaveLength(1);
    expect(alertPosts(general)).toHaveLength(1);
  });

  it('sends an alert about a model named "Evil @everyone" with allowed_mentions parse [] (pings nobody)', async () => {
    world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 1500 });
    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 1, deliveries: 1 });
    const messages = alertsIn(general);
    expect(messages).toHaveLength(2);
    // Shown as typed, with a zero-width space after the @ (belt and braces beside allowed_mentions).
    // The restatement (Alpha ahead on the day Beta was announced) was read and kept: Alpha's reign is 11 days.
    expect(messages[1].embeds[0].title).toMatch(/^Evil @\u200beveryone takes #1 on the daily chart with 1\.50T tokens, ending Alpha One's 11-day reign$/);
    expect(messages[1].embeds[0].url).toBe(`https://openrouter.ai/${EVIL}`);
    const post = alertPosts(general).at(-1)!;
    expect((post.body as Json).allowed_mentions).toEqual({ parse: [] });
    expect((post.body as Json).content).toBeUndefined();
    expect(JSON.stringify(post.body)).not.toMatch(/@everyone/);
  });

  it('disables a channel that answers 404, tells the person who set it up by DM, and /status shows why', async () => {
    const res = await setup(doomed, DOOMED_OWNER, MANAGER);
    expect(res.callback.data!.content).toMatch(/^Alerts on for #doomed/);
    fake.deleteChannel(doomed);

    world.completeDay({ [ALPHA]: 2000, [BETA]: 1200, [EVIL]: 1500 });
    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 1, deliveries: 2 });
    expect(alertsIn(general)).toHaveLength(3);
    expect(alertsIn(general)[2].embeds[0].title).toMatch(/^Alpha One takes #1/);
    expect(alertPosts(doomed).map((r) => r.status)).toEqual([404]); // gone is final: no retries

    const stopped = await e2e.app.settings.disabledEntry(dest(doomed));
    expect(stopped).toMatchObject({ reason: expect.stringMatching(/^gone: discord channel \d+: Discord 404 10003/), by: { platform: 'discord', userId: DOOMED_OWNER } });
    const opened = fake.requests.find((r) => r.route === '/users/@me/channels' && (r.body as Json).recipient_id === DOOMED_OWNER)!;
    const dmId = (opened.responseBody as Json).id as string;
    const [dm, ...moreDms] = fake.messages(dmId);
    expect(moreDms).toEqual([]);
    expect(dm.content).toMatch(new RegExp(`^rankwatch stopped posting alerts to <#${doomed}>: gone: `));
    expect(dm.content).toMatch(/run \/alerts setup/);
    expect(alertPosts(dmId)[0].body).toMatchObject({ allowed_mentions: { parse: [] } });

    // Only the person who set the channel up sees it stopped; a bystander sees none of it.
    const status = await answerOf(await fake.dispatchInteraction(fake.chatInput({ name: 'status', channelId: general, userId: DOOMED_OWNER })));
    expect(status.flags).toBe(64);
    const fields = status.embeds[0].fields as { name: string; value: string }[];
    const stoppedField = fields.find((f) => f.name === 'Stopped destinations')!;
    expect(stoppedField.value).toMatch(new RegExp(`^discord:channel:${doomed}: gone: .*10003`));
    expect(fields.find((f) => f.name === 'Complete through')?.value).toBe(`${world.lastDay} (UTC)`);
    const bystander = await answerOf(await fake.dispatchInteraction(fake.chatInput({ name: 'status', channelId: general, userId: BYSTANDER })));
    expect((bystander.embeds[0].fields as { name: string; value: string }[]).find((f) => f.name === 'Stopped destinations')!.value).toBe('None');

    // The next alert skips the stopped channel without asking Discord again.
    world.completeDay({ [ALPHA]: 2000, [BETA]: 2500, [EVIL]: 1500 });
    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 1, deliveries: 1 });
    expect(alertPosts(doomed)).toHaveLength(1);
    expect(alertsIn(general)).toHaveLength(4);
  });

  it('answers /leaderboard in the channel with the daily table and the attribution', async () => {
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'leaderboard', channelId: general, userId: BYSTANDER }));
    const answer = await answerOf(res);
    expect(answer.flags ?? 0).toBe(0);
    const [embed] = answer.embeds;
    expect(embed.title).toBe(`Daily chart, ${world.lastDay} (UTC)`);
    const lines = (embed.description as string).split('\n');
    expect(lines[0]).toBe('```');
    const ranked = lines.filter((l) => /^\s*\d+\s/.test(l));
    expect(ranked.map((l) => l.match(/Beta Two|Alpha One|Evil @\u200beveryone/)?.[0])).toEqual(['Beta Two', 'Alpha One', 'Evil @\u200beveryone']);
    expect(embed.footer.text).toBe(`Source: OpenRouter (openrouter.ai/rankings), as of ${settledAsOf(world.lastDay)}`);
    const callback = fake.requests.findLast((r) => r.route.endsWith('/callback'))!;
    expect(callback.body).toMatchObject({ data: { allowed_mentions: { parse: [] } } });
  });

  it('needed no 429 on the way (discord.js default REST options), logged no error, and stops cleanly', async () => {
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(e2e.logger.errors()).toEqual([]);
    await e2e.close();
    await vi.waitFor(() => expect(fake.gatewaySessions).toBe(0), { timeout: 3000 });
    expect(existsSync(e2e.dir)).toBe(false);
  });
});
