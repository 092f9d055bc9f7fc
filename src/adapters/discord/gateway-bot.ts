import {
  ChannelType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  RESTEvents,
  type AutocompleteInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type RepliableInteraction,
  type RESTOptions,
} from 'discord.js';
import type { HealthBoard } from '../../health/health.js';
import type { Logger } from '../../logger.js';
import { AdapterStartError } from '../start-error.js';
import { closeCodeError, logInteractionError, startError, type ShardingMode } from './errors.js';
import type { InteractionRouter, Responder } from './interactions.js';
import { discordJsFiles } from './attachments.js';
import type { DiscordMessage } from './render.js';
import { ShardHealth } from './shard-health.js';
import { noMentions } from './text.js';
import type { InteractionFacts } from './translate.js';

/** discord.js takes camelCase options; the body it sends is the DiscordMessage again. */
function options(msg: DiscordMessage): InteractionReplyOptions & InteractionEditReplyOptions {
  return {
    ...(msg.content !== undefined ? { content: msg.content } : {}),
    ...(msg.embeds ? { embeds: msg.embeds } : {}),
    ...(msg.components ? { components: msg.components } : {}),
    allowedMentions: msg.allowed_mentions,
    ...discordJsFiles(msg),
  } as InteractionReplyOptions & InteractionEditReplyOptions;
}

const ephemeral = (msg: DiscordMessage) => ((msg.flags ?? 0) & MessageFlags.Ephemeral ? { flags: MessageFlags.Ephemeral as const } : {});

function responder(i: RepliableInteraction | AutocompleteInteraction): Responder {
  const repliable = () => {
    if (i.isAutocomplete()) throw new Error('an autocomplete interaction can only be answered with suggestions');
    return i;
  };
  return {
    reply: async (msg) => void (await repliable().reply({ ...options(msg), ...ephemeral(msg) })),
    defer: async (hidden) => void (await repliable().deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {})),
    edit: async (msg) => void (await repliable().editReply(options(msg))),
    replace: async (msg) => {
      await repliable().deleteReply();
      await repliable().followUp({ ...options(msg), ...ephemeral(msg) });
    },
    suggest: async (choices) => {
      if (!i.isAutocomplete()) throw new Error('only an autocomplete interaction takes suggestions');
      await i.respond([...choices]);
    },
  };
}

function factsOf(i: Interaction): InteractionFacts {
  const channel = i.channel;
  // A forum's post: commands there are about the forum (from the cache; HTTP interactions carry no parent type).
  const parent = channel?.isThread() ? channel.parent : null;
  return {
    ...(parent?.type === ChannelType.GuildForum ? { forum: { id: parent.id, name: parent.name } } : {}),
    userId: i.user.id,
    guildId: i.guildId,
    channelId: i.channelId ?? '',
    memberPermissions: i.guildId ? (i.memberPermissions?.bitfield ?? 0n) : null,
    ...(channel && 'name' in channel && channel.name ? { channelName: channel.name } : {}),
    appPermissions: i.guildId ? (i.appPermissions?.bitfield ?? null) : null,
    ...(channel ? { channelType: channel.type } : {}),
    userName: i.user.globalName ?? i.user.username,
  };
}

/**
 * Which shards this process runs. Default: discord.js automatic sharding (`shards: 'auto'`: as
 * many as `GET /gateway/bot` recommends, all in this process). Under `rankwatch discord shards`
 * (discord.js ShardingManager) each process gets `SHARDS` and `SHARD_COUNT` from the manager.
 */
export interface GatewaySharding {
  readonly shards?: readonly number[];
  readonly shardCount?: number;
}

/**
 * The gateway bot: a discord.js Client with the Guilds intent only (interactions need no
 * privileged intents). `rest.api` moves REST and, through GET /gateway/bot, the gateway too.
 */
export class GatewayBot {
  readonly client: Client;
  private readonly mode: ShardingMode;
  private readonly shards: ShardHealth;

  constructor(
    private readonly token: string,
    private readonly router: InteractionRouter,
    private readonly logger: Logger,
    rest: Partial<RESTOptions>,
    private readonly watch: { health?: HealthBoard; fatal?: (error: AdapterStartError) => void; sharding?: GatewaySharding; claim?: (interactionId: string) => Promise<boolean> } = {},
  ) {
    const fixed = watch.sharding?.shardCount;
    this.mode = fixed ? { auto: false, count: fixed } : { auto: true };
    const sharding = fixed ? { shardCount: fixed, ...(watch.sharding?.shards ? { shards: [...watch.sharding.shards] } : {}) } : { shards: 'auto' as const };
    this.client = new Client({ intents: [GatewayIntentBits.Guilds], rest, allowedMentions: noMentions(), ...sharding });
    this.shards = new ShardHealth(watch.health, () => this.client.options.shardCount ?? 1);
    this.client.on(Events.InteractionCreate, (i) => void this.handle(i));
    this.client.on(Events.Error, (err) => this.logger.error({ err }, 'discord client error'));
    this.watchConnection();
    // A shard process whose manager died (kill -9) stops too, rather than run on unsupervised
    // beside the shards of the next manager.
    if (this.client.shard) process.once('disconnect', () => this.stopping || watch.fatal?.(AdapterStartError.refused('the shard manager (`rankwatch discord shards`) is gone; this shard process stops with it')));
    this.client.rest.on(RESTEvents.RateLimited, (d) => this.logger.debug({ route: d.route, retryAfter: d.retryAfter, global: d.global }, 'discord rate limited; waiting'));
  }

  private async handle(i: Interaction): Promise<void> {
    try {
      // Several gateway instances of a fleet each receive every interaction of their shard: one answers.
      if (this.watch.claim && !(await this.watch.claim(i.id))) return void this.logger.debug({ interaction: i.id }, 'another gateway instance took this interaction');
      if (i.isChatInputCommand()) await this.router.command(factsOf(i), i.commandName, i.options.data, responder(i));
      else if (i.isAutocomplete()) await this.router.autocomplete(factsOf(i), i.options.data, responder(i), i.commandName);
      else if (i.isButton()) await this.router.button(factsOf(i), i.customId, responder(i));
    } catch (error) {
      logInteractionError(this.logger, error, { interaction: i.id, type: i.type, shard: i.guild?.shardId ?? 0 });
    }
  }

  /**
   * Logs in and resolves once every shard of this process is ready and its guilds have arrived
   * (discord.js `clientReady`). A refused token or an unrecoverable close code (4004, 4011,
   * 4014...) rejects as `refused`; anything else as `unreachable`, for the supervisor to retry.
   */
  async start(): Promise<void> {
    let fail: (e: unknown) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      fail = reject;
      this.client.once(Events.ClientReady, () => resolve());
    });
    const onClose = (event: { code: number }, shard: number) => fail(closeCodeError(event.code, shard, this.mode));
    this.client.on(Events.ShardDisconnect, onClose);
    try {
      await Promise.all([this.client.login(this.token), ready]);
      this.started = true;
      const { shards, shardCount } = this.client.options;
      this.logger.info({ shards, shardCount, sharding: this.mode.auto ? 'auto' : 'fixed' }, 'discord gateway shards ready');
      this.shards.startSummarising();
    } catch (error) {
      throw startError(error);
    } finally {
      this.client.off(Events.ShardDisconnect, onClose);
    }
  }

  private started = false;

  /**
   * The gateway reconnects by itself after any outage (discord.js retries forever); health shows
   * each shard. A close discord.js gives up on (4011 sharding required, 4004...) is fatal.
   */
  private watchConnection(): void {
    this.client.on(Events.ShardReconnecting, (id) => this.shards.report(id, 'retrying', 'gateway connection lost; reconnecting'));
    this.client.on(Events.ShardResume, (id) => this.shards.report(id, 'ok'));
    this.client.on(Events.ShardReady, (id) => this.shards.report(id, 'ok'));
    this.client.on(Events.ShardDisconnect, (event, id) => {
      const error = closeCodeError(event.code, id, this.mode);
      this.shards.report(id, 'failed', error.message);
      if (this.started) this.watch.fatal?.(error);
    });
  }

  private stopping = false;

  async stop(): Promise<void> {
    this.stopping = true;
    await this.client.destroy();
    // Under `rankwatch discord shards` discord.js listens on the IPC channel to the manager
    // (ShardClientUtil), which would keep this process alive after everything else stopped.
    if (this.client.shard && process.connected) process.disconnect();
  }
}
