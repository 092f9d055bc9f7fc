// response_url (/commands/<id>) and incoming webhooks (/services/T/B/X) of the fake Slack.
import type { ServerResponse } from 'node:http';
import { checkContent } from './content.js';
import type { ParsedBody } from './http-util.js';
import { sendJson, sendText, str, truthy } from './http-util.js';
import type { SlackState } from './state.js';
import type { RecordedMessage, ResponseUrlPost } from './types.js';

/** POST to a minted response_url. Answers JSON {ok} / {ok:false,error}; 404 once used up or expired. */
export function handleResponseUrl(state: SlackState, id: string, parsed: ParsedBody, res: ServerResponse): number {
  const rec = state.responseUrls.get(id);
  const body = parsed.fields;
  const post: ResponseUrlPost = {
    id,
    url: rec?.url ?? `${state.baseUrl}/commands/${id}`,
    at: state.now(),
    body,
    status: 200,
    accepted: false,
  };
  const answer = (status: number, error?: string): number => {
    post.status = status;
    post.error = error;
    post.accepted = status === 200;
    state.responsePosts.push(post);
    sendJson(res, status, error ? { ok: false, error } : { ok: true });
    return status;
  };
  const fault = state.faults.take('response_url');
  if (fault) return answer(fault.httpStatus ?? 500, fault.error ?? 'internal_error');
  if (!rec) return answer(404, 'invalid_url');
  if (state.now() - rec.createdAt > state.responseUrlTtlMs) return answer(404, 'expired_url');
  if (rec.uses >= state.responseUrlMaxUses) return answer(404, 'used_url');
  if (parsed.kind === 'invalid' || parsed.kind === 'empty') return answer(400, 'invalid_payload');
  const deleting = truthy(body.delete_original);
  const content = checkContent(body, { badJson: parsed.badJson, longText: 'truncate', allowEmpty: deleting });
  if (!content.ok) return answer(400, String(content.body.error));
  rec.uses += 1;
  const original = rec.channel && rec.messageTs ? state.findMessage(rec.channel, rec.messageTs) : undefined;
  if (deleting) {
    if (original) original.deleted = true;
  } else if (truthy(body.replace_original) && original) {
    original.edits.push({ at: state.now(), text: original.text, blocks: original.blocks });
    original.text = content.text;
    original.blocks = content.blocks;
  } else if (rec.channel && body.response_type === 'in_channel') {
    const m: RecordedMessage = {
      channel: rec.channel,
      ts: state.tsMinter.next(),
      text: content.text,
      blocks: content.blocks,
      attachments: content.attachments,
      thread_ts: str(body.thread_ts),
      user: state.botUserId,
      bot_id: state.botId,
      via: 'response_url',
      args: { ...body },
      edits: [],
    };
    state.messages.push(m);
  } else if (rec.channel) {
    state.ephemerals.push({
      channel: rec.channel,
      user: rec.user,
      text: content.text,
      blocks: content.blocks,
      message_ts: state.tsMinter.next(),
      via: 'response_url',
      args: { ...body },
    });
  }
  return answer(200);
}

const WEBHOOK_ERROR_STATUS: Record<string, number> = {
  invalid_payload: 400,
  invalid_blocks: 400,
  invalid_blocks_format: 400,
  invalid_attachments: 400,
  no_text: 400,
  too_many_attachments: 400,
  user_not_found: 400,
  action_prohibited: 403,
  channel_not_found: 404,
  no_service: 404,
  channel_is_archived: 410,
  rollup_error: 500,
};

/** POST /services/T/B/X. Answers plain text `ok`, or the error as plain text with its status. */
export function handleWebhook(state: SlackState, path: string, parsed: ParsedBody, res: ServerResponse): number {
  const hook = state.webhooks.get(path);
  let body = parsed.fields;
  const answer = (status: number, text: string, headers: Record<string, string> = {}): number => {
    if (hook) {
      state.webhookPosts.push({ url: hook.url, channel: hook.channel, at: state.now(), body, status, answer: text });
    }
    sendText(res, status, text, headers);
    return status;
  };
  if (!hook) return answer(404, 'no_service');
  const fault = state.faults.take('incoming-webhook', hook.channel);
  if (fault) {
    const status = fault.httpStatus ?? WEBHOOK_ERROR_STATUS[fault.error ?? ''] ?? 400;
    if (status === 429) return answer(429, fault.error ?? 'rate_limited', { 'retry-after': String(fault.retryAfter ?? 1) });
    return answer(status, fault.error ?? 'invalid_payload');
  }
  const retryAfter = state.limiter.takeWebhook(path);
  if (retryAfter !== undefined) return answer(429, 'rate_limited', { 'retry-after': String(retryAfter) });
  // Legacy form posts carry the JSON in a `payload` field.
  if (parsed.kind === 'form' && typeof body.payload === 'string') {
    try {
      body = JSON.parse(body.payload) as Record<string, unknown>;
    } catch {
      return answer(400, 'invalid_payload');
    }
  }
  if (parsed.kind === 'invalid' || parsed.kind === 'empty') return answer(400, 'invalid_payload');
  const channel = state.channels.get(hook.channel);
  if (!channel) return answer(404, 'channel_not_found');
  if (channel.archived) return answer(410, 'channel_is_archived');
  const content = checkContent(body, { badJson: parsed.badJson, longText: 'truncate' });
  if (!content.ok) {
    const error = String(content.body.error);
    const text = error === 'invalid_blocks_format' ? 'invalid_blocks' : error;
    return answer(WEBHOOK_ERROR_STATUS[text] ?? 400, text);
  }
  state.messages.push({
    channel: channel.id,
    ts: state.tsMinter.next(),
    text: content.text,
    blocks: content.blocks,
    attachments: content.attachments,
    thread_ts: str(body.thread_ts),
    via: 'incoming-webhook',
    args: { ...body },
    edits: [],
  });
  return answer(200, 'ok');
}
