// A stand-in Discord for tests: real node:http REST (/api/v10/...) + `ws` gateway on 127.0.0.1.
// Drive it with the real discord.js: `new Client({ intents, rest: { api: fake.url, offset: 0 } })`.
import { FakeGateway, shardOf, type GatewayFrame } from './gateway.js';
import { InteractionRegistry, type InteractionResult } from './interactions.js';
import { PayloadBuilder, type AutocompleteInit, type ButtonClickInit, type ChatInputInit } from './payloads.js';
import { RateLimiter } from './rate-limits.js';
import { FakeRestServer } from './server.js';
import { FakeState, type FakeGuild } from './state.js';
import {
  snowflake,
  user,
  type FakeChannelInit,
  type FakeDiscordOptions,
  type FakeGuildInit,
  type FakeMessage,
  type FakeUser,
  type FaultSpec,
  type Json,
  type RateLimitConfig,
  type RecordedRequest,
} from './types.js';

export type * from './types.js';
export type { GatewayFrame } from './gateway.js';
export type { InteractionCallback, InteractionResult } from './interactions.js';
export type { AutocompleteInit, ButtonClickInit, ChatInputInit, InteractionContextInit } from './payloads.js';
export type { FakeGuild } from './state.js';
export { snowflake, randomToken, ADMINISTRATOR, DEFAULT_EVERYONE_PERMISSIONS } from './types.js';
export { DEFAULT_RATE_LIMITS } from './rate-limits.js';

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: FakeUser;
  /** The user that interactions come from unless `userId` is given. */
  readonly defaultUser: FakeUser;
  private readonly state: FakeState;
  private readonly limiter: RateLimiter;
  private readonly gateway: FakeGateway;
  private readonly interactions: InteractionRegistry;
  private readonly rest: FakeRestServer;
  private readonly payloads: PayloadBuilder;

  constructor(private readonly options: FakeDiscordOptions = {}) {
    this.token = options.token ?? 'fake-bot-token';
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = user(options.botUser?.id ?? this.applicationId, options.botUser?.username ?? 'RankwatchBot', true);
    this.defaultUser = user(snowflake(), 'tester');
    this.state = new FakeState(this.token, this.applicationId, this.botUser, options.nonceWindowMs ?? 5 * 60_000);
    this.limiter = new RateLimiter(options.rateLimits);
    this.gateway = new FakeGateway(this.state, options.heartbeatIntervalMs ?? 1000, options.shards ?? 1, options.maxConcurrency ?? 1, options.sessionStarts ?? 1000);
    this.interactions = new InteractionRegistry(this.state, this.gateway, options.interactionDeadlineMs ?? 3000, options.interactionTokenTtlMs ?? 15 * 60_000);
    this.rest = new FakeRestServer(this.state, this.limiter, this.gateway, this.interactions);
    this.payloads = new PayloadBuilder(this.state, this.defaultUser, () => this.defaultChannelId);
    this.state.noBot = options.noBot ?? false;
    for (const g of options.guilds ?? [{ name: 'Fake Guild', channels: [{ name: 'general' }] }]) this.state.addGuild(g);
  }

  /** @internal use startFakeDiscord() */
  async start(): Promise<this> {
    await this.gateway.start();
    await this.rest.start();
    this.state.baseUrl = `http://127.0.0.1:${this.rest.port}`;
    return this;
  }

  /** REST base for `rest: { api }`, e.g. `http://127.0.0.1:PORT/api` (no version). */
  get url(): string {
    return `${this.state.baseUrl}/api`;
  }
  get gatewayUrl(): string {
    return this.gateway.url;
  }
  /** First configured guild, if any. */
  get defaultGuildId(): string | undefined {
    return this.state.guilds.keys().next().value;
  }
  /** First channel of the first guild, if any. */
  get defaultChannelId(): string | undefined {
    const id = this.defaultGuildId;
    return id ? this.state.guilds.get(id)!.channelIds[0] : undefined;
  }
  get guilds(): FakeGuild[] {
    return [...this.state.guilds.values()];
  }

  // ---- recorder ----
  /** Every REST request received (including rejected ones), oldest first. */
  get requests(): RecordedRequest[] {
    return this.rest.requests;
  }
  /** Frames the gateway received from clients (op 1 heartbeats, op 2 identify, ...). */
  get gatewayFrames(): GatewayFrame[] {
    return this.gateway.received;
  }
  /** Connected, identified gateway sessions. */
  get gatewaySessions(): number {
    return this.gateway.readySessions;
  }
  /** `[shard_id, num_shards]` of each connected, identified session, sorted by shard id. */
  get gatewayShards(): [number, number][] {
    return this.gateway.readyShards.sort((a, b) => a[0] - b[0]);
  }
  /** IDENTIFYs accepted so far (each spends one daily session start). */
  get identifies(): number {
    return this.gateway.identifies;
  }
  /** The shard a guild's events go to, given `numShards` in total. */
  shardOf(guildId: string | null, numShards: number): number {
    return shardOf(guildId, numShards);
  }
  /** Messages currently in a channel (bot, webhook and non-ephemeral interaction messages), oldest first. */
  messages(channelId: string): FakeMessage[] {
    return [...(this.state.channelMessages.get(channelId) ?? [])];
  }
  /** Messages created through a webhook (for interactions: the application id), oldest first. */
  webhookMessages(webhookId: string): FakeMessage[] {
    return [...(this.state.webhookMessages.get(webhookId) ?? [])];
  }
  /** Registered commands: global ones, or a guild's. */
  commands(guildId?: string): Json[] {
    return [...(this.state.commands.get(guildId ?? 'global') ?? [])];
  }
  channel(id: string): Json | undefined {
    return this.state.channels.get(id);
  }
  /** Threads whose parent is `channelId` (a forum's posts), oldest first. */
  threadsIn(channelId: string): Json[] {
    return [...this.state.channels.values()].filter((c) => c.parent_id === channelId && c.type >= 10 && c.type <= 12);
  }

  // ---- world ----
  /** Add a guild; live gateway sessions receive GUILD_CREATE. */
  addGuild(init: FakeGuildInit = {}): FakeGuild {
    const g = this.state.addGuild(init);
    this.gateway.dispatch('GUILD_CREATE', this.state.guildCreatePayload(g.id));
    return g;
  }
  /** Add a channel to a guild (`null`: a guild-less channel); live sessions receive CHANNEL_CREATE for guild channels. */
  addChannel(guildId: string | null, init: FakeChannelInit = {}): Json {
    const c = this.state.addChannel(guildId, init);
    if (guildId) this.gateway.dispatch('CHANNEL_CREATE', c);
    return c;
  }
  createWebhook(channelId: string, name?: string): { id: string; token: string; url: string; channelId: string } {
    const h = this.state.createWebhook(channelId, name);
    return { id: h.id, token: h.token, url: h.url, channelId };
  }
  /** From now on the channel answers 404 10003 (its webhooks 404 10015). `notifyGateway` also sends CHANNEL_DELETE. */
  deleteChannel(id: string, opts: { notifyGateway?: boolean } = {}): void {
    this.state.deletedChannels.add(id);
    const c = this.state.channels.get(id);
    if (opts.notifyGateway && c) this.gateway.dispatch('CHANNEL_DELETE', c);
  }
  /** The bot loses access: channel routes answer 403 50001 Missing Access. */
  setChannelPermissionDenied(id: string, denied = true): void {
    if (denied) this.state.deniedChannels.add(id);
    else this.state.deniedChannels.delete(id);
  }

  /** The bot's own permissions in a channel from now on (decimal bitfield; undefined: all again). See FakeChannelInit.botPermissions. */
  setBotPermissions(id: string, permissions: string | undefined): void {
    if (permissions === undefined) this.state.botPermissions.delete(id);
    else this.state.botPermissions.set(id, BigInt(permissions));
  }

  // ---- faults and limits ----
  /** Script the next matching request(s) to fail (429/5xx/403/404...). */
  failNext(spec: FaultSpec): void {
    this.limiter.addFault(spec);
  }
  pendingFaults(): number {
    return this.limiter.pendingFaults();
  }
  /** Ends every scripted fault at once (an outage is over). */
  clearFaults(): void {
    this.limiter.clearFaults();
  }
  /** The bot token stops working (REST answers 401) until `restoreToken()`. */
  revokeToken(): void {
    this.state.tokenRevoked = true;
  }
  restoreToken(): void {
    this.state.tokenRevoked = false;
  }
  /** Change rate limits (and reset all current windows). */
  setRateLimits(config: Partial<RateLimitConfig>): void {
    this.limiter.configure(config);
  }
  get rateLimits(): RateLimitConfig {
    return this.limiter.config;
  }

  // ---- gateway and interactions ----
  /** Send any dispatch event (op 0) to the sessions of its guild's shard (or `opts.shard`); returns how many got it. */
  dispatch(event: string, data: unknown, opts: { shard?: number } = {}): number {
    return this.gateway.dispatch(event, data, opts);
  }
  /** Close every gateway connection with `code`: 4011 when the bot outgrew its shards, 4004 for a reset token. */
  closeGateway(code: number, reason = 'closed by the fake'): void {
    this.gateway.closeAll(code, reason);
  }
  /** A gateway outage: every connection cut, and new ones refused until `gatewayUp()`. */
  gatewayDown(): void {
    this.gateway.down = true;
    this.gateway.cutAll();
  }
  gatewayUp(): void {
    this.gateway.down = false;
  }
  /** Send op 7 RECONNECT; discord.js resumes on resume_gateway_url. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }
  /**
   * Send INTERACTION_CREATE (fresh id and token unless given) on the shard of its guild (shard 0 in
   * a DM) or on `opts.shard`. Resolves when the bot's callback is accepted; rejects if none came
   * within the deadline (3 s) or no session of that shard is connected.
   */
  dispatchInteraction(payload: Json, opts: { shard?: number } = {}): Promise<InteractionResult> {
    return this.interactions.dispatch(payload, opts);
  }
  chatInput(init: ChatInputInit): Json {
    return this.payloads.chatInput(init);
  }
  autocomplete(init: AutocompleteInit): Json {
    return this.payloads.autocomplete(init);
  }
  buttonClick(init: ButtonClickInit): Json {
    return this.payloads.buttonClick(init);
  }

  async close(): Promise<void> {
    this.interactions.close();
    await Promise.all([this.rest.close(), this.gateway.close()]);
  }
}

/** Start a fake Discord (REST + gateway on 127.0.0.1, random ports). Always `await fake.close()`. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).start();
}
