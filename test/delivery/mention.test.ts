// Who an alert pings (src/delivery/mention.ts) and /alerts mention, /alerts threads (commands/alerts-mention.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../commands/index.js';
import type { Invocation } from '../../commands/command.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { carriedTypes, mentionFor, parseTarget } from '../../src/delivery/mention.js';
import { member, openWorld, type World } from '../commands/world.js';

const NEW_LEADER = 'new_leader:daily:2026-03-11:qwen/qwen3.6-plus-04-02';
const STREAK = 'streak:daily:2026-03-11:qwen/qwen3.6-plus-04-02:3';
const MILESTONE = 'milestone:daily:2026-03-11:qwen/qwen3.6-plus-04-02:1000000000000';
const prefs = (target: string, types: string[]) => ({ mention: { target, types: types as never } });

describe('mentionFor', () => {
  it.each([
    ['a single event of a chosen type', { eventId: NEW_LEADER }, prefs('role:111111111111111111', ['new_leader']), { kind: 'role', id: '111111111111111111' }],
    ['a single event of another type', { eventId: STREAK }, prefs('role:111111111111111111', ['new_leader']), undefined],
    ['a story whose headline is not chosen but a line is', { eventId: 'story:x', eventIds: [STREAK, NEW_LEADER] }, prefs('here', ['new_leader']), { kind: 'here' }],
    ['a story with none of the chosen types', { eventId: 'story:x', eventIds: [STREAK, MILESTONE] }, prefs('group:S0123ABC', ['new_leader', 'record_day']), undefined],
    ['a digest carrying a chosen type', { eventId: 'digest:discord:channel:1:daily:2026-03-11', eventIds: [NEW_LEADER] }, prefs('here', ['new_leader']), undefined],
    ['a quiet-hours catch-up carrying a chosen type', { eventId: 'quiet:discord:channel:1:x:y', eventIds: [STREAK, NEW_LEADER] }, prefs('here', ['new_leader']), { kind: 'here' }],
    ['a test alert (no event type)', { eventId: 'test:2026-04-06T03:00:00.000Z' }, prefs('here', ['new_leader']), undefined],
    ['a destination with no mention', { eventId: NEW_LEADER }, {}, undefined],
    ['a target this version cannot read', { eventId: NEW_LEADER }, prefs('user:42', ['new_leader']), undefined],
  ])('given %s, then it pings %j', (_what, alert, p, expected) => {
    expect(mentionFor(p, alert)).toEqual(expected);
  });

  it('given a story, then its carried types come in the spec order, once each', () => {
    expect(carriedTypes({ eventId: 'story:x', eventIds: [MILESTONE, STREAK, NEW_LEADER, STREAK] })).toEqual(['new_leader', 'streak', 'milestone']);
    expect(parseTarget('group:S0123ABC')).toEqual({ kind: 'group', id: 'S0123ABC' });
  });
});

describe('/alerts mention and /alerts threads', () => {
  let world: World;
  beforeEach(async () => (world = await openWorld()));
  afterEach(() => world.close());

  const mod = member('mod', { manager: true });
  const slackMod: Invocation = { platform: 'slack', user: { platform: 'slack', userId: 'U1', teamId: 'T1' }, channel: { kind: 'slack-channel', teamId: 'T1', channelId: 'C1' }, channelName: '#alerts', dm: { kind: 'slack-dm', teamId: 'T1', userId: 'U1' }, canManageChannel: true, inDm: false };
  const typed = (line: string, who: Invocation) => world.run('alerts', parseCommandText(REGISTRY.get('alerts')!, line), who);

  it.each([
    ['Discord, a picked role and types', mod, { subcommand: 'mention', role: '222222222222222222', types: 'new_leader,milestone' }, { target: 'role:222222222222222222', types: ['new_leader', 'milestone'] }],
    ['Discord, @here with the default types', mod, { subcommand: 'mention', target: 'here' }, { target: 'here', types: ['new_leader', 'record_day'] }],
    ['Slack, a user group as Slack escapes it', slackMod, 'mention <!subteam^S0123ABC|@ops> record_day', { target: 'group:S0123ABC', types: ['record_day'] }],
    ['Slack, a user group sent HTML-escaped', slackMod, 'mention &lt;!subteam^S0123ABC&gt; all', { target: 'group:S0123ABC', types: ['new_leader', 'streak', 'record_day', 'milestone', 'personal_best', 'debut', 'rank_change', 'sweep', 'launch_record'] }],
    ['Slack, @here then types', slackMod, 'mention here new_leader, sweep', { target: 'here', types: ['new_leader', 'sweep'] }],
  ])('given %s, then the mention part of prefs holds it', async (_what, who, options, expected) => {
    const reply = typeof options === 'string' ? await typed(options, who) : await world.run('alerts', options, who);
    expect(reply.text).toMatch(/now ping .*every other alert pings nobody/);
    expect((await world.services.settings.prefsFor(who.channel))?.mention).toEqual(expected);
  });

  it.each([
    ['Slack, a group as plain text', slackMod, 'mention @ops', 'Slack sends "@ops" as plain text, not as a user group: type the group as <!subteam^ID>'],
    ['Discord, the @everyone role (its id is the guild id)', { ...mod, channel: { kind: 'discord-channel', channelId: 'c1', guildId: '333333333333333333' } } as Invocation, { subcommand: 'mention', role: '333333333333333333' }, 'Pinging @everyone on alerts is not offered: pick a role, or use target:here.'],
    ['Discord, text that is no role', mod, { subcommand: 'mention', role: 'mods' }, '"mods" is not a role: pick one in the role option, or use target:here.'],
    ['no target', mod, { subcommand: 'mention', types: 'new_leader' }, 'Say whom to ping'],
    ['an unknown type', mod, { subcommand: 'mention', target: 'here', types: 'oops' }, 'Unknown alert types: oops.'],
    ['threads on Discord', mod, { subcommand: 'threads', mode: 'daily' }, 'On Discord, make the destination a forum channel'],
  ])('given %s, then it is refused naming the fix', async (_what, who, options, message) => {
    const reply = typeof options === 'string' ? await typed(options, who) : await world.run('alerts', options, who);
    expect(reply.text).toContain(message);
    expect(await world.services.settings.prefsFor(who.channel)).toBeUndefined();
  });

  it('given mention off and threads daily then off, then the parts come and go and /alerts show lists them', async () => {
    await typed('mention here', slackMod);
    await typed('threads daily', slackMod);
    await typed('setup', slackMod);
    const shown = await typed('show', slackMod);
    expect(shown.fields?.map((f) => `${f.label}: ${f.value}`)).toContain('Mentions: @here on new_leader, record_day');
    expect((await typed('mention off', slackMod)).text).toBe('Alerts in #alerts ping nobody now.');
    expect(await world.services.settings.prefsFor(slackMod.channel)).toMatchObject({ threads: 'daily' });
    await typed('threads off', slackMod);
    expect(await world.services.settings.prefsFor(slackMod.channel)).toBeUndefined();
  });
});
