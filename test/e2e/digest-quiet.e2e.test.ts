// End to end, digests and quiet hours: the whole app (createApp) with the real discord.js client on
// the fake Discord, the console chat beside it, the fake OpenRouter, SQLite in a temp dir, and a
// manual clock for both the app's clock and its timers (so a day passes in milliseconds, and the
// digest's 09:00 in New York is crossed on both sides of the 2026-11-01 change to standard time).
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConsoleChat } from '../../src/adapters/console/console-chat.js';
import { HeldStore } from '../../src/store/held-store.js';
import { startFakeDiscord, type FakeDiscord, type Json } from '../fakes/discord/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { ALPHA, BETA, EVIL, openRouterWorld, startApp, type E2eApp, type OpenRouterWorld } from './support.js';

const MEMBER = ((1n << 10n) | (1n << 11n) | (1n << 31n)).toString();
const MANAGER = (BigInt(MEMBER) | (1n << 4n)).toString();
const OWNER = '311111111111111111';
const HOUR = 3600_000;

let world: OpenRouterWorld;
let fake: FakeDiscord;
let e2e: E2eApp;
let general: string;
let loud: string;
let consoleOut = '';
const consoleIn = new PassThrough();
// Noon UTC on the day after the fake's last finished day (2026-10-30), as each sync expects.
const clock = new ManualClock(Date.parse('2026-10-31T12:00:00Z'));

const busy = () => e2e.app.deliverer.pendingCount() > 0;
const advanceTo = (iso: string) => clock.advance(Date.parse(iso) - clock.now(), busy);
const alerts = (channelId: string, sub: string, options: Json[] = []) =>
  fake.dispatchInteraction(fake.chatInput({ name: 'alerts', channelId, userId: OWNER, memberPermissions: MANAGER, options: [{ name: sub, type: 1, options }] }));
const opt = (name: string, value: string) => ({ name, type: 3, value });
/** What /alerts setup posts in the channel it set up: not an alert. */
const CONFIRMATION = /^Alerts (set up|changed) here by /;
const alertsIn = (channelId: string) => fake.messages(channelId).filter((m) => !CONFIRMATION.test((m.content as string | undefined) ?? ''));
const titles = (channelId: string) => alertsIn(channelId).map((m) => m.embeds?.[0]?.title as string);
async function typed(line: string, answer: RegExp): Promise<void> {
  consoleIn.write(`${line}\n`);
  await vi.waitFor(() => expect(consoleOut).toMatch(answer), { timeout: 5000 });
}

beforeAll(async () => {
  world = await openRouterWorld('Evil Model', '2026-10-21');
  fake = await startFakeDiscord({ rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } }, guilds: [{ name: 'Fake Guild', channels: [{ name: 'general' }, { name: 'loud' }] }] });
  [general, loud] = fake.guilds[0].channelIds;
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => (consoleOut += chunk.toString()));
  e2e = await startApp(
    world,
    { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url },
    { paced: false, pictures: false, clock: clock.date, timers: clock, extraAdapters: (deps) => [createConsoleChat(deps, { input: consoleIn, output, interactive: false, onEnd: () => {} })] },
  );
  expect(await e2e.app.start({ schedule: false })).toMatchObject({ silent: true });
});

afterAll(async () => {
  consoleIn.end();
  await e2e?.close();
  await fake?.close();
  await world?.fake.close();
});

describe('digests and quiet hours, end to end', () => {
  it('refuses a bad time zone and a bad time by name, privately', async () => {
    const zone = await alerts(general, 'digest', [opt('every', 'daily'), opt('time', '09:00'), opt('timezone', 'Mars/Olympus')]);
    expect(zone.callback.data).toMatchObject({ flags: 64, content: 'Unknown time zone "Mars/Olympus": want an IANA name such as UTC, Europe/Paris or America/New_York.' });
    const time = await alerts(general, 'digest', [opt('every', 'daily'), opt('time', '25:00')]);
    expect(time.callback.data!.content).toBe('"25:00" is not a time: want HH:MM on a 24-hour clock, e.g. 09:00.');
    await typed('/alerts quiet 22:00-22:00', /"22:00-22:00" starts and ends at the same time/);
    expect(await e2e.app.settings.allPrefs()).toEqual([]);
  });

  it('sets a digest instead of alerts (#general), one as well as alerts (#loud), and quiet hours in the console', async () => {
    for (const ch of [general, loud]) await alerts(ch, 'setup', [opt('types', 'new_leader'), opt('charts', 'daily')]);
    const res = await alerts(general, 'digest', [opt('every', 'daily'), opt('time', '09:00'), opt('timezone', 'america/new_york'), opt('mode', 'instead')]);
    expect(res.callback.data!.content).toBe('Digest on for #general: daily at 09:00 (America/New_York), instead of instant alerts. Next: 2026-10-31 09:00 (America/New_York).');
    await alerts(loud, 'digest', [opt('every', 'daily'), opt('timezone', 'America/New_York')]);
    await typed('/alerts quiet 11:00-13:00', /Quiet hours on for this terminal: 11:00 to 13:00 \(UTC\)/);
    const show = await alerts(general, 'show');
    expect(show.callback.data!.embeds[0].fields).toContainEqual(expect.objectContaining({ name: 'Digest', value: 'daily at 09:00 (America/New_York), instead of instant alerts' }));
  });

  it('posts the digest at 09:00 New York daylight time (13:00 UTC on 2026-10-31)', async () => {
    await advanceTo('2026-10-31T12:59:00Z');
    expect(alertsIn(general)).toEqual([]);
    await advanceTo('2026-10-31T13:00:00Z');
    await vi.waitFor(() => expect(titles(general)).toEqual(['Daily recap, 2026-10-30 (UTC): Alpha One leads, 0 alerts']), { timeout: 5000 });
    await vi.waitFor(() => expect(titles(loud)).toHaveLength(1));
    const [digest] = alertsIn(general);
    expect(digest.embeds[0].fields.slice(0, 2)).toEqual([
      { name: '#1 Alpha One', value: '1.00T = +0.0%', inline: true },
      { name: '#2 Beta Two', value: '800B = +0.0%', inline: true },
    ]);
    expect(digest.embeds[0].description).toContain('No alerts in this period.');
  });

  it('holds the console’s alerts in its quiet hours; #general (instead) gets none; #loud (also) gets its alert', async () => {
    const day = world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 100 });
    await advanceTo('2026-11-01T11:30:00Z'); // 11:30 UTC: in the console's quiet window, 06:30 in New York
    expect(consoleOut).not.toMatch(/Beta Two/);
    const polled = await e2e.app.poller.pollOnce();
    await e2e.app.deliverer.idle();
    expect(polled).toMatchObject({ silent: false, sync: { completeThrough: day } });
    await vi.waitFor(() => expect(titles(loud)).toEqual([expect.stringMatching(/^Daily recap/), expect.stringMatching(/^Beta Two takes #1 on the daily chart/)]));
    expect(titles(general)).toHaveLength(1);
    expect(consoleOut).not.toMatch(/🔔 Beta Two/);
    const held = await new HeldStore(e2e.app.runtime.stores.outbox).list();
    expect(held.length).toBeGreaterThan(1);
    expect(held.every((h) => h.dest.kind === 'console' && h.until === '2026-11-01T13:00:00.000Z')).toBe(true);

    await advanceTo('2026-11-01T13:00:00Z');
    const n = held.length;
    await vi.waitFor(() => expect(consoleOut).toContain(`🔔 While you were quiet: ${n} alerts`));
    const catchUp = consoleOut.slice(consoleOut.indexOf('🔔 While you were quiet'));
    for (const h of held) expect(catchUp).toContain(`   • ${h.alert.headline}`);
    expect(consoleOut.match(/🔔 /g)).toHaveLength(1); // the catch-up is the console's only alert
    expect(await new HeldStore(e2e.app.runtime.stores.outbox).list()).toEqual([]);
    // 13:00 UTC is 08:00 in New York on standard time: no digest yet.
    expect(titles(general)).toHaveLength(1);
  });

  it('posts the next digest at 09:00 New York standard time (14:00 UTC on 2026-11-01), with the day’s alert as a line', async () => {
    await advanceTo('2026-11-01T13:59:00Z');
    expect(titles(general)).toHaveLength(1);
    await advanceTo('2026-11-01T14:00:00Z');
    await vi.waitFor(() => expect(titles(general)).toEqual([expect.any(String), 'Daily recap, 2026-10-31 (UTC): Beta Two leads, 1 alert']), { timeout: 5000 });
    const digest = alertsIn(general)[1];
    expect(digest.embeds[0].description).toMatch(/^• Beta Two takes #1 on the daily chart/m);
    expect(digest.embeds[0].fields[0]).toEqual({ name: '#1 Beta Two', value: '1.20T ▲1 +50.0%', inline: true });
    await vi.waitFor(() => expect(titles(loud)).toHaveLength(3));
  });

  it('turns the digest off: instant alerts resume in #general', async () => {
    const off = await alerts(general, 'digest', [opt('every', 'off')]);
    expect(off.callback.data!.content).toBe('Digest off for #general. Instant alerts resume.');
    expect((await e2e.app.settings.prefsFor({ kind: 'discord-channel', channelId: general, guildId: fake.defaultGuildId! }))?.digest).toBeUndefined();
  });
});
