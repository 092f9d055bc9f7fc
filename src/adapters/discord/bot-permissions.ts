import type { PostingCheck } from '../../../commands/command.js';

const ADMINISTRATOR = 1n << 3n;

/** The permissions an alert needs, as Discord's client names them. */
const PERMISSIONS = {
  'View Channel': 1n << 10n,
  'Send Messages': 1n << 11n,
  'Embed Links': 1n << 14n,
  'Attach Files': 1n << 15n,
  'Send Messages in Threads': 1n << 38n,
} as const;
type PermissionName = keyof typeof PERMISSIONS;

/** Channel types (Discord's `channel.type`): threads take Send Messages in Threads, forums take both. */
const THREADS = new Set([10, 11, 12]);
const FORUMS = new Set([15, 16]);

/**
 * What an alert needs in a channel of this type: to see it, to post (in a thread: Send Messages
 * in Threads; in a forum: Send Messages to open a post and Send Messages in Threads to reply in
 * it), Embed Links (an alert is an embed, which Discord drops without it) and Attach Files (its
 * picture; Discord refuses the upload without it).
 */
export function neededPermissions(channelType: number | undefined): PermissionName[] {
  const post: PermissionName[] = channelType !== undefined && THREADS.has(channelType) ? ['Send Messages in Threads'] : channelType !== undefined && FORUMS.has(channelType) ? ['Send Messages', 'Send Messages in Threads'] : ['Send Messages'];
  return ['View Channel', ...post, 'Embed Links', 'Attach Files'];
}

/** The needed permissions missing from `appPermissions` (the bot's, in this channel, as sent with the interaction). */
export function missingPermissions(appPermissions: bigint, channelType: number | undefined): PermissionName[] {
  if ((appPermissions & ADMINISTRATOR) !== 0n) return [];
  return neededPermissions(channelType).filter((p) => (appPermissions & PERMISSIONS[p]) === 0n);
}

const and = (names: readonly string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? ''));

/**
 * Reads the bot's own permissions in the channel of the interaction. `appPermissions` is null
 * when Discord sent none (a DM): nothing to check there.
 */
export function discordPostingCheck(appPermissions: bigint | null, channelType: number | undefined, channelName: string | undefined): PostingCheck {
  if (appPermissions === null) return { ok: true };
  const missing = missingPermissions(appPermissions, channelType);
  if (missing.length === 0) return { ok: true };
  const where = channelName ? `#${channelName}` : 'this channel';
  return {
    ok: false,
    problem: `I can't post here: missing ${and(missing)} in ${where}. Give rankwatch's role ${and(missing)} in this channel (Edit Channel → Permissions), then run /alerts setup again.`,
  };
}
