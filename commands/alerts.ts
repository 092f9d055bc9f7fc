import { z } from 'zod';
import { CHART_NAMES } from '../src/domain/charts.js';
import { EVENT_TYPES } from '../src/domain/events.js';
import { DeliveryError } from '../src/delivery/notifier.js';
import { DEFAULT_ALERT_TYPES } from '../src/store/settings-store.js';
import { digest, digestSchema, digestSubcommand } from './alerts-digest.js';
import { prefsFields } from './alerts-prefs.js';
import { quiet, quietSchema, quietSubcommand } from './alerts-quiet.js';
import { mentionSchema, mentionSpec, runMention, runThreads, threadsSchema, threadsSpec } from './alerts-mention.js';
import { UserError, type Command, type CommandContext } from './command.js';
import { placeName, requireManager, requirePosting } from './guards.js';
import { noExtra, text } from './options.js';
import type { Reply } from './reply.js';

const schema = z.discriminatedUnion(
  'subcommand',
  [
    z.object({ subcommand: z.literal('setup'), types: text, charts: text, _extra: noExtra }),
    z.object({ subcommand: z.literal('off'), _extra: noExtra }),
    z.object({ subcommand: z.literal('show'), _extra: noExtra }),
    z.object({ subcommand: z.literal('test'), _extra: noExtra }),
    digestSchema,
    quietSchema,
    mentionSchema,
    threadsSchema,
  ],
  { error: 'want one of setup, off, show, test, digest, quiet, mention, threads' },
);
type Options = z.infer<typeof schema>;

const words = (s: string | undefined) => (s ?? '').toLowerCase().replace(/-/g, '_').split(/[\s,]+/).filter(Boolean);

/**
 * Typed text splits `setup new_leader, streak daily` as types `new_leader,` and charts `streak daily`.
 * Type and chart names never overlap, so each name goes to the list it belongs to.
 */
function sortNames(types: string | undefined, charts: string | undefined): { types?: string; charts?: string } {
  const out = { types: [] as string[], charts: [] as string[] };
  const given = [...words(types).map((w) => ['types', w] as const), ...words(charts).map((w) => ['charts', w] as const)];
  for (const [list, w] of given) {
    out[CHART_NAMES.includes(w as never) ? 'charts' : EVENT_TYPES.includes(w as never) ? 'types' : list].push(w);
  }
  return { ...(out.types.length ? { types: out.types.join(',') } : {}), ...(out.charts.length ? { charts: out.charts.join(',') } : {}) };
}

/** `new_leader, streak` → the known names in canonical order; `all` means every one. */
function parseList<T extends string>(input: string | undefined, valid: readonly T[], fallback: readonly T[], what: string): T[] {
  if (input === undefined) return [...fallback];
  const given = words(input);
  if (given.includes('all')) return [...valid];
  const unknown = given.filter((g) => !valid.includes(g as T));
  if (unknown.length || given.length === 0) {
    throw new UserError('bad_option', `Unknown ${what}: ${unknown.join(', ') || '(none given)'}. Choose from ${valid.join(', ')} (comma-separated), or all.`);
  }
  return valid.filter((v) => given.includes(v));
}

async function setup(o: Extract<Options, { subcommand: 'setup' }>, ctx: CommandContext): Promise<Reply> {
  const { invocation, services } = ctx;
  if (invocation.inDm) throw new UserError('bad_option', 'Alerts are set up per channel: run /alerts setup in the channel that should get them.');
  requireManager(invocation, 'set up alerts here');
  requirePosting(invocation, 'post alerts in channels');
  const lists = sortNames(o.types, o.charts);
  const types = parseList(lists.types, EVENT_TYPES, DEFAULT_ALERT_TYPES, 'alert types');
  const charts = parseList(lists.charts, CHART_NAMES, CHART_NAMES, 'charts');
  const had = await services.settings.alertsFor(invocation.channel);
  await services.settings.setAlerts({ dest: invocation.channel, types, charts, by: invocation.user, at: services.clock().toISOString() });
  await services.settings.enable(invocation.channel);
  const place = placeName(invocation, invocation.channel);
  return { text: `Alerts ${had ? 'updated' : 'on'} for ${place}: ${types.join(', ')} on the ${charts.join(', ')} chart${charts.length > 1 ? 's' : ''}. Check delivery with /alerts test.` };
}

async function off(ctx: CommandContext): Promise<Reply> {
  requireManager(ctx.invocation, 'turn alerts off here');
  const place = placeName(ctx.invocation, ctx.invocation.channel);
  const had = await ctx.services.settings.clearAlerts(ctx.invocation.channel);
  return { text: had ? `Alerts off for ${place}. Model subscriptions here are unchanged (/subscriptions).` : `${place} had no alerts set up.` };
}

async function show(ctx: CommandContext): Promise<Reply> {
  const { settings } = ctx.services;
  const place = placeName(ctx.invocation, ctx.invocation.channel);
  const setting = await settings.alertsFor(ctx.invocation.channel);
  const prefs = prefsFields(await settings.prefsFor(ctx.invocation.channel));
  if (!setting) return { text: `No alerts set up for ${place}. Channel managers can turn them on with /alerts setup.`, ...(prefs.length ? { fields: prefs } : {}) };
  const stopped = await settings.disabledEntry(ctx.invocation.channel);
  return {
    title: `Alerts for ${place}`,
    fields: [
      { label: 'Types', value: setting.types.join(', ') },
      { label: 'Charts', value: setting.charts.join(', ') },
      { label: 'Set up', value: `${setting.at.slice(0, 10)} (UTC)`, inline: true },
      { label: 'Delivery', value: stopped ? `Stopped: ${stopped.reason}. Run /alerts setup again to resume.` : 'Active', inline: true },
      ...prefs,
    ],
  };
}

async function test(ctx: CommandContext): Promise<Reply> {
  requireManager(ctx.invocation, 'send a test alert here');
  requirePosting(ctx.invocation, 'post alerts in channels');
  const place = placeName(ctx.invocation, ctx.invocation.channel);
  try {
    await ctx.services.sendTestAlert(ctx.invocation.channel);
  } catch (error) {
    if (error instanceof DeliveryError) throw new UserError('unavailable', `Test alert to ${place} failed: ${error.message}`);
    throw error;
  }
  return { text: `Test alert sent to ${place}.` };
}

export const alerts: Command<typeof schema> = {
  name: 'alerts',
  description: "This channel's chart alerts: set up, turn off, show, test, mentions, threads",
  options: [],
  subcommands: [
    {
      name: 'setup',
      description: 'Post chart alerts in this channel (channel managers)',
      options: [
        { name: 'types', description: 'Comma-separated alert types or all (default: all but personal_best,rank_change)', type: 'string' },
        { name: 'charts', description: 'Comma-separated charts or all (default all: daily,weekly,monthly,trending)', type: 'string' },
      ],
    },
    { name: 'off', description: 'Stop chart alerts in this channel (channel managers)', options: [] },
    { name: 'show', description: "Show this channel's alert settings", options: [] },
    { name: 'test', description: 'Post a sample alert here to check the bot can (channel managers)', options: [] },
    digestSubcommand,
    quietSubcommand,
    mentionSpec,
    threadsSpec,
  ],
  personal: true,
  schema,
  run(options, ctx) {
    if (options.subcommand === 'setup') return setup(options, ctx);
    if (options.subcommand === 'off') return off(ctx);
    if (options.subcommand === 'show') return show(ctx);
    if (options.subcommand === 'digest') return digest(options, ctx);
    if (options.subcommand === 'quiet') return quiet(options, ctx);
    if (options.subcommand === 'mention') return runMention(options, ctx);
    if (options.subcommand === 'threads') return runThreads(options, ctx);
    return test(ctx);
  },
};
