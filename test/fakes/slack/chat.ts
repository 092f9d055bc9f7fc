// chat.* methods of the fake Web API.
import { checkContent, withWarnings } from './content.js';
import { str } from './http-util.js';
import type { ChannelRec, Grant, SlackState } from './state.js';
import type { RecordedMessage } from './types.js';

export interface MethodCtx {
  state: SlackState;
  fields: Record<string, unknown>;
  badJson: string[];
  token: string;
  /** What the token reaches (its workspace, or its org for an org-wide install). */
  grant?: Grant;
}

export interface MethodResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const platformError = (error: string, extra: Record<string, unknown> = {}): MethodResult => ({
  body: { ok: false, error, ...extra },
});

export function ratelimited(retryAfter: number): MethodResult {
  return {
    status: 429,
    body: { ok: false, error: 'ratelimited' },
    headers: { 'retry-after': String(retryAfter) },
  };
}

/**
 * Channel checks common to the chat methods that write into a channel. `publicPost`: the method
 * honours chat:write.public (chat.postMessage does; file shares and ephemerals need membership).
 */
export function writableChannel(
  ctx: MethodCtx,
  o: { publicPost?: boolean } = {},
): { channel: ChannelRec } | { error: MethodResult } {
  const ref = str(ctx.fields.channel);
  const channel = ctx.state.resolveChannel(ref, ctx.grant);
  if (!channel) return { error: platformError('channel_not_found') };
  if (channel.archived) return { error: platformError('is_archived') };
  // chat:write.public lets a token installed with it post in public channels it is not in (never private ones).
  const publicPost = o.publicPost === true && !channel.isPrivate && !channel.isIm && !!ctx.grant?.scopes.includes('chat:write.public');
  if (!channel.botIsMember && !publicPost) return { error: platformError('not_in_channel') };
  return { channel };
}

export function messageJson(state: SlackState, m: RecordedMessage): Record<string, unknown> {
  return {
    type: 'message',
    ...(m.via === 'chat.postMessage' ? {} : { subtype: 'bot_message' }),
    text: m.text,
    user: state.botUserId,
    bot_id: state.botId,
    app_id: state.appId,
    team: state.teamId,
    ts: m.ts,
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
    bot_profile: { id: state.botId, app_id: state.appId, name: 'rankwatch', deleted: false, team_id: state.teamId },
  };
}

export function postMessage(ctx: MethodCtx): MethodResult {
  const { state, fields } = ctx;
  const target = writableChannel(ctx, { publicPost: true });
  if ('error' in target) return target.error;
  const channel = target.channel;
  // A reply names its parent: a message of this channel that still exists (a deleted parent:
  // `thread_not_found`, as bolt-js#2307 reports it).
  const threadTs = str(fields.thread_ts);
  if (threadTs && !state.messages.some((m) => m.channel === channel.id && m.ts === threadTs && !m.deleted)) return platformError('thread_not_found');
  const retryAfter = state.limiter.takePostMessage(channel.id);
  if (retryAfter !== undefined) return ratelimited(retryAfter);
  const content = checkContent(fields, {
    badJson: ctx.badJson,
    longText: 'truncate',
    maxBlocksTextTotal: state.maxBlocksTextTotal,
  });
  if (!content.ok) return { body: content.body };
  const m: RecordedMessage = {
    channel: channel.id,
    ts: state.tsMinter.next(),
    text: content.text,
    blocks: content.blocks,
    attachments: content.attachments,
    thread_ts: str(fields.thread_ts),
    user: state.botUserId,
    bot_id: state.botId,
    via: 'chat.postMessage',
    token: ctx.token,
    args: { ...fields },
    edits: [],
  };
  state.messages.push(m);
  return {
    body: withWarnings({ ok: true, channel: channel.id, ts: m.ts, message: messageJson(state, m) }, content.warnings),
  };
}

export function postEphemeral(ctx: MethodCtx): MethodResult {
  const { state, fields } = ctx;
  const target = writableChannel(ctx);
  if ('error' in target) return target.error;
  const user = str(fields.user);
  if (!user || !state.userFor(user, ctx.grant)) return platformError('user_not_found');
  if (!state.isChannelMember(target.channel, user)) return platformError('user_not_in_channel');
  const content = checkContent(fields, { badJson: ctx.badJson, longText: 'truncate' });
  if (!content.ok) return { body: content.body };
  const ts = state.tsMinter.next();
  state.ephemerals.push({
    channel: target.channel.id,
    user,
    text: content.text,
    blocks: content.blocks,
    message_ts: ts,
    via: 'chat.postEphemeral',
    args: { ...fields },
  });
  return { body: withWarnings({ ok: true, message_ts: ts }, content.warnings) };
}

function ownMessage(ctx: MethodCtx): { m: RecordedMessage } | { error: MethodResult } {
  const channel = ctx.state.resolveChannel(str(ctx.fields.channel), ctx.grant);
  if (!channel) return { error: platformError('channel_not_found') };
  const ts = str(ctx.fields.ts);
  const m = ts ? ctx.state.findMessage(channel.id, ts) : undefined;
  if (!m || m.deleted) return { error: platformError('message_not_found') };
  if (channel.archived) return { error: platformError('is_archived') };
  if (m.via === 'incoming-webhook') {
    return { error: platformError('cant_update_message') };
  }
  return { m };
}

export function update(ctx: MethodCtx): MethodResult {
  const found = ownMessage(ctx);
  if ('error' in found) return found.error;
  const { m } = found;
  const content = checkContent(ctx.fields, {
    badJson: ctx.badJson,
    longText: 'reject',
    maxBlocksTextTotal: ctx.state.maxBlocksTextTotal,
  });
  if (!content.ok) return { body: content.body };
  m.edits.push({ at: ctx.state.now(), text: m.text, blocks: m.blocks });
  m.text = content.text;
  if (content.blocks !== undefined) m.blocks = content.blocks;
  if (content.attachments !== undefined) m.attachments = content.attachments;
  return {
    body: {
      ok: true,
      channel: m.channel,
      ts: m.ts,
      text: m.text,
      message: messageJson(ctx.state, m),
    },
  };
}

export function deleteMessage(ctx: MethodCtx): MethodResult {
  const found = ownMessage(ctx);
  if ('error' in found) return found.error;
  found.m.deleted = true;
  return { body: { ok: true, channel: found.m.channel, ts: found.m.ts } };
}
