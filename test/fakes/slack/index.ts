// A stand-in Slack for tests: real node:http + ws on 127.0.0.1, port 0.
// Web API (/api/<method>), response_url (/commands/<id>), incoming webhooks (/services/T/B/X),
// Socket Mode (/socket), signed-request helpers and a recorder. See types.ts for the shapes.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleUpload } from './files.js';
import { handleResponseUrl, handleWebhook } from './inbound.js';
import { parseBody, queryOf, readRaw, sendJson, sendText } from './http-util.js';
import { handleAuthorize } from './oauth.js';
import { buildBlockAction, buildSlashCommand, eventCallback, signedBlockAction, signedEvent, signedInteractive, signedSlashCommand, type EventOptions } from './payloads.js';
import { SocketHub, waitUntil } from './socket.js';
import type { SocketMessage } from './socket.js';
import { SlackState } from './state.js';
import { applySubmissionAck, homeActionPayload, homeOpenedEvent, linkSharedEvent, viewSubmissionPayload } from './surface-payloads.js';
import type { RecordedUnfurl, RecordedView } from './views.js';
import { handleWebApi } from './web-api.js';
import type {
  BlockActionInput,
  ChannelSpec,
  FakeSlackOptions,
  FaultSpec,
  RecordedEphemeral,
  RecordedMessage,
  RecordedRequest,
  ResponseUrlInfo,
  ResponseUrlPost,
  SignedRequest,
  SignOptions,
  SlashCommandInput,
  SocketDelivery,
  UserSpec,
  WebhookPost,
} from './types.js';

export type * from './types.js';
export { slackSignature, signBody, VERIFICATION_TOKEN, type EventOptions } from './payloads.js';
export { checkBlocks } from './blocks.js';
export { checkView, TRIGGER_TTL_MS, VIEW_BLOCKS, type RecordedUnfurl, type RecordedView } from './views.js';
export { pingsOf } from './pings.js';

export interface FakeSlack {
  /** Web API base for `slackApiUrl`: http://127.0.0.1:PORT/api/ */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  readonly port: number;
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  /** The app's OAuth credentials (SLACK_CLIENT_ID / SLACK_CLIENT_SECRET). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** Bot tokens handed out for a workspace (or an org-wide install's org), still working. */
  tokensOf(teamOrOrgId: string): string[];
  /** Removes the app from a workspace (or org): its tokens answer token_revoked from now on. */
  uninstall(teamOrOrgId: string): string[];
  /** A signed Events API request (e.g. `{ type: 'app_uninstalled' }`) from a workspace. */
  signedEventRequest(signingSecret: string, event: Record<string, unknown>, opts?: EventOptions): Pick<SignedRequest, 'body' | 'headers' | 'payload'>;
  /** Every HTTP request received (Web API, response_url, webhooks), oldest first. */
  readonly requests: RecordedRequest[];
  /** Frames the app sent over Socket Mode (acks, parsed). */
  readonly socketMessages: SocketMessage[];
  /** Visible channel messages (chat.postMessage, in_channel response_url posts, incoming webhooks, shared files). */
  messages(channel: string): RecordedMessage[];
  ephemerals(channel: string): RecordedEphemeral[];
  responses(responseUrlId?: string): ResponseUrlPost[];
  webhookPosts(channel: string): WebhookPost[];
  addChannel(spec: ChannelSpec): void;
  addUser(spec: UserSpec): void;
  archiveChannel(id: string): void;
  revokeToken(token: string): void;
  /** The token works again. */
  restoreToken(token: string): void;
  /** Ends every scripted fault at once (an outage is over). */
  clearFaults(): void;
  /** Scripted faults for a Web API method, 'response_url' or 'incoming-webhook'. */
  failNext(spec: FaultSpec): void;
  createIncomingWebhook(channelId: string): string;
  mintResponseUrl(ctx?: { channel?: string; user?: string; messageTs?: string }): ResponseUrlInfo;
  /** Moves the fake's clock (rate buckets, response_url expiry, ts). */
  advanceTime(ms: number): void;
  /** Builders for the payloads the send/signed helpers use (each mints a response_url). */
  slashCommandPayload(input?: SlashCommandInput): { payload: Record<string, unknown>; responseUrl: ResponseUrlInfo };
  blockActionPayload(input: BlockActionInput): { payload: Record<string, unknown>; responseUrl: ResponseUrlInfo };
  /** Socket Mode: resolves once the app acks the envelope. */
  sendSlashCommand(input?: SlashCommandInput): Promise<SocketDelivery>;
  sendBlockAction(input: BlockActionInput): Promise<SocketDelivery>;
  /** Any envelope type (e.g. 'events_api', 'interactive' with a custom payload). */
  sendEnvelope(type: string, payload: Record<string, unknown>, acceptsResponsePayload?: boolean): Promise<SocketDelivery>;
  waitForSocket(timeoutMs?: number): Promise<void>;
  /** Sends `{type:'disconnect'}` to every Socket Mode connection. */
  sendSocketDisconnect(reason?: string): void;
  readonly socketConnections: number;
  /** For Bolt's HTTP receiver. */
  signedSlashCommandRequest(signingSecret: string, fields?: SlashCommandInput, opts?: SignOptions): SignedRequest;
  signedBlockActionRequest(signingSecret: string, input: BlockActionInput, opts?: SignOptions): SignedRequest;
  signedInteractiveRequest(signingSecret: string, payload: Record<string, unknown>, opts?: SignOptions): SignedRequest;
  /** The newest Home tab published for a user (views.publish). */
  homeView(user: string): RecordedView | undefined;
  /** Modals opened (views.open), oldest first; `user` narrows to one person's. */
  modals(user?: string): RecordedView[];
  /** Every accepted chat.unfurl. */
  readonly unfurls: RecordedUnfurl[];
  /** The `app_home_opened` event (Home tab) for `event_callback` wrapping or signing. */
  homeOpenedEvent(user: string): Record<string, unknown>;
  /** A person posts these links in a channel: the `link_shared` event (recorded as what chat.unfurl may answer). */
  linkSharedEvent(input: { channel: string; user: string; urls: string[] }): Record<string, unknown>;
  /** Socket Mode: an Events API event, wrapped as Slack wraps it; resolves once acked. */
  sendEvent(event: Record<string, unknown>): Promise<SocketDelivery>;
  /** Socket Mode: a click on a button of the user's Home tab. */
  clickHome(input: { user: string; action_id: string; value?: string; block_id?: string }): Promise<SocketDelivery>;
  /**
   * Socket Mode: the person submits an open modal with these checkboxes (action_id → values). The
   * app's ack is applied as Slack would (close, update, errors); a bad update view throws.
   */
  submitModal(modal: RecordedView, checked: Record<string, string[]>): Promise<SocketDelivery>;
  /** The view_submission payload itself (for a signed HTTP request). */
  viewSubmissionPayload(modal: RecordedView, checked: Record<string, string[]>): Record<string, unknown>;
  /** Polls until `fn` returns a truthy value (default 5 s). */
  waitFor<T>(fn: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

function route(state: SlackState, req: IncomingMessage, res: ServerResponse, buf: Buffer): Promise<void> {
  return (async () => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname.startsWith('/upload/v1/')) {
      // The upload URL files.getUploadURLExternal handed out: bytes, not a Web API call.
      const rec: RecordedRequest = { at: state.now(), method: 'POST', path: '/upload/v1/…', headers: { ...req.headers }, query: {}, body: { bytes: buf.length }, rawBody: '' };
      state.requests.push(rec);
      rec.status = await handleUpload(state, url.pathname.slice('/upload/v1/'.length), String(req.headers['content-type'] ?? ''), buf, res);
      return;
    }
    const parsed = await parseBody(req, buf);
    const query = queryOf(url);
    const path = decodeURIComponent(url.pathname);
    const api = /^\/api\/([\w.]+)$/.exec(path)?.[1];
    const rec: RecordedRequest = {
      at: state.now(),
      method: req.method ?? 'GET',
      path,
      apiMethod: api,
      headers: { ...req.headers },
      query,
      body: parsed.fields,
      rawBody: parsed.raw,
    };
    state.requests.push(rec);
    if (api && (req.method === 'POST' || req.method === 'GET')) {
      const result = handleWebApi(state, api, req.headers, { ...query, ...parsed.fields }, parsed.badJson);
      rec.status = result.status ?? 200;
      rec.response = result.body;
      sendJson(res, rec.status, result.body, result.headers);
      return;
    }
    if (req.method === 'GET' && path === '/oauth/v2/authorize') {
      rec.status = handleAuthorize(state, query, res);
      return;
    }
    if (req.method === 'POST' && path.startsWith('/commands/')) {
      rec.status = handleResponseUrl(state, path.slice('/commands/'.length), parsed, res);
      return;
    }
    if (req.method === 'POST' && path.startsWith('/services/')) {
      rec.status = handleWebhook(state, path, parsed, res);
      return;
    }
    rec.status = 404;
    sendText(res, 404, 'not_found');
  })();
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const state = new SlackState(options);
  const hub = new SocketHub(state, options.ackTimeoutMs ?? 3000);
  const server = createServer((req, res) => {
    readRaw(req)
      .then((buf) => route(state, req, res, buf))
      .catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fatal_error', detail: String(err) });
        else res.destroy();
      });
  });
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  state.baseUrl = `http://127.0.0.1:${port}`;

  const quiet = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined); // callers that never await must not cause unhandled rejections
    return p;
  };
  const info = (r: { id: string; url: string }): ResponseUrlInfo => ({ id: r.id, url: r.url });

  const fake: FakeSlack = {
    url: `${state.baseUrl}/api/`,
    baseUrl: state.baseUrl,
    port,
    botToken: [...state.botTokens][0],
    appToken: state.appToken,
    teamId: state.teamId,
    appId: state.appId,
    botUserId: state.botUserId,
    botId: state.botId,
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    tokensOf: (id) => [...state.grants].filter(([t, g]) => (g.teamId ?? g.enterpriseId) === id && !state.revoked.has(t)).map(([t]) => t),
    uninstall: (id) => state.uninstall(id),
    signedEventRequest: (secret, event, opts) => signedEvent(state, secret, event, opts),
    requests: state.requests,
    socketMessages: hub.received,
    messages: (ch) => {
      const id = state.resolveChannel(ch)?.id ?? ch;
      return state.messages.filter((m) => m.channel === id);
    },
    ephemerals: (ch) => {
      const id = state.resolveChannel(ch)?.id ?? ch;
      return state.ephemerals.filter((m) => m.channel === id);
    },
    responses: (id) => (id === undefined ? [...state.responsePosts] : state.responsePosts.filter((r) => r.id === id)),
    webhookPosts: (ch) => state.webhookPosts.filter((p) => p.channel === ch),
    addChannel: (spec) => void state.addChannel(spec),
    addUser: (spec) => state.addUser(spec),
    archiveChannel: (id) => {
      const c = state.channels.get(id);
      if (!c) throw new Error(`fake slack: unknown channel ${id}`);
      c.archived = true;
    },
    revokeToken: (token) => void state.revoked.add(token),
    restoreToken: (token) => void state.revoked.delete(token),
    clearFaults: () => state.faults.clear(),
    failNext: (spec) => state.faults.add(spec),
    createIncomingWebhook: (channelId) => state.createWebhook(channelId).url,
    mintResponseUrl: (ctx) => info(state.mintResponseUrl(ctx)),
    advanceTime: (ms) => state.advanceTime(ms),
    slashCommandPayload: (input) => {
      const b = buildSlashCommand(state, input);
      return { payload: b.payload, responseUrl: info(b.responseUrl) };
    },
    blockActionPayload: (input) => {
      const b = buildBlockAction(state, input);
      return { payload: b.payload, responseUrl: info(b.responseUrl) };
    },
    sendSlashCommand: (input) => {
      const b = buildSlashCommand(state, input);
      return quiet(hub.deliver('slash_commands', b.payload, b.responseUrl.id, true));
    },
    sendBlockAction: (input) => {
      const b = buildBlockAction(state, input);
      return quiet(hub.deliver('interactive', b.payload, b.responseUrl.id, false));
    },
    sendEnvelope: (type, payload, accepts = false) => {
      const url = typeof payload.response_url === 'string' ? payload.response_url : undefined;
      const id = url?.startsWith(`${state.baseUrl}/commands/`) ? url.slice(`${state.baseUrl}/commands/`.length) : undefined;
      return quiet(hub.deliver(type, payload, id, accepts));
    },
    waitForSocket: async (timeoutMs) => void (await hub.waitForConnection(timeoutMs)),
    sendSocketDisconnect: (reason) => hub.sendDisconnect(reason),
    get socketConnections() {
      return hub.openConnections;
    },
    signedSlashCommandRequest: (secret, fields, opts) => signedSlashCommand(state, secret, fields, opts),
    signedBlockActionRequest: (secret, input, opts) => signedBlockAction(state, secret, input, opts),
    signedInteractiveRequest: (secret, payload, opts) => signedInteractive(state, secret, payload, opts),
    homeView: (user) => state.surfaces.home(user),
    modals: (user) => state.surfaces.modals(user),
    unfurls: state.surfaces.unfurls,
    homeOpenedEvent: (user) => homeOpenedEvent(state, user),
    linkSharedEvent: (input) => linkSharedEvent(state, input),
    sendEvent: (event) => quiet(hub.deliver('events_api', eventCallback(state, event), undefined, false)),
    clickHome: (input) => quiet(hub.deliver('interactive', homeActionPayload(state, input), undefined, false)),
    submitModal: async (modal, checked) => {
      const delivery = await hub.deliver('interactive', viewSubmissionPayload(state, modal, checked), undefined, true);
      const problem = applySubmissionAck(modal, delivery.ack);
      if (problem) throw new Error(`fake slack: view_submission ack refused: ${problem}`);
      return delivery;
    },
    viewSubmissionPayload: (modal, checked) => viewSubmissionPayload(state, modal, checked),
    waitFor: (fn, timeoutMs = 5000) => waitUntil(fn, timeoutMs, 'condition'),
    close: async () => {
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
