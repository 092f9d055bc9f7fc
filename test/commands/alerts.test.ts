import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { DeliveryError } from '../../src/delivery/notifier.js';
import { member, openWorld, type World } from './world.js';

let world: World;
beforeEach(async () => (world = await openWorld()));
afterEach(() => world.close());

const MANAGERS = "You need the Manage Channels permission (Discord) / to be a workspace admin or the channel's creator (Slack)";
const typed = (line: string, who = member('mod', { manager: true })) => world.run('alerts', parseCommandText(REGISTRY.get('alerts')!, line), who);

describe('/alerts', () => {
  it('given setup with no lists, then the default types and every chart are stored for the channel', async () => {
    const mod = member('mod', { manager: true });
    const reply = await world.run('alerts', { subcommand: 'setup' }, mod);
    expect(reply).toEqual({
      text: 'Alerts on for #general: new_leader, streak, record_day, milestone, debut, sweep, launch_record on the daily, weekly, monthly, trending, labs_daily, labs_weekly, labs_monthly charts. Posted a confirmation in #general. Check delivery with /alerts test.',
      ephemeral: true,
    });
    expect(await world.services.settings.alertsFor(mod.channel)).toEqual({
      dest: mod.channel,
      // stories.md: every type it adds (sweep, launch_record, the lab charts' events) is on by default.
      types: ['new_leader', 'streak', 'record_day', 'milestone', 'debut', 'sweep', 'launch_record'],
      charts: ['daily', 'weekly', 'monthly', 'trending', 'labs_daily', 'labs_weekly', 'labs_monthly'],
      by: mod.user,
      at: '2026-04-06T03:00:00.000Z',
    });
  });

  it('given typed lists, then they are parsed case- and space-insensitively, and a second setup updates', async () => {
    await typed('setup');
    expect((await typed('Setup types:Rank-Change,new_leader charts:weekly')).text).toBe(
      'Alerts updated for #general: new_leader, rank_change on the weekly chart. Note: rank_change never comes from these charts. Posted a confirmation in #general. Check delivery with /alerts test.',
    );
  });

  it.each([
    ['setup types:new_leader,oops', 'Unknown alert types: oops. Choose from new_leader, streak, record_day, milestone, personal_best, debut, rank_change, sweep, launch_record (comma-separated), or all.'],
    ['setup charts:hourly', 'Unknown charts: hourly. Choose from daily, weekly, monthly, trending, labs_daily, labs_weekly, labs_monthly (comma-separated), or all.'],
    ['reset', '/alerts: `subcommand`: want one of setup, off, show, test, digest, quiet, mention, threads. Try /help alerts.'],
    ['', '/alerts: `subcommand`: want one of setup, off, show, test, digest, quiet, mention, threads. Try /help alerts.'],
  ])('given `/alerts %s`, then it answers: %s', async (line, message) => {
    expect(await typed(line)).toEqual({ text: message, ephemeral: true });
  });

  it.each(['setup', 'off', 'test'])('given a member without channel rights, then `%s` is refused', async (sub) => {
    const reply = await world.run('alerts', { subcommand: sub }, member('bob'));
    expect(reply.text).toMatch(new RegExp(`^${MANAGERS.replace(/[()/]/g, '\\$&')} to `));
    expect(await world.services.settings.alertsFor(member('bob').channel)).toBeUndefined();
    expect(world.sentTests).toEqual([]);
  });

  it('given setup in a DM, then it says to run it in a channel', async () => {
    expect((await world.run('alerts', { subcommand: 'setup' }, member('mod', { manager: true, inDm: true }))).text).toBe(
      'Alerts are set up per channel: run /alerts setup in the channel that should get them.',
    );
  });

  it('given alerts set up, then anyone can see them; off removes them', async () => {
    await typed('setup charts:daily');
    await world.services.settings.disable({ dest: member('x').channel, reason: 'Missing Access', at: '2026-04-05T00:00:00.000Z' });
    expect((await world.run('alerts', { subcommand: 'show' }, member('bob'))).fields).toEqual([
      { label: 'Types', value: 'new_leader, streak, record_day, milestone, debut, sweep, launch_record' },
      { label: 'Charts', value: 'daily' },
      { label: 'Set up', value: '2026-04-06 (UTC)', inline: true },
      { label: 'Delivery', value: 'Stopped: Missing Access. Run /alerts setup again to resume.', inline: true },
    ]);
    expect((await typed('off')).text).toBe('Alerts off for #general. Model subscriptions here are unchanged (/subscriptions).');
    expect((await typed('off')).text).toBe('#general had no alerts set up.');
    expect((await typed('show')).text).toBe('No alerts set up for #general. Channel managers can turn them on with /alerts setup.');
  });

  it('given a test, then a sample alert goes to the channel; a delivery failure is reported', async () => {
    const mod = member('mod', { manager: true });
    expect((await typed('test')).text).toBe('Test alert sent to #general.');
    expect(world.sentTests).toEqual([mod.channel]);
    world.failTestWith = new DeliveryError('forbidden', 'Missing Permissions: the bot cannot post in this channel');
    expect(await typed('test')).toEqual({ text: 'Test alert to #general failed: Missing Permissions: the bot cannot post in this channel', ephemeral: true });
  });
});

describe('/alerts typed as text', () => {
  it('given lists with spaces after commas, then each name still lands in its own list', async () => {
    expect((await typed('setup new_leader, streak daily, weekly')).text).toBe(
      'Alerts on for #general: new_leader, streak on the daily, weekly charts. Posted a confirmation in #general. Check delivery with /alerts test.',
    );
  });
});
