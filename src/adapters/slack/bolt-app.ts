import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import { readBody } from '../../http/read-body.js';
import { ReplayGuard } from '../../http/replay-guard.js';
import type { AdapterDeps } from '../adapter.js';
import { boltLogger } from './bolt-logger.js';
import { registerHandlers } from './handlers.js';
import { slackRequestAccepted } from './signed-request.js';
import { SlackNotifier } from './slack-notifier.js';

/** Where Slack posts commands and clicks in HTTP mode, on the shared HTTP server. */
export const EVENTS_PATH = '/slack/events';
/** Commands and clicks are small; Bolt's own limit is far higher. */
const MAX_BODY = 1 << 20;

export interface SlackBotSettings {
  readonly token: string;
  /** Socket Mode when set (xapp-…). */
  readonly appToken?: string;
  /** HTTP mode: verifies every request's X-Slack-Signature. */
  readonly signingSecret?: string;
  readonly apiUrl?: string;
  /** HTTP mode: the clock request timestamps are checked against (epoch ms; tests move it). */
  readonly now?: () => number;
}

export interface SlackBot {
  readonly mode: 'socket' | 'http';
  readonly notifier: SlackNotifier;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Bolt app: Socket Mode with an app token, else Bolt's HTTPReceiver mounted on the shared
 * HTTP server (Bolt never opens a port of its own). Initialisation (auth.test) waits for start(),
 * so a bad token fails start-up with a message naming SLACK_BOT_TOKEN.
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
  const socket = settings.appToken ? new SocketModeReceiver({ appToken: settings.appToken, logger, logLevel: LogLevel.WARN, installerOptions: { clientOptions } }) : null;
  const http = socket ? null : httpReceiver(settings, deps, logger);
  const app = new App({ token: settings.token, receiver: (socket ?? http?.receiver)!, logger, logLevel: LogLevel.WARN, clientOptions, deferInitialization: true });
  registerHandlers(app, deps);
  const notifier = new SlackNotifier(app.client, { followButton: true });

  return {
    mode: socket ? 'socket' : 'http',
    notifier,
    async start() {
      try {
        await app.init();
      } catch (error) {
        const slackError = (error as { data?: { error?: string } }).data?.error;
        throw new Error(`Slack did not accept SLACK_BOT_TOKEN (auth.test: ${slackError ?? (error as Error).message})`, { cause: error });
      }
      if (socket) await app.start();
      else http!.open();
    },
    async stop() {
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
 */
function httpReceiver(settings: SlackBotSettings, deps: AdapterDeps, logger: ReturnType<typeof boltLogger>) {
  const secret = settings.signingSecret;
  if (!secret) throw new Error('SLACK_SIGNING_SECRET is required for Slack in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  if (!deps.http) throw new Error('HTTP_PORT is required for Slack in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  const receiver = new HTTPReceiver({ signingSecret: secret, endpoints: EVENTS_PATH, logger, logLevel: LogLevel.WARN });
  const guard = new ReplayGuard();
  const now = settings.now ?? Date.now;
  let open = false;
  deps.http.route('POST', EVENTS_PATH, async (req: IncomingMessage, res: ServerResponse) => {
    if (!open) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' }).end('slack adapter not started');
      return;
    }
    const raw = await readBody(req, MAX_BODY);
    if (raw === null) return void res.writeHead(413, { 'content-type': 'text/plain' }).end('request too large');
    if (!slackRequestAccepted(secret, raw, req.headers, now(), guard)) {
      return void res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
    }
    receiver.requestListener(Object.assign(req, { rawBody: raw }), res);
  });
  return { receiver, open: () => void (open = true), close: () => void (open = false) };
}
