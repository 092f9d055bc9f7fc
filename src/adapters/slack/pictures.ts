import { webApi } from '@slack/bolt';
import type { ReplyImage } from '../../../commands/reply.js';
import type { Logger } from '../../logger.js';

/** Slack takes files up to 1 GB; ours are tens of kilobytes. */
export const SLACK_MAX_FILE_BYTES = 1024 * 1024 * 1024;
/** Slack's default theme is light. */
export const SLACK_THEME = 'light' as const;
/** A reply's picture not drawn by then is left out (the text answer has gone already). */
export const SLACK_IMAGE_GIVE_UP_MS = 10_000;
const ALT_MAX = 1000;

export interface SlackPicture {
  readonly name: string;
  readonly alt: string;
  readonly data: Buffer;
  /** Shown above the file. */
  readonly title: string;
}

/**
 * files.uploadV2 through the SDK (files.getUploadURLExternal, POST the bytes to the upload URL,
 * files.completeUploadExternal), shared into `channelId`, or into a thread with `threadTs`. The bot
 * must be in the channel (chat:write.public covers messages, not files).
 */
export async function uploadPicture(client: webApi.WebClient, channelId: string, picture: SlackPicture, threadTs?: string): Promise<void> {
  await client.filesUploadV2({
    channel_id: channelId,
    file: picture.data,
    filename: picture.name,
    title: picture.title.slice(0, 250),
    alt_text: picture.alt.slice(0, ALT_MAX),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  } as webApi.FilesUploadV2Arguments);
}

/**
 * A command's picture, after its text answer: slash command answers go through response_url,
 * which takes no files, so the picture is uploaded into the channel the command came from. A bot
 * that is not in that channel cannot share files there: the text answer stands alone (logged).
 */
export async function postReplyPicture(client: webApi.WebClient, channelId: string, image: ReplyImage, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SLACK_IMAGE_GIVE_UP_MS)));
    const data = await Promise.race([image.render(SLACK_THEME), late]);
    if (!data) return logger.warn({ image: image.name, ms: SLACK_IMAGE_GIVE_UP_MS }, 'slack picture too slow; the text answer stands alone');
    if (data.length > SLACK_MAX_FILE_BYTES) return logger.warn({ image: image.name, bytes: data.length }, 'slack picture over the upload limit; the text answer stands alone');
    await uploadPicture(client, channelId, { name: image.name, alt: image.alt, data, title: image.alt });
  } catch (error) {
    const slack = (error as { data?: { error?: string } }).data?.error;
    logger[slack === 'not_in_channel' ? 'info' : 'warn']({ err: error, image: image.name, channel: channelId, slack }, slack === 'not_in_channel' ? 'slack picture not shared: the bot is not in that channel (invite it to see pictures)' : 'slack picture failed; the text answer stands alone');
  } finally {
    clearTimeout(timer);
  }
}
