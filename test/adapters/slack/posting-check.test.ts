import { LogLevel, webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackPostingCheck } from '../../../src/adapters/slack/posting-check.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/index.js';
import { silentLogger } from '../../../src/logger.js';

let fake: FakeSlack;
let client: webApi.WebClient;
beforeAll(async () => {
  fake = await startFakeSlack({
    channels: [
      { id: 'C0MEMBER01', name: 'member' },
      { id: 'C0OUTSIDE1', name: 'outside', botIsMember: false },
      { id: 'C0PRIVIN01', name: 'inner', isPrivate: true },
      { id: 'C0PRIVOUT1', name: 'closed', isPrivate: true, botIsMember: false },
      { id: 'C0ARCHIVE1', name: 'old', archived: true },
    ],
  });
  client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.url, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
});
afterAll(() => fake?.close());

const check = (channel: string, name: string) => slackPostingCheck(client, channel, `#${name}`, silentLogger);

describe('can rankwatch post in this Slack channel (conversations.info)', () => {
  it.each([
    ['a public channel it is in', 'C0MEMBER01', 'member'],
    ['a private channel it is in', 'C0PRIVIN01', 'inner'],
  ])('given %s, then yes', async (_what, id, name) => {
    expect(await check(id, name)).toEqual({ ok: true });
  });

  it('given a public channel it is not in, then yes (chat:write.public), with a note about pictures', async () => {
    expect(await check('C0OUTSIDE1', 'outside')).toEqual({ ok: true, note: 'rankwatch is not in #outside: alerts are posted (chat:write.public) but their pictures are not until you type /invite @rankwatch in this channel' });
  });

  it('given a private channel it is not in (Slack: channel_not_found), then invite it first', async () => {
    expect(await check('C0PRIVOUT1', 'closed')).toEqual({
      ok: false,
      problem: "I can't post in #closed: it is private and rankwatch is not in it. Invite @rankwatch first: type /invite @rankwatch in this channel, then run /alerts setup again.",
    });
  });

  it('given an archived channel, then no, and it says to unarchive it', async () => {
    expect(await check('C0ARCHIVE1', 'old')).toMatchObject({ ok: false, problem: expect.stringMatching(/^I can't post in #old: it is archived\. Unarchive it/) });
  });

  it('given a lookup that fails otherwise (internal_error), then it does not refuse: the confirmation post is the test', async () => {
    fake.failNext({ method: 'conversations.info', error: 'internal_error' });
    expect(await check('C0MEMBER01', 'member')).toEqual({ ok: true });
  });
});

describe('the stand-in posts as Slack does with chat:write.public', () => {
  /** A bot token installed through OAuth with these scopes (authorize, then oauth.v2.access). */
  async function installedWith(scope: string): Promise<webApi.WebClient> {
    const redirect = 'https://bot.example.com/slack/oauth_redirect';
    const query = new URLSearchParams({ client_id: fake.clientId, scope, redirect_uri: redirect });
    const back = await fetch(`${fake.baseUrl}/oauth/v2/authorize?${query}`, { redirect: 'manual' });
    const code = new URL(back.headers.get('location')!).searchParams.get('code')!;
    const access = await new webApi.WebClient(undefined, { slackApiUrl: fake.url, logLevel: LogLevel.ERROR }).oauth.v2.access({ client_id: fake.clientId, client_secret: fake.clientSecret, code, redirect_uri: redirect });
    return new webApi.WebClient(access.access_token, { slackApiUrl: fake.url, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
  }

  it('given a public channel the bot is not in, then chat.postMessage works with chat:write.public, and not without it or in a private one', async () => {
    // The default test token lists no scopes; installing with chat:write.public adds it to that token.
    await expect(client.chat.postMessage({ channel: 'C0OUTSIDE1', text: 'hi' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    const installed = await installedWith('commands,chat:write,chat:write.public');
    expect((await installed.chat.postMessage({ channel: 'C0OUTSIDE1', text: 'hi' })).ok).toBe(true);
    // chat:write.public never opens a private channel.
    await expect(installed.chat.postMessage({ channel: 'C0PRIVOUT1', text: 'hi' })).rejects.toMatchObject({ data: { error: expect.stringMatching(/^(not_in_channel|channel_not_found)$/) } });
  });
});
