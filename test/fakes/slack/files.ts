// files.* of the fake Web API: Slack's external upload flow, as the SDK's filesUploadV2 drives it.
// 1. files.getUploadURLExternal(filename, length) → an upload URL on this stand-in's own port + a file id;
// 2. POST the bytes there (raw, or multipart with one file part), exactly `length` of them;
// 3. files.completeUploadExternal(files=[{id,title}], channel_id[, thread_ts][, blocks|initial_comment])
//    shares them in a channel the token's workspace can post files to: one message in its history.
import type { ServerResponse } from 'node:http';
import { platformError, writableChannel, type MethodCtx, type MethodResult } from './chat.js';
import { mintId, mintSecret, sendText, str } from './http-util.js';
import type { SlackState } from './state.js';
import type { RecordedFile, RecordedMessage } from './types.js';

/** Slack's ceiling for one file (1 GB). */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const ALT_MAX = 1000;

export interface PendingUpload {
  id: string;
  filename: string;
  length: number;
  altText?: string;
  token: string;
  teamId?: string;
  secret: string;
  data?: Buffer;
  mimetype?: string;
  shared: boolean;
}

const uploads = new WeakMap<SlackState, Map<string, PendingUpload>>();
export function uploadsOf(state: SlackState): Map<string, PendingUpload> {
  let m = uploads.get(state);
  if (!m) uploads.set(state, (m = new Map()));
  return m;
}

/** A token installed with scopes (OAuth) needs files:write; the default test tokens carry none listed and may. */
function missingScope(ctx: MethodCtx): MethodResult | undefined {
  const scopes = ctx.grant?.scopes ?? [];
  return scopes.length && !scopes.includes('files:write') ? platformError('missing_scope', { needed: 'files:write', provided: scopes.join(',') }) : undefined;
}

export function getUploadURLExternal(ctx: MethodCtx): MethodResult {
  const refused = missingScope(ctx);
  if (refused) return refused;
  const filename = str(ctx.fields.filename);
  const length = Number(str(ctx.fields.length));
  if (!filename || !Number.isInteger(length) || length <= 0) return platformError('missing_argument');
  if (length > MAX_FILE_BYTES) return platformError('file_upload_size_restricted');
  const altText = str(ctx.fields.alt_txt) ?? str(ctx.fields.alt_text);
  if (altText && altText.length > ALT_MAX) return platformError('alt_txt_too_large');
  const upload: PendingUpload = { id: mintId('F', 10), filename, length, altText, token: ctx.token, teamId: ctx.grant?.teamId, secret: mintSecret(24), shared: false };
  uploadsOf(ctx.state).set(upload.id, upload);
  return { body: { ok: true, upload_url: `${ctx.state.baseUrl}/upload/v1/${upload.secret}`, file_id: upload.id } };
}

/** POST /upload/v1/<secret>: the bytes, raw or as the one file part of a multipart form. */
export async function handleUpload(state: SlackState, secret: string, contentType: string, raw: Buffer, res: ServerResponse): Promise<number> {
  const upload = [...uploadsOf(state).values()].find((u) => u.secret === secret);
  if (!upload || upload.data) return reply(res, 404, 'upload URL unknown or already used');
  let data = raw;
  let mimetype = contentType.split(';')[0]!.trim() || 'application/octet-stream';
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    const form = await new Request('http://fake.local/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData().catch(() => null);
    const files = form ? [...form.values()].flatMap((v) => (typeof v === 'string' ? [] : [v])) : [];
    if (files.length !== 1) return reply(res, 400, 'expected exactly one file part');
    data = Buffer.from(await files[0].arrayBuffer());
    mimetype = files[0].type || 'application/octet-stream';
  }
  if (data.length !== upload.length) return reply(res, 400, `declared length ${upload.length}, received ${data.length} bytes`);
  upload.data = data;
  upload.mimetype = sniff(data) ?? mimetype;
  return reply(res, 200, `OK - ${data.length}`);
}

function reply(res: ServerResponse, status: number, text: string): number {
  sendText(res, status, text, { 'content-type': 'text/plain' });
  return status;
}

const sniff = (data: Buffer) => (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ? 'image/png' : undefined);

export function completeUploadExternal(ctx: MethodCtx): MethodResult {
  const refused = missingScope(ctx);
  if (refused) return refused;
  const { state, fields } = ctx;
  let list: unknown = fields.files;
  if (typeof list === 'string') {
    try {
      list = JSON.parse(list);
    } catch {
      return platformError('invalid_arguments');
    }
  }
  if (!Array.isArray(list) || list.length === 0) return platformError('invalid_arguments');
  const chosen: { upload: PendingUpload; title: string }[] = [];
  for (const f of list as { id?: unknown; title?: unknown }[]) {
    const upload = uploadsOf(state).get(String(f?.id));
    // Another token's upload (even the same workspace's other install) is not this token's to share.
    if (!upload || upload.token !== ctx.token || upload.shared) return platformError('file_not_found');
    if (!upload.data) return platformError('file_not_found'); // nothing was uploaded to its URL
    chosen.push({ upload, title: str(f.title) ?? upload.filename });
  }
  const channelId = str(fields.channel_id);
  if (!channelId) {
    for (const c of chosen) c.upload.shared = true; // uploaded, shared nowhere: private to the app
    return { body: { ok: true, files: chosen.map(({ upload, title }) => ({ id: upload.id, title })) } };
  }
  // Unlike chat.postMessage with chat:write.public, sharing a file needs the bot in the channel.
  const target = writableChannel({ ...ctx, fields: { channel: channelId } });
  if ('error' in target) return target.error;
  const threadTs = str(fields.thread_ts);
  if (threadTs && !state.findMessage(target.channel.id, threadTs)) return platformError('invalid_thread_ts');
  const files: RecordedFile[] = chosen.map(({ upload, title }) => ({
    id: upload.id,
    name: upload.filename,
    title,
    ...(upload.altText ? { altText: upload.altText } : {}),
    size: upload.data!.length,
    mimetype: upload.mimetype!,
    data: upload.data!,
    teamId: upload.teamId ?? target.channel.teamId,
    token: upload.token,
  }));
  for (const c of chosen) c.upload.shared = true;
  const blocks = parseBlocks(fields.blocks);
  const m: RecordedMessage = {
    channel: target.channel.id,
    ts: state.tsMinter.next(),
    text: str(fields.initial_comment) ?? '',
    ...(blocks && !str(fields.initial_comment) ? { blocks } : {}),
    files,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    user: state.botUserId,
    bot_id: state.botId,
    via: 'files.completeUploadExternal',
    token: ctx.token,
    args: { ...fields },
    edits: [],
  };
  state.messages.push(m);
  return { body: { ok: true, files: files.map((f) => ({ id: f.id, title: f.title, name: f.name, mimetype: f.mimetype, size: f.size })) } };
}

function parseBlocks(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
