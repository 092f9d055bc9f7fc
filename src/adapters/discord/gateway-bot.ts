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
import type { Logger } from '../../logger.js';
import { logInteractionError } from './errors.js';
import type { InteractionRouter, Responder } from './interactions.js';
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
  ) {
    this.client = new Client({ intents: [GatewayIntentBits.Guilds], rest, allowedMentions: noMentions() });
    this.client.on(Events.InteractionCreate, (i) => void this.handle(i));
    this.client.on(Events.Error, (err) => this.logger.error({ err }, 'discord client error'));
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

  /** Logs in and resolves once every guild has arrived (discord.js `clientReady`). */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.token);
    await ready;
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }
}
