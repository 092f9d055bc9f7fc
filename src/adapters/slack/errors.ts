import { webApi } from '@slack/bolt';
import { DeliveryError, type DeliveryFailure } from '../../delivery/notifier.js';

/**
 * Web API error strings, by what delivery should do about them (chat.postMessage, conversations.open).
 * Errors about the token itself (`invalid_auth`, `token_revoked`, `account_inactive`, a missing
 * scope) are `unauthorized`: they say nothing about the channel, so it must not be disabled.
 */
const PLATFORM_ERRORS: Record<string, DeliveryFailure> = {
  channel_not_found: 'gone',
  is_archived: 'gone',
  user_not_found: 'gone',
  user_disabled: 'gone',
  not_in_channel: 'forbidden',
  token_revoked: 'unauthorized',
  token_expired: 'unauthorized',
  invalid_auth: 'unauthorized',
  not_authed: 'unauthorized',
  account_inactive: 'unauthorized',
  missing_scope: 'unauthorized',
  no_permission: 'forbidden',
  restricted_action: 'forbidden',
  restricted_action_read_only_channel: 'forbidden',
  restricted_action_thread_only_channel: 'unusable',
  restricted_action_non_threadable_channel: 'unusable',
  team_access_not_granted: 'unauthorized',
  ekm_access_denied: 'forbidden',
  messages_tab_disabled: 'forbidden',
  ratelimited: 'retry',
  rate_limited: 'retry',
  fatal_error: 'retry',
  internal_error: 'retry',
  service_unavailable: 'retry',
  request_timeout: 'retry',
  invalid_blocks: 'invalid',
  invalid_blocks_format: 'invalid',
  msg_too_long: 'invalid',
  msg_blocks_too_long: 'invalid',
  invalid_arguments: 'invalid',
  invalid_arg_name: 'invalid',
  invalid_array_arg: 'invalid',
  invalid_json: 'invalid',
  json_not_object: 'invalid',
  no_text: 'invalid',
  too_many_attachments: 'invalid',
  cannot_dm_bot: 'invalid',
};

/** Incoming-webhook answers (plain text bodies), platforms.md §2.7. */
const WEBHOOK_ERRORS: Record<string, DeliveryFailure> = {
  channel_not_found: 'gone',
  channel_is_archived: 'gone',
  no_service: 'gone',
  no_active_hooks: 'gone',
  action_prohibited: 'forbidden',
  posting_to_general_channel_denied: 'forbidden',
  invalid_token: 'forbidden',
  invalid_payload: 'invalid',
  invalid_blocks: 'invalid',
  invalid_blocks_format: 'invalid',
  no_text: 'invalid',
  missing_text_or_fallback_or_attachments: 'invalid',
  too_many_attachments: 'invalid',
  user_not_found: 'invalid',
};

interface CodedError {
  code?: string;
  data?: { error?: string };
  statusCode?: number;
  retryAfter?: number;
  original?: Error;
}

/**
 * Turns anything a WebClient call threw into a DeliveryError naming the destination and the Slack
 * error. Unknown platform errors, HTTP errors, timeouts and a 429 the client gave up on are `retry`.
 */
export function webApiDeliveryError(error: unknown, where: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error ?? {}) as CodedError;
  const { ErrorCode } = webApi;
  if (e.code === ErrorCode.PlatformError) {
    const slackError = e.data?.error ?? 'unknown_error';
    return new DeliveryError(PLATFORM_ERRORS[slackError] ?? 'retry', `Slack refused the message to ${where}: ${slackError}`);
  }
  if (e.code === ErrorCode.RateLimitedError) {
    return new DeliveryError('retry', `Slack rate-limited the message to ${where} (retry after ${e.retryAfter} s)`, (e.retryAfter ?? 1) * 1000);
  }
  if (e.code === ErrorCode.HTTPError) return new DeliveryError('retry', `Slack answered HTTP ${e.statusCode} for ${where}`);
  if (e.code === ErrorCode.RequestError) {
    return new DeliveryError('retry', `Could not reach Slack for ${where}: ${e.original?.message ?? String(error)}`);
  }
  return new DeliveryError('retry', `Sending to ${where} failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** Maps an incoming webhook's HTTP answer (status and plain-text body) to a DeliveryError. */
export function webhookDeliveryError(status: number, body: string, where: string, retryAfter: string | null): DeliveryError {
  const slackError = body.trim().slice(0, 100) || `HTTP ${status}`;
  const message = `Slack webhook ${where} answered ${status} ${slackError}`;
  if (status === 429) {
    const seconds = Number.parseInt(retryAfter ?? '', 10);
    return new DeliveryError('retry', message, Number.isFinite(seconds) ? Math.max(0, seconds) * 1000 : 1000);
  }
  if (status >= 500) return new DeliveryError('retry', message);
  const known = WEBHOOK_ERRORS[slackError];
  if (known) return new DeliveryError(known, message);
  if (status === 404 || status === 410) return new DeliveryError('gone', message);
  if (status === 401 || status === 403) return new DeliveryError('forbidden', message);
  if (status === 400 || status === 413) return new DeliveryError('invalid', message);
  return new DeliveryError('retry', message);
}
