import { z } from 'zod';
import { destinationKey, type Destination } from '../src/delivery/destination.js';
import type { Command, CommandContext } from './command.js';
import { placeName } from './guards.js';
import { noExtra } from './options.js';
import type { Reply } from './reply.js';
import { followedName } from './lab-follow.js';
import { describeWhen } from './subscription-conditions.js';

const schema = z.object({ _extra: noExtra });

/**
 * The person's DM and the channel they are in, each once: in the console (and wherever the two
 * are the same destination) the DM *is* the channel, and listing both showed every subscription twice.
 */
function places(ctx: CommandContext): Destination[] {
  const { dm, channel, inDm } = ctx.invocation;
  return inDm || destinationKey(dm) === destinationKey(channel) ? [dm] : [dm, channel];
}

export const subscriptions: Command<typeof schema> = {
  name: 'subscriptions',
  description: 'The models you follow by DM, and those this channel follows',
  options: [],
  personal: true,
  schema,
  async run(_options, ctx) {
    const view = await ctx.services.charts();
    const { settings } = ctx.services;
    const rows: string[][] = [];
    const stopped: string[] = [];
    for (const dest of places(ctx)) {
      const subs = await settings.subscriptionsOf([dest]);
      const place = placeName(ctx.invocation, dest);
      for (const s of subs) rows.push([followedName(view, s.model), place, describeWhen(s.when)]);
      const paused = await settings.disabledEntry(dest);
      if (paused && subs.length) stopped.push(`Stopped in ${place}: ${paused.reason}. Subscribing again turns it back on.`);
    }
    if (rows.length === 0) return { title: 'Subscriptions', text: 'No subscriptions. /subscribe <model> sends you every alert about one model.' };
    const reply: Reply = {
      title: 'Subscriptions',
      table: { columns: ['Model', 'Where', 'Alerts'], rows },
      text: [...stopped, 'Stop one with /unsubscribe <model> (add where:here for this channel).'].join('\n'),
    };
    return reply;
  },
};
