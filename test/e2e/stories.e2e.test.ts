// End to end, issue 11 items 1 and 4 on Discord and Slack at once: the whole app (createApp) with
// discord.js on the fake Discord and Bolt on the fake Slack (Socket Mode), the fake OpenRouter as the
// source. A busy day about one model reaches each destination as ONE message (the headline, the
// rest as lines); a channel set up for new_leader only gets just that; a subscription with
// conditions fires only when they hold. The steps build on each other, so they run in order.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nonceOf } from '../../src/adapters/discord/rest-notifier.js';
import { idempotencyKey } from '../../src/delivery/dead-ends.js';
import { storyId } from '../../src/domain/story-alert.js';
import { startFakeDiscord, type FakeDiscord, type InteractionResult, type Json } from '../fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { adminProxy, ALPHA, BETA, EVIL, openRouterWorld, pollAndDeliver, startApp, type E2eApp, type OpenRouterWorld } from './support.js';

const MEMBER = ((1n << 10n) | (1n << 11n) | (1n << 31n)).toString();
const MANAGER = (BigInt(MEMBER) | (1n << 4n)).toString();
const OWNER = '311111111111111111';
const SLACK_GENERAL = 'C0GENERAL1';
const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';

let world: OpenRouterWorld;
let discord: FakeDiscord;
let slack: FakeSlack;
let proxy: Awaited<ReturnType<typeof adminProxy>>;
let e2e: E2eApp;
let general: string;

type Block = { type: string; text?: { text: string } };

async function answerOf(res: InteractionResult): Promise<Json> {
  if (res.callback.type === 4) return res.callback.data!;
  return vi.waitFor(() => res.original() ?? Promise.reject(new Error('not answered yet')), { timeout: 5000 });
}
/** The answer's words: its content, or its embed's description. */
async function discordCommand(name: string, userId: string, options: Json[], permissions = MEMBER): Promise<string> {
  const answer = await answerOf(await discord.dispatchInteraction(discord.chatInput({ name, channelId: general, userId, memberPermissions: permissions, options })));
  return (answer.content || answer.embeds?.[0]?.description || '') as string;
}
const discordDm = (userId: string) => {
  const opened = discord.requests.find((r) => r.route === '/users/@me/channels' && (r.body as Json).recipient_id === userId);
  return opened ? discord.messages((opened.responseBody as Json).id as string) : [];
};
async function slackCommand(name: string, text: string, user: string): Promise<string> {
  const delivery = await slack.sendSlashCommand({ command: name, text, channel_id: SLACK_GENERAL, user_id: user });
  const [post] = await delivery.waitForResponses(1);
  return (post.body as { text: string }).text;
}
/** Alerts posted to a Slack DM: the IM conversations.open gave the app for that user. */
function slackDm(user: string): Json[] {
  const opened = slack.requests.find((r) => r.apiMethod === 'conversations.open' && r.body.users === user);
  const im = (opened?.response as { channel?: { id: string } } | undefined)?.channel?.id;
  return slack.requests.filter((r) => r.apiMethod === 'chat.postMessage' && im !== undefined && r.body.channel === im).map((r) => r.body as Json);
}
/** What /alerts setup posts in the channel it set up: not an alert. */
const CONFIRMATION = /^Alerts (set up|changed) here by /;
const slackChannel = () => slack.messages(SLACK_GENERAL).filter((m) => m.via === 'chat.postMessage' && !CONFIRMATION.test(m.text ?? ''));
const blocksOf = (b: Json) => (typeof b.blocks === 'string' ? JSON.parse(b.blocks) : b.blocks) as Block[];

beforeAll(async () => {
  world = await openRouterWorld('Evil Model');
  discord = await startFakeDiscord({ rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } }, guilds: [{ name: 'Fake Guild', channels: [{ name: 'general' }] }] });
  [general] = discord.guilds[0].channelIds;
  slack = await startFakeSlack({ rateLimits: { postMessagePerChannel: false } });
  proxy = await adminProxy(slack.baseUrl, [ALICE]);
  e2e = await startApp(
    world,
    { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.url, SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: proxy.url },
    // Pictures are proven elsewhere (alert-pictures.e2e); drawing them would only slow this down.
    { paced: false, pictures: false },
  );
  await e2e.app.start({ schedule: false });
  await slack.waitForSocket();
});

afterAll(async () => {
  await e2e?.close();
  await discord?.close();
  await slack?.close();
  await proxy?.close();
  await world?.fake.close();
});

describe('one story, one message; conditions on a subscription (Discord and Slack)', () => {
  it('given subscribers by DM, channels for new_leader only and a conditional subscription, then a busy day is one message per subject per destination', async () => {
    expect((await discordCommand('subscribe', OWNER, [{ name: 'model', type: 3, value: BETA }]))).toMatch(/^Subscribed: every Beta Two alert goes to your DMs/);
    expect((await discordCommand('alerts', OWNER, [{ name: 'setup', type: 1, options: [{ name: 'types', type: 3, value: 'new_leader' }, { name: 'charts', type: 3, value: 'daily' }] }], MANAGER))).toMatch(/^Alerts on for #general/);
    expect(await slackCommand('/subscribe', 'beta two', ALICE)).toMatch(/^Subscribed: every Beta Two alert goes to your DMs/);
    expect(await slackCommand('/alerts', 'setup types:new_leader charts:daily', ALICE)).toMatch(/^Alerts on for #general/);
    expect(await slackCommand('/subscribe', 'evil model events:new_leader', BOB)).toBe('Subscribed: Evil Model alerts (only new_leader) go to your DMs. To stop: /unsubscribe evil/evil-model');

    // Beta takes #1 from Alpha with a record day, its first 1T day and a personal best; Evil has a personal best (not new_leader).
    const day = world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 150 });
    const polled = await pollAndDeliver(e2e.app);
    const lead = `new_leader:daily:${day}:${BETA}`;
    const carried = [lead, `record_day:daily:${day}:${BETA}`, `milestone:daily:${day}:${BETA}:1000000000000`, `personal_best:daily:${day}:${BETA}`];
    // Two DMs share one message; each channel gets the headline alone: 2 outbox messages, 4 deliveries, 4 events carried.
    expect(polled).toMatchObject({ events: 4, deliveries: 4 });

    const [dm, ...moreDms] = discordDm(OWNER);
    expect(moreDms).toEqual([]);
    expect(dm.embeds[0].title).toMatch(/^Beta Two takes #1 on the daily chart/);
    expect((dm.embeds[0].description as string).split('\n').filter((l) => l.startsWith('• '))).toEqual([
      expect.stringMatching(/record/i),
      expect.stringMatching(/1T|1\.00T/),
      expect.stringMatching(/personal best/i),
    ]);
    const [inChannel, ...moreInChannel] = discord.messages(general).filter((m) => !CONFIRMATION.test((m.content as string | undefined) ?? ''));
    expect(moreInChannel).toEqual([]);
    expect(inChannel.embeds[0].title).toBe(dm.embeds[0].title);
    expect(inChannel.embeds[0].description ?? '').not.toContain('• ');

    const [slackDmAlert, ...moreSlackDms] = slackDm(ALICE);
    expect(moreSlackDms).toEqual([]);
    const bullets = blocksOf(slackDmAlert).find((b) => b.type === 'section' && b.text?.text.startsWith('• '))!;
    expect(bullets.text!.text.split('\n')).toHaveLength(3);
    expect(slackChannel()).toHaveLength(1);
    expect(blocksOf(slackChannel()[0] as unknown as Json).some((b) => b.text?.text.startsWith('• '))).toBe(false);
    expect(slackDm(BOB)).toEqual([]); // Evil's personal best is not a new_leader

    // The Discord nonce comes from the message's own id (headline id + hash of the others), so a retried send is deduplicated.
    const dmPost = discord.requests.find((r) => r.method === 'POST' && r.route.endsWith('/messages') && (r.body as Json).embeds && r.route !== `/channels/${general}/messages`)!;
    expect((dmPost.body as Json).nonce).toBe(nonceOf(idempotencyKey(storyId(carried), { kind: 'discord-dm', userId: OWNER })));
    const settled = await e2e.app.outbox.pending();
    expect(settled).toEqual([]);
    for (const id of carried) expect(await e2e.app.outbox.isPlanned(id)).toBe(true);
  });

  it('given the condition holds the next day, then the conditional subscription fires with just that event', async () => {
    const day = world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 2000 });
    await pollAndDeliver(e2e.app);
    const [alert, ...more] = slackDm(BOB);
    expect(more).toEqual([]);
    expect(alert.text).toMatch(/^Evil Model takes #1 on the daily chart/);
    expect(blocksOf(alert).some((b) => b.text?.text.startsWith('• '))).toBe(false);
    expect(await e2e.app.outbox.isPlanned(`new_leader:daily:${day}:${EVIL}`)).toBe(true);
    expect(e2e.logger.errors()).toEqual([]);
  });
});
