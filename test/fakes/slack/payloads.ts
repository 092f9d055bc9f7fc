// Builders for slash-command and block_actions payloads, and Slack request signing.
import { createHmac } from 'node:crypto';
import type { ResponseUrlRec, SlackState } from './state.js';
import type { BlockActionInput, SignedRequest, SignOptions, SlashCommandInput } from './types.js';

export const VERIFICATION_TOKEN = 'fake-verification-token';

export interface BuiltPayload {
  payload: Record<string, unknown>;
  responseUrl: ResponseUrlRec;
}

function channelName(state: SlackState, id: string): string {
  const c = state.channels.get(id);
  if (!c) return 'unknown';
  return c.isIm ? 'directmessage' : c.name;
}

/** All slash-command form fields (strings), with a freshly minted response_url. */
export function buildSlashCommand(state: SlackState, input: SlashCommandInput = {}): BuiltPayload {
  const userId = input.user_id ?? [...state.users.values()].find((u) => !u.isBot)?.id ?? 'U0ALICE001';
  const channelId = input.channel_id ?? [...state.channels.keys()][0] ?? 'C0GENERAL1';
  const responseUrl = state.mintResponseUrl({ channel: channelId, user: userId });
  const fields: Record<string, string> = {
    token: VERIFICATION_TOKEN,
    team_id: state.teamId,
    team_domain: state.teamDomain,
    channel_id: channelId,
    channel_name: channelName(state, channelId),
    user_id: userId,
    user_name: state.users.get(userId)?.name ?? 'user',
    command: '/leaderboard',
    text: '',
    api_app_id: state.appId,
    is_enterprise_install: 'false',
    ...(state.teams.get(input.team_id ?? state.teamId)?.enterpriseId ? { enterprise_id: state.teams.get(input.team_id ?? state.teamId)!.enterpriseId! } : {}),
    response_url: responseUrl.url,
    trigger_id: state.triggerId(userId),
  };
  for (const [k, v] of Object.entries(input)) if (v !== undefined) fields[k] = v;
  return { payload: fields, responseUrl };
}

/** A `block_actions` interactive payload with one action and a minted response_url. */
export function buildBlockAction(state: SlackState, input: BlockActionInput): BuiltPayload {
  const userId = input.user_id ?? [...state.users.values()].find((u) => !u.isBot)?.id ?? 'U0ALICE001';
  const channelId = input.channel_id ?? [...state.channels.keys()][0] ?? 'C0GENERAL1';
  const responseUrl = state.mintResponseUrl({ channel: channelId, user: userId, messageTs: input.message_ts });
  const user = state.users.get(userId);
  const message = input.message_ts ? state.findMessage(channelId, input.message_ts) : undefined;
  const actionTs = (state.now() / 1000).toFixed(6);
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: userId, username: user?.name ?? 'user', name: user?.name ?? 'user', team_id: state.teamId },
    api_app_id: state.appId,
    token: VERIFICATION_TOKEN,
    container: input.message_ts
      ? { type: 'message', message_ts: input.message_ts, channel_id: channelId, is_ephemeral: !message }
      : { type: 'message', channel_id: channelId, is_ephemeral: true },
    trigger_id: state.triggerId(userId),
    team: { id: state.teamId, domain: state.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: channelName(state, channelId) },
    ...(message
      ? { message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks, user: message.user } }
      : {}),
    state: { values: {} },
    response_url: responseUrl.url,
    actions: [
      {
        action_id: input.action_id,
        block_id: input.block_id ?? 'actions',
        type: input.type ?? 'button',
        ...(input.value !== undefined ? { value: input.value } : {}),
        action_ts: actionTs,
      },
    ],
    ...input.extra,
  };
  return { payload, responseUrl };
}

/** 'v0=' + hex HMAC-SHA256(secret, `v0:${ts}:${body}`). */
export function slackSignature(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signBody(
  signingSecret: string,
  body: string,
  opts: SignOptions = {},
): Record<string, string> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': slackSignature(signingSecret, ts, body),
  };
}

export function signedSlashCommand(
  state: SlackState,
  signingSecret: string,
  input: SlashCommandInput = {},
  opts: SignOptions = {},
): SignedRequest {
  const built = buildSlashCommand(state, input);
  const body = new URLSearchParams(built.payload as Record<string, string>).toString();
  return {
    body,
    headers: signBody(signingSecret, body, opts),
    responseUrl: built.responseUrl.url,
    responseUrlId: built.responseUrl.id,
    payload: built.payload,
  };
}

function signInteractive(
  signingSecret: string,
  payload: Record<string, unknown>,
  rec: ResponseUrlRec,
  opts: SignOptions,
): SignedRequest {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return {
    body,
    headers: signBody(signingSecret, body, opts),
    responseUrl: rec.url,
    responseUrlId: rec.id,
    payload,
  };
}

/** An interactive request (`payload=<json>` form body) for any payload; a response_url is minted. */
export function signedInteractive(
  state: SlackState,
  signingSecret: string,
  payload: Record<string, unknown>,
  opts: SignOptions = {},
): SignedRequest {
  const rec = state.mintResponseUrl({});
  return signInteractive(signingSecret, { ...payload, response_url: rec.url }, rec, opts);
}

/** A signed `block_actions` request built like `sendBlockAction`'s payload. */
export function signedBlockAction(
  state: SlackState,
  signingSecret: string,
  input: BlockActionInput,
  opts: SignOptions = {},
): SignedRequest {
  const built = buildBlockAction(state, input);
  return signInteractive(signingSecret, built.payload, built.responseUrl, opts);
}

export interface EventOptions extends SignOptions {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/** An Events API `event_callback` envelope around `event`, as Slack wraps every event. */
export function eventCallback(state: SlackState, event: Record<string, unknown>, opts: EventOptions = {}): Record<string, unknown> {
  const teamId = opts.teamId ?? state.teamId;
  const enterpriseId = opts.enterpriseId ?? state.teams.get(teamId)?.enterpriseId ?? null;
  const now = state.now() / 1000;
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    enterprise_id: enterpriseId,
    api_app_id: state.appId,
    event: { event_ts: now.toFixed(6), ...event },
    type: 'event_callback',
    event_id: `Ev${Math.floor(Math.random() * 1e10)}`,
    event_time: Math.floor(now),
    authorizations: [{ enterprise_id: enterpriseId, team_id: teamId, user_id: state.botUserId, is_bot: true, is_enterprise_install: opts.isEnterpriseInstall ?? false }],
    is_ext_shared_channel: false,
  };
}

/** A signed Events API `event_callback` (JSON body), as Slack posts it to the request URL. */
export function signedEvent(state: SlackState, signingSecret: string, event: Record<string, unknown>, opts: EventOptions = {}): Omit<SignedRequest, 'responseUrl' | 'responseUrlId'> {
  const payload = eventCallback(state, event, opts);
  const body = JSON.stringify(payload);
  return { body, headers: { ...signBody(signingSecret, body, opts), 'content-type': 'application/json' }, payload };
}
