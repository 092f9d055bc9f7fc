import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyKey } from 'discord-interactions';
import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type REST,
} from 'discord.js';
import { readBody } from '../../http/read-body.js';
import { isFresh, ReplayGuard } from '../../http/replay-guard.js';
import type { HttpRoutes } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import { logInteractionError } from './errors.js';
import { restRequest, sendMultipart } from './attachments.js';
import type { InteractionRouter, Responder } from './interactions.js';
import type { InteractionFacts, OptionInput } from './translate.js';

export const INTERACTIONS_PATH = '/discord/interactions';

/** Interactions are small; anything bigger is not from Discord. */
const MAX_BODY = 1 << 20;

export interface HttpInteractionsOptions {
  /** The application's public key (hex), from the Developer Portal. */
  readonly publicKey: string;
  /** Answers deferred interactions (interaction webhooks need no bot token). */
  readonly rest: REST;
  readonly router: InteractionRouter;
  readonly logger: Logger;
  /** Milliseconds since the epoch (tests move it). */
  readonly now?: () => number;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (typeof body === 'string') res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * Discord documents no freshness rule and `verifyKey` checks none, so a captured request would
 * verify forever: we refuse timestamps outside our window and signatures already accepted in it.
 * The signature is verified before it is recorded, so a forged request cannot burn a real one.
 */
async function accepted(o: HttpInteractionsOptions, guard: ReplayGuard, raw: Buffer, req: IncomingMessage, nowMs: number): Promise<boolean> {
  const signature = req.headers['x-signature-ed25519'];
  const timestamp = req.headers['x-signature-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !isFresh(timestamp, nowMs)) return false;
  if (!(await verifyKey(raw, signature, timestamp, o.publicKey).catch(() => false))) return false;
  return guard.firstUse(signature, Number(timestamp), nowMs);
}

function factsOf(i: APIInteraction): InteractionFacts {
  const member = 'member' in i ? i.member : undefined;
  const channel = i.channel as { id: string; name?: string | null; type?: number } | undefined;
  const user = member?.user ?? i.user;
  const userName = user?.global_name ?? user?.username;
  return {
    userId: user?.id ?? '',
    guildId: i.guild_id ?? null,
    channelId: channel?.id ?? i.channel_id ?? '',
    memberPermissions: i.guild_id ? BigInt(member?.permissions ?? '0') : null,
    ...(channel?.name ? { channelName: channel.name } : {}),
    appPermissions: i.guild_id && i.app_permissions !== undefined ? BigInt(i.app_permissions) : null,
    ...(channel?.type !== undefined ? { channelType: channel.type } : {}),
    ...(userName ? { userName } : {}),
  };
}

/** Answers inline in the HTTP response; what comes later goes through the interaction webhook. */
function responder(res: ServerResponse, i: APIInteraction, rest: REST): Responder {
  const original = Routes.webhookMessage(i.application_id, i.token, '@original');
  return {
    reply: async (msg) => (msg.files?.length ? sendMultipart(res, { type: InteractionResponseType.ChannelMessageWithSource, data: msg }) : send(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: msg })),
    defer: async (hidden) =>
      send(res, 200, { type: InteractionResponseType.DeferredChannelMessageWithSource, ...(hidden ? { data: { flags: MessageFlags.Ephemeral } } : {}) }),
    edit: async (msg) => void (await rest.patch(original, { ...restRequest(msg), auth: false })),
    replace: async (msg) => {
      await rest.delete(original, { auth: false });
      await rest.post(Routes.webhook(i.application_id, i.token), { ...restRequest(msg), auth: false });
    },
    suggest: async (choices) => send(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } }),
  };
}

const optionsOf = (options: APIApplicationCommandInteractionDataOption[] | undefined) => options as readonly OptionInput[] | undefined;

async function route(i: APIInteraction, res: ServerResponse, o: HttpInteractionsOptions): Promise<void> {
  const to = responder(res, i, o.rest);
  switch (i.type) {
    case InteractionType.Ping:
      return send(res, 200, { type: InteractionResponseType.Pong });
    case InteractionType.ApplicationCommand:
      if (i.data.type !== ApplicationCommandType.ChatInput) return send(res, 400, 'only slash commands are supported');
      return o.router.command(factsOf(i), i.data.name, optionsOf(i.data.options), to);
    case InteractionType.ApplicationCommandAutocomplete:
      return o.router.autocomplete(factsOf(i), optionsOf(i.data.options), to, i.data.name);
    case InteractionType.MessageComponent:
      return o.router.button(factsOf(i), i.data.custom_id, to);
    default:
      return send(res, 400, 'unsupported interaction type');
  }
}

/**
 * HTTP interactions at POST /discord/interactions (the Interactions Endpoint URL): no gateway.
 * Every request must carry a valid Ed25519 signature of `timestamp + raw body`, dated within 5
 * minutes of our clock and not seen before, or it gets 401 (Discord probes with bad signatures and drops endpoints that accept
 * them). PING gets PONG; commands are answered inline or deferred and then edited over REST.
 */
export function mountHttpInteractions(http: HttpRoutes, o: HttpInteractionsOptions): void {
  const now = o.now ?? Date.now;
  const guard = new ReplayGuard();
  http.route('POST', INTERACTIONS_PATH, async (req, res) => {
    const raw = await readBody(req, MAX_BODY);
    if (raw === null) return send(res, 413, 'request too large');
    if (!(await accepted(o, guard, raw, req, now()))) return send(res, 401, 'invalid request signature');
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(raw.toString('utf8')) as APIInteraction;
    } catch {
      return send(res, 400, 'invalid JSON');
    }
    try {
      await route(interaction, res, o);
    } catch (error) {
      logInteractionError(o.logger, error, { interaction: interaction.id, type: interaction.type, via: 'http' });
      send(res, 500, 'internal error');
    }
  });
}
