import { z } from 'zod';
import { destinationKey } from '../src/delivery/destination.js';
import type { Choice, Command, CommandContext } from './command.js';
import { placeName, subscriptionTarget } from './guards.js';
import { buildIndex, normalize } from './model-index.js';
import { FUZZY, resolveIn, resolveModel, searchModels } from './model-search.js';
import { followedName, isLabKey, labKey, resolveLab } from './lab-follow.js';
import { MODEL_AND_WHERE, modelFirst, modelOrLab } from './options.js';
import type { ChartView } from './services.js';

const schema = z.preprocess(modelFirst, modelOrLab);

/**
 * Looks among what `dest` follows first, so a model that has since left the charts (or the
 * catalogue) can still be named loosely; then among every charted model.
 */
function pick(view: ChartView, followed: readonly string[], text: string): string {
  if (followed.includes(text.trim())) return text.trim();
  const mine = buildIndex(view, followed);
  if (searchModels(mine, text).some((m) => m.score < FUZZY)) return resolveIn(mine, text);
  return resolveModel(view, text);
}

export const unsubscribe: Command<typeof schema> = {
  name: 'unsubscribe',
  description: 'Stop alerts about one model (or lab), by DM or in this channel',
  options: MODEL_AND_WHERE,
  personal: true,
  schema,
  async run({ model, lab, where }, ctx) {
    const dest = subscriptionTarget(ctx.invocation, where, 'unsubscribe');
    const { settings } = ctx.services;
    const view = await ctx.services.charts();
    const followed = (await settings.subscriptionsOf([dest])).map((s) => s.model);
    const slug = lab !== undefined ? labKey(resolveLab(view, lab)) : pick(view, followed, model!);
    const name = followedName(view, slug);
    const place = placeName(ctx.invocation, dest);
    if (!(await settings.unsubscribe(slug, dest))) {
      return { text: `Not subscribed: ${name} alerts do not go to ${place}. /subscriptions lists what you follow.` };
    }
    return { text: `Unsubscribed: ${name} alerts no longer go to ${place}.` };
  },
};

const LIMIT = 100; // Discord: a choice's name and value are at most 100 characters

/**
 * Autocomplete for /unsubscribe: what the person follows (by DM, and in this channel) that
 * matches what they typed, first, then the usual model suggestions (`others`) not already offered.
 */
export async function suggestOwn(ctx: CommandContext, view: ChartView, partial: string, others: readonly Choice[], limit = 25): Promise<Choice[]> {
  const { dm, channel } = ctx.invocation;
  const dests = destinationKey(dm) === destinationKey(channel) ? [dm] : [dm, channel];
  const subs = await ctx.services.settings.subscriptionsOf(dests);
  const typed = normalize(partial);
  const slugs = [...new Set(subs.map((s) => s.model))].sort((a, b) => followedName(view, a).localeCompare(followedName(view, b)));
  const close = new Set(typed ? searchModels(buildIndex(view, slugs.filter((m) => !isLabKey(m))), partial).filter((m) => m.score < FUZZY).map((m) => m.model.slug) : slugs);
  const own = slugs.filter((m) => close.has(m) || normalize(`${m} ${followedName(view, m)}`).includes(typed));
  const mine: Choice[] = own.filter((m) => m.length <= LIMIT).map((m) => {
    const where = subs.filter((s) => s.model === m).map((s) => (destinationKey(s.dest) === destinationKey(dm) ? 'by DM' : 'here'));
    const tail = ` — you follow (${where.join(', ')})`;
    const name = followedName(view, m);
    return { name: `${name.length + tail.length > LIMIT ? `${name.slice(0, LIMIT - tail.length - 1)}…` : name}${tail}`, value: m };
  });
  const taken = new Set(own);
  return [...mine, ...others.filter((c) => !taken.has(c.value))].slice(0, limit);
}
