// Public types of the fake Slack (test/fakes/slack). See index.ts for the entry point.

export interface BucketSpec {
  /** Sustained rate, tokens per second. */
  rate: number;
  /** Bucket size (requests allowed back to back). */
  burst: number;
}

/** Per-minute tier quota, as Slack documents them (Tier 1 = 1+/min, 2 = 20+, 3 = 50+, 4 = 100+). */
export interface TierSpec {
  perMinute: number;
  burst: number;
}

export type TierName = 1 | 2 | 3 | 4;

export interface RateLimitOptions {
  /** chat.postMessage per channel. Default {rate:1, burst:3}. `false` disables. */
  postMessagePerChannel?: BucketSpec | false;
  /** Incoming webhooks, per hook. Default {rate:1, burst:1}. `false` disables. */
  webhookPerHook?: BucketSpec | false;
  /** Tier quotas keyed by tier, per (token, method). `false` disables every tier bucket. */
  tiers?: Partial<Record<TierName, TierSpec>> | false;
  /** Override the tier of a method, or give a method its own bucket. */
  methods?: Record<string, TierName | BucketSpec | false>;
  /**
   * Fixed integer `Retry-After` for every 429 (0 allowed, for fast tests). Default: the honest wait,
   * rounded up, at least 1.
   */
  retryAfter?: number;
}

export interface ChannelSpec {
  id: string;
  name: string;
  /** Workspace; default the fake's main one (`teamId`). */
  teamId?: string;
  archived?: boolean;
  /** Whether the bot is a member (false → `not_in_channel`). Default true. */
  botIsMember?: boolean;
  /** User ids in the channel (for chat.postEphemeral). Default: every known user. */
  members?: string[];
  isPrivate?: boolean;
  isIm?: boolean;
  /** For DMs: the other user. */
  user?: string;
}

export interface UserSpec {
  id: string;
  name: string;
  /** Workspace; default the fake's main one (`teamId`). */
  teamId?: string;
  realName?: string;
  isBot?: boolean;
  /** users.info reports a workspace admin (may set up a channel's alerts). */
  isAdmin?: boolean;
}

/** Another workspace the app can be installed in (OAuth); each has its own channels and people. */
export interface WorkspaceSpec {
  teamId: string;
  teamName?: string;
  teamDomain?: string;
  /** Puts the workspace in an Enterprise Grid org (org-wide installs reach every workspace of it). */
  enterpriseId?: string;
  enterpriseName?: string;
  channels?: ChannelSpec[];
  users?: UserSpec[];
}

export interface FakeSlackOptions {
  /** Workspaces besides the main one, for OAuth installs. */
  workspaces?: WorkspaceSpec[];
  /** The app's OAuth credentials (oauth.v2.access checks them). */
  clientId?: string;
  clientSecret?: string;
  /** Redirect URLs the app declares; when set, the authorize page refuses any other (`bad_redirect_uri`). */
  redirectUrls?: string[];
  /** Accepted bot tokens. Default ['xoxb-fake-bot-token']. */
  botTokens?: string[];
  /** App-level token for apps.connections.open. Default 'xapp-1-A0FAKEAPP1-fake'. */
  appToken?: string;
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  /** Channels known at start. Default: C0GENERAL1 #general and C0RANDOM01 #random. */
  channels?: ChannelSpec[];
  /** Users known at start. Default: U0ALICE001 alice, U0BOB00001 bob. */
  users?: UserSpec[];
  rateLimits?: RateLimitOptions;
  /** response_url: uses allowed (default 5) and lifetime (default 30 min). */
  responseUrlMaxUses?: number;
  responseUrlTtlMs?: number;
  /** Socket Mode: reject the `sendSlashCommand`/`sendBlockAction` promise if no ack arrives (default 3000 ms). */
  ackTimeoutMs?: number;
  /** Opt-in: the undocumented cumulative block text limit (~12k) → `msg_blocks_too_long`. Default off. */
  maxBlocksTextTotal?: number;
  /** Clock used for rate limits, ts and response_url expiry. Default Date.now. See also `advanceTime`. */
  now?: () => number;
}

export interface FaultSpec {
  /** Web API method, or 'incoming-webhook' / 'response_url'. */
  method: string;
  /** Platform error: HTTP 200 `{ok:false,error}` (Web API) or the plain-text body (webhooks). */
  error?: string;
  /** HTTP status instead of 200 (429 adds `Retry-After`). */
  httpStatus?: number;
  /** Seconds for `Retry-After` on a 429. Default 1. */
  retryAfter?: number;
  /** How many matching calls fail. Default 1. */
  times?: number;
  /** Only fail calls for this channel (Web API `channel` argument). */
  channel?: string;
}

export interface RecordedRequest {
  at: number;
  /** HTTP method. */
  method: string;
  path: string;
  /** Web API method name for /api/<method>, otherwise undefined. */
  apiMethod?: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
  /** Parsed body (form, JSON or multipart fields; `blocks`/`attachments` JSON-parsed). */
  body: Record<string, unknown>;
  rawBody: string;
  status?: number;
  /** The JSON answer (Web API) or text answer. */
  response?: unknown;
}

export type MessageVia = 'chat.postMessage' | 'response_url' | 'incoming-webhook' | 'files.completeUploadExternal';

/** A file shared into a channel (files.getUploadURLExternal → upload URL → files.completeUploadExternal). */
export interface RecordedFile {
  id: string;
  name: string;
  title: string;
  /** alt_txt (or the SDK's alt_text) given at files.getUploadURLExternal. */
  altText?: string;
  size: number;
  mimetype: string;
  /** The bytes as uploaded. */
  data: Buffer;
  /** The workspace of the token that uploaded it. */
  teamId?: string;
  token: string;
}

export interface RecordedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  /** Files shared with the message (files.completeUploadExternal). */
  files?: RecordedFile[];
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  via: MessageVia;
  /** The bot token it was posted with (chat.postMessage). */
  token?: string;
  /** Every argument the bot sent. */
  args: Record<string, unknown>;
  edits: Array<{ at: number; text: string; blocks?: unknown[] }>;
  deleted?: boolean;
}

export interface RecordedEphemeral {
  channel: string;
  user?: string;
  text: string;
  blocks?: unknown[];
  message_ts: string;
  via: 'chat.postEphemeral' | 'response_url';
  args: Record<string, unknown>;
}

export interface ResponseUrlPost {
  /** The response_url id (the path after /commands/). */
  id: string;
  url: string;
  at: number;
  body: Record<string, unknown>;
  status: number;
  /** Whether the fake accepted it (status 200). */
  accepted: boolean;
  /** Error text for rejected posts (`used_url`, `expired_url`, `invalid_payload`, …). */
  error?: string;
}

export interface WebhookPost {
  url: string;
  channel: string;
  at: number;
  body: Record<string, unknown>;
  status: number;
  /** Plain-text answer: 'ok' or the error. */
  answer: string;
}

export interface ResponseUrlInfo {
  id: string;
  url: string;
}

export interface SocketDelivery {
  envelopeId: string;
  /** The payload sent in the envelope. */
  payload: Record<string, unknown>;
  /** The ack's payload, or undefined when the app acked with an empty payload. */
  ack: Record<string, unknown> | undefined;
  /** response_url posts made so far for this delivery's response_url. */
  responses(): ResponseUrlPost[];
  /** Wait until at least `count` response_url posts arrived (default 1, 5 s). */
  waitForResponses(count?: number, timeoutMs?: number): Promise<ResponseUrlPost[]>;
}

export interface SlashCommandInput {
  command?: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  [field: string]: string | undefined;
}

export interface BlockActionInput {
  action_id: string;
  value?: string;
  block_id?: string;
  type?: string;
  user_id?: string;
  channel_id?: string;
  /** ts of the message carrying the button (enables replace_original/delete_original). */
  message_ts?: string;
  /** Extra top-level payload fields. */
  extra?: Record<string, unknown>;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
  /** The minted response_url and its id. */
  responseUrl: string;
  responseUrlId: string;
  /** The fields (slash command) or parsed payload (interactive) that were signed. */
  payload: Record<string, unknown>;
}

export interface SignOptions {
  /** Unix seconds for `X-Slack-Request-Timestamp`. Default: now. */
  timestamp?: number;
}
