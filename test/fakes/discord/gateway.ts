// The fake gateway: a `ws` server speaking plain-JSON Discord gateway v10 (no zlib, no ETF).
import { WebSocketServer, WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import type { FakeState } from './state.js';
import { randomToken, type Json } from './types.js';

export interface GatewayFrame {
  at: number;
  sessionId: string | null;
  op: number;
  d: unknown;
}

interface Session {
  ws: WebSocket;
  id: string;
  seq: number;
  identified: boolean;
  intents: number;
}

/** Close codes used by Discord (events/gateway.mdx). */
export const CLOSE = { authenticationFailed: 4004, alreadyAuthenticated: 4005, invalidIntents: 4013, notAuthenticated: 4003, decodeError: 4002 };

export class FakeGateway {
  /** Every frame received from clients (heartbeats, IDENTIFY, RESUME, ...). */
  readonly received: GatewayFrame[] = [];
  private wss!: WebSocketServer;
  private sessions = new Map<string, Session>();
  private port = 0;

  constructor(private readonly state: FakeState, private readonly heartbeatIntervalMs: number) {}

  async start(): Promise<void> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      this.wss.once('listening', resolve);
      this.wss.once('error', reject);
    });
    this.port = (this.wss.address() as AddressInfo).port;
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Number of identified (or resumed) sessions that are still connected. */
  get readySessions(): number {
    return [...this.sessions.values()].filter((s) => s.identified && s.ws.readyState === WebSocket.OPEN).length;
  }

  /** Send a dispatch (op 0) to every identified session; returns how many got it. */
  dispatch(t: string, d: unknown): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (!s.identified || s.ws.readyState !== WebSocket.OPEN) continue;
      this.send(s, { op: 0, t, s: ++s.seq, d });
      n++;
    }
    return n;
  }

  /** Ask every client to reconnect (op 7); discord.js then RESUMEs on resume_gateway_url. */
  requestReconnect(): void {
    for (const s of this.sessions.values()) if (s.ws.readyState === WebSocket.OPEN) s.ws.send(JSON.stringify({ op: 7, d: null }));
  }

  /** While down, every connection is cut (as by a network outage) and new ones are cut at once. */
  down = false;

  /** Cuts every connection without a close frame; while `down`, new ones are cut too. */
  cutAll(): void {
    for (const client of this.wss.clients) client.terminate();
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private send(s: Session | { ws: WebSocket }, payload: Json): void {
    if (s.ws.readyState === WebSocket.OPEN) s.ws.send(JSON.stringify(payload));
  }

  private onConnection(ws: WebSocket): void {
    if (this.down) return void ws.terminate();
    let session: Session | null = null;
    ws.send(JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: this.heartbeatIntervalMs, _trace: ['fake-gateway'] } }));
    ws.on('message', (raw, isBinary) => {
      let frame: Json;
      try {
        if (isBinary) throw new Error('binary');
        frame = JSON.parse(raw.toString());
      } catch {
        ws.close(CLOSE.decodeError, 'Error while decoding payload.');
        return;
      }
      this.received.push({ at: Date.now(), sessionId: session?.id ?? null, op: frame.op, d: frame.d });
      switch (frame.op) {
        case 1: // heartbeat
          ws.send(JSON.stringify({ op: 11 }));
          break;
        case 2: // identify
          if (session) return ws.close(CLOSE.alreadyAuthenticated, 'You sent more than one identify payload.');
          if (frame.d?.token !== this.state.token) return ws.close(CLOSE.authenticationFailed, 'Authentication failed.');
          if (!Number.isInteger(frame.d?.intents)) return ws.close(CLOSE.invalidIntents, 'Invalid intent(s).');
          session = { ws, id: randomToken(32), seq: 0, identified: true, intents: frame.d.intents };
          this.sessions.set(session.id, session);
          this.sendReady(session);
          break;
        case 6: { // resume
          const old = this.sessions.get(frame.d?.session_id);
          if (!old || frame.d?.token !== this.state.token) {
            ws.send(JSON.stringify({ op: 9, d: false }));
            break;
          }
          if (old.ws !== ws && old.ws.readyState === WebSocket.OPEN) old.ws.terminate();
          old.ws = ws;
          session = old;
          this.send(session, { op: 0, t: 'RESUMED', s: ++session.seq, d: { _trace: ['fake-gateway'] } });
          break;
        }
        default:
          if (!session) ws.close(CLOSE.notAuthenticated, 'You sent a payload prior to identifying.');
      }
    });
  }

  private sendReady(s: Session): void {
    const guildIds = [...this.state.guilds.keys()];
    this.send(s, {
      op: 0, t: 'READY', s: ++s.seq,
      d: {
        v: 10, user: { ...this.state.botUser, bot: true, verified: true, flags: 0, mfa_enabled: false },
        guilds: guildIds.map((id) => ({ id, unavailable: true })), session_id: s.id, resume_gateway_url: this.url,
        session_type: 'normal', shard: [0, 1], private_channels: [], relationships: [], presences: [],
        guild_join_requests: [], geo_ordered_rtc_regions: [], user_settings: {}, auth: {},
        application: { id: this.state.applicationId, flags: 0 }, _trace: ['fake-gateway'],
      },
    });
    for (const id of guildIds) this.send(s, { op: 0, t: 'GUILD_CREATE', s: ++s.seq, d: this.state.guildCreatePayload(id) });
  }
}
