import type { z } from 'zod';
import type { Destination, Person, Platform } from '../src/delivery/destination.js';
import type { Reply } from './reply.js';
import type { Services } from './services.js';

/** A mistake the user can fix: shown as a short private reply that says what to do. */
export class UserError extends Error {
  constructor(
    readonly code: 'unknown_model' | 'bad_option' | 'forbidden' | 'no_data' | 'not_found' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** One option as platforms declare it (Discord registration, Slack usage hints, help text). */
export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  /** `role`: Discord's role picker (the value is the role id); typed text elsewhere (Slack, console). */
  readonly type: 'string' | 'integer' | 'role';
  readonly required?: boolean;
  readonly choices?: readonly string[];
  /** Suggestions as the user types (Discord autocomplete); only for model options. */
  readonly autocomplete?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Typed text fills it only as `name:value` (`/subscribe lab:qwen`), never from loose words. */
  readonly namedOnly?: boolean;
}

/** A subcommand (`/alerts setup`), declared like a command. */
export interface SubcommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
}

/** Who asked, where, and what they may do: filled in by the adapter, read by commands. */
export interface Invocation {
  readonly platform: Platform;
  readonly user: Person;
  /** The channel the command was typed in (a DM destination when typed in a DM). */
  readonly channel: Destination;
  /** The channel's name for replies (`#general`), when known. */
  readonly channelName?: string;
  /** Where a personal subscription is delivered. */
  readonly dm: Destination;
  /** Discord: Manage Channels; Slack: workspace admin or the channel's creator; console: always. */
  readonly canManageChannel: boolean;
  /** True when the command came from a DM, where channel alerts cannot be set up. */
  readonly inDm: boolean;
  /**
   * Set when this platform cannot post alerts or DMs as configured (Discord HTTP interactions
   * without DISCORD_TOKEN): what the operator must do. Commands that would post answer with it.
   */
  readonly cannotPost?: string;
  /** The person's display name, when the platform sends it (the setup confirmation says who). */
  readonly userName?: string;
  /**
   * Asks the platform whether the bot can post alerts in this channel: Discord reads the
   * permissions sent with the interaction (`app_permissions`), Slack asks conversations.info.
   * Absent where there is nothing to check (the console, DMs).
   */
  readonly checkPosting?: () => Promise<PostingCheck>;
}

/**
 * Whether the bot can post in a channel. `problem` is a sentence naming the fix ("missing Send
 * Messages in #general. Give rankwatch's role …"); `note`, something that works but not fully
 * (a Slack channel the bot is not in gets alerts without their pictures).
 */
export type PostingCheck = { readonly ok: true; readonly note?: string } | { readonly ok: false; readonly problem: string };

export interface CommandContext {
  readonly invocation: Invocation;
  readonly services: Services;
}

/** A suggestion offered while typing (Discord allows 25, each name and value ≤ 100 chars). */
export interface Choice {
  readonly name: string;
  readonly value: string;
}

/**
 * One slash command, written once. `schema` validates the options as the adapter collected them
 * (strings and integers by option name; `subcommand` for commands that have subcommands).
 */
export interface Command<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly subcommands?: readonly SubcommandSpec[];
  /** Replies only the caller sees (subscriptions, setup). */
  readonly personal: boolean;
  readonly schema: S;
  run(options: z.infer<S>, ctx: CommandContext): Promise<Reply>;
}
