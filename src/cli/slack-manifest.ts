import { REGISTRY } from '../../commands/index.js';
import { EVENTS_PATH } from '../adapters/slack/bolt-app.js';
import { slackManifest } from '../adapters/slack/manifest.js';
import { CliError } from './user-error.js';

/**
 * `rankwatch slack manifest [--url URL]`: the Slack app manifest as JSON, from the same command
 * registry the bot runs. Without --url the app uses Socket Mode; with it, Slack posts commands and
 * clicks to `${url}/slack/events`.
 */
export function printSlackManifest(opts: { url?: string }, write: (s: string) => void): void {
  let requestUrl: string | undefined;
  if (opts.url !== undefined) {
    let base: URL;
    try {
      base = new URL(opts.url);
    } catch {
      throw new CliError(`--url is not a URL: ${opts.url} (want https://your-host)`);
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new CliError(`--url must start with https:// (got ${opts.url})`);
    requestUrl = `${opts.url.replace(/\/+$/, '')}${EVENTS_PATH}`;
  }
  const manifest = slackManifest(REGISTRY, requestUrl ? { socketMode: false, requestUrl } : { socketMode: true });
  write(JSON.stringify(manifest, null, 2));
}
