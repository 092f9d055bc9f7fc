import { z } from 'zod';
import { isPersonal } from '../src/delivery/destination.js';
import { labName } from '../src/domain/labs.js';
import { RANKINGS_URL } from '../src/domain/names.js';
import type { Command } from './command.js';
import { follow } from './follow.js';
import { requirePosting, subscriptionTarget } from './guards.js';
import { labKey, resolveLab } from './lab-follow.js';
import { resolveModel } from './model-search.js';
import { MODEL_AND_WHERE, modelFirst, modelOrLab } from './options.js';
import { CONDITION_OPTIONS, conditionsSchema, whenOf } from './subscription-conditions.js';

const schema = z.preprocess(modelFirst, z.intersection(modelOrLab, conditionsSchema));

export const subscribe: Command<typeof schema> = {
  name: 'subscribe',
  description: 'Get alerts about one model (or one lab and its models), by DM or here; optionally only some',
  options: [...MODEL_AND_WHERE, ...CONDITION_OPTIONS],
  personal: true,
  schema,
  async run({ model, lab, where, events, top }, ctx) {
    // Rights first: a refusal should not depend on whether the model name was right.
    const dest = subscriptionTarget(ctx.invocation, where, 'subscribe');
    requirePosting(ctx.invocation, isPersonal(dest) ? 'send alerts by DM' : 'post alerts in channels');
    const view = await ctx.services.charts();
    const when = whenOf({ events, top }) ?? null;
    if (lab !== undefined) {
      const key = resolveLab(view, lab);
      const name = `${labName(key, view.book.labs)} (the lab and its models)`;
      return follow(ctx, view, labKey(key), dest, { name, url: RANKINGS_URL }, when);
    }
    return follow(ctx, view, resolveModel(view, model!), dest, undefined, when);
  },
};
