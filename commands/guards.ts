import { destinationKey, type Destination } from '../src/delivery/destination.js';
import type { HistoryMeta } from '../src/store/history-store.js';
import { UserError, type CommandContext, type Invocation } from './command.js';
import type { ChartView } from './services.js';

/** A chart view that has data: every reply built from it can carry the attribution. */
export type LoadedView = ChartView & { readonly meta: HistoryMeta };

/** The charts, or a short answer that there are none yet (before the first sync). */
export async function chartData(ctx: CommandContext): Promise<LoadedView> {
  const view = await ctx.services.charts();
  if (!view.meta || view.book.history.completeThrough === null) {
    throw new UserError('no_data', 'No chart data yet: the first sync has not finished. Try again in a few minutes.');
  }
  return view as LoadedView;
}

const MANAGERS = "You need the Manage Channels permission (Discord) / to be a workspace admin or the channel's creator (Slack)";

/** Channel-wide changes are for the people who run the channel. */
export function requireManager(invocation: Invocation, action: string): void {
  if (!invocation.canManageChannel) throw new UserError('forbidden', `${MANAGERS} to ${action}.`);
}

/** Alerts in a channel, DMs and test alerts need the bot to post; some set-ups only answer commands. */
export function requirePosting(invocation: Invocation, action: string): void {
  if (invocation.cannotPost) throw new UserError('unavailable', `This bot can answer commands but cannot ${action} yet: ${invocation.cannotPost}.`);
}

/**
 * Where a subscription goes: the caller's DM, or this channel (`here`), which needs the right to
 * manage it. `here` typed in a DM is the DM.
 */
export function subscriptionTarget(invocation: Invocation, where: 'dm' | 'here', action: string): Destination {
  if (where === 'dm' || invocation.inDm) return invocation.dm;
  requireManager(invocation, `${action} this channel; use \`where:dm\` to get DMs yourself`);
  return invocation.channel;
}

/** How a reply names a destination: `your DMs`, `#general`, `this channel`, `this terminal`. */
export function placeName(invocation: Invocation, dest: Destination): string {
  if (dest.kind === 'console') return 'this terminal';
  if (invocation.inDm || destinationKey(dest) === destinationKey(invocation.dm)) return 'your DMs';
  return invocation.channelName ?? 'this channel';
}
