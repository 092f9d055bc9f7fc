import {
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
import type { AdapterStartError } from '../start-error.js';
import { closeCodeError, logInteractionError, startError } from './errors.js';
import type { InteractionRouter, Responder } from './interactions.js';
import { discordJsFiles } from './attachments.js';
import type { DiscordMessage } from './render.js';
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
  return {
    userId: i.user.id,
    guildId: i.guildId,
    channelId: i.channelId ?? '',
    memberPermissions: i.guildId ? (i.memberPermissions?.bitfield ?? 0n) : null,
    ...(channel && 'name' in channel && channel.name ? { channelName: channel.name } : {}),
  };
}

/**
 * The gateway bot: a discord.js Client with the Guilds intent only (interactions need no
 * privileged intents). `rest.api` moves REST and, through GET /gateway/bot, the gateway too.
 */
export class GatewayBot {
  readonly client: Client;

  constructor(
    private readonly token: string,
    private readonly router: InteractionRouter,
    private readonly logger: Logger,
    rest: Partial<RESTOptions>,
    private readonly watch: { health?: HealthBoard; fatal?: (error: AdapterStartError) => void } = {},
  ) {
    this.client = new Client({ intents: [GatewayIntentBits.Guilds], rest, allowedMentions: noMentions() });
    this.client.on(Events.InteractionCreate, (i) => void this.handle(i));
    this.client.on(Events.Error, (err) => this.logger.error({ err }, 'discord client error'));
    this.watchConnection();
    this.client.rest.on(RESTEvents.RateLimited, (d) => this.logger.debug({ route: d.route, retryAfter: d.retryAfter, global: d.global }, 'discord rate limited; waiting'));
  }

  private async handle(i: Interaction): Promise<void> {
    try {
      if (i.isChatInputCommand()) await this.router.command(factsOf(i), i.commandName, i.options.data, responder(i));
      else if (i.isAutocomplete()) await this.router.autocomplete(factsOf(i), i.options.data, responder(i));
      else if (i.isButton()) await this.router.button(factsOf(i), i.customId, responder(i));
    } catch (error) {
      logInteractionError(this.logger, error, { interaction: i.id, type: i.type });
    }
  }

  /**
   * Logs in and resolves once every guild has arrived (discord.js `clientReady`). A refused token
   * or an unrecoverable close code (4004, 4011, 4014...) rejects as `refused`; anything else as
   * `unreachable`, for the supervisor to retry.
   */
  async start(): Promise<void> {
    let fail: (e: unknown) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      fail = reject;
      this.client.once(Events.ClientReady, () => resolve());
    });
    const onClose = (event: { code: number }) => fail(closeCodeError(event.code));
    this.client.on(Events.ShardDisconnect, onClose);
    try {
      await Promise.all([this.client.login(this.token), ready]);
      this.started = true;
    } catch (error) {
      throw startError(error);
    } finally {
      this.client.off(Events.ShardDisconnect, onClose);
    }
  }

  private started = false;

  /** The gateway reconnects by itself after any outage (discord.js retries forever); health shows it. */
  private watchConnection(): void {
    const health = this.watch.health;
    this.client.on(Events.ShardReconnecting, () => {
      if (this.started) health?.report('discord', 'retrying', { detail: 'gateway connection lost; reconnecting' });
    });
    const up = () => this.started && health?.report('discord', 'ok');
    this.client.on(Events.ShardResume, up);
    this.client.on(Events.ShardReady, up);
    this.client.on(Events.ShardDisconnect, (event) => {
      if (!this.started) return;
      const error = closeCodeError(event.code);
      health?.report('discord', 'failed', { detail: error.message });
      this.watch.fatal?.(error);
    });
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }
}
