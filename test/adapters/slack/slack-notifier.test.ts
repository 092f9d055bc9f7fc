import { afterEach, describe, expect, it } from 'vitest';
import { LogLevel, webApi } from '@slack/bolt';
import { SlackNotifier } from '../../../src/adapters/slack/slack-notifier.js';
import { DeliveryError } from '../../../src/delivery/notifier.js';
import type { AlertMessage } from '../../../src/domain/alert-message.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../../fakes/slack/index.js';
import { allStrings, EVIL_NAME, MENTION } from './support.js';

const GENERAL = 'C0GENERAL1';
const TEAM = 'T0FAKETEAM';
const channel = (channelId: string) => ({ kind: 'slack-channel' as const, teamId: TEAM, channelId });

const alert: AlertMessage = {
  eventId: 'e1',
  headline: `${EVIL_NAME} takes #1 on the daily chart with 1.04T tokens, ahead of Qwen3.6 Plus`,
  figures: [['Tokens', '1.04T']],
  url: 'https://openrouter.ai/evil/evil-model',
  linkLabel: `${EVIL_NAME} on OpenRouter`,
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z',
  followModel: 'evil/evil-model',
  day: '2026-03-11',
};

const fakes: FakeSlack[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function setup(options: FakeSlackOptions = {}, retries = 2) {
  const fake = await startFakeSlack({ rateLimits: { postMessagePerChannel: false }, ...options });
  fakes.push(fake);
  const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.url, logLevel: LogLevel.ERROR, retryConfig: { retries, minTimeout: 0, maxTimeout: 1 } });
  return { fake, notifier: new SlackNotifier(client, { intervalMs: 1000 }) };
}

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

describe('SlackNotifier', () => {
  it('given a channel, when an alert is sent, then chat.postMessage carries blocks and an escaped fallback text', async () => {
    const { fake, notifier } = await setup();
    await notifier.send(channel(GENERAL), alert, 'key-1');
    const [msg] = fake.messages(GENERAL);
    expect(msg.via).toBe('chat.postMessage');
    expect(msg.text).toBe(`Evil &lt;!channel&gt; &amp; &lt;!here&gt; @everyone takes #1 on the daily chart with 1.04T tokens, ahead of Qwen3.6 Plus`);
    expect(msg.blocks!.map((b) => (b as { type: string }).type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(allStrings(msg.blocks!.filter((b) => (b as { type: string }).type !== 'header')).filter((s) => MENTION.test(s))).toEqual([]);
  });

  it('given a DM destination, opens the DM once with conversations.open and reuses the channel id', async () => {
    const { fake, notifier } = await setup();
    const dm = { kind: 'slack-dm' as const, teamId: TEAM, userId: 'U0ALICE001' };
    expect(notifier.handles(dm)).toBe(true);
    await notifier.send(dm, alert, 'k1');
    await notifier.sendText(dm, 'Alerts for <!channel> stopped');
    const opens = fake.requests.filter((r) => r.apiMethod === 'conversations.open');
    expect(opens).toHaveLength(1);
    expect(opens[0].body.users).toBe('U0ALICE001');
    const dmId = (opens[0].response as { channel: { id: string } }).channel.id;
    expect(fake.messages(dmId).map((m) => m.text)).toEqual([expect.stringContaining('takes #1'), 'Alerts for &lt;!channel&gt; stopped']);
  });

  it('given a DM to an unknown user, fails gone and tries conversations.open again next time', async () => {
    const { fake, notifier } = await setup();
    const dm = { kind: 'slack-dm' as const, teamId: TEAM, userId: 'U0NOBODY01' };
    const err = await failure(notifier.sendText(dm, 'hi'));
    expect(err.failure).toBe('gone');
    expect(err.message).toMatch(/U0NOBODY01.*user_not_found/);
    await failure(notifier.sendText(dm, 'hi'));
    expect(fake.requests.filter((r) => r.apiMethod === 'conversations.open')).toHaveLength(2);
  });

  it('given an archived channel, fails with DeliveryError gone naming the channel and is_archived', async () => {
    const { fake, notifier } = await setup();
    fake.addChannel({ id: 'C0OLDNEWS1', name: 'old-news' });
    fake.archiveChannel('C0OLDNEWS1');
    const err = await failure(notifier.send(channel('C0OLDNEWS1'), alert, 'k'));
    expect(err.failure).toBe('gone');
    expect(err.message).toMatch(/C0OLDNEWS1.*is_archived/);
    expect((await failure(notifier.sendText(channel('C0MISSING1'), 'x'))).failure).toBe('gone');
  });

  it('given a channel the bot left, fails forbidden; given a revoked token, fails unauthorized (the token, not the channel)', async () => {
    const { fake, notifier } = await setup();
    fake.addChannel({ id: 'C0PRIVATE1', name: 'secret', botIsMember: false });
    const left = await failure(notifier.sendText(channel('C0PRIVATE1'), 'x'));
    expect([left.failure, left.message]).toEqual(['forbidden', expect.stringMatching(/C0PRIVATE1.*not_in_channel/)]);
    fake.revokeToken(fake.botToken);
    const revoked = await failure(notifier.send(channel(GENERAL), alert, 'k'));
    expect([revoked.failure, revoked.message]).toEqual(['unauthorized', expect.stringMatching(/token_revoked/)]);
  });

  it.each([
    ['invalid_blocks', 200, 'invalid'],
    ['msg_too_long', 200, 'invalid'],
    ['missing_scope', 200, 'unauthorized'],
    ['internal_error', 500, 'retry'],
  ] as const)('given Slack answers %s (HTTP %i), fails %s', async (error, httpStatus, want) => {
    const { fake, notifier } = await setup({}, 0);
    fake.failNext({ method: 'chat.postMessage', error, httpStatus });
    const err = await failure(notifier.send(channel(GENERAL), alert, 'k'));
    expect(err.failure).toBe(want);
    expect(err.message).toContain(GENERAL);
  });

  it('given a 429 with Retry-After: 1, the WebClient waits and the message arrives once', async () => {
    const { fake, notifier } = await setup();
    fake.failNext({ method: 'chat.postMessage', httpStatus: 429, retryAfter: 1 });
    const started = Date.now();
    await notifier.send(channel(GENERAL), alert, 'k');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.requests.filter((r) => r.apiMethod === 'chat.postMessage').map((r) => r.status)).toEqual([429, 200]);
    expect(fake.messages(GENERAL)).toHaveLength(1);
  });

  it('given a 429 the client gave up on, fails retry', async () => {
    const { fake, notifier } = await setup({}, 0);
    fake.failNext({ method: 'chat.postMessage', httpStatus: 429, retryAfter: 0 });
    expect((await failure(notifier.sendText(channel(GENERAL), 'x'))).failure).toBe('retry');
  });

  it('given 3 messages to one channel and 1 to another, paces the channel at one per second and never hits its limit', async () => {
    const { fake, notifier } = await setup({ rateLimits: { postMessagePerChannel: { rate: 1, burst: 1 } } });
    const started = Date.now();
    const other = notifier.sendText(channel('C0RANDOM01'), 'other').then(() => Date.now() - started);
    await Promise.all([1, 2, 3].map((i) => notifier.sendText(channel(GENERAL), `m${i}`)));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1950);
    expect(await other).toBeLessThan(900);
    expect(fake.messages(GENERAL).map((m) => m.text)).toEqual(['m1', 'm2', 'm3']);
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
  });
});
