import { DiscordAPIError, PermissionFlagsBits, REST, Routes, type RESTOptions } from 'discord.js';
import type { Command } from '../../commands/command.js';
import { COMMANDS } from '../../commands/index.js';
import { applicationCommands } from '../adapters/discord/commands.js';
import { flattenErrors } from '../adapters/discord/errors.js';
import type { Config } from '../config.js';
import { CliError } from './user-error.js';

/**
 * What the bot needs in a channel to post alerts: see it, write (which also starts a forum's
 * posts), write in threads (a thread destination, a forum post's replies), embed, and attach the
 * picture (an alert with a picture is refused without Attach Files; /alerts setup checks these).
 * Nothing reads a channel's history (alerts are never replies), so Read Message History is not asked for.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles;

export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${BOT_PERMISSIONS}`;
}

export interface RegisterOptions {
  /** Register in one server (instant, for testing) instead of globally. */
  readonly guild?: string;
  /** Default: the static registry. */
  readonly commands?: readonly Command[];
  readonly restOptions?: Partial<RESTOptions>;
}

/** `0.options.1.name: …` → `/alerts options.1.name: …`: name the command, not its index. */
function explain(error: DiscordAPIError, commands: readonly Command[]): string {
  const raw = error.rawError as { errors?: unknown };
  const lines = flattenErrors(raw.errors, 5).map((l) => l.replace(/^(\d+)\.?/, (_m, i: string) => `/${commands[Number(i)]?.name ?? i} `));
  return lines.length ? `\n  ${lines.join('\n  ')}` : '';
}

function failure(error: unknown, config: Config, guild: string | undefined, commands: readonly Command[]): CliError {
  if (!(error instanceof DiscordAPIError)) {
    return new CliError(`could not reach Discord at ${config.DISCORD_API_URL ?? 'https://discord.com/api'}: ${(error as Error).message}`);
  }
  const said = `Discord answered ${error.status} ${error.code}: ${error.message.split('\n')[0]}`;
  if (error.status === 401) return new CliError(`${said}. DISCORD_TOKEN was refused: copy the bot token again (Developer Portal → Bot → Reset Token).`);
  if (error.status === 403) {
    return new CliError(`${said}. Check that DISCORD_APPLICATION_ID belongs to this bot's token${guild ? `, and that the bot is in guild ${guild} with the applications.commands scope (invite: ${inviteUrl(config.DISCORD_APPLICATION_ID!)})` : ''}.`);
  }
  if (error.status === 400) return new CliError(`${said}. The commands were rejected, nothing changed:${explain(error, commands)}`);
  return new CliError(said);
}

/**
 * `rankwatch discord register [--guild ID]`: replaces the application's slash commands with the
 * registry in one bulk overwrite (PUT), globally or in one server, then prints the invite URL.
 * Safe to run again: Discord keeps the ids of commands whose names did not change.
 */
export async function registerDiscordCommands(config: Config, opts: RegisterOptions, write: (line: string) => void): Promise<number> {
  const token = config.DISCORD_TOKEN;
  const app = config.DISCORD_APPLICATION_ID;
  if (!token) {
    throw new CliError('DISCORD_TOKEN is not set: registering commands (a bulk overwrite) needs the bot token even when the bot answers over HTTP interactions without one; put it (Developer Portal → Bot) in the environment or .env for this command.');
  }
  if (!app) throw new CliError('DISCORD_APPLICATION_ID is not set: copy the Application ID from the Developer Portal (General Information).');
  if (opts.guild !== undefined && !/^\d{17,20}$/.test(opts.guild)) throw new CliError(`--guild wants a server id (17-20 digits; Developer Mode → right-click the server → Copy Server ID), got "${opts.guild}"`);
  const commands = opts.commands ?? COMMANDS;
  const scope = opts.guild ? 'guild' : 'global';
  const where = opts.guild ? `in guild ${opts.guild}` : 'globally';
  const rest = new REST({ ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}), ...opts.restOptions }).setToken(token);
  try {
    const route = opts.guild ? Routes.applicationGuildCommands(app, opts.guild) : Routes.applicationCommands(app);
    const stored = (await rest.put(route, { body: applicationCommands(commands, scope) })) as unknown[];
    write(`Registered ${stored.length} command${stored.length === 1 ? '' : 's'} ${where}: ${commands.map((c) => `/${c.name}`).join(' ')}`);
    write(`Invite the bot: ${inviteUrl(app)}`);
    return stored.length;
  } catch (error) {
    throw failure(error, config, opts.guild, commands);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
