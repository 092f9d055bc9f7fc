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
