import type { webApi } from '@slack/bolt';
import type { Invocation } from '../../../commands/command.js';
import type { Destination } from '../../delivery/destination.js';
import type { Logger } from '../../logger.js';
import { slackPostingCheck } from './posting-check.js';

/** Who clicked or typed, and where: the fields every Slack payload carries. */
export interface SlackOrigin {
  readonly teamId: string;
  readonly userId: string;
  readonly channelId: string;
  /** `general`, or Slack's `directmessage` / `privategroup` placeholders. */
  readonly channelName?: string;
  /** The person's Slack handle (`user_name` of a slash command), when sent. */
  readonly userName?: string;
}

/** DM channel ids start with D; group DMs and private channels count as channels. */
export const isDmChannel = (channelId: string) => channelId.startsWith('D');

/**
 * The neutral invocation of a Slack command or button click. With `poster` (the client holding
 * the workspace's token), /alerts setup can ask whether the bot can post in the channel.
 */
export function slackInvocation(origin: SlackOrigin, canManageChannel: boolean, poster?: { readonly client: webApi.WebClient; readonly logger: Logger }): Invocation {
  const inDm = isDmChannel(origin.channelId);
  const dm: Destination = { kind: 'slack-dm', teamId: origin.teamId, userId: origin.userId };
  const named = origin.channelName && !['directmessage', 'privategroup'].includes(origin.channelName);
  return {
    platform: 'slack',
    user: { platform: 'slack', userId: origin.userId, teamId: origin.teamId },
    channel: inDm ? dm : { kind: 'slack-channel', teamId: origin.teamId, channelId: origin.channelId },
    ...(named ? { channelName: `#${origin.channelName}` } : {}),
    dm,
    canManageChannel: inDm ? false : canManageChannel,
    inDm,
    ...(origin.userName ? { userName: origin.userName } : {}),
    ...(poster && !inDm ? { checkPosting: () => slackPostingCheck(poster.client, origin.channelId, named ? `#${origin.channelName}` : 'this channel', poster.logger) } : {}),
  };
}

/**
 * Only channel-wide changes need the permission check (two API calls), so other commands skip
 * it: `/alerts setup|off|test` and `/subscribe|unsubscribe … where:here`.
 */
export function needsChannelPermission(command: string, raw: Record<string, unknown>): boolean {
  const word = (v: unknown) => String(v ?? '').toLowerCase();
  if (command === 'alerts') return word(raw.subcommand) !== 'show';
  return (command === 'subscribe' || command === 'unsubscribe') && word(raw.where) === 'here';
}

/**
 * Slack has no per-channel "manage" permission, so the rule is: a workspace admin or owner
 * (users.info), or the person who created the channel (conversations.info). A lookup that fails
 * counts as "no" and is logged: refusing is safer than letting anyone change a channel's alerts.
 */
export async function canManageChannel(client: webApi.WebClient, origin: SlackOrigin, logger: Logger): Promise<boolean> {
  if (isDmChannel(origin.channelId)) return false;
  try {
    const { user } = await client.users.info({ user: origin.userId });
    if (user?.is_admin || user?.is_owner || user?.is_primary_owner) return true;
    const { channel } = await client.conversations.info({ channel: origin.channelId });
    return channel?.creator === origin.userId;
  } catch (error) {
    logger.warn({ err: error, user: origin.userId, channel: origin.channelId }, 'slack permission lookup failed; treating as not allowed');
    return false;
  }
}
