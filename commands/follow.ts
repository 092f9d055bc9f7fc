import { isPersonal, type Destination } from '../src/delivery/destination.js';
import type { CommandContext } from './command.js';
import { placeName, requirePosting } from './guards.js';
import type { Reply } from './reply.js';
import type { ChartView } from './services.js';

/**
 * Subscribes `dest` to one model (from /subscribe and the "Follow this model" button). Asking
 * again is also how a destination that stopped receiving (blocked DMs, lost access) is turned
 * back on, so the disabled mark is cleared and the reply says so.
 */
export async function follow(ctx: CommandContext, view: ChartView, slug: string, dest: Destination, shown?: { name: string; url: string }): Promise<Reply> {
  requirePosting(ctx.invocation, isPersonal(dest) ? 'send alerts by DM' : 'post alerts in channels');
  const { settings, clock } = ctx.services;
  const paused = await settings.disabledEntry(dest);
  const isNew = await settings.subscribe({ model: slug, dest, by: ctx.invocation.user, at: clock().toISOString() });
  await settings.enable(dest);
  const label = shown ?? view.label(slug);
  const place = placeName(ctx.invocation, dest);
  const done = isNew ? `Subscribed: every ${label.name} alert goes to ${place}.` : `Already subscribed: every ${label.name} alert goes to ${place}.`;
  const resumed = paused ? ` Deliveries there had stopped (${paused.reason}); they are back on.` : '';
  const where = place === 'your DMs' ? '' : ' where:here';
  return { text: `${done}${resumed} To stop: /unsubscribe ${slug}${where}`, url: label.url, ephemeral: true };
}
