// The fake Web API: POST /api/<method>. Auth, scripted faults, tier limits, dispatch.
import type { IncomingHttpHeaders } from 'node:http';
import { deleteMessage, platformError, postEphemeral, postMessage, ratelimited, update } from './chat.js';
import type { MethodCtx, MethodResult } from './chat.js';
import { mintSecret, str, truthy } from './http-util.js';
import { completeUploadExternal, getUploadURLExternal } from './files.js';
import { oauthAccess } from './oauth.js';
import { chatUnfurl, viewsOpen, viewsPublish, viewsUpdate } from './views.js';
import type { ChannelRec, SlackState } from './state.js';
import type { FaultSpec } from './types.js';

type Handler = (ctx: MethodCtx) => MethodResult;

function channelJson(state: SlackState, c: ChannelRec): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isIm && !c.isMpim && !c.isPrivate,
    is_group: c.isPrivate && !c.isIm && !c.isMpim,
    is_im: c.isIm,
    is_mpim: c.isMpim,
    is_private: c.isPrivate,
    is_archived: c.archived,
    is_general: c.name === 'general',
    is_member: c.botIsMember,
    created: c.created,
    creator: c.isIm ? undefined : state.botUserId,
    ...(c.isIm ? { user: c.user } : {}),
    context_team_id: c.teamId,
  };
}

/** Answers for the token's own workspace (or org, for an org-wide install). */
const authTest: Handler = ({ state, grant }) => {
  const team = grant?.teamId ? state.teams.get(grant.teamId) : undefined;
  const org = grant?.enterpriseId ? [...state.teams.values()].find((t) => t.enterpriseId === grant.enterpriseId) : undefined;
  return {
    body: {
      ok: true,
      url: `https://${team?.domain ?? org?.enterpriseId?.toLowerCase() ?? state.teamDomain}.slack.com/`,
      team: team?.name ?? org?.enterpriseName ?? state.teamName,
      user: 'rankwatch',
      team_id: team?.id ?? (org ? undefined : state.teamId),
      ...(team?.enterpriseId || org ? { enterprise_id: team?.enterpriseId ?? org?.enterpriseId } : {}),
      user_id: state.botUserId,
      bot_id: state.botId,
      is_enterprise_install: !grant?.teamId && !!grant?.enterpriseId,
    },
  };
};

/** A bot token sees public channels and the private ones it is in: any other private channel is channel_not_found, as on Slack. */
const conversationsInfo: Handler = ({ state, fields, grant }) => {
  const c = state.resolveChannel(str(fields.channel), grant);
  if (!c || (c.isPrivate && !c.isIm && !c.botIsMember)) return platformError('channel_not_found');
  return { body: { ok: true, channel: channelJson(state, c) } };
};

const conversationsOpen: Handler = ({ state, fields, grant }) => {
  const channelRef = str(fields.channel);
  if (channelRef) {
    const c = state.resolveChannel(channelRef, grant);
    if (!c) return platformError('channel_not_found');
    return { body: { ok: true, no_op: true, already_open: true, channel: { id: c.id } } };
  }
  const users = (str(fields.users) ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (users.length === 0) return platformError('users_list_not_supplied');
  if (users.length > 8) return platformError('too_many_users');
  if (users.some((u) => !state.userFor(u, grant))) return platformError('user_not_found');
  const before = state.channels.size;
  const c = state.openDm(users);
  const existed = state.channels.size === before;
  const channel = truthy(fields.return_im) ? channelJson(state, c) : { id: c.id };
  return { body: { ok: true, ...(existed ? { no_op: true, already_open: true } : {}), channel } };
};

const usersInfo: Handler = ({ state, fields, grant }) => {
  const u = state.userFor(str(fields.user), grant);
  if (!u) return platformError('user_not_found');
  return {
    body: {
      ok: true,
      user: { id: u.id, team_id: state.userTeams.get(u.id) ?? state.teamId, name: u.name, real_name: u.realName ?? u.name, is_bot: !!u.isBot, is_admin: !!u.isAdmin },
    },
  };
};

const connectionsOpen: Handler = ({ state }) => {
  const ticket = mintSecret(32);
  state.socketTickets.add(ticket);
  const host = state.baseUrl.replace(/^http/, 'ws');
  return { body: { ok: true, url: `${host}/socket?ticket=${ticket}&app_id=${state.appId}` } };
};

const METHODS: Record<string, Handler> = {
  'auth.test': authTest,
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': deleteMessage,
  'conversations.info': conversationsInfo,
  'conversations.open': conversationsOpen,
  'users.info': usersInfo,
  'apps.connections.open': connectionsOpen,
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
  'views.open': viewsOpen,
  'views.update': viewsUpdate,
  'views.publish': viewsPublish,
  'chat.unfurl': chatUnfurl,
};

/** Methods that need the app-level (xapp-) token instead of a bot token. */
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

export function faultResult(fault: FaultSpec): MethodResult {
  const status = fault.httpStatus ?? 200;
  if (status === 429) return ratelimited(fault.retryAfter ?? 1);
  const error = fault.error ?? (status >= 500 ? 'internal_error' : 'fatal_error');
  return { status, body: { ok: false, error } };
}

function tokenOf(headers: IncomingHttpHeaders, fields: Record<string, unknown>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    if (m) return m[1];
  }
  return str(fields.token) || undefined;
}

export function handleWebApi(
  state: SlackState,
  apiMethod: string,
  headers: IncomingHttpHeaders,
  fields: Record<string, unknown>,
  badJson: string[],
): MethodResult {
  const fault = state.faults.take(apiMethod, str(fields.channel));
  if (fault) return faultResult(fault);
  // oauth.v2.access takes the app's client credentials, not a token.
  if (apiMethod === 'oauth.v2.access') return oauthAccess(state, headers, fields);
  const handler = METHODS[apiMethod];
  if (!handler) return platformError('unknown_method', { req_method: apiMethod });
  const token = tokenOf(headers, fields);
  if (!token) return platformError('not_authed');
  if (state.revoked.has(token)) return platformError('token_revoked');
  const isApp = token === state.appToken;
  const isBot = state.botTokens.has(token);
  if (!isApp && !isBot) return platformError('invalid_auth');
  if (APP_TOKEN_METHODS.has(apiMethod) !== isApp) return platformError('not_allowed_token_type');
  const retryAfter = state.limiter.takeMethod(token, apiMethod);
  if (retryAfter !== undefined) return ratelimited(retryAfter);
  return handler({ state, fields, badJson, token, grant: state.grants.get(token) });
}
