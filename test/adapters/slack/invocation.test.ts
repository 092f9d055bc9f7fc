import { afterEach, describe, expect, it } from 'vitest';
import { LogLevel, webApi } from '@slack/bolt';
import { canManageChannel, needsChannelPermission, slackInvocation } from '../../../src/adapters/slack/invocation.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/index.js';
import { capturingLogger } from './support.js';

const origin = { teamId: 'T0FAKETEAM', userId: 'U0ALICE001', channelId: 'C0GENERAL1', channelName: 'general' };

describe('slackInvocation', () => {
  it('given a channel, the invocation names the channel, the DM and the person with their team', () => {
    expect(slackInvocation(origin, true)).toEqual({
      platform: 'slack',
      user: { platform: 'slack', userId: 'U0ALICE001', teamId: 'T0FAKETEAM' },
      channel: { kind: 'slack-channel', teamId: 'T0FAKETEAM', channelId: 'C0GENERAL1' },
      channelName: '#general',
      dm: { kind: 'slack-dm', teamId: 'T0FAKETEAM', userId: 'U0ALICE001' },
      canManageChannel: true,
      inDm: false,
    });
  });

  it('given a DM (D…), the channel is the DM, inDm is set and nobody manages it', () => {
    const inv = slackInvocation({ ...origin, channelId: 'D0ALICEDM1', channelName: 'directmessage' }, true);
    expect(inv).toMatchObject({ channel: inv.dm, inDm: true, canManageChannel: false });
    expect(inv.channelName).toBeUndefined();
  });
});

describe('needsChannelPermission', () => {
  it.each([
    ['alerts', { subcommand: 'setup' }, true],
    ['alerts', { subcommand: 'off' }, true],
    ['alerts', { subcommand: 'test' }, true],
    ['alerts', { subcommand: 'show' }, false],
    ['subscribe', { model: 'qwen', where: 'here' }, true],
    ['subscribe', { model: 'qwen', where: 'HERE' }, true],
    ['subscribe', { model: 'qwen' }, false],
    ['unsubscribe', { model: 'qwen', where: 'here' }, true],
    ['leaderboard', {}, false],
    ['model', { model: 'here' }, false],
  ])('/%s %j → %s', (command, raw, want) => {
    expect(needsChannelPermission(command, raw)).toBe(want);
  });
});

describe('canManageChannel', () => {
  let fake: FakeSlack;
  afterEach(async () => fake.close());

  /** A WebClient on the fake whose answers for one method are amended (the fake has no admins). */
  function client(amend: Record<string, (body: Record<string, any>) => void> = {}): webApi.WebClient {
    const patched: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const method = String(input).split('/').pop()!;
      if (!amend[method]) return res;
      const body = (await res.json()) as Record<string, any>;
      amend[method](body);
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    return new webApi.WebClient(fake.botToken, { slackApiUrl: fake.url, fetch: patched, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
  }

  it('given a workspace admin, allows without asking about the channel', async () => {
    fake = await startFakeSlack();
    const admin = client({ 'users.info': (b) => (b.user.is_admin = true) });
    expect(await canManageChannel(admin, origin, capturingLogger())).toBe(true);
    expect(fake.requests.map((r) => r.apiMethod)).toEqual(['users.info']);
  });

  it("given the channel's creator, allows; a plain member is refused", async () => {
    fake = await startFakeSlack();
    const creator = client({ 'conversations.info': (b) => (b.channel.creator = 'U0ALICE001') });
    expect(await canManageChannel(creator, origin, capturingLogger())).toBe(true);
    expect(await canManageChannel(client(), origin, capturingLogger())).toBe(false);
  });

  it('given a failed lookup, refuses and logs a warning', async () => {
    fake = await startFakeSlack();
    fake.failNext({ method: 'users.info', error: 'missing_scope' });
    const logger = capturingLogger();
    expect(await canManageChannel(client(), origin, logger)).toBe(false);
    expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
  });
});
