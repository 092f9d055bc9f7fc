import { z } from 'zod';
import type { Command } from './command.js';
import { placeName, subscriptionTarget } from './guards.js';
import { buildIndex } from './model-index.js';
import { FUZZY, resolveIn, resolveModel, searchModels } from './model-search.js';
import { followedName, labKey, resolveLab } from './lab-follow.js';
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
