import type { Reply } from '../../../commands/reply.js';
import { slackCommandNames } from './command-names.js';
import { richText } from './mrkdwn.js';

/** The one namespaced Slack command: `/rankwatch leaderboard weekly`, `/rankwatch subscribe qwen`. */
export const NAMESPACE = '/rankwatch';

/** Which slash commands the manifest declares (SLACK_COMMANDS); the bot answers all of them either way. */
export type SlackCommandStyle = 'namespaced' | 'both';

/** `/rankwatch <subcommand> [args]` split into the registry command and the text left for it. */
export type NamespacedCall = { readonly name: string; readonly text: string } | { readonly unknown: string };

/**
 * The first word names the command (`leaderboard`, or `/leaderboard` as people type it out of
 * habit); no word at all is `help`. The rest is that command's own text.
 */
export function splitNamespaced(text: string, names: ReadonlySet<string>): NamespacedCall {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  const name = first.replace(/^\//, '').toLowerCase() || 'help';
  if (!names.has(name)) return { unknown: first };
  return { name, text: rest.join(' ') };
}

/** `/leaderboard weekly` in a reply → `/rankwatch leaderboard weekly`, for commands of the registry. */
export function namespacedNames(text: string, names: ReadonlySet<string>): string {
  return text.replace(/(^|[\s(`*])\/([a-z-]+)\b/g, (whole, lead: string, name: string) => (names.has(name) ? `${lead}${NAMESPACE} ${name}` : whole));
}

/** A reply reached through `/rankwatch`: every command it names is spelled the way it was asked. */
export function namespacedReply(reply: Reply, names: ReadonlySet<string>): Reply {
  const rename = (s: string) => namespacedNames(s, names);
  return {
    ...reply,
    ...(reply.title ? { title: rename(reply.title) } : {}),
    ...(reply.text ? { text: rename(reply.text) } : {}),
    ...(reply.fields ? { fields: reply.fields.map((f) => ({ ...f, label: rename(f.label), value: rename(f.value) })) } : {}),
  };
}

/** The answer to a subcommand rankwatch does not have. */
export function unknownSubcommand(word: string, names: ReadonlySet<string>): Reply {
  return { text: `${NAMESPACE} has no subcommand "${word}". Try ${NAMESPACE} help; subcommands: ${[...names].join(', ')}.`, ephemeral: true };
}

/** A reply as one mrkdwn string (title, then text) for a modal or a Home notice. */
export const replyText = (reply: Reply): string => richText(slackCommandNames([reply.title, reply.text].filter(Boolean).join('\n')), 3000);
