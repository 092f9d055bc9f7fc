import { z } from 'zod';
import type { Destination } from '../src/delivery/destination.js';
import type { Command, CommandContext } from './command.js';
import { placeName } from './guards.js';
import { noExtra } from './options.js';
import type { Reply } from './reply.js';
import { followedName } from './lab-follow.js';
import type { ChartView } from './services.js';

const schema = z.object({ _extra: noExtra });

async function listing(ctx: CommandContext, view: ChartView, dest: Destination): Promise<string> {
  const subs = await ctx.services.settings.subscriptionsOf([dest]);
  const paused = await ctx.services.settings.disabledEntry(dest);
  const lines = subs.map((s) => `${followedName(view, s.model)} (${s.model})`);
  if (paused && lines.length) lines.push(`Stopped: ${paused.reason}. Subscribing again turns it back on.`);
  return lines.length ? lines.join('\n') : 'None';
}

export const subscriptions: Command<typeof schema> = {
  name: 'subscriptions',
  description: 'The models you follow by DM, and those this channel follows',
  options: [],
  personal: true,
  schema,
  async run(_options, ctx) {
    const { invocation } = ctx;
    const view = await ctx.services.charts();
    const fields: { label: string; value: string }[] = [{ label: 'By DM', value: await listing(ctx, view, invocation.dm) }];
    if (!invocation.inDm) fields.push({ label: `In ${placeName(invocation, invocation.channel)}`, value: await listing(ctx, view, invocation.channel) });
    const none = fields.every((f) => f.value === 'None');
    const reply: Reply = {
      title: 'Subscriptions',
      fields,
      text: none ? 'No subscriptions. /subscribe <model> sends you every alert about one model.' : 'Stop one with /unsubscribe <model> (add where:here for this channel).',
    };
    return reply;
  },
};
