// End to end, Slack in Socket Mode: the whole app (createApp from loadConfig) with the real Bolt app on
// the fake Slack's Socket Mode and Web API, SQLite in a temp dir, and the fake OpenRouter as the source.
// The steps build on each other (one workspace, one history), so they run in order.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollResult } from '../../src/poller/poller.js';
import { startFakeSlack, type FakeSlack, type RecordedMessage, type ResponseUrlPost } from '../fakes/slack/index.js';
import { settledAsOf } from '../support/pipeline.js';
import { adminProxy, allStrings, ALPHA, BETA, EVIL, LAST_DAY, openRouterWorld, pollAndDeliver, startApp, type E2eApp, type OpenRouterWorld } from './support.js';

const GENERAL = 'C0GENERAL1';
const RANDOM = 'C0RANDOM01';
/** Reported as a workspace admin (through the proxy): may set up alerts anywhere. */
const ALICE = 'U0ALICE001';
/** Neither admin nor creator of any channel. */
const BOB = 'U0BOB00001';
const EVIL_NAME = 'Evil <!channel> model';

let world: OpenRouterWorld;
let fake: FakeSlack;
let proxy: Awaited<ReturnType<typeof adminProxy>>;
let e2e: E2eApp;
let first: PollResult | null;

type Block = { type: string; text?: { type: string; text: string }; elements?: { type: string; text?: string }[]; fields?: { type: string; text: string }[] };
const body = (post: ResponseUrlPost) => post.body as { text: string; blocks?: Block[]; response_type?: string };
/** The message /alerts setup posts in the channel it sets up, for everyone to see. */
const CONFIRMATION = /^Alerts (set up|changed) here by /;
const alerts = (channel: string) => fake.messages(channel).filter((m) => m.via === 'chat.postMessage' && !CONFIRMATION.test(m.text ?? ''));
/** Every mrkdwn string of a message (its text and the mrkdwn blocks): what Slack parses for mentions. */
const parsedText = (m: RecordedMessage) => [m.text, ...allStrings((m.blocks as Block[]).filter((b) => b.type !== 'header'))];

async function command(text: string, user: string, channel = GENERAL, name = '/alerts'): Promise<ResponseUrlPost> {
  const delivery = await fake.sendSlashCommand({ command: name, text, channel_id: channel, user_id: user });
  const [post] = await delivery.waitForResponses(1);
  return post;
}

beforeAll(async () => {
  world = await openRouterWorld(EVIL_NAME);
  fake = await startFakeSlack({ rateLimits: { postMessagePerChannel: false } });
  proxy = await adminProxy(fake.baseUrl, [ALICE]);
  e2e = await startApp(world, { SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: proxy.url }, { paced: false });
  first = await e2e.app.start({ schedule: false });
});

afterAll(async () => {
  await e2e?.close();
  await fake?.close();
  await proxy?.close();
  await world?.fake.close();
});

describe('rankwatch on Slack (Socket Mode), end to end', () => {
  it('connects over Socket Mode, and the first sync only builds history', () => {
    expect(fake.socketConnections).toBe(1);
    expect(first).toMatchObject({ silent: true, deliveries: 0, sync: { firstSync: true, completeThrough: LAST_DAY } });
    expect(fake.messages(GENERAL)).toEqual([]);
  });

  it('refuses /alerts setup to a member who is neither admin nor the channel creator', async () => {
    const post = await command('setup types:new_leader charts:daily', BOB);
    expect(body(post).response_type).toBe('ephemeral');
    expect(body(post).text).toMatch(/workspace admin or the channel's creator/);
    expect(await e2e.app.settings.allAlerts()).toEqual([]);
  });

  it('refuses /alerts setup in a private channel rankwatch is not in: invite it first', async () => {
    fake.addChannel({ id: 'C0SECRET01', name: 'secret', isPrivate: true, botIsMember: false });
    const post = await command('setup types:new_leader charts:daily', ALICE, 'C0SECRET01');
    expect(body(post).response_type).toBe('ephemeral');
    expect(body(post).text).toBe("I can't post in #secret: it is private and rankwatch is not in it. Invite @rankwatch first: type /invite @rankwatch in this channel, then run /alerts setup again.");
    expect(await e2e.app.settings.allAlerts()).toEqual([]);
    expect(fake.messages('C0SECRET01')).toEqual([]);
  });

  it('posts a new leader once, as Block Kit with the attribution, to the channel an admin set up', async () => {
    const post = await command('setup types:new_leader charts:daily', ALICE);
    expect(body(post).response_type).toBe('ephemeral');
    expect(body(post).text).toMatch(/^Alerts on for #general: new_leader on the daily chart\. Posted a confirmation in #general\./);
    // Everyone in the channel sees what it will get, and who set it up.
    expect(fake.messages(GENERAL).map((m) => m.text)).toEqual([expect.stringMatching(/^Alerts set up here by \S+: new_leader on the daily chart\. Channel managers can change/)]);

    const day = world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 100 });
    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 1, deliveries: 1, sync: { completeThrough: day } });
    const [alert, ...more] = alerts(GENERAL);
    expect(more).toEqual([]);
    const blocks = alert.blocks as Block[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: expect.stringMatching(/^Beta Two takes #1 on the daily chart/) } });
    const context = blocks.find((b) => b.type === 'context')!;
    expect(context.elements!.map((e) => e.text)).toEqual([
      `Source: OpenRouter (openrouter.ai/rankings), as of ${settledAsOf(day)}`,
      `<https://openrouter.ai/${BETA}|Beta Two on OpenRouter>`,
    ]);
    expect(alert.text).toMatch(/^Beta Two takes #1/);
    expect(String(alert.args.unfurl_links)).toBe('false');
    // Its picture follows in the channel (files.uploadV2), with the workspace's token.
    const [shared] = fake.messages(GENERAL).filter((m) => m.via === 'files.completeUploadExternal');
    expect(shared.files![0]).toMatchObject({ name: `new-leader-daily-${day}.png`, mimetype: 'image/png', teamId: fake.teamId, token: fake.botToken });

    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 0, deliveries: 0 });
    world.restate(day, BETA, 1500);
    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 0, deliveries: 0 });
    expect(alerts(GENERAL)).toHaveLength(1);
  });

  it('escapes a model named "<!channel>" so the alert notifies no one', async () => {
    world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 1500 });
    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 1, deliveries: 1 });
    const alert = alerts(GENERAL)[1];
    expect(alert.text).toContain('Evil &lt;!channel&gt; model takes #1');
    expect(alert.text).not.toContain('<!channel>');
    expect(parsedText(alert).join('\n')).toContain('&lt;!channel&gt;');
    expect(parsedText(alert).filter((s) => /<!|<@|<#/.test(s))).toEqual([]);
    // The header is plain_text, which Slack never parses for mentions: the name shows as it is.
    expect((alert.blocks as Block[])[0].text).toMatchObject({ type: 'plain_text', text: expect.stringMatching(/^Evil <!channel> model takes #1/) });
  });

  it('disables an archived channel after the next alert and tells the admin who set it up by DM', async () => {
    expect(body(await command('setup types:new_leader charts:daily', ALICE, RANDOM)).text).toMatch(/^Alerts on for #random/);
    fake.archiveChannel(RANDOM);
    world.completeDay({ [ALPHA]: 2000, [BETA]: 1200, [EVIL]: 1500 });
    expect(await pollAndDeliver(e2e.app)).toMatchObject({ events: 1, deliveries: 2 });

    expect(alerts(GENERAL)).toHaveLength(3);
    expect(alerts(RANDOM)).toEqual([]);
    const refused = fake.requests.filter((r) => r.apiMethod === 'chat.postMessage' && r.body.channel === RANDOM && !CONFIRMATION.test(String(r.body.text)));
    expect(refused.map((r) => (r.response as { error?: string }).error)).toEqual(['is_archived']);
    const dest = { kind: 'slack-channel' as const, teamId: fake.teamId, channelId: RANDOM };
    expect(await e2e.app.settings.disabledEntry(dest)).toMatchObject({ reason: expect.stringMatching(/^gone: .*is_archived/), by: { platform: 'slack', userId: ALICE } });
    const [dm, ...moreDms] = fake.messages(ALICE);
    expect(moreDms).toEqual([]);
    expect(dm.channel).toMatch(/^D/);
    expect(dm.text).toMatch(/^rankwatch stopped posting alerts to channel C0RANDOM01: gone: /);

    // Only the admin who set the channel up sees it stopped (Slack keeps /status for itself).
    const status = body(await command('', ALICE, GENERAL, '/rankwatch-status'));
    expect(allStrings(status.blocks).join('\n')).toContain(`slack:${fake.teamId}:channel:${RANDOM}: gone: Slack refused the message`);
    const bystander = body(await command('', BOB, GENERAL, '/rankwatch-status'));
    expect(allStrings(bystander.blocks).join('\n')).not.toContain(RANDOM);
  });

  it('answers /leaderboard through the response_url, in the channel, with the table and the attribution', async () => {
    const post = await command('', BOB, GENERAL, '/leaderboard');
    expect(post.accepted).toBe(true);
    expect(body(post).response_type).toBe('in_channel');
    const text = allStrings(body(post).blocks).join('\n');
    expect(text).toContain(`Daily chart, ${world.lastDay} (UTC)`);
    expect(text).toMatch(/Alpha One[\s\S]*Evil &lt;!channel&gt; model[\s\S]*Beta Two/);
    expect(text).toContain(`Source: OpenRouter (openrouter.ai/rankings), as of ${settledAsOf(world.lastDay)}`);
    // response_url takes no files: the picture is uploaded into the channel the command came from.
    const shared = await fake.waitFor(() => fake.messages(GENERAL).find((m) => m.files?.[0]?.name.startsWith('leaderboard-daily-')), 10_000);
    expect(shared.files![0]).toMatchObject({ name: `leaderboard-daily-${world.lastDay}.png`, mimetype: 'image/png', teamId: fake.teamId });
    expect(shared.files![0].data.subarray(1, 4).toString()).toBe('PNG');
  });

  it('logged no error, and stop() closes the Socket Mode connection', async () => {
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(e2e.logger.errors()).toEqual([]);
    await e2e.close();
    expect(fake.socketConnections).toBe(0); // the adapter's stop() waits for the close handshake
    expect(existsSync(e2e.dir)).toBe(false);
  });
});
