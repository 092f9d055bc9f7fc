// Builders for INTERACTION_CREATE payloads (chat input, autocomplete, button click).
import { snowflake, user, type FakeUser, type Json } from './types.js';
import type { FakeState } from './state.js';

export interface InteractionContextInit {
  /** Invoking user id (default: the fake's default user). */
  userId?: string;
  username?: string;
  /** Guild id; default: the channel's guild. `null` forces a DM interaction (`user` instead of `member`). */
  guildId?: string | null;
  /** Default: the fake's default channel (or the user's DM channel when guildId is null). */
  channelId?: string;
  /** The member's permissions in the channel (decimal string or bigint); default: the guild's @everyone permissions. */
  memberPermissions?: string | bigint;
  /** Role ids of the member. */
  roles?: string[];
  /** Bot's permissions in the channel (default: the channel's botPermissions, else all). */
  appPermissions?: string | bigint;
  locale?: string;
}

export interface ChatInputInit extends InteractionContextInit {
  name: string;
  options?: Json[];
  /** Default: id of the stored command with this name (guild first, then global), else a fresh snowflake. */
  commandId?: string;
  resolved?: Json;
}

export interface AutocompleteInit extends ChatInputInit {
  /** Appended to `options` with `focused: true` (type defaults to 3 = STRING). */
  focused?: { name: string; value: string | number; type?: number };
}

export interface ButtonClickInit extends InteractionContextInit {
  custom_id: string;
  /** The message carrying the button (default: a stored message with `messageId`, or a synthesized bot message). */
  message?: Json;
  messageId?: string;
  /** Component type, default 2 (button); 3 = string select (then pass `values`). */
  component_type?: number;
  values?: string[];
}

const ALL_PERMISSIONS = ((1n << 53n) - 1n).toString();

export class PayloadBuilder {
  constructor(
    private readonly state: FakeState,
    readonly defaultUser: FakeUser,
    private readonly defaultChannelId: () => string | undefined,
  ) {}

  context(o: InteractionContextInit): Json {
    const u = o.userId ? user(o.userId, o.username ?? `user${o.userId.slice(-4)}`) : this.defaultUser;
    let channelId = o.channelId ?? (o.guildId === null ? undefined : this.defaultChannelId());
    const channel = channelId ? this.state.channels.get(channelId) : undefined;
    const guildId = o.guildId === null ? undefined : (o.guildId ?? channel?.guild_id);
    const botPermissions = channelId ? this.state.botPermissions.get(channelId) : undefined;
    const base: Json = {
      application_id: this.state.applicationId, version: 1, locale: o.locale ?? 'en-US', entitlements: [],
      app_permissions: String(o.appPermissions ?? botPermissions ?? ALL_PERMISSIONS), attachment_size_limit: 10_485_760,
    };
    if (guildId) {
      const guild = this.state.guilds.get(guildId);
      const everyone = guild?.roles.find((r) => r.id === guildId)?.permissions ?? '0';
      channelId ??= snowflake();
      return {
        ...base, guild_id: guildId, guild_locale: 'en-US', guild: { id: guildId, locale: 'en-US', features: [] },
        channel_id: channelId,
        channel: { ...(channel ?? { id: channelId, type: 0, name: 'unknown', guild_id: guildId }), permissions: String(o.memberPermissions ?? everyone) },
        member: {
          user: u, roles: o.roles ?? [], permissions: String(o.memberPermissions ?? everyone), joined_at: new Date(0).toISOString(),
          premium_since: null, deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, communication_disabled_until: null,
        },
        authorizing_integration_owners: { '0': guildId }, context: 0,
      };
    }
    const dm = channel && channel.type === 1 ? channel : this.state.openDm(u.id);
    return {
      ...base, channel_id: dm.id, channel: { id: dm.id, type: 1, flags: 0, last_message_id: null, recipients: [u] }, user: u,
      authorizing_integration_owners: { '0': '0' }, context: 1,
    };
  }

  commandId(name: string, guildId: string | undefined): string {
    const find = (scope: string) => this.state.commands.get(scope)?.find((c) => c.name === name && (c.type ?? 1) === 1)?.id;
    return (guildId ? find(guildId) : undefined) ?? find('global') ?? snowflake();
  }

  chatInput(o: ChatInputInit, type = 2): Json {
    const ctx = this.context(o);
    return {
      ...ctx, type,
      data: {
        id: o.commandId ?? this.commandId(o.name, ctx.guild_id), name: o.name, type: 1,
        ...(o.options ? { options: o.options } : {}), ...(o.resolved ? { resolved: o.resolved } : {}),
        ...(ctx.guild_id ? { guild_id: ctx.guild_id } : {}),
      },
    };
  }

  autocomplete(o: AutocompleteInit): Json {
    const options = [...(o.options ?? [])];
    if (o.focused) options.push({ type: o.focused.type ?? 3, name: o.focused.name, value: o.focused.value, focused: true });
    return this.chatInput({ ...o, options }, 4);
  }

  buttonClick(o: ButtonClickInit): Json {
    const ctx = this.context(o);
    const stored = o.messageId ? this.state.findMessage(ctx.channel_id, o.messageId) : undefined;
    const message = o.message ?? stored ?? {
      id: o.messageId ?? snowflake(), channel_id: ctx.channel_id, author: { ...this.state.botUser, bot: true }, content: '',
      embeds: [], attachments: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false,
      timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, type: 0,
      components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Button', custom_id: o.custom_id }] }],
    };
    return {
      ...ctx, type: 3, message,
      data: { custom_id: o.custom_id, component_type: o.component_type ?? 2, ...(o.values ? { values: o.values } : {}) },
    };
  }
}
