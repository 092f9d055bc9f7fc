import { z } from 'zod';
import { DeliveryError } from '../src/delivery/notifier.js';
import { digest, digestSchema, digestSubcommand } from './alerts-digest.js';
import { prefsFields } from './alerts-prefs.js';
import { quiet, quietSchema, quietSubcommand } from './alerts-quiet.js';
import { mentionSchema, mentionSpec, runMention, runThreads, threadsSchema, threadsSpec } from './alerts-mention.js';
import { setupAlerts } from './alerts-setup.js';
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

function setup(o: Extract<Options, { subcommand: 'setup' }>, ctx: CommandContext): Promise<Reply> {
  return setupAlerts(ctx, o.types, o.charts);
}

async function off(ctx: CommandContext): Promise<Reply> {
  requireManager(ctx.invocation, 'turn alerts off here');
  const place = placeName(ctx.invocation, ctx.invocation.channel);
  const { invocation, services } = ctx;
  const had = await services.settings.clearAlerts(invocation.channel, { by: invocation.user, at: services.clock().toISOString() });
  return { text: had ? `Alerts off for ${place}. Model subscriptions here are unchanged (/subscriptions).` : `${place[0]!.toUpperCase()}${place.slice(1)} had no alerts set up.` };
}

async function show(ctx: CommandContext): Promise<Reply> {
  const { settings } = ctx.services;
  const place = placeName(ctx.invocation, ctx.invocation.channel);
  const setting = await settings.alertsFor(ctx.invocation.channel);
  const prefs = prefsFields(await settings.prefsFor(ctx.invocation.channel));
  if (!setting) return { text: `No alerts set up for ${place}. Channel managers can turn them on with /alerts setup.`, ...(prefs.length ? { fields: prefs } : {}) };
  const stopped = await settings.disabledEntry(ctx.invocation.channel);
  // alertsFor hands back the default itself when no setup or off replaced it.
  const byDefault = setting === settings.defaultAlertsFor(ctx.invocation.channel);
  return {
    title: `Alerts for ${place}`,
    fields: [
      { label: 'Types', value: setting.types.join(', ') },
      { label: 'Charts', value: setting.charts.join(', ') },
      { label: 'Set up', value: byDefault ? 'By default (change with /alerts setup, stop with /alerts off)' : `${setting.at.slice(0, 10)} (UTC)`, inline: true },
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
