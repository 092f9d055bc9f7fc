import type { webApi } from '@slack/bolt';
import type { PostingCheck } from '../../../commands/command.js';
import type { Logger } from '../../logger.js';

const INVITE = 'type /invite @rankwatch in this channel, then run /alerts setup again';

/** The Web API's error string (`channel_not_found`), when Slack answered ok:false. */
const platformError = (error: unknown): string | undefined => (error as { data?: { error?: string } }).data?.error;

/**
 * Whether the bot can post alerts in this channel, asked with the token that will post there
 * (conversations.info): a private channel (or group DM) it is not in must invite it first; Slack
 * answers channel_not_found for those, as the bot cannot see them. A public channel it is not in
 * works for messages (chat:write.public) but not for their pictures (files need membership).
 * A lookup that fails for another reason is logged and does not refuse: the confirmation posted
 * next is the real test, and names what Slack said.
 */
export async function slackPostingCheck(client: webApi.WebClient, channelId: string, where: string, logger: Logger): Promise<PostingCheck> {
  let channel: { is_private?: boolean; is_mpim?: boolean; is_member?: boolean; is_archived?: boolean } | undefined;
  try {
    channel = (await client.conversations.info({ channel: channelId })).channel;
  } catch (error) {
    const slack = platformError(error);
    if (slack === 'channel_not_found') return { ok: false, problem: `I can't post in ${where}: it is private and rankwatch is not in it. Invite @rankwatch first: ${INVITE}.` };
    logger.warn({ err: error, channel: channelId, slack }, 'slack: conversations.info failed; setup goes on to post its confirmation');
    return { ok: true };
  }
  if (!channel) return { ok: true };
  if (channel.is_archived) return { ok: false, problem: `I can't post in ${where}: it is archived. Unarchive it (or pick another channel), then run /alerts setup again.` };
  if (channel.is_member) return { ok: true };
  if (channel.is_private || channel.is_mpim) return { ok: false, problem: `I can't post in ${where}: it is private and rankwatch is not in it. Invite @rankwatch first: ${INVITE}.` };
  return { ok: true, note: `rankwatch is not in ${where}: alerts are posted (chat:write.public) but their pictures are not until you ${INVITE.replace(', then run /alerts setup again', '')}` };
}
