import { z } from 'zod';
import { EVENT_TYPES, type EventType } from '../src/domain/events.js';
import { parseTarget, targetOf, type Mention } from '../src/delivery/mention.js';
import type { ChannelPrefs } from '../src/store/channel-prefs.js';
import { UserError, type CommandContext, type Invocation, type SubcommandSpec } from './command.js';
import { placeName, requireManager } from './guards.js';
import { choice, noExtra, text } from './options.js';
import type { Reply } from './reply.js';

/** What pings when no types are given: a new #1 and a record day, the moments worth a ping. */
export const DEFAULT_MENTION_TYPES: readonly EventType[] = ['new_leader', 'record_day'];

export const mentionSchema = z.object({ subcommand: z.literal('mention'), role: text, target: choice(['here', 'off']).optional(), types: text, _extra: noExtra });
export const threadsSchema = z.object({ subcommand: z.literal('threads'), mode: choice(['daily', 'off']), _extra: noExtra });

export const mentionSpec: SubcommandSpec = {
  name: 'mention',
  description: 'Ping a role (Discord) or user group (Slack), or @here, on chosen alert types (channel managers)',
  options: [
    { name: 'role', description: 'Discord: the role to ping. Slack: the user group, typed as <!subteam^ID>', type: 'role' },
    { name: 'target', description: 'here: ping @here instead of a role; off: alerts here ping nobody', type: 'string', choices: ['here', 'off'] },
    { name: 'types', description: `Comma-separated alert types that ping, or all (default: ${DEFAULT_MENTION_TYPES.join(',')})`, type: 'string' },
  ],
};

export const threadsSpec: SubcommandSpec = {
  name: 'threads',
  description: "Slack: the day's later alerts as replies under its first one (channel managers)",
  options: [{ name: 'mode', description: 'daily: one thread a day; off: every alert in the channel', type: 'string', choices: ['daily', 'off'], required: true }],
};

const words = (s: string | undefined) => (s ?? '').toLowerCase().replace(/-/g, '_').split(/[\s,]+/).filter(Boolean);
const isTypeList = (s: string | undefined) => words(s).length > 0 && words(s).every((w) => w === 'all' || EVENT_TYPES.includes(w as EventType));

function parseTypes(input: string | undefined): EventType[] {
  if (input === undefined) return [...DEFAULT_MENTION_TYPES];
  const given = words(input);
  if (given.includes('all')) return [...EVENT_TYPES];
  const unknown = given.filter((g) => !EVENT_TYPES.includes(g as EventType));
  if (unknown.length) throw new UserError('bad_option', `Unknown alert types: ${unknown.join(', ')}. Choose from ${EVENT_TYPES.join(', ')} (comma-separated), or all.`);
  return EVENT_TYPES.filter((t) => given.includes(t));
}

const HERE = /^(@here|<!here(\|[^>]*)?>|here)$/i;

/**
 * The target as the platform gave it: Discord's role picker sends the role id (typed text may
 * hold `<@&id>`); Slack sends a user group as typed, so it must be `<!subteam^ID>` (or its id).
 */
function targetFrom(typed: string, invocation: Invocation): Mention {
  // Slack may send typed `<` `>` `&` HTML-escaped.
  const given = typed.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  if (HERE.test(given)) return { kind: 'here' };
  if (invocation.platform === 'discord') {
    const id = /^(?:<@&)?(\d{17,20})>?$/.exec(given)?.[1];
    if (!id) throw new UserError('bad_option', `"${given}" is not a role: pick one in the role option, or use target:here.`);
    const guildId = invocation.channel.kind === 'discord-channel' ? invocation.channel.guildId : undefined;
    if (id === guildId) throw new UserError('bad_option', 'Pinging @everyone on alerts is not offered: pick a role, or use target:here.');
    return { kind: 'role', id };
  }
  if (invocation.platform === 'slack') {
    const id = /^(?:<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>|(S[A-Z0-9]{2,}))$/.exec(given);
    if (id) return { kind: 'group', id: id[1] ?? id[2] };
    throw new UserError('bad_option', `Slack sends "${given}" as plain text, not as a user group: type the group as <!subteam^ID> (copy the ID from the group's page under People → User groups), or use here.`);
  }
  throw new UserError('bad_option', 'Mentions are for Discord and Slack channels.');
}

/** How a reply names the target (plain text: replies never ping). */
export function describeMention(m: Mention | undefined): string {
  if (!m) return 'nobody';
  return m.kind === 'here' ? '@here' : m.kind === 'role' ? `the role with id ${m.id}` : `the user group ${m.id}`;
}

function inChannel(ctx: CommandContext, action: string): void {
  if (ctx.invocation.inDm) throw new UserError('bad_option', `Mentions and threads are set per channel: run /alerts ${action} in the channel that gets the alerts.`);
  requireManager(ctx.invocation, `change how alerts ${action === 'mention' ? 'ping' : 'thread'} here`);
}

export async function runMention(o: z.infer<typeof mentionSchema>, ctx: CommandContext): Promise<Reply> {
  inChannel(ctx, 'mention');
  const { invocation, services } = ctx;
  const place = placeName(invocation, invocation.channel);
  const at = services.clock().toISOString();
  if (o.target === 'off') {
    if (o.role || o.types) throw new UserError('bad_option', '`off` takes nothing else: /alerts mention off.');
    await services.settings.updatePrefs(invocation.channel, { mention: null }, invocation.user, at);
    return { text: `Alerts in ${place} ping nobody now.` };
  }
  // Typed text fills `role` first: `/alerts mention here new_leader` puts the types there.
  const [role, types] = o.target === 'here' && isTypeList(o.role) ? [undefined, [o.role, o.types].filter(Boolean).join(',')] : [o.role, o.types];
  if (o.target === 'here' && role) throw new UserError('bad_option', 'Give a role or target:here, not both.');
  const given = o.target === 'here' ? 'here' : role;
  if (!given) throw new UserError('bad_option', 'Say whom to ping: a role (Discord) or a user group as <!subteam^ID> (Slack), or here; or /alerts mention off.');
  const mention = targetFrom(given, invocation);
  const chosen = parseTypes(types);
  await services.settings.updatePrefs(invocation.channel, { mention: { target: targetOf(mention), types: chosen } }, invocation.user, at);
  return { text: `Alerts in ${place} about ${chosen.join(', ')} now ping ${describeMention(mention)}; every other alert pings nobody. Stop with /alerts mention off.` };
}

export async function runThreads(o: z.infer<typeof threadsSchema>, ctx: CommandContext): Promise<Reply> {
  inChannel(ctx, 'threads');
  const { invocation, services } = ctx;
  if (invocation.platform === 'discord') {
    throw new UserError('bad_option', "On Discord, make the destination a forum channel: run /alerts setup in a forum and each day's alerts go in one post of their own.");
  }
  if (invocation.platform !== 'slack') throw new UserError('bad_option', 'Threads are for Slack channels.');
  const place = placeName(invocation, invocation.channel);
  await services.settings.updatePrefs(invocation.channel, { threads: o.mode === 'daily' ? 'daily' : null }, invocation.user, at(ctx));
  return { text: o.mode === 'daily' ? `Alerts in ${place} now thread by day: the day's first alert in the channel, its later ones as replies under it.` : `Alerts in ${place} go straight to the channel again.` };
}

const at = (ctx: CommandContext) => ctx.services.clock().toISOString();

/** The lines /alerts show adds for a channel's mention and threads. */
export function prefsFields(prefs: ChannelPrefs | undefined): { label: string; value: string; inline?: boolean }[] {
  const mention = prefs?.mention ? parseTarget(prefs.mention.target) : undefined;
  return [
    ...(mention ? [{ label: 'Mentions', value: `${describeMention(mention)} on ${prefs!.mention!.types.join(', ')}` }] : []),
    ...(prefs?.threads ? [{ label: 'Threads', value: "daily: the day's later alerts reply under its first", inline: true }] : []),
  ];
}
