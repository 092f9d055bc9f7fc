// RestNotifier through the real @discordjs/rest against the fake Discord.
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonceOf, RestNotifier } from '../../../src/adapters/discord/rest-notifier.js';
import type { AlertMessage } from '../../../src/domain/alert-message.js';
import { DeliveryError } from '../../../src/delivery/notifier.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { allStrings, EVIL_NAME, EVIL_SLUG, LIVE_MENTION } from './support.js';

let fake: FakeDiscord;
let rest: REST;
let notifier: RestNotifier;

const ALERT: AlertMessage = {
  eventId: `new_leader:daily:2026-03-11:${EVIL_SLUG}`,
  headline: `${EVIL_NAME} takes #1 on the daily chart with 1.04T tokens, ahead of Qwen3.6 Plus`,
  figures: [['Tokens', '1.04T'], ['Previous #1', 'Qwen3.6 Plus']],
  url: `https://openrouter.ai/${EVIL_SLUG}`,
  linkLabel: `${EVIL_NAME} on OpenRouter`,
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z',
  followModel: EVIL_SLUG,
  day: '2026-03-11',
};

const channel = (id: string) => ({ kind: 'discord-channel' as const, channelId: id, guildId: fake.defaultGuildId! });
const failureOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as DeliveryError);

beforeAll(async () => {
  fake = await startFakeDiscord({ rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } } });
  rest = new REST({ api: fake.url, offset: 0, retries: 1 }).setToken(fake.token);
  notifier = new RestNotifier(rest);
});

afterAll(async () => {
  rest?.clearHashSweeper();
  rest?.clearHandlerSweeper();
  await fake?.close();
});

describe('RestNotifier', () => {
  it('given an alert about a model named to ping everyone, then it is posted with allowed_mentions parse [] and a nonce', async () => {
    const id = fake.addChannel(fake.defaultGuildId!, { name: 'alerts' }).id;
    await notifier.send(channel(id), ALERT, `${ALERT.eventId}|discord:channel:${id}`);
    const req = fake.requests.findLast((r) => r.route === `/channels/${id}/messages`)!;
    expect(req.status).toBe(200);
    expect(req.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(req.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true, nonce: nonceOf(`${ALERT.eventId}|discord:channel:${id}`) });
    for (const s of allStrings(req.body)) expect(s).not.toMatch(LIVE_MENTION);
    const [msg] = fake.messages(id);
    expect(msg.embeds[0].title).toContain('Evil @\u200beveryone');
    expect(msg.components[0].components[0].custom_id).toBe(`follow:${EVIL_SLUG}`);
  });

  it('given the same idempotency key twice (a retried send), then the channel gets one message', async () => {
    const id = fake.addChannel(fake.defaultGuildId!, { name: 'retry' }).id;
    await notifier.send(channel(id), ALERT, 'event-1|dest-1');
    await notifier.send(channel(id), ALERT, 'event-1|dest-1');
    expect(fake.messages(id)).toHaveLength(1);
    await notifier.send(channel(id), ALERT, 'event-2|dest-1');
    expect(fake.messages(id)).toHaveLength(2);
    expect(nonceOf('x'.repeat(80))).toHaveLength(25);
  });

  it('given a person, then the DM channel is opened once and reused', async () => {
    const userId = '423456789012345678';
    await notifier.send({ kind: 'discord-dm', userId }, ALERT, 'dm-1');
    await notifier.sendText({ kind: 'discord-dm', userId }, 'Alerts for #alerts stopped: @everyone');
    expect(fake.requests.filter((r) => r.route === '/users/@me/channels')).toHaveLength(1);
    const dm = fake.requests.find((r) => r.route === '/users/@me/channels')!.responseBody as { id: string };
    const texts = fake.messages(dm.id);
    expect(texts).toHaveLength(2);
    expect(texts[1].content).toBe('Alerts for #alerts stopped: @\u200beveryone');
  });

  it('given a deleted channel, then DeliveryError gone naming the channel and the Discord error', async () => {
    const id = fake.addChannel(fake.defaultGuildId!, { name: 'doomed' }).id;
    fake.deleteChannel(id);
    const err = await failureOf(notifier.send(channel(id), ALERT, 'gone-1'));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ failure: 'gone' });
    expect(err!.message).toContain(`discord channel ${id}`);
    expect(err!.message).toMatch(/10003 Unknown Channel/);
  });

  it('given a channel the bot lost access to, then forbidden', async () => {
    const id = fake.addChannel(fake.defaultGuildId!, { name: 'locked' }).id;
    fake.setChannelPermissionDenied(id);
    expect(await failureOf(notifier.sendText(channel(id), 'hi'))).toMatchObject({ failure: 'forbidden', message: expect.stringMatching(/50001 Missing Access/) });
    fake.failNext({ path: /messages$/, status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    expect(await failureOf(notifier.sendText(channel(fake.defaultChannelId!), 'hi'))).toMatchObject({ failure: 'forbidden' });
  });

  it.each([
    [{ status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { embeds: { _errors: [{ code: 'X', message: 'bad' }] } } } }, 'invalid'],
    [{ status: 400, body: { code: 50006, message: 'Cannot send an empty message' } }, 'invalid'],
    [{ status: 413, body: { code: 40005, message: 'Request entity too large' } }, 'invalid'],
    [{ status: 403, body: { code: 50007, message: 'Cannot send messages to this user' } }, 'gone'],
    [{ status: 404, body: { code: 10013, message: 'Unknown User' } }, 'gone'],
    [{ status: 503, times: 2 }, 'retry'],
  ])('given Discord answering %j, then %s', async (fault, failure) => {
    fake.failNext({ path: /messages$/, ...fault });
    expect(await failureOf(notifier.sendText(channel(fake.defaultChannelId!), 'x'))).toMatchObject({ failure });
  });

  it('given an unreachable Discord, then retry', async () => {
    const offline = new RestNotifier(new REST({ api: 'http://127.0.0.1:1/api', retries: 0, timeout: 2000 }).setToken('t'));
    expect(await failureOf(offline.sendText(channel('123456789012345678'), 'x'))).toMatchObject({ failure: 'retry', message: expect.stringMatching(/unreachable/) });
  });

  it('given a scripted 429, then the send waits it out and the message is posted once', async () => {
    const id = fake.addChannel(fake.defaultGuildId!, { name: 'busy' }).id;
    fake.failNext({ path: `/channels/${id}/messages`, status: 429, retryAfter: 0.2 });
    const t0 = Date.now();
    await notifier.send(channel(id), ALERT, 'busy-1');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
    expect(fake.messages(id)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.route === `/channels/${id}/messages`).map((r) => r.status)).toEqual([429, 200]);
  });

  it('given more sends than the channel bucket allows, then none is dropped and none meets a 429', async () => {
    fake.setRateLimits({ channelMessages: { limit: 3, windowMs: 300 } });
    try {
      const id = fake.addChannel(fake.defaultGuildId!, { name: 'burst' }).id;
      await Promise.all(Array.from({ length: 7 }, (_, i) => notifier.send(channel(id), ALERT, `burst-${i}`)));
      expect(fake.messages(id)).toHaveLength(7);
      expect(fake.requests.filter((r) => r.route === `/channels/${id}/messages` && r.status === 429)).toHaveLength(0);
    } finally {
      fake.setRateLimits({ channelMessages: { limit: 50, windowMs: 1000 } });
    }
  });
});
