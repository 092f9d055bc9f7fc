// Shared types and small helpers for the fake Discord (test/fakes/discord).
import { randomBytes } from 'node:crypto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** A fixed-window limit: `limit` requests per `windowMs`. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  /** POST /channels/:id/messages, per channel (default 5 per 5000 ms). */
  channelMessages: RateLimitRule;
  /** Webhook execute (POST /webhooks/:id/:token), per webhook (default 5 per 2000 ms). */
  webhookExecute: RateLimitRule;
  /** Per bot token across all bot-authenticated routes (default 50 per 1000 ms). */
  global: RateLimitRule;
  /** Every other route, per (token, route, top-level id) (default 50 per 1000 ms). */
  default: RateLimitRule;
  /** 401/403/429 responses allowed per 10 minutes before the Cloudflare-style ban (default 10000). */
  invalidRequestLimit: number;
  /** Retry-After (s) sent while "banned" (default 1). */
  banRetryAfter: number;
}

export interface FakeChannelInit {
  id?: string;
  name?: string;
  /** Channel type; 0 = GUILD_TEXT (default), 5 = announcement, 2 = voice, 4 = category, 11 = public thread, 15 = forum. */
  type?: number;
  topic?: string | null;
  parent_id?: string | null;
  /** Threads (10-12): archived (a message unarchives it) and locked (a message is refused, 50083). */
  archived?: boolean;
  locked?: boolean;
  /**
   * The bot's own permissions in this channel (decimal bitfield; default: all). Interactions there
   * carry it as `app_permissions`, and posting without View Channel answers 403 50001, without Send
   * Messages (Send Messages in Threads in a thread) or, with files, Attach Files 403 50013.
   */
  botPermissions?: string;
}

export interface FakeRoleInit {
  id?: string;
  name: string;
  /** Permission bitfield as a decimal string. */
  permissions?: string;
  position?: number;
}

export interface FakeGuildInit {
  id?: string;
  name?: string;
  ownerId?: string;
  /** Permissions of the `@everyone` role (decimal string). */
  everyonePermissions?: string;
  channels?: FakeChannelInit[];
  roles?: FakeRoleInit[];
}

export interface FakeDiscordOptions {
  /** Bot token accepted by REST (`Authorization: Bot <token>`) and gateway IDENTIFY. Default 'fake-bot-token'. */
  token?: string;
  applicationId?: string;
  botUser?: { id?: string; username?: string };
  /** Guilds present at start. Default: one guild "Fake Guild" with one text channel "general". */
  guilds?: FakeGuildInit[];
  /** HELLO heartbeat_interval in ms (default 1000). */
  heartbeatIntervalMs?: number;
  rateLimits?: Partial<RateLimitConfig>;
  /** Initial interaction response deadline (default 3000 ms, Discord's real value). */
  interactionDeadlineMs?: number;
  /** How long interaction tokens accept follow-ups (default 15 min). */
  interactionTokenTtlMs?: number;
  /** Window in which `enforce_nonce` de-duplicates message creates (default 5 min). */
  nonceWindowMs?: number;
  /**
   * Shards Discord requires (default 1): `/gateway/bot` recommends this many, and an IDENTIFY
   * without `shard: [id, total]`, or with a smaller total, is closed with 4011 (sharding required).
   * Each session gets the guilds of its shard (`(guild_id >> 22) % total`).
   */
  shards?: number;
  /**
   * The application has no bot (an HTTP-interactions-only app): every REST request that carries an
   * `Authorization` header is answered 401, so a bot that sends one where none is needed fails.
   */
  noBot?: boolean;
  /** Session starts (IDENTIFYs) left today at start, as `/gateway/bot` reports them (default 1000; each IDENTIFY spends one). */
  sessionStarts?: number;
  /** `session_start_limit.max_concurrency` (default 1: one IDENTIFY per 5 s; large bots get 16 or more). */
  maxConcurrency?: number;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  at: number;
  method: string;
  /** Decoded path, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  /** Path without `/api/vN`, e.g. `/channels/123/messages`. */
  route: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body (or payload_json for multipart); undefined when there was none. */
  body: unknown;
  files: RecordedFile[];
  /** Response status sent by the fake. */
  status: number;
  responseBody: unknown;
}

export interface FaultSpec {
  method?: string;
  /** RegExp tested against the versionless route (`/channels/1/messages`) and the full path;
   *  a string must equal one of them. */
  path: RegExp | string;
  status: number;
  /** Response body; default depends on status. `null` = empty body (Cloudflare-style 429). */
  body?: unknown;
  /** Seconds, for 429 (default 0.1). */
  retryAfter?: number;
  global?: boolean;
  /** How many matching requests fail (default 1). */
  times?: number;
  headers?: Record<string, string>;
}

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
}

export type FakeMessage = Json & { id: string; channel_id: string };

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A real-looking snowflake (18-19 digits), unique within the process. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  const ts = BigInt(Date.now()) - DISCORD_EPOCH;
  return ((ts << 22n) | (1n << 17n) | increment).toString();
}

/** A webhook/interaction-style token: 68 chars of [A-Za-z0-9_-]. */
export function randomToken(len = 68): string {
  return randomBytes(len).toString('base64url').slice(0, len);
}

export function user(id: string, username: string, bot = false): FakeUser {
  return { id, username, discriminator: '0', global_name: bot ? null : username, avatar: null, ...(bot ? { bot } : {}) };
}

/** VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | ADD_REACTIONS | USE_APPLICATION_COMMANDS */
export const DEFAULT_EVERYONE_PERMISSIONS = (
  (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 6n) | (1n << 31n)
).toString();
export const ADMINISTRATOR = (1n << 3n).toString();
