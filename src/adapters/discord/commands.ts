import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, OptionSpec } from '../../../commands/command.js';
import { clip } from './text.js';

/**
 * Commands about a channel's alerts: shown only to members with Manage Channels (server admins
 * can change that per role), and only in servers. The adapter still checks the permission on
 * every use, since visibility is not authorisation.
 */
const CHANNEL_MANAGER_COMMANDS = new Set(['alerts']);
const MANAGE_CHANNELS = PermissionFlagsBits.ManageChannels.toString();

function option(o: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name: o.name, description: clip(o.description, 100), ...(o.required ? { required: true } : {}), ...(o.autocomplete ? { autocomplete: true as const } : {}) };
  if (o.type === 'role') return { ...base, type: ApplicationCommandOptionType.Role } as APIApplicationCommandBasicOption;
  if (o.type === 'integer') {
    const choices = o.choices?.map((c) => ({ name: c, value: Number(c) })).filter((c) => Number.isSafeInteger(c.value));
    return {
      ...base,
      type: ApplicationCommandOptionType.Integer,
      ...(o.min !== undefined ? { min_value: o.min } : {}),
      ...(o.max !== undefined ? { max_value: o.max } : {}),
      ...(choices?.length && !o.autocomplete ? { choices } : {}),
    } as APIApplicationCommandBasicOption;
  }
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    // For text, OptionSpec's min/max are lengths.
    ...(o.min !== undefined ? { min_length: o.min } : {}),
    ...(o.max !== undefined ? { max_length: o.max } : {}),
    ...(o.choices?.length && !o.autocomplete ? { choices: o.choices.map((c) => ({ name: c, value: c })) } : {}),
  } as APIApplicationCommandBasicOption;
}

function subcommands(c: Command): APIApplicationCommandSubcommandOption[] {
  return (c.subcommands ?? []).map((s) => ({
    type: ApplicationCommandOptionType.Subcommand,
    name: s.name,
    description: clip(s.description, 100),
    ...(s.options.length ? { options: s.options.map(option) } : {}),
  }));
}

/** One command as Discord's CHAT_INPUT JSON. Guild commands take no `contexts`/`integration_types`. */
export function applicationCommand(c: Command, scope: 'global' | 'guild' = 'global'): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const managers = CHANNEL_MANAGER_COMMANDS.has(c.name);
  const options = c.subcommands?.length ? subcommands(c) : c.options.map(option);
  return {
    type: ApplicationCommandType.ChatInput,
    name: c.name,
    description: clip(c.description, 100),
    ...(options.length ? { options } : {}),
    ...(managers ? { default_member_permissions: MANAGE_CHANNELS } : {}),
    ...(scope === 'global'
      ? {
          integration_types: [ApplicationIntegrationType.GuildInstall],
          contexts: managers ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
        }
      : {}),
  };
}

/** The registry as the body of a bulk overwrite (PUT …/commands). */
export function applicationCommands(commands: Iterable<Command>, scope: 'global' | 'guild' = 'global'): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [...commands].map((c) => applicationCommand(c, scope));
}
