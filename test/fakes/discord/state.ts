// In-memory world of the fake Discord: guilds, channels, messages, webhooks, commands.
import { ERR, type Reply } from './http.js';
import {
  DEFAULT_EVERYONE_PERMISSIONS,
  randomToken,
  snowflake,
  user,
  type FakeChannelInit,
  type FakeGuildInit,
  type FakeMessage,
  type FakeUser,
  type Json,
  type RecordedFile,
} from './types.js';

export interface FakeGuild {
  id: string;
  name: string;
  owner_id: string;
  roles: Json[];
  channelIds: string[];
}

export interface FakeWebhook {
  id: string;
  token: string;
  channel_id: string;
  guild_id: string | null;
  name: string;
  url: string;
}

export interface MessageExtras {
  author?: FakeUser;
  webhook_id?: string;
  application_id?: string;
  type?: number;
  interaction_metadata?: Json;
  /** Ephemeral: not listed in the channel's messages. */
  hidden?: boolean;
  /** A forum post's starter message has its thread's id. */
  id?: string;
}

export class FakeState {
  baseUrl = '';
  guilds = new Map<string, FakeGuild>();
  channels = new Map<string, Json>();
  deletedChannels = new Set<string>();
  deniedChannels = new Set<string>();
  /** The bot's permissions per channel, where a test set them (FakeChannelInit.botPermissions). */
  botPermissions = new Map<string, bigint>();
  /** All messages by channel, in creation order (deleted ones removed). */
  channelMessages = new Map<string, FakeMessage[]>();
  webhooks = new Map<string, FakeWebhook>();
  webhookMessages = new Map<string, FakeMessage[]>();
  /** Commands by scope: 'global' or a guild id. */
  commands = new Map<string, Json[]>();
  nonces = new Map<string, { message: FakeMessage; at: number }>();
  attachments = new Map<string, RecordedFile>();
  dmChannels = new Map<string, string>();
  /** While true every bot request answers 401 (a reset or revoked token). */
  tokenRevoked = false;
  /** No bot exists: any request with an Authorization header answers 401. */
  noBot = false;

  constructor(
    readonly token: string,
    readonly applicationId: string,
    readonly botUser: FakeUser,
    readonly nonceWindowMs: number,
  ) {}

  addGuild(init: FakeGuildInit = {}): FakeGuild {
    const id = init.id ?? snowflake();
    const guild: FakeGuild = {
      id,
      name: init.name ?? 'Fake Guild',
      owner_id: init.ownerId ?? snowflake(),
      roles: [role(id, '@everyone', init.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0)],
      channelIds: [],
    };
    (init.roles ?? []).forEach((r, i) => guild.roles.push(role(r.id ?? snowflake(), r.name, r.permissions ?? '0', r.position ?? i + 1)));
    this.guilds.set(id, guild);
    for (const c of init.channels ?? []) this.addChannel(id, c);
    return guild;
  }

  addChannel(guildId: string | null, init: FakeChannelInit = {}): Json {
    const id = init.id ?? snowflake();
    const guild = guildId ? this.guilds.get(guildId) : undefined;
    if (guildId && !guild) throw new Error(`fake discord: unknown guild ${guildId}`);
    const channel: Json = {
      id,
      type: init.type ?? 0,
      name: init.name ?? `channel-${id.slice(-4)}`,
      position: guild ? guild.channelIds.length : 0,
      permission_overwrites: [],
      topic: init.topic ?? null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: init.parent_id ?? null,
      flags: 0,
      ...(guild ? { guild_id: guild.id } : {}),
      ...(channel_is_thread(init.type) ? { owner_id: this.botUser.id, message_count: 0, member_count: 1, total_message_sent: 0, thread_metadata: threadMetadata(init) } : {}),
    };
    this.channels.set(id, channel);
    if (init.botPermissions !== undefined) this.botPermissions.set(id, BigInt(init.botPermissions));
    guild?.channelIds.push(id);
    return channel;
  }

  guildCreatePayload(guildId: string): Json {
    const g = this.guilds.get(guildId)!;
    const all = g.channelIds.map((id) => this.channels.get(id)).filter(Boolean).map((c) => ({ ...c }));
    // Threads (10-12) come in `threads`, as Discord sends them; everything else in `channels`.
    const channels = all.filter((c) => !(c.type >= 10 && c.type <= 12));
    const threads = all.filter((c) => c.type >= 10 && c.type <= 12);
    return {
      id: g.id, name: g.name, icon: null, splash: null, discovery_splash: null, owner_id: g.owner_id,
      afk_channel_id: null, afk_timeout: 300, verification_level: 0, default_message_notifications: 0,
      explicit_content_filter: 0, roles: g.roles, emojis: [], stickers: [], features: [], mfa_level: 0,
      application_id: null, system_channel_id: null, system_channel_flags: 0, rules_channel_id: null,
      vanity_url_code: null, description: null, banner: null, premium_tier: 0, premium_subscription_count: 0,
      preferred_locale: 'en-US', public_updates_channel_id: null, nsfw_level: 0, premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(), large: false, unavailable: false, member_count: 1,
      voice_states: [], members: [], channels, threads, presences: [], stage_instances: [],
      guild_scheduled_events: [], soundboard_sounds: [], lazy: true,
    };
  }

  /** 404 10003 for unknown/deleted channels, 403 50001 for channels the bot cannot see. */
  channelGuard(channelId: string): Reply | undefined {
    if (this.deletedChannels.has(channelId) || !this.channels.has(channelId)) return ERR.unknownChannel();
    if (this.deniedChannels.has(channelId)) return ERR.missingAccess();
    return undefined;
  }

  /** What Discord checks before it creates a message: the bot's own permissions in that channel. */
  postGuard(channelId: string, withFiles: boolean): Reply | undefined {
    const perms = this.botPermissions.get(channelId);
    if (perms === undefined || (perms & (1n << 3n)) !== 0n) return undefined;
    const has = (bit: bigint) => (perms & (1n << bit)) !== 0n;
    if (!has(10n)) return ERR.missingAccess();
    const inThread = [10, 11, 12].includes(Number(this.channels.get(channelId)?.type));
    if (!has(inThread ? 38n : 11n) || (withFiles && !has(15n))) return ERR.missingPermissions();
    return undefined;
  }

  openDm(recipientId: string): Json {
    const existing = this.dmChannels.get(recipientId);
    if (existing) return this.channels.get(existing)!;
    const id = snowflake();
    const channel = { id, type: 1, last_message_id: null, flags: 0, recipients: [user(recipientId, `user${recipientId.slice(-4)}`)] };
    this.channels.set(id, channel);
    this.dmChannels.set(recipientId, id);
    return channel;
  }

  createWebhook(channelId: string, name = 'Fake Webhook'): FakeWebhook {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`fake discord: unknown channel ${channelId}`);
    const id = snowflake();
    const token = randomToken();
    const hook: FakeWebhook = { id, token, channel_id: channelId, guild_id: channel.guild_id ?? null, name, url: `${this.baseUrl}/api/webhooks/${id}/${token}` };
    this.webhooks.set(id, hook);
    return hook;
  }

  webhookObject(h: FakeWebhook): Json {
    return { id: h.id, type: 1, guild_id: h.guild_id, channel_id: h.channel_id, name: h.name, avatar: null, application_id: null, token: h.token, url: h.url };
  }

  /** Previously created message for (channel, nonce) inside the nonce window. */
  nonceHit(channelId: string, nonce: unknown): FakeMessage | undefined {
    const hit = this.nonces.get(`${channelId}:${String(nonce)}`);
    return hit && Date.now() - hit.at < this.nonceWindowMs && this.findMessage(channelId, hit.message.id) ? hit.message : undefined;
  }

  createMessage(channelId: string, body: Json, files: RecordedFile[], extras: MessageExtras = {}): FakeMessage {
    const channel = this.channels.get(channelId);
    const id = extras.id ?? snowflake();
    const msg: FakeMessage = {
      id, channel_id: channelId, ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
      author: extras.author ?? this.botUser, content: typeof body.content === 'string' ? body.content : '',
      embeds: normalizeEmbeds(body.embeds), attachments: this.attach(channelId, body, files, []),
      components: Array.isArray(body.components) ? body.components : [], timestamp: new Date().toISOString(),
      edited_timestamp: null, tts: !!body.tts, ...pingsOf(typeof body.content === 'string' ? body.content : '', body.allowed_mentions, extras.webhook_id || extras.interaction_metadata ? ['users'] : undefined),
      pinned: false, type: extras.type ?? 0, flags: Number(body.flags ?? 0),
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(extras.webhook_id ? { webhook_id: extras.webhook_id } : {}),
      ...(extras.application_id ? { application_id: extras.application_id } : {}),
      ...(extras.interaction_metadata ? { interaction_metadata: extras.interaction_metadata } : {}),
      ...(body.poll ? { poll: body.poll } : {}),
    };
    if (body.message_reference) msg.message_reference = { ...body.message_reference, channel_id: channelId };
    if (!extras.hidden) list(this.channelMessages, channelId).push(msg);
    if (channel && !extras.hidden) channel.last_message_id = id;
    if (body.nonce !== undefined && body.enforce_nonce) this.nonces.set(`${channelId}:${String(body.nonce)}`, { message: msg, at: Date.now() });
    if (extras.webhook_id) list(this.webhookMessages, extras.webhook_id).push(msg);
    return msg;
  }

  editMessage(msg: FakeMessage, body: Json, files: RecordedFile[]): FakeMessage {
    if (body.content !== undefined) msg.content = body.content ?? '';
    if (body.embeds !== undefined) msg.embeds = normalizeEmbeds(body.embeds);
    if (body.components !== undefined) msg.components = body.components ?? [];
    if (body.flags !== undefined && body.flags !== null) msg.flags = Number(body.flags);
    if (body.attachments !== undefined || files.length) {
      msg.attachments = this.attach(msg.channel_id, body, files, msg.attachments);
    }
    msg.edited_timestamp = new Date().toISOString();
    return msg;
  }

  findMessage(channelId: string, id: string): FakeMessage | undefined {
    return this.channelMessages.get(channelId)?.find((m) => m.id === id);
  }

  deleteMessage(msg: FakeMessage): void {
    for (const store of [this.channelMessages, this.webhookMessages]) {
      for (const [key, msgs] of store) store.set(key, msgs.filter((m) => m !== msg));
    }
  }

  private attach(channelId: string, body: Json, files: RecordedFile[], existing: Json[]): Json[] {
    const declared: Json[] | undefined = Array.isArray(body.attachments) ? body.attachments : undefined;
    const out = declared ? existing.filter((a) => declared.some((d) => String(d.id) === a.id)) : [...existing];
    files.forEach((f, n) => {
      const index = /^files\[(\d+)\]$/.exec(f.field)?.[1] ?? String(n);
      const meta = declared?.find((d) => String(d.id) === index) ?? {};
      const id = snowflake();
      const filename: string = meta.filename ?? f.filename;
      const path = `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
      this.attachments.set(decodeURIComponent(path), f);
      const url = `${this.baseUrl}${path}`;
      out.push({ id, filename, size: f.data.length, url, proxy_url: url, content_type: f.contentType, ...(meta.description ? { description: meta.description } : {}) });
    });
    return out;
  }
}

/**
 * Who a message's content pings, as Discord decides it (resources/message.mdx "Allowed Mentions"):
 * only the content pings (never embeds); without `allowed_mentions` every kind is parsed (only
 * users for webhooks and interaction answers: `byDefault`);
 * `parse: ['everyone']` allows `@everyone` and `@here`; a role or user pings when its kind is
 * parsed or its id is listed. (Discord also needs the role to be mentionable or the bot to have
 * Mention Everyone; the fake does not model that.) Recorded as Discord returns it, plus `pings`.
 */
export function pingsOf(content: string, allowed: Json | undefined, byDefault = ['users', 'roles', 'everyone']): Json {
  const parse: string[] = allowed ? (Array.isArray(allowed.parse) ? allowed.parse : []) : byDefault;
  const listed = (kind: 'users' | 'roles', id: string) => parse.includes(kind) || (Array.isArray(allowed?.[kind]) && allowed[kind].includes(id));
  const roles = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]).filter((id) => listed('roles', id));
  const users = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]).filter((id) => listed('users', id));
  const everyone = parse.includes('everyone') && /@(everyone|here)\b/.test(content);
  const here = parse.includes('everyone') && /@here\b/.test(content);
  return {
    mention_everyone: everyone, mention_roles: [...new Set(roles)], mentions: [...new Set(users)].map((id) => user(id, `user${id.slice(-4)}`)),
    pings: [...(everyone ? [here ? '@here' : '@everyone'] : []), ...new Set(roles.map((r) => `role:${r}`)), ...new Set(users.map((u) => `user:${u}`))],
  };
}

const channel_is_thread = (type: number | undefined) => type !== undefined && type >= 10 && type <= 12;

function threadMetadata(init: FakeChannelInit): Json {
  const at = new Date().toISOString();
  return { archived: init.archived ?? false, auto_archive_duration: 1440, archive_timestamp: at, locked: init.locked ?? false, create_timestamp: at };
}

function role(id: string, name: string, permissions: string, position: number): Json {
  return { id, name, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, icon: null, unicode_emoji: null, position, permissions, managed: false, mentionable: false, flags: 0 };
}

function normalizeEmbeds(embeds: unknown): Json[] {
  return Array.isArray(embeds) ? embeds.map((e: Json) => ({ type: 'rich', ...e })) : [];
}

function list<T>(map: Map<string, T[]>, key: string): T[] {
  let l = map.get(key);
  if (!l) map.set(key, (l = []));
  return l;
}
