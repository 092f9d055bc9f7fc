import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../commands/index.js';
import type { Invocation, PostingCheck } from '../../commands/command.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { DeliveryError } from '../../src/delivery/notifier.js';
import { DEFAULT_ALERT_TYPES, SettingsStore } from '../../src/store/settings-store.js';
import { CHART_NAMES } from '../../src/domain/charts.js';
import { member, openWorld, type World } from './world.js';

let world: World;
beforeEach(async () => (world = await openWorld()));
afterEach(() => world.close());

const mod = (o: Partial<Invocation> = {}): Invocation => ({ ...member('mod', { manager: true }), userName: 'alice', ...o });
const typed = (line: string, who = mod()) => world.run('alerts', parseCommandText(REGISTRY.get('alerts')!, line), who);
const can = (check: PostingCheck) => async () => check;

describe('/alerts setup checks itself', () => {
  it('given a combination that can never fire, then it is refused with the reason and nothing changes', async () => {
    expect(await typed('setup types:streak charts:trending')).toEqual({
      text: 'Nothing would ever be posted: streak never comes from the trending chart (streak comes only from daily, weekly, labs_weekly; trending has only new_leader). Choose charts those types come from, or add types, then run /alerts setup again.',
      ephemeral: true,
    });
    expect(await world.services.settings.alertsFor(mod().channel)).toBeUndefined();
    expect(world.announced).toEqual([]);
  });

  it('given the platform says the bot cannot post here, then setup is refused with that problem and nothing is posted', async () => {
    const problem = "I can't post here: missing Send Messages in #general. Give rankwatch's role Send Messages in this channel, then run /alerts setup again.";
    expect((await typed('setup', mod({ checkPosting: can({ ok: false, problem }) }))).text).toBe(problem);
    expect(await world.services.settings.alertsFor(mod().channel)).toBeUndefined();
    expect(world.announced).toEqual([]);
  });

  it('given the channel gets alerts, then a confirmation naming types, charts and who is posted there', async () => {
    const note = 'I am not in #general: alerts come without their pictures until you type /invite @rankwatch';
    const reply = await typed('setup types:new_leader,streak charts:daily,trending', mod({ checkPosting: can({ ok: true, note }) }));
    expect(reply.text).toBe(`Alerts on for #general: new_leader, streak on the daily, trending charts. Note: ${note}. Posted a confirmation in #general. Check delivery with /alerts test.`);
    expect(world.announced).toEqual([
      {
        dest: mod().channel,
        text: 'Alerts set up here by alice: new_leader, streak on the daily, trending charts. Channel managers can change them with /alerts setup or stop them with /alerts off; anyone can see them with /alerts show.',
      },
    ]);
    await typed('setup types:new_leader charts:daily');
    expect(world.announced[1]!.text).toMatch(/^Alerts changed here by alice: new_leader on the daily chart\./);
  });

  it('given the confirmation cannot be posted, then nothing is changed and the reason is named', async () => {
    world.failAnnounceWith = new DeliveryError('forbidden', 'Missing Access');
    expect((await typed('setup')).text).toBe("I couldn't post in #general: Missing Access. Nothing was changed: fix that, then run /alerts setup again.");
    expect(await world.services.settings.alertsFor(mod().channel)).toBeUndefined();
  });
});

describe('a destination with default alerts (the console terminal)', () => {
  const terminal: Invocation = { platform: 'console', user: { platform: 'console', userId: 'you' }, channel: { kind: 'console' }, dm: { kind: 'console' }, canManageChannel: true, inDm: false };
  const everything = { dest: { kind: 'console' } as const, types: [...DEFAULT_ALERT_TYPES], charts: [...CHART_NAMES], by: terminal.user, at: new Date(0).toISOString() };
  const audienceTypes = async () => (await world.services.settings.audience([everything])).alerts.map((a) => a.types);

  it('given off, then the default stops (and stays off); setup replaces it; off again stops that', async () => {
    const settings = world.services.settings;
    settings.useDefaultAlerts(() => [everything]);
    expect((await typed('show', terminal)).fields?.[2]).toEqual({ label: 'Set up', value: 'By default (change with /alerts setup, stop with /alerts off)', inline: true });
    expect((await typed('off', terminal)).text).toBe('Alerts off for this terminal. Model subscriptions here are unchanged (/subscriptions).');
    expect(await audienceTypes()).toEqual([]);
    expect((await typed('show', terminal)).text).toBe('No alerts set up for this terminal. Channel managers can turn them on with /alerts setup.');
    expect((await typed('off', terminal)).text).toBe('This terminal had no alerts set up.');
    expect((await typed('setup types:record_day', terminal)).text).toBe('Alerts on for this terminal: record_day on the daily, weekly, monthly, trending, labs_daily, labs_weekly, labs_monthly charts. Check delivery with /alerts test.');
    expect(await audienceTypes()).toEqual([['record_day']]);
    expect(world.announced).toEqual([]);
    expect((await typed('off', terminal)).text).toMatch(/^Alerts off for this terminal/);
    expect(await audienceTypes()).toEqual([]);

    // A restart on the same store keeps it off.
    const again = new SettingsStore(await world.reopen());
    again.useDefaultAlerts(() => [everything]);
    expect(await again.alertsFor(terminal.channel)).toBeUndefined();
    expect((await again.audience([everything])).alerts).toEqual([]);
  });
});
