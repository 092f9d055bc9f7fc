// End to end, digests and quiet hours on Slack: the whole app (createApp) with the real Bolt app on
// the fake Slack (Socket Mode and Web API), the fake OpenRouter, SQLite in a temp dir, and a manual
// clock for both the app's clock and its timers (so a day passes in milliseconds, and the digest's
// 09:00 in New York is crossed on both sides of the 2026-11-01 change to standard time). The same
// story as digest-quiet.e2e.test.ts tells on Discord and the console, typed as Slack users type it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeldStore } from '../../src/store/held-store.js';
import { startFakeSlack, type FakeSlack, type RecordedMessage, type ResponseUrlPost } from '../fakes/slack/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { adminProxy, allStrings, ALPHA, BETA, EVIL, openRouterWorld, startApp, type E2eApp, type OpenRouterWorld } from './support.js';

/** Digest `instead` of instant alerts. */
const GENERAL = 'C0GENERAL1';
/** Digest `also`, as well as instant alerts. */
const RANDOM = 'C0RANDOM01';
/** Quiet hours 11:00-13:00 UTC, no digest. */
const QUIET = 'C0QUIET001';
/** Reported as a workspace admin (through the proxy): may set up alerts anywhere. */
const ALICE = 'U0ALICE001';

let world: OpenRouterWorld;
let fake: FakeSlack;
let proxy: Awaited<ReturnType<typeof adminProxy>>;
let e2e: E2eApp;
// Noon UTC on the day after the fake's last finished day (2026-10-30), as each sync expects.
const clock = new ManualClock(Date.parse('2026-10-31T12:00:00Z'));

type Block = { type: string; text?: { type: string; text: string }; fields?: { type: string; text: string }[] };
const busy = () => e2e.app.deliverer.pendingCount() > 0;
const advanceTo = (iso: string) => clock.advance(Date.parse(iso) - clock.now(), busy);
/** What /alerts setup posts in the channel it set up: not an alert. */
const CONFIRMATION = /^Alerts (set up|changed) here by /;
const alertsIn = (channel: string) => fake.messages(channel).filter((m) => !CONFIRMATION.test(m.text ?? ''));
const blocksOf = (m: RecordedMessage) => m.blocks as Block[];
const headers = (channel: string) => alertsIn(channel).map((m) => blocksOf(m)[0]?.text?.text);
/** The mrkdwn section of "• " lines (a digest's alerts, a catch-up's held headlines), split. */
const bullets = (m: RecordedMessage) => blocksOf(m).find((b) => b.type === 'section' && b.text?.text.startsWith('• '))?.text!.text.split('\n') ?? [];
const fields = (m: RecordedMessage) => blocksOf(m).flatMap((b) => b.fields?.map((f) => f.text) ?? []);
const body = (post: ResponseUrlPost) => post.body as { text: string; blocks?: Block[]; response_type?: string };

async function command(text: string, channel: string): Promise<ResponseUrlPost> {
  const delivery = await fake.sendSlashCommand({ command: '/alerts', text, channel_id: channel, user_id: ALICE });
  const [post] = await delivery.waitForResponses(1);
  return post;
}

beforeAll(async () => {
  world = await openRouterWorld('Evil Model', '2026-10-21');
  fake = await startFakeSlack({ rateLimits: { postMessagePerChannel: false } });
  fake.addChannel({ id: QUIET, name: 'quiet' });
  proxy = await adminProxy(fake.baseUrl, [ALICE]);
  e2e = await startApp(
    world,
    { SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: proxy.url },
    { paced: false, pictures: false, clock: clock.date, timers: clock },
  );
  expect(await e2e.app.start({ schedule: false })).toMatchObject({ silent: true });
  await fake.waitForSocket();
});

afterAll(async () => {
  await e2e?.close();
  await fake?.close();
  await proxy?.close();
  await world?.fake.close();
});

describe('digests and quiet hours on Slack, end to end', () => {
  it('sets a digest instead of alerts (#general), one as well as alerts (#random), and quiet hours (#quiet), typed', async () => {
    for (const [ch, types] of [[GENERAL, 'new_leader'], [RANDOM, 'new_leader'], [QUIET, 'new_leader,personal_best']]) {
      expect(body(await command(`setup types:${types} charts:daily`, ch)).text).toMatch(/^Alerts on for #(general|random|quiet): /);
      expect(fake.messages(ch).map((m) => m.text)).toEqual([expect.stringMatching(CONFIRMATION)]);
    }
    const instead = body(await command('digest daily 09:00 America/New_York instead', GENERAL));
    expect(instead.response_type).toBe('ephemeral');
    expect(instead.text).toBe('Digest on for #general: daily at 09:00 (America/New_York), instead of instant alerts. Next: 2026-10-31 09:00 (America/New_York).');
    const also = body(await command('digest daily 09:00 America/New_York also', RANDOM));
    expect(also.text).toBe('Digest on for #random: daily at 09:00 (America/New_York), as well as instant alerts. Next: 2026-10-31 09:00 (America/New_York).');
    const quiet = body(await command('quiet 11:00-13:00', QUIET));
    expect(quiet.response_type).toBe('ephemeral');
    expect(quiet.text).toBe('Quiet hours on for #quiet: 11:00 to 13:00 (UTC). Alerts in that window are held and posted as one catch-up when it ends.');
    const show = allStrings(body(await command('show', GENERAL)).blocks).join('\n');
    expect(show).toContain('daily at 09:00 (America/New_York), instead of instant alerts');
    for (const ch of [GENERAL, RANDOM, QUIET]) expect(alertsIn(ch)).toEqual([]);
  });

  it('posts the digest at 09:00 New York daylight time (13:00 UTC on 2026-10-31), as Block Kit, not a minute earlier', async () => {
    await advanceTo('2026-10-31T12:59:00Z');
    expect(alertsIn(GENERAL)).toEqual([]);
    expect(alertsIn(RANDOM)).toEqual([]);
    await advanceTo('2026-10-31T13:00:00Z');
    await fake.waitFor(() => alertsIn(GENERAL).length === 1 && alertsIn(RANDOM).length === 1);
    const recap = 'Daily recap, 2026-10-30 (UTC): Alpha One leads, 0 alerts';
    expect(headers(GENERAL)).toEqual([recap]);
    expect(headers(RANDOM)).toEqual([recap]);
    const [digest] = alertsIn(GENERAL);
    expect(digest.via).toBe('chat.postMessage');
    expect(blocksOf(digest)[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: recap } });
    expect(digest.text).toBe(recap);
    expect(fields(digest).slice(0, 2)).toEqual(['*#1 Alpha One*\n1.00T = +0.0%', '*#2 Beta Two*\n800B = +0.0%']);
    expect(bullets(digest)).toEqual(['• No alerts in this period.']);
    // #quiet has no digest, and nothing was held in its window this morning: no catch-up.
    expect(alertsIn(QUIET)).toEqual([]);
  });

  it('holds #quiet’s alerts in its quiet hours, then posts one catch-up at 13:00 UTC; #general (instead) gets none; #random (also) gets its alert', async () => {
    // Beta takes #1 with a personal best; Evil has a personal best of its own: two stories for #quiet.
    world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 150 });
    await advanceTo('2026-11-01T11:30:00Z'); // 11:30 UTC: in #quiet's window, 06:30 in New York
    expect(await e2e.app.poller.pollOnce()).toMatchObject({ silent: false });
    await e2e.app.deliverer.idle();
    await fake.waitFor(() => alertsIn(RANDOM).length === 2);
    expect(headers(RANDOM)).toEqual([expect.stringMatching(/^Daily recap/), expect.stringMatching(/^Beta Two takes #1 on the daily chart/)]);
    expect(alertsIn(RANDOM)[1].via).toBe('chat.postMessage');
    expect(alertsIn(GENERAL)).toHaveLength(1); // the recap only: `instead` gets no instant alert
    expect(alertsIn(QUIET)).toEqual([]);
    const dest = { kind: 'slack-channel' as const, teamId: fake.teamId, channelId: QUIET };
    const held = await new HeldStore(e2e.app.runtime.stores.outbox).list();
    expect(held.map((h) => h.dest)).toEqual(held.map(() => dest));
    expect(held.map((h) => h.until)).toEqual(held.map(() => '2026-11-01T13:00:00.000Z'));
    expect(held.map((h) => h.alert.headline)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Beta Two takes #1 on the daily chart/), expect.stringMatching(/^Evil Model .*personal best/i)]),
    );

    await advanceTo('2026-11-01T12:59:00Z');
    expect(alertsIn(QUIET)).toEqual([]);
    await advanceTo('2026-11-01T13:00:00Z');
    const [catchUp] = await fake.waitFor(() => alertsIn(QUIET).length > 0 && alertsIn(QUIET));
    expect(catchUp.via).toBe('chat.postMessage');
    expect(blocksOf(catchUp)[0]).toMatchObject({ type: 'header', text: { text: `While you were quiet: ${held.length} alerts` } });
    expect(bullets(catchUp)).toEqual(held.map((h) => `• ${h.alert.headline}`));
    expect(await new HeldStore(e2e.app.runtime.stores.outbox).list()).toEqual([]);
    await advanceTo('2026-11-01T13:05:00Z');
    expect(alertsIn(QUIET)).toHaveLength(1); // the catch-up is #quiet's only message: nothing went twice
    // 13:00 UTC is 08:00 in New York on standard time: no digest yet.
    expect(alertsIn(GENERAL)).toHaveLength(1);
    expect(alertsIn(RANDOM)).toHaveLength(2);
  });

  it('posts the next digest at 09:00 New York standard time (14:00 UTC on 2026-11-01), with the day’s alert as a line', async () => {
    await advanceTo('2026-11-01T13:59:00Z');
    expect(alertsIn(GENERAL)).toHaveLength(1);
    await advanceTo('2026-11-01T14:00:00Z');
    await fake.waitFor(() => alertsIn(GENERAL).length === 2 && alertsIn(RANDOM).length === 3);
    const recap = 'Daily recap, 2026-10-31 (UTC): Beta Two leads, 1 alert';
    expect(headers(GENERAL)).toEqual([expect.any(String), recap]);
    expect(headers(RANDOM)).toEqual([expect.any(String), expect.any(String), recap]);
    const digest = alertsIn(GENERAL)[1];
    expect(digest.via).toBe('chat.postMessage');
    expect(bullets(digest)).toEqual([expect.stringMatching(/^• Beta Two takes #1 on the daily chart/)]);
    expect(fields(digest)[0]).toBe('*#1 Beta Two*\n1.20T ▲1 +50.0%');
    expect(alertsIn(QUIET)).toHaveLength(1);
  });

  it('turns the digest off: instant alerts resume in #general; nothing failed on the way', async () => {
    expect(body(await command('digest off', GENERAL)).text).toBe('Digest off for #general. Instant alerts resume.');
    expect((await e2e.app.settings.prefsFor({ kind: 'slack-channel', teamId: fake.teamId, channelId: GENERAL }))?.digest).toBeUndefined();
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(e2e.logger.errors()).toEqual([]);
  });
});
