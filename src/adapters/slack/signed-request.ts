import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parse } from 'node:querystring';
import { isFresh, type ReplayGuard } from '../../http/replay-guard.js';

/** Slack's `v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
function signedWith(secret: string, raw: Buffer, timestamp: string, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(raw).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Slack's unsigned SSL probe; Bolt answers it and strips anything else in the body. */
function isSslCheck(headers: IncomingHttpHeaders, raw: Buffer): boolean {
  return headers['content-type'] === 'application/x-www-form-urlencoded' && parse(raw.toString('utf8')).ssl_check === '1';
}

/**
 * Whether a Slack HTTP request may go on to Bolt. Bolt checks the signature but only refuses
 * timestamps too far in the past (a year ahead passes) and keeps no memory of what it saw, so
 * we check first: a timestamp within 5 minutes of our clock either way, a valid signature, and
 * a signature not accepted before. The signature is verified before it is recorded, so a forged
 * body sent with a genuine signature cannot get the genuine request refused. Slack never
 * retries slash commands and interactions, so an identical repeat of one is a replay (`seen`);
 * an event Slack retries (X-Slack-Retry-Num) that was taken already is `seen` too, and the caller
 * acknowledges it without running it again.
 */
export function slackRequestAccepted(secret: string, raw: Buffer, headers: IncomingHttpHeaders, nowMs: number, guard: ReplayGuard): 'ok' | 'bad' | 'seen' {
  if (isSslCheck(headers, raw)) return 'ok';
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !isFresh(timestamp, nowMs)) return 'bad';
  if (!signedWith(secret, raw, timestamp, signature)) return 'bad';
  return guard.firstUse(signature, Number(timestamp), nowMs) ? 'ok' : 'seen';
}
