import { DiscordAPIError, DiscordjsErrorCodes, HTTPError, RateLimitError } from 'discord.js';
import { AdapterStartError } from '../start-error.js';
import { DeliveryError, type DeliveryFailure } from '../../delivery/notifier.js';
import type { Logger } from '../../logger.js';

/** Discord JSON error codes (topics/opcodes-and-status-codes.mdx) and what they mean for delivery. */
const GONE = new Set([10003 /* unknown channel */, 10013 /* unknown user */, 10015 /* unknown webhook */, 50007 /* cannot DM this user */]);
const FORBIDDEN = new Set([50001 /* missing access */, 50013 /* missing permissions */, 50027 /* invalid webhook token */]);
const INVALID = new Set([50035 /* invalid form body */, 50006 /* empty message */, 40005 /* entity too large */, 50109 /* invalid JSON */]);
/** 400s about the channel, not the message: a forum to a sender that cannot post there (40058; the bot starts a post instead, see channel-poster.ts), a voice or category channel (50008, 50024), an archived or locked thread (50083, 160005). */
const UNUSABLE = new Set([40058, 50008, 50024, 50083, 160005]);

export const UNKNOWN_INTERACTION = 10062;
export const ALREADY_ACKNOWLEDGED = 40060;

/**
 * What an HTTP status and a Discord error code mean for delivery. A 401 is the token, never the
 * channel (`unauthorized`: the platform waits). A 400 is the message only when Discord says the
 * body is bad; any other 400 is about the destination, which then cannot take alerts.
 */
export function failureOf(status: number, code: number | string | undefined): DeliveryFailure {
  const n = Number(code);
  if (status === 401) return 'unauthorized';
  if (GONE.has(n)) return 'gone';
  if (FORBIDDEN.has(n) || status === 403) return 'forbidden';
  if (UNUSABLE.has(n)) return 'unusable';
  if (INVALID.has(n) || status === 413) return 'invalid';
  if (status === 400) return 'unusable';
  if (status === 404) return 'gone';
  return 'retry';
}

/** The first lines of a Discord error (discord.js flattens a 50035 tree into `path[CODE]: message` lines). */
export function briefly(message: string, lines = 4): string {
  const all = message.split('\n');
  return all.length <= lines ? all.join('; ') : `${all.slice(0, lines).join('; ')}; …`;
}

/** A 50035 `errors` tree as `embeds.0.title: Must be 256 or fewer in length.` lines (the first few). */
export function flattenErrors(tree: unknown, max = 4): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (out.length >= max || typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '_errors' && Array.isArray(value)) {
        for (const e of value) out.push(`${path.join('.') || '(body)'}: ${(e as { message?: string }).message ?? JSON.stringify(e)}`);
      } else walk(value, [...path, key]);
    }
  };
  walk(tree, []);
  return out.slice(0, max);
}

/**
 * Any failure of a REST send as a DeliveryError that names where it was going and what Discord
 * said. Rate limits are @discordjs/rest's job (it waits); one that still surfaces is `retry`.
 */
export function toDeliveryError(error: unknown, where: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DiscordAPIError) {
    const failure = failureOf(error.status, error.code);
    return new DeliveryError(failure, `${where}: Discord ${error.status} ${error.code} ${briefly(error.message)}`);
  }
  if (error instanceof RateLimitError) {
    return new DeliveryError('retry', `${where}: Discord rate limit on ${error.route}, retry in ${error.retryAfter} ms`, error.retryAfter);
  }
  if (error instanceof HTTPError) return new DeliveryError('retry', `${where}: Discord ${error.status} ${error.message}`);
  const name = (error as Error)?.name === 'AbortError' ? 'timed out' : (error as Error)?.message ?? String(error);
  return new DeliveryError('retry', `${where}: Discord unreachable (${name})`);
}

/**
 * An interaction that could not be answered. Unknown interaction (10062: the 3 s passed, or
 * another instance answered) and already acknowledged (40060) are expected in a distributed
 * bot and only warned about; anything else is an error with context.
 */
export function logInteractionError(logger: Logger, error: unknown, context: object): void {
  const code = error instanceof DiscordAPIError ? Number(error.code) : undefined;
  if (code === UNKNOWN_INTERACTION || code === ALREADY_ACKNOWLEDGED) {
    logger.warn({ ...context, code, err: error }, code === UNKNOWN_INTERACTION ? 'discord interaction expired before we answered' : 'discord interaction already answered');
  } else {
    logger.error({ ...context, err: error }, 'discord interaction failed');
  }
}

const TOKEN_REFUSED = 'Discord refused DISCORD_TOKEN (401): reset the token on the Bot page of the Developer Portal and set DISCORD_TOKEN again';

/** How this process shards: automatic (Discord's recommended count), or a fixed SHARD_COUNT. */
export type ShardingMode = { readonly auto: true } | { readonly auto: false; readonly count: number };

/** What to do when Discord demands more shards than this process was started with. */
function shardingRequired(shard: number, mode: ShardingMode): string {
  if (mode.auto) {
    return `Discord requires more shards (4011 on gateway shard ${shard}): the bot's servers outgrew the count Discord recommended at start; start rankwatch once more so it asks again (automatic sharding), or run \`rankwatch discord shards\` to spread the shards over processes`;
  }
  return `Discord requires more than SHARD_COUNT=${mode.count} shards (4011 on gateway shard ${shard}): run \`rankwatch discord shards\` without --shards (automatic), or with a larger --shards`;
}

/** Gateway close codes after which discord.js stops reconnecting, and what the operator must fix. */
const FATAL_CLOSE: Record<number, (shard: number, mode: ShardingMode) => string> = {
  4004: () => TOKEN_REFUSED,
  4010: (shard, mode) => `Discord refused gateway shard ${shard} (4010 invalid shard)${mode.auto ? '' : `: each of SHARDS must be below SHARD_COUNT=${mode.count}`}`,
  4011: shardingRequired,
  4012: () => 'Discord refused the gateway API version (4012)',
  4013: () => 'Discord refused the gateway intents (4013 invalid intents)',
  4014: () => 'Discord refused a privileged intent (4014): enable it on the Bot page or remove it',
};

/**
 * A gateway close that discord.js will not recover from, as a refusal naming what to fix: the
 * process stops (exit 78) rather than identify again, since every IDENTIFY spends one of the
 * bot's daily session starts and the same close would follow.
 */
export function closeCodeError(code: number, shard = 0, mode: ShardingMode = { auto: true }): AdapterStartError {
  return AdapterStartError.refused(FATAL_CLOSE[code]?.(shard, mode) ?? `Discord closed gateway shard ${shard} for good (${code})`);
}

/** Why logging in (or checking the token) failed: a refused token, or a network fault to retry. */
export function startError(error: unknown): AdapterStartError {
  if (error instanceof AdapterStartError) return error;
  const code = (error as { code?: string })?.code;
  if (code === DiscordjsErrorCodes.TokenInvalid || (error instanceof DiscordAPIError && error.status === 401)) return AdapterStartError.refused(TOKEN_REFUSED, error);
  if (error instanceof DiscordAPIError && error.status === 403) return AdapterStartError.refused(`Discord refused the bot (403 ${error.code}): check the application and its token`, error);
  // @discordjs/ws checks /gateway/bot before identifying: too few session starts left today.
  const budget = /Not enough sessions remaining.*/.exec((error as Error)?.message ?? '');
  if (budget) return new AdapterStartError('unreachable', `Discord's daily IDENTIFY budget is spent (${budget[0]})`, { cause: error });
  const why = error instanceof HTTPError ? `HTTP ${error.status}` : ((error as { cause?: { code?: string } })?.cause?.code ?? code ?? (error as Error)?.name ?? 'error');
  return new AdapterStartError('unreachable', `cannot reach Discord (${why})`, { cause: error });
}
