import type { Invocation } from '../../../commands/command.js';
import type { Destination } from '../../delivery/destination.js';
import { discordPostingCheck } from './bot-permissions.js';

/**
 * What the adapter needs to know about an interaction. The gateway (discord.js objects) and HTTP
 * interactions (raw JSON) each fill it in; everything after that is shared.
 */
export interface InteractionFacts {
  readonly userId: string;
  /** null in a DM with the bot. */
  readonly guildId: string | null;
  readonly channelId: string;
  /** `member.permissions`: the member's permissions in this channel, overwrites applied; null in DMs. */
  readonly memberPermissions: bigint | null;
  readonly channelName?: string;
  /**
   * Set when the command was typed in a forum's post (a forum itself has no message box): the
   * forum, which is then the channel commands are about (alerts there get a post per day).
   */
  readonly forum?: { readonly id: string; readonly name?: string };
  /** `app_permissions`: the bot's own permissions in this channel; null in DMs (or when absent). */
  readonly appPermissions?: bigint | null;
  /** `channel.type` (0 text, 5 announcement, 10-12 threads, 15 forum), when sent. */
  readonly channelType?: number;
  /** The person's global display name, else their username. */
  readonly userName?: string;
}

/** An option as Discord sends it; the API payload and discord.js `options.data` share this shape. */
export interface OptionInput {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly options?: readonly OptionInput[];
  readonly focused?: boolean;
}

const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const ADMINISTRATOR = 1n << 3n;
const MANAGE_CHANNELS = 1n << 4n;

/**
 * Manage Channels, read from the permissions Discord sent with this very interaction. Checked at
 * run time because `default_member_permissions` only hides a command: server admins can widen it
 * per role or channel, and a bulk re-registration may lag behind.
 */
export function canManage(permissions: bigint | null): boolean {
  if (permissions === null) return false;
  return (permissions & (MANAGE_CHANNELS | ADMINISTRATOR)) !== 0n;
}

/**
 * The neutral invocation. In a DM with the bot the channel is that DM, which the person owns, so
 * they may manage it; commands still refuse channel alerts there (`inDm`). `cannotPost` says
 * what the operator must set when this set-up has no bot token to post with.
 */
export function toInvocation(f: InteractionFacts, cannotPost?: string): Invocation {
  const dm: Destination = { kind: 'discord-dm', userId: f.userId };
  const inDm = f.guildId === null;
  const name = f.forum ? f.forum.name : f.channelName;
  return {
    platform: 'discord',
    user: { platform: 'discord', userId: f.userId },
    channel: inDm ? dm : { kind: 'discord-channel', channelId: f.forum?.id ?? f.channelId, guildId: f.guildId! },
    ...(!inDm && name ? { channelName: `#${name}` } : {}),
    dm,
    canManageChannel: inDm || canManage(f.memberPermissions),
    inDm,
    ...(cannotPost ? { cannotPost } : {}),
    ...(f.userName ? { userName: f.userName } : {}),
    ...(!inDm ? { checkPosting: async () => discordPostingCheck(f.appPermissions ?? null, f.channelType, f.channelName) } : {}),
  };
}

/**
 * Options as the command schemas read them: values by option name, and the chosen subcommand as
 * `subcommand` (a subcommand group, unused so far, as `group`).
 */
export function optionsRecord(options: readonly OptionInput[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of options) {
    if (o.type === SUB_COMMAND || o.type === SUB_COMMAND_GROUP) {
      out[o.type === SUB_COMMAND ? 'subcommand' : 'group'] = o.name;
      Object.assign(out, optionsRecord(o.options));
    } else if (o.value !== undefined) {
      out[o.name] = o.value;
    }
  }
  return out;
}

/** The value being typed in an autocomplete interaction, as text. */
export function focusedValue(options: readonly OptionInput[] = []): string {
  for (const o of options) {
    if (o.focused) return String(o.value ?? '');
    const inner = o.options?.length ? focusedValue(o.options) : '';
    if (inner) return inner;
  }
  return '';
}
