import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type HTTPReceiverOptions, type Installation } from '@slack/bolt';
import { readBody } from '../../http/read-body.js';
import { ReplayGuard } from '../../http/replay-guard.js';
import type { AdapterDeps } from '../adapter.js';
import { AdapterStartError } from '../start-error.js';
import { boltLogger } from './bolt-logger.js';
import { registerHandlers } from './handlers.js';
import { registerNative } from './native-handlers.js';
import { registerLifecycle, restoreInstall, type LifecycleDeps } from './lifecycle.js';
import { INSTALL_PATH, oauthReceiverOptions, REDIRECT_PATH, type SlackOAuthSettings } from './oauth.js';
import { slackRequestAccepted } from './signed-request.js';
import { sendContext } from '../../delivery/send-context.js';
import { SlackNotifier } from './slack-notifier.js';
import { WorkspaceClients } from './workspace-clients.js';

import { EVENTS_PATH } from './paths.js';

export { EVENTS_PATH };
/** Commands and clicks are small; Bolt's own limit is far higher. */
const MAX_BODY = 1 << 20;

export interface SlackBotSettings {
  /** One workspace (SLACK_BOT_TOKEN); absent in OAuth mode, where each workspace has its own. */
  readonly token?: string;
  /** OAuth mode: any workspace installs at /slack/install (HTTP mode only). */
  readonly oauth?: SlackOAuthSettings;
  /** Socket Mode when set (xapp-…). */
  readonly appToken?: string;
  /** HTTP mode: verifies every request's X-Slack-Signature. */
  readonly signingSecret?: string;
  readonly apiUrl?: string;
  /** HTTP mode: the clock request timestamps are checked against (epoch ms; tests move it). */
  readonly now?: () => number;
}

export interface SlackBot {
  readonly mode: 'socket' | 'http' | 'oauth';
  readonly notifier: SlackNotifier;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Bolt app: Socket Mode with an app token, else Bolt's HTTPReceiver mounted on the shared
 * HTTP server (Bolt never opens a port of its own). Initialisation (auth.test) waits for start(),
 * so a bad token fails start-up with a message naming SLACK_BOT_TOKEN. In OAuth mode there is no
 * token to check: Bolt's authorize picks each request's workspace token from the installation
 * store, and alerts pick theirs by the destination's workspace (WorkspaceClients).
 */
export function createSlackBot(settings: SlackBotSettings, deps: AdapterDeps): SlackBot {
  const logger = boltLogger(deps.logger);
  // Bounded retries: a command answer or an alert should not wait half an hour (the default policy).
  // A 429 is still absorbed: the client waits out Retry-After before the retry.
  const clientOptions: webApi.WebClientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    timeout: 15_000,
  };
  // The Socket Mode client keeps its own retry policy for apps.connections.open (it reconnects
  // after an outage of any length); handing it the bounded Web API retries above would make it
  // give up after a few seconds and throw where nobody can catch it.
  // Its own default (100 tries, growing by 1.3x) would leave hours between tries after a long
  // outage, so: forever, at most a minute apart.
  const socketClientOptions: webApi.WebClientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { forever: true, factor: 1.5, minTimeout: 1_000, maxTimeout: 60_000 },
  };
  const oauth = settings.oauth;
  if (oauth && settings.appToken) throw new Error('Slack OAuth installs run in HTTP mode: unset SLACK_APP_TOKEN');
  // ROLE: a process that does not receive (delivery, poller) keeps the Web API client and mounts nothing.
  const receiving = settings.appToken ? deps.receive?.gateway !== false : deps.receive?.http !== false;
  const socket = settings.appToken ? new SocketModeReceiver({ appToken: settings.appToken, logger, logLevel: LogLevel.WARN, installerOptions: { clientOptions: socketClientOptions } }) : null;
  if (socket) watchSocket(socket, deps);
  const installUrl = oauth ? `${oauth.publicUrl}${INSTALL_PATH}` : '';
  // Clients built outside Bolt's App (the installer's, one per workspace token) log through ours too.
  const ownClientOptions = { ...clientOptions, logger };
  let lifecycle: LifecycleDeps | null = null;
  const onInstalled = async (installation: Installation) => void (lifecycle && (await restoreInstall(lifecycle, installation)));
  const oauthOptions = oauth ? oauthReceiverOptions(oauth, { clientOptions: ownClientOptions, apiUrl: settings.apiUrl, logger: deps.logger, onInstalled }) : undefined;
  const http = socket ? null : httpReceiver(settings, deps, logger, oauthOptions, receiving);
  const app = new App({ ...(oauth ? {} : { token: settings.token }), receiver: (socket ?? http?.receiver)!, logger, logLevel: LogLevel.WARN, clientOptions, deferInitialization: true });
  registerHandlers(app, deps);
  registerNative(app, deps);
  const clients = oauth ? new WorkspaceClients(oauth.installations, { clientOptions: ownClientOptions, installUrl }) : app.client;
  const notifier = new SlackNotifier(clients, { followButton: true, logger: deps.logger, context: sendContext(deps.services.settings, deps.settingsKv) });
  if (oauth) {
    lifecycle = { installations: oauth.installations, notifier, settings: deps.services.settings, logger: deps.logger, clock: deps.services.clock, installUrl };
    registerLifecycle(app, lifecycle);
  }

  return {
    mode: socket ? 'socket' : oauth ? 'oauth' : 'http',
    notifier,
    async start() {
      try {
        await app.init();
      } catch (error) {
        throw startError(error, 'SLACK_BOT_TOKEN', 'copy the Bot User OAuth Token from OAuth & Permissions (reinstall the app if it was revoked)');
      }
      if (!receiving) return;
      if (socket) {
        try {
          await app.start();
        } catch (error) {
          throw startError(error, 'SLACK_APP_TOKEN', 'make an App-Level Token with connections:write under Basic Information');
        }
      } else http!.open();
    },
    async stop() {
      if (!receiving) return;
      if (socket) {
        // app.stop() does not wait for the WebSocket close handshake; the client's disconnect() does.
        await socket.client.disconnect();
        await app.stop().catch(() => undefined);
      } else http!.close();
    },
  };
}

/**
 * Bolt's HTTPReceiver behind our own check (see slackRequestAccepted): fresh timestamp either
 * way, valid signature, never seen before. The body is read once here and handed to Bolt
 * already buffered (`rawBody`, which Bolt reuses), so Bolt verifies the same bytes again.
 * In OAuth mode the install and redirect pages (GET, unsigned: browsers) go to Bolt's installer.
 */
/** Bolt's HTTP receiver on the shared server; `mount: false` (a role that does not receive) builds it unmounted. */
function httpReceiver(settings: SlackBotSettings, deps: AdapterDeps, logger: ReturnType<typeof boltLogger>, oauth: Partial<HTTPReceiverOptions> | undefined, mount: boolean) {
  const secret = settings.signingSecret;
  if (!secret) throw new Error('SLACK_SIGNING_SECRET is required for Slack in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  const receiver = new HTTPReceiver({ signingSecret: secret, endpoints: EVENTS_PATH, logger, logLevel: LogLevel.WARN, ...oauth });
  if (!mount) return { receiver, open: () => undefined, close: () => undefined };
  if (!deps.http) throw new Error('HTTP_PORT is required for Slack in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  const guard = new ReplayGuard();
  const now = settings.now ?? Date.now;
  let open = false;
  const closed = (res: ServerResponse) => void res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' }).end('slack adapter not started');
  deps.http.route('POST', EVENTS_PATH, async (req: IncomingMessage, res: ServerResponse) => {
    if (!open) return closed(res);
    const raw = await readBody(req, MAX_BODY);
    if (raw === null) return void res.writeHead(413, { 'content-type': 'text/plain' }).end('request too large');
    const verdict = slackRequestAccepted(secret, raw, req.headers, now(), guard);
    // Slack retries an event it thinks was missed; one already taken is acknowledged, not run twice.
    if (verdict === 'seen' && req.headers['x-slack-retry-num'] !== undefined) return void res.writeHead(200).end();
    if (verdict !== 'ok') return void res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
    receiver.requestListener(Object.assign(req, { rawBody: raw }), res);
  });
  if (oauth) {
    for (const path of [INSTALL_PATH, REDIRECT_PATH]) deps.http.route('GET', path, (req, res) => (open ? receiver.requestListener(req, res) : closed(res)));
  }
  return { receiver, open: () => void (open = true), close: () => void (open = false) };
}

/** Slack's errors that mean "this token will never work", as opposed to an outage to wait out. */
const REFUSED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'missing_scope', 'invalid_token']);

function startError(error: unknown, setting: string, fix: string): AdapterStartError {
  const slackError = (error as { data?: { error?: string } }).data?.error;
  if (slackError && REFUSED.has(slackError)) return AdapterStartError.refused(`Slack refused ${setting} (${slackError}): ${fix}`, error);
  const why = slackError ?? (error as { original?: { code?: string } }).original?.code ?? (error as { code?: string }).code ?? 'error';
  return new AdapterStartError('unreachable', `cannot reach Slack (${why})`, { cause: error });
}

/** Socket Mode's connection state, reported to health: lost, reconnecting, back. */
function watchSocket(socket: SocketModeReceiver, deps: AdapterDeps): void {
  const client = socket.client;
  let connectedOnce = false;
  client.on('connected', () => {
    connectedOnce = true;
    deps.health?.report('slack', 'ok');
  });
  client.on('reconnecting', () => connectedOnce && deps.health?.report('slack', 'retrying', { detail: 'Socket Mode connection lost; reconnecting' }));
  client.on('disconnected', () => connectedOnce && deps.health?.report('slack', 'retrying', { detail: 'Socket Mode disconnected; reconnecting' }));
}
