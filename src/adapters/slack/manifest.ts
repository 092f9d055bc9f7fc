import type { Command } from '../../../commands/command.js';
import { optionUsage } from '../../../commands/usage.js';
import { truncate } from './mrkdwn.js';
import { slackCommand } from './command-names.js';
import { NAMESPACE, type SlackCommandStyle } from './namespaced.js';
import { BOT_EVENTS, EVENTS_PATH, REDIRECT_PATH } from './paths.js';
import { UNFURL_DOMAIN } from './unfurl.js';

export interface SlackManifestOptions {
  /** Socket Mode (no public URL) or HTTP (Slack posts to `requestUrl`). */
  readonly socketMode: boolean;
  /**
   * HTTP mode: the https base URL Slack reaches the bot at (e.g. `https://bot.example.com`, which
   * is PUBLIC_URL); commands, clicks and events go to `/slack/events` under it, the OAuth
   * redirect to `/slack/oauth_redirect`. The full events URL (`…/slack/events`) is taken too.
   */
  readonly baseUrl?: string;
  /** `namespaced`: only `/rankwatch <subcommand>`; `both` (default): it and every separate command. */
  readonly commands?: SlackCommandStyle;
  /** The app's name in Slack (≤ 35 characters). */
  readonly name?: string;
}

/** One slash command as the manifest declares it (api.slack.com/reference/manifests). */
export interface ManifestSlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

/**
 * The bot scopes: commands and posting (chat:write.public so alerts reach public channels the bot
 * was never invited to), DMs (im:write), and the two lookups behind the channel-manager rule
 * (users:read for admins, channels:read/groups:read for a channel's creator), and files:write for
 * the pictures (files.uploadV2 into a channel the bot is in), and links:read / links:write for
 * unfurling openrouter.ai model links (link_shared, chat.unfurl).
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'channels:read', 'groups:read', 'files:write', 'links:read', 'links:write'] as const;

/** Events the App Home tab and unfurls need, besides the lifecycle ones. */
export const NATIVE_EVENTS = ['app_home_opened', 'link_shared'] as const;

/** `setup [types] [charts] | off | show | test`, or `[chart: daily|weekly] [limit: 1-25]`. */
export function usageHint(command: Pick<Command, 'options' | 'subcommands'>): string {
  const words = (options: Command['options']) => options.map(optionUsage).join(' ');
  const hint = command.subcommands?.length
    ? command.subcommands.map((s) => [s.name, words(s.options)].filter(Boolean).join(' ')).join(' | ')
    : words(command.options);
  return truncate(hint, 1000);
}

/** `/rankwatch`: every command as its first word (`/rankwatch leaderboard weekly`). */
function namespacedCommand(list: readonly Command[], url: string | undefined): ManifestSlashCommand {
  return {
    command: NAMESPACE,
    description: 'rankwatch: leaderboards, model cards, subscriptions and channel alerts (/rankwatch help)',
    usage_hint: truncate(list.map((c) => c.name).join(' | '), 1000),
    should_escape: false,
    ...(url ? { url } : {}),
  };
}

function slashCommand(c: Command, url: string | undefined): ManifestSlashCommand {
  const hint = usageHint(c);
  return {
    command: slackCommand(c.name),
    description: truncate(c.description, 2000),
    ...(hint ? { usage_hint: hint } : {}),
    // Unescaped text: a model name arrives as typed, not as `<@U…>` / `<#C…>` links.
    should_escape: false,
    ...(url ? { url } : {}),
  };
}

/**
 * The Slack app manifest, from the same registry the runtime registers. Paste it at
 * api.slack.com/apps → Create New App → From a manifest.
 */
export function slackManifest(commands: ReadonlyMap<string, Command> | readonly Command[], opts: SlackManifestOptions) {
  const list = [...commands.values()];
  const name = truncate(opts.name ?? 'rankwatch', 35);
  const base = opts.socketMode ? undefined : manifestBase(opts.baseUrl);
  const url = base && `${base}${EVENTS_PATH}`;
  return {
    display_information: {
      name,
      description: "Alerts when OpenRouter's LLM usage charts change",
      long_description:
        "rankwatch follows OpenRouter's public usage rankings (openrouter.ai/rankings) and posts when a model takes #1, sets a record, passes a milestone or enters the top 10. Ask it for leaderboards and model histories with slash commands; follow a model to get its alerts by DM. Data: OpenRouter, CC BY 4.0.",
      background_color: '#1d1c1d',
    },
    features: {
      // The Messages tab must be on and writable, or alerts by DM fail with messages_tab_disabled.
      // The Home tab shows the leaderboard and the person's subscriptions (home.ts).
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: truncate(name, 80), always_online: true },
      slash_commands: [namespacedCommand(list, url), ...(opts.commands === 'namespaced' ? [] : list.map((c) => slashCommand(c, url)))],
      unfurl_domains: [UNFURL_DOMAIN],
    },
    oauth_config: { ...(base ? { redirect_urls: [`${base}${REDIRECT_PATH}`] } : {}), scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      // An uninstall or a revoked token ends that workspace's deliveries (see lifecycle.ts).
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...BOT_EVENTS, ...NATIVE_EVENTS] },
      socket_mode_enabled: opts.socketMode,
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

/**
 * The base URL the paths go under: a base (`https://host`, `https://host/bot/`) or the full events
 * URL (`https://host/slack/events`, the Request URL Slack's settings show) give the same
 * `https://host`; repeated or trailing slashes go. Slack takes only https request URLs, and a
 * query or fragment would end up in the middle of every path, so both are refused.
 */
export function manifestBase(given: string | undefined): string {
  if (!given) throw new Error('An HTTP-mode Slack manifest needs the https base URL Slack reaches the bot at (https://your-host)');
  let u: URL;
  try {
    u = new URL(given.trim());
  } catch {
    throw new Error(`not a URL: ${given} (want https://your-host)`);
  }
  if (u.protocol !== 'https:') throw new Error(`Slack requires https:// request URLs (got ${given}): put the bot behind TLS and use https://your-host`);
  if (u.search || u.hash || given.includes('?') || given.includes('#')) throw new Error(`want a base URL without ?query or #fragment (got ${given}), e.g. https://your-host`);
  if (u.username || u.password) throw new Error(`want a base URL without user:password@ (got ${given})`);
  const segments = u.pathname.split('/').filter(Boolean);
  const tail = EVENTS_PATH.split('/').filter(Boolean);
  const endsWithEvents = () => segments.length >= tail.length && tail.every((t, i) => segments[segments.length - tail.length + i] === t);
  // Repeatedly: a URL copied from an old manifest (`/slack/events/slack/events`) comes out right too.
  while (endsWithEvents()) segments.splice(-tail.length);
  return `${u.origin}${segments.length ? `/${segments.join('/')}` : ''}`;
}
