import { REGISTRY } from '../../commands/index.js';
import { manifestBase, slackManifest } from '../adapters/slack/manifest.js';
import type { SlackCommandStyle } from '../adapters/slack/namespaced.js';
import { CliError } from './user-error.js';

/**
 * `rankwatch slack manifest [--url URL]`: the Slack app manifest as JSON, from the same command
 * registry the bot runs. Without --url the app uses Socket Mode; with it (https only, as Slack
 * requires; the same as PUBLIC_URL), Slack posts commands, clicks and events to
 * `${url}/slack/events` and sends OAuth installs back to `${url}/slack/oauth_redirect` (the full
 * events URL is accepted as --url too). `commands` (SLACK_COMMANDS): `/rankwatch <subcommand>`
 * alone, or it and every separate command (default).
 */
export function printSlackManifest(opts: { url?: string; commands?: SlackCommandStyle }, write: (s: string) => void): void {
  let baseUrl: string | undefined;
  if (opts.url !== undefined) {
    try {
      baseUrl = manifestBase(opts.url);
    } catch (error) {
      throw new CliError(`--url: ${(error as Error).message}`);
    }
  }
  const commands = opts.commands ?? 'both';
  const manifest = slackManifest(REGISTRY, baseUrl ? { socketMode: false, baseUrl, commands } : { socketMode: true, commands });
  write(JSON.stringify(manifest, null, 2));
}
