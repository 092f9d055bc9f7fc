import { REGISTRY } from '../../../commands/index.js';

/**
 * Slack reserves some slash commands for itself (`/status` sets your status, `/help` opens
 * Slack's help), so an app's command of that name is never reached. Those get a prefix on Slack.
 */
const RESERVED = new Set(['status', 'help', 'away', 'dm', 'feed', 'invite', 'leave', 'msg', 'mute', 'remind', 'search', 'shrug', 'topic', 'who', 'apps', 'archive', 'shortcuts', 'collapse', 'expand', 'active']);

/** The Slack slash command for a registry command: `/leaderboard`, but `/rankwatch-status`. */
export function slackCommand(name: string): string {
  return RESERVED.has(name) ? `/rankwatch-${name}` : `/${name}`;
}

/**
 * Replies name commands as `/help`; on Slack the reserved ones are spelled as registered there.
 * Slack's own commands (`/invite @rankwatch`, which setup asks for) stay as they are.
 */
export function slackCommandNames(text: string): string {
  return text.replace(/(^|[\s(`])\/([a-z-]+)\b/g, (whole, lead: string, name: string) => (RESERVED.has(name) && REGISTRY.has(name) ? `${lead}${slackCommand(name)}` : whole));
}
