// Proves the fake Slack (test/fakes/slack) against the real @slack/bolt 5 / @slack/web-api 8 libraries.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { App, LogLevel, webApi } from '@slack/bolt';
import { startFakeSlack } from './fakes/slack/index.js';
import type { FakeSlack, FakeSlackOptions } from './fakes/slack/index.js';

const { WebClient, ErrorCode } = webApi;
const GENERAL = 'C0GENERAL1';
const SIGNING_SECRET = 'fake-signing-secret';

const fakes: FakeSlack[] = [];
const apps: App[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
  for (const fake of fakes.splice(0)) {
    // SocketModeReceiver.stop() starts the close handshake without waiting for it.
    await fake.waitFor(() => fake.socketConnections === 0, 2000).catch(() => undefined);
    await fake.close();
  }
});

async function fakeSlack(options?: FakeSlackOptions): Promise<FakeSlack> {
  const fake = await startFakeSlack(options);
  fakes.push(fake);
  return fake;
}

function client(fake: FakeSlack, opts: Partial<webApi.WebClientOptions> = {}): webApi.WebClient {
  return new WebClient(fake.botToken, {
    slackApiUrl: fake.url,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 0 },
    ...opts,
  });
}

function silentLogger(): import('@slack/bolt').Logger {
  const noop = () => undefined;
  return { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, getLevel: () => LogLevel.ERROR, setName: noop };
}

/** Runs `fn` and returns what it threw. */
async function thrown(fn: () => Promise<unknown>): Promise<webApi.WebAPICallError & { data?: any }> {
  try {
    await fn();
  } catch (err) {
    return err as webApi.WebAPICallError & { data?: any };
  }
  throw new Error('expected a rejection');
}

describe('fake Slack Web API with the real WebClient', () => {
  it('records chat.postMessage (form-urlencoded, blocks JSON-parsed) and answers like Slack', async () => {
    const fake = await fakeSlack();
    const web = client(fake);
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Weekly leaderboard' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*1.* some-model' } },
    ];
    const res = await web.chat.postMessage({ channel: GENERAL, text: 'Leaderboard', blocks });
    expect(res.ok).toBe(true);
    expect(res.channel).toBe(GENERAL);
    expect(res.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(res.message?.text).toBe('Leaderboard');

    const [msg] = fake.messages(GENERAL);
    expect(msg).toMatchObject({ text: 'Leaderboard', blocks, ts: res.ts, via: 'chat.postMessage' });
    const req = fake.requests.find((r) => r.apiMethod === 'chat.postMessage')!;
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers.authorization).toBe(`Bearer ${fake.botToken}`);
    expect(req.body.blocks).toEqual(blocks);
    expect(fake.messages('#general')).toHaveLength(1);
  });

  it('checks tokens: invalid_auth, not_authed, token_revoked', async () => {
    const fake = await fakeSlack();
    const bad = new WebClient('xoxb-wrong', { slackApiUrl: fake.url, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
    expect((await thrown(() => bad.auth.test())).data.error).toBe('invalid_auth');
    const anon = new WebClient(undefined, { slackApiUrl: fake.url, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
    expect((await thrown(() => anon.auth.test())).data.error).toBe('not_authed');

    const web = client(fake);
    const who = await web.auth.test();
    expect(who).toMatchObject({ ok: true, team_id: fake.teamId, user_id: fake.botUserId, bot_id: fake.botId });
    fake.revokeToken(fake.botToken);
    expect((await thrown(() => web.auth.test())).data.error).toBe('token_revoked');
  });

  it('retries a 429 with Retry-After: 1 after about a second', async () => {
    const fake = await fakeSlack();
    const web = client(fake, { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 1 } });
    const limited: number[] = [];
    web.on(webApi.WebClientEvent.RATE_LIMITED, (sec: number) => limited.push(sec));
    fake.failNext({ method: 'chat.postMessage', httpStatus: 429, retryAfter: 1 });

    const started = Date.now();
    const res = await web.chat.postMessage({ channel: GENERAL, text: 'hi' });
    const elapsed = Date.now() - started;
    expect(res.ok).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
    expect(limited).toEqual([1]);
    const posts = fake.requests.filter((r) => r.apiMethod === 'chat.postMessage');
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[0].response).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('enforces the per-channel chat.postMessage bucket', async () => {
    const fake = await fakeSlack({ rateLimits: { postMessagePerChannel: { rate: 1, burst: 2 } } });
    const web = client(fake, { rejectRateLimitedCalls: true });
    await web.chat.postMessage({ channel: GENERAL, text: '1' });
    await web.chat.postMessage({ channel: GENERAL, text: '2' });
    const err = await thrown(() => web.chat.postMessage({ channel: GENERAL, text: '3' }));
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect((err as webApi.WebAPIRateLimitedError).retryAfter).toBe(1);
    await web.chat.postMessage({ channel: 'C0RANDOM01', text: 'other channel is fine' });
    fake.advanceTime(1000);
    await web.chat.postMessage({ channel: GENERAL, text: 'refilled' });
    expect(fake.messages(GENERAL).map((m) => m.text)).toEqual(['1', '2', 'refilled']);
  });

  it('rejects more than 50 blocks with invalid_blocks and a json-pointer', async () => {
    const fake = await fakeSlack();
    const web = client(fake, { logger: silentLogger() });
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const err = await thrown(() => web.chat.postMessage({ channel: GENERAL, text: 'x', blocks }));
    expect(err.code).toBe(ErrorCode.PlatformError);
    expect(err.data.error).toBe('invalid_blocks');
    expect(err.data.errors).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
    expect(err.data.response_metadata.messages[0]).toMatch(/^\[ERROR\] no more than 50/);

    const long = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];
    const err2 = await thrown(() => web.chat.postMessage({ channel: GENERAL, text: 'x', blocks: long }));
    expect(err2.data.errors).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    expect(fake.messages(GENERAL)).toHaveLength(0);
  });

  it('throws WebAPIPlatformError is_archived for an archived channel, channel_not_found, no_text', async () => {
    const fake = await fakeSlack();
    const web = client(fake);
    fake.addChannel({ id: 'C0OLDNEWS1', name: 'old-news' });
    fake.archiveChannel('C0OLDNEWS1');
    const err = await thrown(() => web.chat.postMessage({ channel: 'C0OLDNEWS1', text: 'hello?' }));
    expect(err.code).toBe(ErrorCode.PlatformError);
    expect(err.data).toMatchObject({ ok: false, error: 'is_archived' });
    expect((await thrown(() => web.chat.postMessage({ channel: 'C0NOPE0000', text: 'x' }))).data.error).toBe(
      'channel_not_found',
    );
    expect((await thrown(() => web.chat.postMessage({ channel: GENERAL, text: '' }))).data.error).toBe('no_text');
  });

  it('reports section/header/actions/context limit violations with json-pointers', async () => {
    const fake = await fakeSlack();
    const field = { type: 'mrkdwn', text: 'f' };
    const button = (i: number) => ({ type: 'button', action_id: `b${i}`, text: { type: 'plain_text', text: 'go' } });
    const blocks = [
      { type: 'section', fields: Array.from({ length: 11 }, () => field) },
      { type: 'section', fields: [{ type: 'mrkdwn', text: 'z'.repeat(2001) }] },
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      { type: 'actions', block_id: 'k'.repeat(256), elements: Array.from({ length: 26 }, (_, i) => button(i)) },
      { type: 'actions', elements: [{ ...button(0), action_id: 'a'.repeat(256) }] },
      { type: 'context', elements: Array.from({ length: 11 }, () => field) },
    ];
    const err = await thrown(() => client(fake, { logger: silentLogger() }).chat.postMessage({ channel: GENERAL, text: 'x', blocks }));
    expect(err.data.errors).toEqual([
      'no more than 10 items allowed [json-pointer:/blocks/0/fields]',
      'must be less than 2001 characters [json-pointer:/blocks/1/fields/0/text]',
      'must be less than 151 characters [json-pointer:/blocks/2/text/text]',
      'must be less than 256 characters [json-pointer:/blocks/3/block_id]',
      'no more than 25 items allowed [json-pointer:/blocks/3/elements]',
      'must be less than 256 characters [json-pointer:/blocks/4/elements/0/action_id]',
      'no more than 10 items allowed [json-pointer:/blocks/5/elements]',
    ]);
  });

  it('accepts JSON bodies and keeps the app token to apps.connections.open', async () => {
    const fake = await fakeSlack();
    const res = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: GENERAL, text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    expect(fake.messages(GENERAL)[0].blocks).toEqual([{ type: 'divider' }]);
    const err = await thrown(() => client(fake).apiCall('apps.connections.open'));
    expect(err.data.error).toBe('not_allowed_token_type');
    const app = new WebClient(fake.appToken, { slackApiUrl: fake.url, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
    const open = await app.apps.connections.open();
    expect(open.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${fake.port}/socket\\?ticket=`));
  });

  it('truncates text over 40,000 characters with a message_truncated warning', async () => {
    const fake = await fakeSlack();
    const res = await client(fake).chat.postMessage({ channel: GENERAL, text: 'y'.repeat(40_010) });
    expect(res.response_metadata?.warnings).toEqual(['message_truncated']);
    expect(fake.messages(GENERAL)[0].text).toHaveLength(40_000);
  });

  it('opens DMs, posts ephemerals, updates messages, and turns failNext 500 into WebAPIHTTPError', async () => {
    const fake = await fakeSlack();
    const web = client(fake);
    const dm = await web.conversations.open({ users: 'U0ALICE001' });
    expect(dm.channel?.id).toMatch(/^D[A-Z0-9]+$/);
    const posted = await web.chat.postMessage({ channel: dm.channel!.id!, text: 'psst' });
    const info = await web.conversations.info({ channel: dm.channel!.id! });
    expect(info.channel?.is_im).toBe(true);
    await web.chat.update({ channel: dm.channel!.id!, ts: posted.ts!, text: 'edited' });
    expect(fake.messages(dm.channel!.id!)[0]).toMatchObject({ text: 'edited', edits: [{ text: 'psst' }] });
    const eph = await web.chat.postEphemeral({ channel: GENERAL, user: 'U0BOB00001', text: 'only you' });
    expect(eph.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.ephemerals(GENERAL)[0]).toMatchObject({ user: 'U0BOB00001', text: 'only you' });

    fake.failNext({ method: 'chat.postMessage', httpStatus: 500 });
    expect((await thrown(() => web.chat.postMessage({ channel: GENERAL, text: 'x' }))).code).toBe(ErrorCode.HTTPError);
    fake.failNext({ method: 'chat.postMessage', error: 'not_in_channel' });
    expect((await thrown(() => web.chat.postMessage({ channel: GENERAL, text: 'x' }))).data.error).toBe('not_in_channel');
  });
});

describe('response_url and incoming webhooks', () => {
  it('accepts a response_url 5 times, then 404 used_url; expires after 30 minutes', async () => {
    const fake = await fakeSlack();
    const { id, url } = fake.mintResponseUrl({ channel: GENERAL });
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (let i = 0; i < 5; i++) expect((await post({ text: `r${i}` })).status).toBe(200);
    const sixth = await post({ text: 'r5' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(fake.responses(id).map((r) => r.accepted)).toEqual([true, true, true, true, true, false]);

    const other = fake.mintResponseUrl({ channel: GENERAL });
    fake.advanceTime(30 * 60_000 + 1);
    const late = await fetch(other.url, { method: 'POST', body: JSON.stringify({ text: 'late' }) });
    expect(late.status).toBe(404);
    expect(((await late.json()) as { error: string }).error).toBe('expired_url');
  });

  it('posts to an incoming webhook, rate limits it, and 404s an unknown hook', async () => {
    const fake = await fakeSlack();
    const hook = fake.createIncomingWebhook(GENERAL);
    expect(hook).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/services\/T\w+\/B\w+\/\S+$/);
    const post = (u: string, body: unknown) =>
      fetch(u, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const ok = await post(hook, { text: 'chart moved' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('ok');
    const limited = await post(hook, { text: 'too fast' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    fake.advanceTime(1000);
    const empty = await post(hook, {});
    expect([empty.status, await empty.text()]).toEqual([400, 'no_text']);
    expect(fake.webhookPosts(GENERAL).map((p) => p.status)).toEqual([200, 429, 400]);
    expect(fake.messages(GENERAL)).toMatchObject([{ text: 'chart moved', via: 'incoming-webhook' }]);

    const unknown = await post(`${fake.baseUrl}/services/T0FAKETEAM/B0NOPE/abc`, { text: 'x' });
    expect([unknown.status, await unknown.text()]).toEqual([404, 'no_service']);
    fake.archiveChannel(GENERAL);
    fake.advanceTime(1000);
    const archived = await post(hook, { text: 'x' });
    expect([archived.status, await archived.text()]).toEqual([410, 'channel_is_archived']);
  });
});

describe('Bolt App against the fake', () => {
  it('Socket Mode: connects, receives /leaderboard, acks and respond()s through response_url', async () => {
    const fake = await fakeSlack();
    const app = new App({
      token: fake.botToken,
      appToken: fake.appToken,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url },
    });
    apps.push(app);
    app.command('/leaderboard', async ({ command, ack, respond }) => {
      await ack();
      await respond({ text: `Top models (${command.text})`, response_type: 'in_channel' });
    });
    app.action('refresh', async ({ ack, respond, action }) => {
      await ack();
      await respond({ text: `refreshed ${'value' in action ? action.value : ''}`, replace_original: true });
    });
    await app.start();
    expect(fake.socketConnections).toBe(1);
    expect(fake.requests.map((r) => r.apiMethod)).toEqual(expect.arrayContaining(['auth.test', 'apps.connections.open']));

    const delivery = await fake.sendSlashCommand({ command: '/leaderboard', text: 'weekly', channel_id: GENERAL });
    expect(delivery.ack).toBeUndefined();
    const [resp] = await delivery.waitForResponses(1);
    expect(resp).toMatchObject({ accepted: true, body: { text: 'Top models (weekly)', response_type: 'in_channel' } });
    expect(fake.messages(GENERAL)).toMatchObject([{ text: 'Top models (weekly)', via: 'response_url' }]);

    const posted = await client(fake).chat.postMessage({ channel: GENERAL, text: 'board v1' });
    const click = await fake.sendBlockAction({ action_id: 'refresh', value: 'v2', channel_id: GENERAL, message_ts: posted.ts });
    await click.waitForResponses(1);
    expect(fake.messages(GENERAL).find((m) => m.ts === posted.ts)?.text).toBe('refreshed v2');

    // app.stop() resolves before the WebSocket close handshake finishes (~15 ms later).
    await app.stop();
    await fake.waitFor(() => fake.socketConnections === 0);
  });

  it('Socket Mode: an ack payload comes back on the delivery', async () => {
    const fake = await fakeSlack();
    const app = new App({
      token: fake.botToken,
      appToken: fake.appToken,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url },
    });
    apps.push(app);
    app.command('/leaderboard', async ({ ack }) => ack({ text: 'working on it' }));
    await app.start();
    const delivery = await fake.sendSlashCommand({ text: '' });
    expect(delivery.ack).toEqual({ text: 'working on it' });
  });

  it('Socket Mode: an unhandled command is never acked, so the delivery rejects after ackTimeoutMs', async () => {
    const fake = await fakeSlack({ ackTimeoutMs: 300 });
    const app = new App({
      token: fake.botToken,
      appToken: fake.appToken,
      socketMode: true,
      logger: silentLogger(),
      clientOptions: { slackApiUrl: fake.url },
    });
    apps.push(app);
    await app.start();
    await expect(fake.sendSlashCommand({ command: '/unknown' })).rejects.toThrow(/not acked within 300 ms/);
  });

  it('HTTP receiver: a signed slash command is answered; a bad signature gets 401', async () => {
    const fake = await fakeSlack();
    const app = new App({
      token: fake.botToken,
      botId: fake.botId,
      botUserId: fake.botUserId,
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url },
    });
    apps.push(app);
    app.command('/leaderboard', async ({ ack, respond, command }) => {
      await ack();
      await respond({ text: `hello ${command.user_name}` });
    });
    const server = await app.start(0);
    const port = (server.address() as AddressInfo).port;
    const endpoint = `http://127.0.0.1:${port}/slack/events`;

    const signed = fake.signedSlashCommandRequest(SIGNING_SECRET, { text: 'monthly', channel_id: GENERAL });
    expect(signed.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const res = await fetch(endpoint, { method: 'POST', headers: signed.headers, body: signed.body });
    expect(res.status).toBe(200);
    const [resp] = await fake.waitFor(() => fake.responses(signed.responseUrlId).length > 0 && fake.responses(signed.responseUrlId));
    expect(resp.body).toEqual({ text: 'hello alice' });
    expect(fake.ephemerals(GENERAL)).toMatchObject([{ text: 'hello alice', via: 'response_url' }]);

    const forged = fake.signedSlashCommandRequest('wrong-secret', { text: 'x' });
    const bad = await fetch(endpoint, { method: 'POST', headers: forged.headers, body: forged.body });
    expect(bad.status).toBe(401);
    expect(fake.requests.some((r) => r.apiMethod === 'auth.test')).toBe(false);
  });

  it('HTTP receiver: signed block_actions payload, stale timestamp 401, charset 400', async () => {
    const fake = await fakeSlack();
    const app = new App({
      token: fake.botToken,
      botId: fake.botId,
      botUserId: fake.botUserId,
      signingSecret: SIGNING_SECRET,
      logger: silentLogger(),
      clientOptions: { slackApiUrl: fake.url },
    });
    apps.push(app);
    app.action('refresh', async ({ ack, respond }) => {
      await ack();
      await respond({ text: 'done', replace_original: true });
    });
    app.command('/leaderboard', async ({ ack }) => ack({ text: 'inline answer' }));
    const server = await app.start(0);
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    const send = (r: { headers: Record<string, string>; body: string }) =>
      fetch(endpoint, { method: 'POST', headers: r.headers, body: r.body });

    const posted = await client(fake).chat.postMessage({ channel: GENERAL, text: 'board' });
    const click = fake.signedBlockActionRequest(SIGNING_SECRET, { action_id: 'refresh', value: '1', channel_id: GENERAL, message_ts: posted.ts });
    expect(click.body.startsWith('payload=')).toBe(true);
    expect((await send(click)).status).toBe(200);
    await fake.waitFor(() => fake.responses(click.responseUrlId).length === 1);
    expect(fake.messages(GENERAL)[0]).toMatchObject({ ts: posted.ts, text: 'done' });

    const inline = await send(fake.signedSlashCommandRequest(SIGNING_SECRET, { text: '' }));
    expect(inline.status).toBe(200);
    expect(await inline.json()).toEqual({ text: 'inline answer' });

    const stale = fake.signedSlashCommandRequest(SIGNING_SECRET, {}, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect((await send(stale)).status).toBe(401);
    const charset = fake.signedSlashCommandRequest(SIGNING_SECRET, {});
    charset.headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    expect((await send(charset)).status).toBe(400);
  });
});
