import type { ServerResponse } from 'node:http';
import type { ReplyImage } from '../../../commands/reply.js';
import type { AlertImage } from '../../delivery/notifier.js';
import type { Logger } from '../../logger.js';
import type { DiscordMessage } from './render.js';
import { clip, neutralise } from './text.js';

/** Discord's upload limit for a bot without boosts (`attachment_size_limit`: 10 MiB); a bigger picture is left out. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** A picture that is not drawn by then is left out, so a stuck render never holds an answer. */
export const IMAGE_GIVE_UP_MS = 10_000;

/** A file sent with a message (multipart `files[n]`), described by `attachments[n]`. */
export interface DiscordFile {
  readonly name: string;
  readonly data: Buffer;
  readonly description: string;
}

/** Draws a reply's picture (dark: most Discord clients are), or null when it fails, is too big or too slow. */
export async function drawForDiscord(image: ReplyImage | undefined, logger: Logger): Promise<DiscordFile | null> {
  if (!image) return null;
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), IMAGE_GIVE_UP_MS)));
    const data = await Promise.race([image.render('dark'), late]);
    if (!data) logger.warn({ image: image.name, ms: IMAGE_GIVE_UP_MS }, 'discord picture too slow; sent the text alone');
    else if (data.length > MAX_FILE_BYTES) logger.warn({ image: image.name, bytes: data.length }, 'discord picture over the upload limit; sent the text alone');
    else return { name: image.name, data, description: clip(neutralise(image.alt), 1024) };
  } catch (error) {
    logger.warn({ err: error, image: image.name }, 'discord picture failed; sent the text alone');
  } finally {
    clearTimeout(timer);
  }
  return null;
}

/** An alert's picture as the file to attach (dark, within the upload limit), or null: the alert then goes as text. */
export async function alertFile(image: AlertImage | undefined): Promise<DiscordFile | null> {
  const data = await image?.draw({ theme: 'dark', maxBytes: MAX_FILE_BYTES, platform: 'discord' });
  // The alt text names models: neutralised like every other string we send (belt and braces beside allowed_mentions).
  return image && data ? { name: image.name, data, description: clip(neutralise(image.alt), 1024) } : null;
}

/** The file attached and shown as the first embed's image (`attachment://name`). */
export function withImage(msg: DiscordMessage, file: DiscordFile | null): DiscordMessage {
  if (!file || !msg.embeds?.length) return msg;
  const [first, ...rest] = msg.embeds;
  return {
    ...msg,
    embeds: [{ ...first, image: { url: `attachment://${file.name}` } }, ...rest],
    attachments: [{ id: 0, filename: file.name, description: file.description }],
    files: [file],
  };
}

/** For @discordjs/rest: the JSON body (sent as `payload_json`) and the files (`files[n]`), multipart when there are files. */
export function restRequest<M extends DiscordMessage>(msg: M): { body: unknown; files?: { name: string; data: Buffer; contentType: string }[] } {
  const { files, ...body } = msg;
  return files?.length ? { body, files: files.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' })) } : { body };
}

/** For discord.js's reply and editReply: `files` (it writes `attachments` itself). */
export function discordJsFiles(msg: DiscordMessage): { files?: { attachment: Buffer; name: string; description: string }[] } {
  return msg.files?.length ? { files: msg.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description })) } : {};
}

/** An interaction callback with files, as the HTTP response: multipart `payload_json` + `files[0]`. */
export async function sendMultipart(res: ServerResponse, callback: { type: number; data: DiscordMessage }): Promise<void> {
  const { body, files = [] } = restRequest(callback.data);
  const form = new FormData();
  form.append('payload_json', JSON.stringify({ type: callback.type, data: body }));
  files.forEach((f, i) => form.append(`files[${i}]`, new Blob([f.data], { type: f.contentType }), f.name));
  const encoded = new Response(form);
  const bytes = Buffer.from(await encoded.arrayBuffer());
  if (!res.headersSent) res.writeHead(200, { 'content-type': encoded.headers.get('content-type')! }).end(bytes);
}
