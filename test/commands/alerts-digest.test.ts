import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { member, openWorld, type World } from './world.js';

let world: World;
beforeEach(async () => (world = await openWorld()));
afterEach(() => world.close());

const mod = member('mod', { manager: true });
const typed = (line: string, who = mod) => world.run('alerts', parseCommandText(REGISTRY.get('alerts')!, line), who);
const prefs = () => world.services.settings.prefsFor(mod.channel);

// The world's clock: 2026-04-06T03:00Z (a Monday).
describe('/alerts digest and /alerts quiet, typed', () => {
  it.each([
    ['digest daily', { every: 'daily', time: '09:00', timeZone: 'UTC', mode: 'also' }, 'Digest on for #general: daily at 09:00 (UTC), as well as instant alerts. Next: 2026-04-06 09:00 (UTC).'],
    ['digest weekly instead europe/paris', { every: 'weekly', time: '09:00', timeZone: 'Europe/Paris', mode: 'instead' }, 'Digest on for #general: weekly, Mondays at 09:00 (Europe/Paris), instead of instant alerts. Next: 2026-04-06 09:00 (Europe/Paris).'],
    ['digest daily 7:30 Asia/Kolkata also', { every: 'daily', time: '07:30', timeZone: 'Asia/Kolkata', mode: 'also' }, 'Digest on for #general: daily at 07:30 (Asia/Kolkata), as well as instant alerts. Next: 2026-04-07 07:30 (Asia/Kolkata).'],
  ])('given `/alerts %s`, then the digest is stored and the reply says when it comes', async (line, digest, text) => {
    expect((await typed(line)).text).toBe(`${text} No alerts are set up here, so it lists the top 10 only: /alerts setup chooses the events.`);
    expect((await prefs())?.digest).toEqual(digest);
  });

  it.each([
    ['digest daily 9am', '"9am" is not a time: want HH:MM on a 24-hour clock, e.g. 09:00.'],
    ['digest daily 24:00 UTC', '"24:00" is not a time: want HH:MM on a 24-hour clock, e.g. 09:00.'],
    ['digest daily 09:00 Europe/Pariss', 'Unknown time zone "Europe/Pariss": want an IANA name such as UTC, Europe/Paris or America/New_York.'],
    ['digest hourly', '/alerts: `every`: want one of daily, weekly, off. Try /help alerts.'],
    ['quiet 22:00-07:00 Moon/Base', 'Unknown time zone "Moon/Base": want an IANA name such as UTC, Europe/Paris or America/New_York.'],
    ['quiet 22:00-7', '"7" is not an end time: want HH:MM on a 24-hour clock, e.g. 09:00.'],
    ['quiet tonight', '"tonight" is not a window: want HH:MM-HH:MM on a 24-hour clock, e.g. 22:00-07:00, or off.'],
  ])('given `/alerts %s`, then it is refused by name and nothing is stored', async (line, message) => {
    expect(await typed(line)).toEqual({ text: message, ephemeral: true });
    expect(await prefs()).toBeUndefined();
  });

  it('given quiet hours typed with spaces, then the window and zone are read; the digest then defaults to that zone; show lists both; off removes each', async () => {
    expect((await typed('quiet 22:00 - 07:00 America/New_York')).text).toBe(
      'Quiet hours on for #general: 22:00 to 07:00 (America/New_York). Alerts in that window are held and posted as one catch-up when it ends.',
    );
    await typed('digest daily');
    expect((await prefs())?.digest?.timeZone).toBe('America/New_York');
    expect((await typed('show')).fields).toEqual([
      { label: 'Digest', value: 'daily at 09:00 (America/New_York), as well as instant alerts' },
      { label: 'Quiet hours', value: '22:00 to 07:00 (America/New_York): alerts held, then one catch-up' },
    ]);
    expect((await typed('quiet off')).text).toBe('Quiet hours off for #general. Anything held is posted now, as one catch-up.');
    expect((await typed('digest off')).text).toBe('Digest off for #general.');
    expect(await prefs()).toBeUndefined();
    expect((await typed('digest off')).text).toBe('#general had no digest.');
  });

  it('given a member without channel rights or a DM, then both are refused', async () => {
    expect((await typed('digest daily', member('bob'))).text).toMatch(/Manage Channels .* to set a digest here\.$/);
    expect((await typed('quiet 22:00-07:00', member('bob', { inDm: true }))).text).toBe('Quiet hours are set per channel: run /alerts quiet in the channel they are for.');
  });
});
