// The Slack adapter in Socket Mode: the real Bolt app against the fake Slack, with real stores.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/adapter.js';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import { slackManifest } from '../../../src/adapters/slack/manifest.js';
import { loadConfig } from '../../../src/config.js';
import { startFakeSlack, type FakeSlack, type ResponseUrlPost } from '../../fakes/slack/index.js';
import { allStrings, EVIL_NAME, EVIL_SLUG, MENTION, testWorld, type TestWorld } from './support.js';

const GENERAL = 'C0GENERAL1';
const ALICE = 'U0ALICE001';

let fake: FakeSlack;
let world: TestWorld;
let adapter: ChatAdapter;

afterEach(async () => {
  await adapter?.stop();
  expect(fake.socketConnections).toBe(0); // stop() waits for the close handshake
  await fake.close();
  await world.close();
});

async function start(): Promise<void> {
  fake = await startFakeSlack();
  world = await testWorld();
  const config = loadConfig({ SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.url });
  adapter = createSlackAdapter(config, world.deps())!;
  await adapter.start();
}

const body = (post: ResponseUrlPost) => post.body as { text: string; blocks?: unknown[]; response_type?: string };

describe('Slack adapter, Socket Mode', () => {
  it('given /leaderboard, acks at once and answers in the channel with the chart and the attribution', async () => {
    await start();
    expect(fake.socketConnections).toBe(1);
    const delivery = await fake.sendSlashCommand({ command: '/leaderboard', text: 'daily', channel_id: GENERAL });
    expect(delivery.ack).toBeUndefined();
    const [post] = await delivery.waitForResponses(1);
    expect(post.accepted).toBe(true);
    expect(body(post).response_type).toBe('in_channel');
    const text = allStrings(body(post).blocks).join('\n');
    expect(text).toContain('Daily chart, 2026-03-11 (UTC)');
    // The phone-width table cuts the long name; what is left is still escaped.
    expect(text).toContain('Evil &lt;!channel&gt; &amp;');
    expect(text).toContain('Source: OpenRouter (openrouter.ai/rankings)');
    expect(fake.messages(GENERAL)).toHaveLength(1);
    expect(world.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('given /alerts setup by a member who is neither admin nor the channel creator, refuses privately and stores nothing', async () => {
    await start();
    const delivery = await fake.sendSlashCommand({ command: '/alerts', text: 'setup', channel_id: GENERAL, user_id: ALICE });
    const [post] = await delivery.waitForResponses(1);
    expect(body(post).response_type).toBe('ephemeral');
    expect(body(post).text).toMatch(/workspace admin or the channel's creator/);
    expect(await world.settings.allAlerts()).toEqual([]);
    const lookups = fake.requests.map((r) => r.apiMethod).filter((m) => m === 'users.info' || m === 'conversations.info');
    expect(lookups).toEqual(['users.info', 'conversations.info']);
  });

  it('given /alerts show, skips the permission lookups', async () => {
    await start();
    await (await fake.sendSlashCommand({ command: '/alerts', text: 'show', channel_id: GENERAL })).waitForResponses(1);
    expect(fake.requests.some((r) => r.apiMethod === 'users.info' || r.apiMethod === 'conversations.info')).toBe(false);
  });

  it('given /model for a model named "<!channel>", answers in the channel without mentioning anyone', async () => {
    await start();
    const delivery = await fake.sendSlashCommand({ command: '/model', text: 'evil', channel_id: GENERAL });
    const [post] = await delivery.waitForResponses(1);
    expect(body(post).response_type).toBe('in_channel');
    const header = (body(post).blocks as { type: string; text?: { text: string } }[])[0];
    expect(header).toMatchObject({ type: 'header', text: { type: 'plain_text', text: EVIL_NAME } });
    const parsed = allStrings([body(post).text, ...(body(post).blocks as { type: string }[]).filter((b) => b.type !== 'header')]);
    expect(parsed.filter((s) => MENTION.test(s))).toEqual([]);
    expect(parsed.join('\n')).toContain(EVIL_SLUG);
  });

  it('given /model with HTML-escaped text as Slack sends it and a typo, answers with "did you mean" privately', async () => {
    await start();
    const delivery = await fake.sendSlashCommand({ command: '/model', text: 'qwen 3.7 plux &lt;!here&gt;', channel_id: GENERAL });
    const [post] = await delivery.waitForResponses(1);
    expect(body(post).response_type).toBe('ephemeral');
    expect(body(post).text).toMatch(/Did you mean/);
    expect(allStrings(body(post)).filter((s) => MENTION.test(s))).toEqual([]);
  });

  it('given the Follow button is clicked, subscribes the clicker by DM and answers privately', async () => {
    await start();
    const click = await fake.sendBlockAction({ action_id: 'follow', value: EVIL_SLUG, channel_id: GENERAL, user_id: ALICE });
    const [post] = await click.waitForResponses(1);
    expect(body(post)).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(body(post).text).toMatch(/^Subscribed: every Evil &lt;!channel&gt; &amp; &lt;!here&gt; @everyone alert goes to your DMs\./);
    expect(await world.settings.subscribersOf(EVIL_SLUG)).toMatchObject([{ dest: { kind: 'slack-dm', teamId: fake.teamId, userId: ALICE } }]);
  });

  it('given a command typed in a DM, the invocation is the DM (inDm) and no permission lookup runs', async () => {
    await start();
    fake.addChannel({ id: 'D0ALICEDM1', name: 'alice', isIm: true, user: ALICE, members: [ALICE] });
    const delivery = await fake.sendSlashCommand({ command: '/subscribe', text: 'evil where:here', channel_id: 'D0ALICEDM1', user_id: ALICE });
    const [post] = await delivery.waitForResponses(1);
    expect(body(post).text).toMatch(/your DMs/);
    expect(await world.settings.subscribersOf(EVIL_SLUG)).toMatchObject([{ dest: { kind: 'slack-dm', userId: ALICE } }]);
    expect(fake.requests.some((r) => r.apiMethod === 'users.info')).toBe(false);
  });

  it('given Slack refuses the blocks of an answer, the plain text still reaches the person', async () => {
    await start();
    fake.failNext({ method: 'response_url', httpStatus: 400, error: 'invalid_blocks' });
    const delivery = await fake.sendSlashCommand({ command: '/leaderboard', channel_id: GENERAL });
    const posts = await delivery.waitForResponses(2);
    expect(posts.map((p) => [p.status, p.body.blocks === undefined])).toEqual([
      [400, false],
      [200, true],
    ]);
    expect(world.logger.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual(['slack: response_url refused the answer']);
  });

  it('given every command the manifest declares, the running app acks and answers each one', async () => {
    await start();
    for (const { command } of slackManifest(world.deps().commands, { socketMode: true }).features.slash_commands) {
      const delivery = await fake.sendSlashCommand({ command, text: '', channel_id: GENERAL });
      const [post] = await delivery.waitForResponses(1);
      expect(post.accepted, command).toBe(true);
    }
    expect(world.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
