import type { Config } from '../../config.js';
import type { Destination } from '../../delivery/destination.js';
import type { Notifier } from '../../delivery/notifier.js';
import type { AdapterDeps, ChatAdapter } from '../adapter.js';
import { SlackInstallations } from '../../store/slack-installations.js';
import { createSlackBot, type SlackBotSettings } from './bolt-app.js';
import { SlackWebhookNotifier } from './webhook-notifier.js';

export { renderAlert, renderReply } from './render.js';
export { slackManifest } from './manifest.js';
export { SlackNotifier } from './slack-notifier.js';
export { SlackWebhookNotifier } from './webhook-notifier.js';
export { INSTALL_PATH, REDIRECT_PATH } from './oauth.js';

/** One notifier over the bot's and the webhooks': each destination goes to the one that handles it. */
function combine(notifiers: readonly Notifier[]): Notifier {
  const pick = (dest: Destination) => {
    const n = notifiers.find((x) => x.handles(dest));
    if (!n) throw new Error(`no Slack notifier handles ${dest.kind}`);
    return n;
  };
  return {
    handles: (dest) => notifiers.some((n) => n.handles(dest)),
    send: (dest, alert, key, image) => pick(dest).send(dest, alert, key, image),
    sendText: (dest, text) => pick(dest).sendText(dest, text),
  };
}

/**
 * Slack, when configured: a Bolt bot with SLACK_BOT_TOKEN (Socket Mode with SLACK_APP_TOKEN,
 * else HTTP at POST /slack/events on deps.http), or in OAuth mode (SLACK_CLIENT_ID/SECRET) one
 * bot token per installed workspace, kept in the store; and/or incoming webhooks from
 * SLACK_WEBHOOK_URLS, which get alerts without a /alerts setup. Null when none is set.
 */
export function createSlackAdapter(config: Config, deps: AdapterDeps): ChatAdapter | null {
  const urls = config.SLACK_WEBHOOK_URLS ?? [];
  const oauth = oauthSettings(config, deps);
  if (!config.SLACK_BOT_TOKEN && !oauth && urls.length === 0) return null;
  const common = { appToken: config.SLACK_APP_TOKEN, signingSecret: config.SLACK_SIGNING_SECRET, apiUrl: config.SLACK_API_URL };
  const bot = config.SLACK_BOT_TOKEN || oauth ? createSlackBot({ ...common, ...(oauth ? { oauth } : { token: config.SLACK_BOT_TOKEN }) }, deps) : null;
  // A webhook request gives up when delivery does: an abandoned request would hold `start --once` open.
  const hooks = urls.length ? new SlackWebhookNotifier(urls, { timeoutMs: config.DELIVERY_TIMEOUT_MS }) : null;
  const notifiers = [bot?.notifier, hooks].filter((n): n is NonNullable<typeof n> => n != null);
  return {
    name: 'slack',
    notifier: combine(notifiers),
    implicitAlerts: hooks?.implicitAlerts(deps.services.clock().toISOString()) ?? [],
    start: async () => {
      await bot?.start();
      deps.logger.info({ mode: bot?.mode ?? 'webhooks only', webhooks: urls.length }, 'slack adapter started');
    },
    stop: async () => {
      await bot?.stop();
    },
  };
}

/** OAuth mode's settings (loadConfig has checked they come together), or null in single-token mode. */
function oauthSettings(config: Config, deps: AdapterDeps): SlackBotSettings['oauth'] | null {
  if (!config.SLACK_CLIENT_ID || !config.SLACK_CLIENT_SECRET) return null;
  if (!deps.settingsKv) throw new Error('Slack OAuth mode needs the store to keep installations in (AdapterDeps.settingsKv)');
  return {
    clientId: config.SLACK_CLIENT_ID,
    clientSecret: config.SLACK_CLIENT_SECRET,
    stateSecret: config.SLACK_STATE_SECRET!,
    publicUrl: config.PUBLIC_URL!,
    installations: new SlackInstallations(deps.settingsKv),
  };
}
