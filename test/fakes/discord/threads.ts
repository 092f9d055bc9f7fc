// Threads and forums in the fake Discord (resources/channel.mdx "Start Thread in Forum or Media
// Channel", topics/threads.mdx), with the rules a bot meets:
// - a forum (15) or media (16) channel takes no plain messages: 400 40058;
// - POST /channels/{forum}/threads needs `name` (1-100) and `message` (a message create body);
//   the post is a public thread (11) whose starter message has the thread's id;
// - a message to an archived thread unarchives it, unless the thread is locked: 400 50083.
import { apiError, ok, type Reply } from './http.js';
import { route, type Ctx, type RouteDef } from './router.js';
import type { FakeState } from './state.js';
import type { Json } from './types.js';
import { ErrorTree, validateMessage } from './validate.js';

export const FORUM_TYPES = new Set([15, 16]);
export const THREAD_TYPES = new Set([10, 11, 12]);

export const forumRefusal = (): Reply => apiError(400, 40058, 'Cannot send messages in a forum channel');
const archivedThread = (): Reply => apiError(400, 50083, 'Thread is archived');
const wrongChannelType = (): Reply => apiError(400, 50024, 'Cannot execute action on this channel type');

/** Why a plain message cannot go to this channel (a forum, a locked archived thread); unarchives an archived open thread. */
export function messageRefusal(channel: Json | undefined): Reply | undefined {
  if (!channel) return undefined;
  if (FORUM_TYPES.has(channel.type)) return forumRefusal();
  const meta = channel.thread_metadata as Json | undefined;
  if (THREAD_TYPES.has(channel.type) && meta?.archived) {
    if (meta.locked) return archivedThread();
    meta.archived = false;
  }
  return undefined;
}

/** The thread object Discord returns (CreatedThreadResponse's required fields and a few more). */
export function threadChannel(state: FakeState, parent: Json, name: string, type: number, ownerId: string): Json {
  const thread = state.addChannel(parent.guild_id ?? null, { name, type, parent_id: parent.id });
  return Object.assign(thread, { owner_id: ownerId, applied_tags: [] });
}

function startThread(ctx: Ctx): Reply {
  const parent = ctx.state.channels.get(ctx.params.channel!)!;
  const body = (ctx.body ?? {}) as Json;
  const e = new ErrorTree();
  if (e.required(['name'], body.name)) e.maxLen(['name'], body.name, 100);
  if (!FORUM_TYPES.has(parent.type)) {
    if (parent.type !== 0 && parent.type !== 5) return wrongChannelType();
    const err = e.reply();
    return err ?? ok(threadChannel(ctx.state, parent, String(body.name), Number(body.type ?? 12), ctx.state.botUser.id), 201);
  }
  if (typeof body.message !== 'object' || body.message === null) e.add(['message'], 'BASE_TYPE_REQUIRED', 'This field is required');
  const err = e.reply() ?? validateMessage(body.message, ctx.files, 'create');
  if (err) return err;
  const thread = threadChannel(ctx.state, parent, String(body.name), 11, ctx.state.botUser.id);
  const message = ctx.state.createMessage(thread.id, body.message, ctx.files, { id: thread.id });
  thread.message_count = thread.total_message_sent = 1;
  parent.last_message_id = thread.id;
  return ok({ ...thread, message }, 201);
}

export function threadRoutes(): RouteDef[] {
  const o = { major: (p: Record<string, string>) => p.channel! };
  return [route('POST', '/channels/:channel/threads', (ctx) => ctx.state.channelGuard(ctx.params.channel!) ?? startThread(ctx), o)];
}
