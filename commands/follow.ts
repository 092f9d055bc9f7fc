import { destinationKey, isPersonal, type Destination } from '../src/delivery/destination.js';
import type { SubscriptionWhen } from '../src/store/settings-index.js';
import type { CommandContext } from './command.js';
import { placeName, requirePosting } from './guards.js';
import type { Reply } from './reply.js';
import type { ChartView } from './services.js';
import { describeWhen, sameWhen } from './subscription-conditions.js';

/**
 * Subscribes `dest` to one model (from /subscribe and the "Follow this model" button). Asking
 * again is also how a destination that stopped receiving (blocked DMs, lost access) is turned
 * back on, so the disabled mark is cleared and the reply says so. `when`: the conditions
 * /subscribe was given (null: none, every event); `'keep'` (the button) leaves an existing
 * subscription's conditions as they are.
 */
export async function follow(ctx: CommandContext, view: ChartView, slug: string, dest: Destination, shown?: { name: string; url: string }, when: SubscriptionWhen | null | 'keep' = 'keep'): Promise<Reply> {
  requirePosting(ctx.invocation, isPersonal(dest) ? 'send alerts by DM' : 'post alerts in channels');
  const { settings, clock } = ctx.services;
  const paused = await settings.disabledEntry(dest);
  const before = (await settings.subscriptionsOf([dest])).find((s) => s.model === slug && destinationKey(s.dest) === destinationKey(dest));
  const wanted = when === 'keep' ? before?.when : (when ?? undefined);
  await settings.subscribe({ model: slug, dest, by: ctx.invocation.user, at: clock().toISOString(), ...(wanted ? { when: wanted } : {}) });
  await settings.enable(dest);
  const label = shown ?? view.label(slug);
  const place = placeName(ctx.invocation, dest);
  const what = wanted ? `${label.name} alerts (${describeWhen(wanted)}) go` : `every ${label.name} alert goes`;
  const verb = !before ? 'Subscribed' : sameWhen(before.when, wanted) ? 'Already subscribed' : 'Updated';
  const done = `${verb}: ${what} to ${place}.`;
  const resumed = paused ? ` Deliveries there had stopped (${paused.reason}); they are back on.` : '';
  const where = place === 'your DMs' ? '' : ' where:here';
  return { text: `${done}${resumed} To stop: /unsubscribe ${slug}${where}`, url: label.url, ephemeral: true };
}
