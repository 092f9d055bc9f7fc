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
  /** `[shard_id, num_shards]` from IDENTIFY; `[0, 1]` when none was sent. */
  shard: [number, number];
}

/** Close codes used by Discord (events/gateway.mdx). */
export const CLOSE = {
  authenticationFailed: 4004, alreadyAuthenticated: 4005, invalidIntents: 4013, notAuthenticated: 4003, decodeError: 4002,
  invalidShard: 4010, shardingRequired: 4011,
};

/** The shard a guild lives on: `(guild_id >> 22) % num_shards` (topics/gateway.mdx, Sharding). */
export function shardOf(guildId: string | null | undefined, numShards: number): number {
  if (!guildId || numShards <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(numShards));
}

/** The guild a dispatch is about, which decides the shard it goes to (DMs go to shard 0). */
function guildOf(t: string, d: unknown): string | undefined {
  const data = d as { id?: string; guild_id?: string } | null;
  return data?.guild_id ?? (t.startsWith('GUILD_') ? data?.id : undefined);
}

export class FakeGateway {
  /** Every frame received from clients (heartbeats, IDENTIFY, RESUME, ...). */
  readonly received: GatewayFrame[] = [];
  private wss!: WebSocketServer;
  private sessions = new Map<string, Session>();
  private port = 0;

  /**
   * `requiredShards`: what `/gateway/bot` recommends; an IDENTIFY without `shard`, or with fewer
   * shards in total, is closed with 4011 (sharding required), and one with a shard id outside its
   * total with 4010 (invalid shard), as Discord does. More shards than required are accepted.
   */
  constructor(
    private readonly state: FakeState,
    private readonly heartbeatIntervalMs: number,
    readonly requiredShards = 1,
    /** `session_start_limit.max_concurrency`: how many IDENTIFYs may start per 5 s (discord.js waits by it). */
    readonly maxConcurrency = 1,
    /** Session starts left today when the fake starts. */
    readonly sessionStarts = 1000,
  ) {}

  /** IDENTIFYs accepted (each spends one of the daily session starts `/gateway/bot` reports). */
  identifies = 0;

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

  /** The `[shard_id, num_shards]` of every connected, identified session. */
  get readyShards(): [number, number][] {
    return [...this.sessions.values()].filter((s) => s.identified && s.ws.readyState === WebSocket.OPEN).map((s) => s.shard);
  }

  /**
   * Send a dispatch (op 0) to the sessions of the shard it belongs to (the guild's shard, shard 0
   * for DMs), or of `opts.shard` when given; returns how many got it.
   */
  dispatch(t: string, d: unknown, opts: { shard?: number } = {}): number {
    let n = 0;
    const guild = guildOf(t, d);
    for (const s of this.sessions.values()) {
      if (!s.identified || s.ws.readyState !== WebSocket.OPEN) continue;
      if (s.shard[0] !== (opts.shard ?? shardOf(guild, s.shard[1]))) continue;
      this.send(s, { op: 0, t, s: ++s.seq, d });
      n++;
    }
    return n;
  }

  /** Ask every client to reconnect (op 7); discord.js then RESUMEs on resume_gateway_url. */
  requestReconnect(): void {
    for (const s of this.sessions.values()) if (s.ws.readyState === WebSocket.OPEN) s.ws.send(JSON.stringify({ op: 7, d: null }));
  }

  /** Close every connection with `code` (e.g. 4011 when the bot outgrew its shards). */
  closeAll(code: number, reason: string): void {
    for (const client of this.wss.clients) client.close(code, reason);
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
          const shard = this.shardOfIdentify(frame.d?.shard);
          if (typeof shard === 'number') return ws.close(shard, shard === CLOSE.invalidShard ? 'Invalid shard.' : 'Sharding required.');
          this.identifies++;
          session = { ws, id: randomToken(32), seq: 0, identified: true, intents: frame.d.intents, shard };
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

  /** The IDENTIFY's `shard`, or the close code it earns. */
  private shardOfIdentify(shard: unknown): [number, number] | number {
    if (shard === undefined || shard === null) return this.requiredShards > 1 ? CLOSE.shardingRequired : [0, 1];
    if (!Array.isArray(shard) || shard.length !== 2 || !shard.every((n) => Number.isInteger(n))) return CLOSE.invalidShard;
    const [id, total] = shard as [number, number];
    if (total < 1 || id < 0 || id >= total) return CLOSE.invalidShard;
    if (total < this.requiredShards) return CLOSE.shardingRequired;
    return [id, total];
  }

  private sendReady(s: Session): void {
    const guildIds = [...this.state.guilds.keys()].filter((id) => shardOf(id, s.shard[1]) === s.shard[0]);
    this.send(s, {
      op: 0, t: 'READY', s: ++s.seq,
      d: {
        v: 10, user: { ...this.state.botUser, bot: true, verified: true, flags: 0, mfa_enabled: false },
        guilds: guildIds.map((id) => ({ id, unavailable: true })), session_id: s.id, resume_gateway_url: this.url,
        session_type: 'normal', shard: s.shard, private_channels: [], relationships: [], presences: [],
        guild_join_requests: [], geo_ordered_rtc_regions: [], user_settings: {}, auth: {},
        application: { id: this.state.applicationId, flags: 0 }, _trace: ['fake-gateway'],
      },
    });
    for (const id of guildIds) this.send(s, { op: 0, t: 'GUILD_CREATE', s: ++s.seq, d: this.state.guildCreatePayload(id) });
  }
}
