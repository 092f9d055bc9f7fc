import { z } from 'zod';
import { isPersonal } from '../src/delivery/destination.js';
import type { Command } from './command.js';
import { follow } from './follow.js';
import { requirePosting, subscriptionTarget } from './guards.js';
import { resolveModel } from './model-search.js';
import { MODEL_AND_WHERE, modelFirst, modelText, noExtra, whereChoice } from './options.js';

const schema = z.preprocess(modelFirst, z.object({ model: modelText, where: whereChoice, _extra: noExtra }));

export const subscribe: Command<typeof schema> = {
  name: 'subscribe',
  description: "Get every alert about one model, by DM or in this channel",
  options: MODEL_AND_WHERE,
  personal: true,
  schema,
  async run({ model, where }, ctx) {
    // Rights first: a refusal should not depend on whether the model name was right.
    const dest = subscriptionTarget(ctx.invocation, where, 'subscribe');
    requirePosting(ctx.invocation, isPersonal(dest) ? 'send alerts by DM' : 'post alerts in channels');
    const view = await ctx.services.charts();
    return follow(ctx, view, resolveModel(view, model), dest);
  },
};
