import { readFileSync } from 'node:fs';
import cron from 'node-cron';
import { z } from 'zod';
import { labTableOverrideSchema, streakListSchema, tokenListSchema } from './config-schemas.js';
import { mergeLabTable, type LabTable } from './domain/labs.js';
import { DEFAULT_DETECT_OPTIONS, type DetectOptions } from './domain/detect/options.js';
import { ConfigError, DETECT_KEYS, type DetectKey } from './config-env.js';

export { ConfigError, loadEnvironment } from './config-env.js';

const optional = z.string().trim().min(1).optional();
const url = (protocols: string[]) =>
  z.string().trim().refine((s) => {
    try {
      return protocols.includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, `want a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
const urlList = z
  .string()
  .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean))
  .pipe(z.array(url(['https:', 'http:'])));
const positiveInt = z.coerce.number().int().positive();
/** `2`, `0,1,2` or `[0,1,2]` (discord.js ShardingManager sets one id; a person may list several). */
const shardList = z
  .string()
  .transform((s) => s.replace(/^\s*\[|\]\s*$/g, '').split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.coerce.number<string>({ error: 'want shard ids such as 0 or 0,1,2' }).int().min(0)).min(1, 'want shard ids such as 0 or 0,1,2'));

/** What one process runs: everything (the default), or one part of a fleet coordinated through REDIS_URL. */
export const ROLES = ['all', 'poller', 'delivery', 'interactions', 'gateway'] as const;
export type Role = (typeof ROLES)[number];

/** Slack sends browsers and events only to https; plain http is for a test on this machine. */
function publicUrlOk(s: string): boolean {
  try {
    const u = new URL(s);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** Every setting rankwatch reads, with its default. `.env.example` documents each one. */
const schema = z.object({
  OPENROUTER_API_URL: url(['https:', 'http:']).default('https://openrouter.ai/api/v1'),
  OPENROUTER_API_KEY: optional,
  // Default: data/rankwatch.sqlite with OPENROUTER_API_KEY, else data/sample.sqlite (see loadConfig).
  STORE_URL: url(['sqlite:', 'redis:', 'rediss:', 'postgres:', 'postgresql:']).optional(),
  POLL_CRON: z.string().trim().refine((s) => cron.validate(s), 'want a cron expression such as "7 * * * *"').default('7 * * * *'),
  SETTLE_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(150),
  RESYNC_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  DAILY_STREAK_MILESTONES: streakListSchema.optional(),
  WEEKLY_STREAK_MILESTONES: streakListSchema.optional(),
  TOKEN_MILESTONES: tokenListSchema.optional(),
  // Inline JSON (starting with `{`) or the path of a JSON file: rows that replace or extend the bundled lab table.
  LAB_TABLE: optional,
  SWEEP_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  ROLE: z.enum(ROLES).default('all'),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  REDIS_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, 'want letters, digits, - or _ (at most 40)').default('rankwatch'),
  HEALTH_MAX_SYNC_DELAY_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(180),
  DELIVERY_GIVE_UP_HOURS: z.coerce.number().min(1).max(24 * 30).default(24),
  DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  SAMPLE_REPLAY_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  SAMPLE_REPLAY_INTERVAL_MS: positiveInt.default(1500),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: z.string().trim().regex(/^\d{17,20}$/, 'want the numeric application id').optional(),
  DISCORD_PUBLIC_KEY: z.string().trim().regex(/^[0-9a-f]{64}$/i, 'want the 64-hex-digit public key').optional(),
  DISCORD_API_URL: url(['https:', 'http:']).optional(),
  DISCORD_WEBHOOK_URLS: urlList.optional(),
  // Gateway shards of this process; set by `rankwatch discord shards` (discord.js ShardingManager). Unset: automatic.
  SHARDS: shardList.optional(),
  SHARD_COUNT: z.coerce.number().int().min(1).max(100_000).optional(),
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: z.string().trim().startsWith('xapp-', 'want an app-level token starting with xapp-').optional(),
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: url(['https:', 'http:']).optional(),
  SLACK_WEBHOOK_URLS: urlList.optional(),
  // What `rankwatch slack manifest` declares: `/rankwatch <subcommand>` alone, or it and every separate command.
  SLACK_COMMANDS: z.enum(['namespaced', 'both'], { error: 'want namespaced or both' }).default('both'),
  // OAuth mode (any workspace installs the app): see slackOAuthProblem below.
  SLACK_CLIENT_ID: z.string().trim().regex(/^\d+\.\d+$/, 'want the Client ID from Basic Information (digits.digits)').optional(),
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: z.string().trim().min(16, 'want at least 16 random characters (e.g. `openssl rand -hex 32`)').optional(),
  PUBLIC_URL: z
    .string()
    .trim()
    .refine(publicUrlOk, 'want the https:// address Slack reaches this server at (http:// only for 127.0.0.1 or localhost)')
    .transform((s) => s.replace(/\/+$/, ''))
    .optional(),
});

type Env = z.infer<typeof schema>;

/** The default stores: the bundled sample never fills the file live OpenRouter data goes to. */
export const LIVE_STORE = 'sqlite://data/rankwatch.sqlite';
export const SAMPLE_STORE = 'sqlite://data/sample.sqlite';

export interface Config extends Env {
  readonly STORE_URL: string;
  readonly detect: DetectOptions;
  /** True when no Discord or Slack setting is given at all: the terminal chat opens. */
  readonly consoleChat: boolean;
  /** The settings given explicitly (rather than defaulted). */
  readonly explicit: ReadonlySet<string>;
}

const CHAT_KEYS = ['DISCORD_TOKEN', 'DISCORD_PUBLIC_KEY', 'DISCORD_WEBHOOK_URLS', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_WEBHOOK_URLS', 'SLACK_CLIENT_ID'] as const;

/**
 * Settings whose value is never secret, so an error may repeat it. Every other value can hold a
 * token or a URL with credentials (STORE_URL, webhook URLs, API URLs): errors name the variable
 * (and a list entry's position) but never echo it, and a new setting is silent until listed here.
 */
const ECHOABLE = new Set(['ROLE', 'REDIS_PREFIX', 'POLL_CRON', 'SETTLE_MINUTES', 'RESYNC_DAYS', 'LOG_LEVEL', 'HTTP_PORT', 'SAMPLE_REPLAY_DAYS', 'SAMPLE_REPLAY_INTERVAL_MS', 'SWEEP_SIZE']);

/** LAB_TABLE: inline JSON, or a JSON file, laid over the bundled lab table. Errors name the setting and the bad entry. */
function labTable(value: string | undefined): LabTable {
  if (value === undefined) return DEFAULT_DETECT_OPTIONS.labs;
  const inline = value.startsWith('{');
  // A file path may name a private place: errors say which kind it is, never the value.
  const where = inline ? 'LAB_TABLE (inline JSON)' : 'LAB_TABLE (file)';
  let text = value;
  if (!inline) {
    try {
      text = readFileSync(value, 'utf8');
    } catch (error) {
      throw new ConfigError(`${where} is not usable: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}); want inline JSON or a JSON file path`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text: not repeated.
    throw new ConfigError(`${where} is not usable: not valid JSON`);
  }
  const parsed = labTableOverrideSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${where} is not usable: at ${issue.path.join('.') || 'the top'}: ${issue.message} (want {"labs": {"qwen": {"name": "Alibaba (Qwen)", "region": "CN"}}, "aliases": {"alibaba": "qwen"}})`);
  }
  return mergeLabTable(parsed.data);
}

function configError(issue: z.core.$ZodIssue, given: Record<string, string | undefined>): ConfigError {
  const name = String(issue.path[0]);
  const value = given[name] ?? '';
  if (typeof issue.path[1] === 'number') {
    const count = value.split(',').filter((u) => u.trim()).length;
    return new ConfigError(`${name} entry ${issue.path[1] + 1} of ${count} is not usable: ${issue.message}`);
  }
  return new ConfigError(`${name} is not usable: ${issue.message}${ECHOABLE.has(name) ? ` (got ${JSON.stringify(value)})` : ''}`);
}

/**
 * OAuth mode (SLACK_CLIENT_ID + SLACK_CLIENT_SECRET): any workspace installs the app at
 * PUBLIC_URL/slack/install and each gets its own bot token. It runs over HTTP only and replaces
 * SLACK_BOT_TOKEN (one workspace) rather than mixing with it.
 */
function slackOAuthProblem(c: Env): string | null {
  if (!c.SLACK_CLIENT_ID !== !c.SLACK_CLIENT_SECRET) return 'SLACK_CLIENT_ID and SLACK_CLIENT_SECRET go together (both from Basic Information → App Credentials)';
  if (!c.SLACK_CLIENT_ID) return null;
  if (c.SLACK_BOT_TOKEN) return 'SLACK_BOT_TOKEN (one workspace) and SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (OAuth, any workspace) pick different modes: unset SLACK_BOT_TOKEN to use OAuth';
  if (c.SLACK_APP_TOKEN) return 'SLACK_CLIENT_ID (OAuth install) runs in HTTP mode: unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET';
  const missing = (['SLACK_SIGNING_SECRET', 'SLACK_STATE_SECRET', 'PUBLIC_URL', 'HTTP_PORT'] as const).filter((k) => c[k] === undefined);
  if (missing.length) return `SLACK_CLIENT_ID (OAuth install) also needs ${missing.join(', ')}`;
  return null;
}

/** The Discord settings that only work together. */
function checkDiscord(c: Env): void {
  if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) throw new ConfigError('DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set');
  if (c.DISCORD_PUBLIC_KEY && (!c.DISCORD_APPLICATION_ID || c.HTTP_PORT === undefined)) {
    throw new ConfigError('DISCORD_PUBLIC_KEY (HTTP interactions) needs DISCORD_APPLICATION_ID and HTTP_PORT (Discord posts interactions to /discord/interactions there); DISCORD_TOKEN is optional, for channel alerts and DMs');
  }
  if (c.SHARDS && c.SHARD_COUNT === undefined) throw new ConfigError('SHARDS needs SHARD_COUNT (the total across every process); leave both unset for automatic sharding');
  const beyond = c.SHARDS?.find((id) => id >= c.SHARD_COUNT!);
  if (beyond !== undefined) throw new ConfigError(`SHARDS is not usable: shard ${beyond} is not below SHARD_COUNT=${c.SHARD_COUNT}`);
  if (c.SHARD_COUNT !== undefined && (c.DISCORD_PUBLIC_KEY || !c.DISCORD_TOKEN)) {
    throw new ConfigError('SHARD_COUNT and SHARDS are for the gateway bot (DISCORD_TOKEN without DISCORD_PUBLIC_KEY); HTTP interactions need no shards');
  }
}

/**
 * SLACK_COMMANDS alone, for `rankwatch slack manifest`: printing a manifest (often before the app
 * and its tokens exist) should not fail on the rest of the environment. `given` (--commands) wins.
 */
export function slackCommandsSetting(given?: string, env: Record<string, string | undefined> = process.env): Config['SLACK_COMMANDS'] {
  const value = given ?? (env.SLACK_COMMANDS?.trim() || undefined);
  const parsed = schema.shape.SLACK_COMMANDS.safeParse(value);
  if (!parsed.success) throw new ConfigError(`${given !== undefined ? '--commands' : 'SLACK_COMMANDS'} is not usable: want namespaced or both (got ${value})`);
  return parsed.data;
}

/**
 * Parses the environment once, at start-up. Empty strings count as unset (as in a copied .env.example).
 * `overrides` are command-line flags that stand for a variable (`start --role` for ROLE).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Record<string, string> = {}): Config {
  const given = Object.fromEntries(Object.entries({ ...env, ...overrides }).filter(([k, v]) => k in schema.shape && v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw configError(parsed.error.issues[0], given);
  const c = parsed.data;
  checkDiscord(c);
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && (!c.SLACK_SIGNING_SECRET || c.HTTP_PORT === undefined)) {
    throw new ConfigError('SLACK_BOT_TOKEN needs either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET and HTTP_PORT (HTTP mode)');
  }
  const storeUrl = c.STORE_URL ?? (c.OPENROUTER_API_KEY ? LIVE_STORE : SAMPLE_STORE);
  checkRole(c.ROLE, c.REDIS_URL, storeUrl);
  const oauthProblem = slackOAuthProblem(c);
  if (oauthProblem) throw new ConfigError(oauthProblem);
  return {
    ...c,
    STORE_URL: storeUrl,
    detect: detectOptionsOf(c),
    consoleChat: CHAT_KEYS.every((k) => c[k] === undefined),
    explicit: new Set(Object.keys(given)),
  };
}

function detectOptionsOf(c: Pick<Env, DetectKey>): DetectOptions {
  return {
    dailyStreaks: c.DAILY_STREAK_MILESTONES ?? DEFAULT_DETECT_OPTIONS.dailyStreaks,
    weeklyStreaks: c.WEEKLY_STREAK_MILESTONES ?? DEFAULT_DETECT_OPTIONS.weeklyStreaks,
    tokenMilestones: c.TOKEN_MILESTONES ?? DEFAULT_DETECT_OPTIONS.tokenMilestones,
    labs: labTable(c.LAB_TABLE),
    sweepSize: c.SWEEP_SIZE,
  };
}

const detectSchema = schema.pick(Object.fromEntries(DETECT_KEYS.map((k) => [k, true])) as Record<DetectKey, true>);

/**
 * Only the detection settings (DETECT_KEYS), with loadConfig's rules and messages: for commands
 * that read nothing else (`replay --file`). See detectSettings() in detect-settings.ts.
 */
export function loadDetectOptions(env: Record<string, string | undefined> = process.env): DetectOptions {
  const given = Object.fromEntries(DETECT_KEYS.flatMap((k) => (env[k] !== undefined && env[k].trim() !== '' ? [[k, env[k]]] : [])));
  const parsed = detectSchema.safeParse(given);
  if (!parsed.success) throw configError(parsed.error.issues[0], given);
  return detectOptionsOf(parsed.data);
}

/** A part of a fleet needs the fleet's coordination (Redis) and a store every instance shares. */
function checkRole(role: Role, redisUrl: string | undefined, storeUrl: string): void {
  if (role === 'all') return;
  if (!redisUrl) throw new ConfigError(`ROLE=${role} needs REDIS_URL: the roles of a fleet share polls, deliveries and settings through Redis (unset ROLE to run everything in one process)`);
  if (storeUrl.startsWith('sqlite:')) {
    throw new ConfigError(`ROLE=${role} needs a STORE_URL every instance shares (redis://... or postgres://...): a SQLite file belongs to one process`);
  }
}
