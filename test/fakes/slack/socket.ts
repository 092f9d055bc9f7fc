// Socket Mode for the fake Slack: ws server at /socket?ticket=..., hello, envelopes, acks.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import type { SlackState } from './state.js';
import type { ResponseUrlPost, SocketDelivery } from './types.js';

/** Polls `fn` every 10 ms until it returns a value other than undefined/false. */
export async function waitUntil<T>(fn: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`fake slack: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Pending {
  resolve: (ack: Record<string, unknown> | undefined) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export interface SocketMessage {
  at: number;
  data: unknown;
}

export class SocketHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  /** Every frame the app sent (acks and anything else), parsed when JSON. */
  readonly received: SocketMessage[] = [];
  /** Every envelope the fake sent. */
  readonly sent: Array<Record<string, unknown>> = [];

  constructor(
    private readonly state: SlackState,
    private readonly ackTimeoutMs: number,
  ) {}

  get openConnections(): number {
    return this.connections.filter((c) => c.readyState === WebSocket.OPEN).length;
  }

  /** http server 'upgrade' handler. Accepts /socket with a ticket from apps.connections.open. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/socket' || !this.state.socketTickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    this.connections.push(ws);
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('close', () => {
      const i = this.connections.indexOf(ws);
      if (i >= 0) this.connections.splice(i, 1);
    });
    ws.on('error', () => undefined);
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connections.length,
        debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.state.appId },
      }),
    );
  }

  private onMessage(text: string): void {
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* keep raw text */
    }
    this.received.push({ at: this.state.now(), data });
    if (typeof data !== 'object' || data === null) return;
    const { envelope_id: id, payload } = data as { envelope_id?: string; payload?: unknown };
    const p = id ? this.pending.get(id) : undefined;
    if (!p || !id) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    const ack =
      payload && typeof payload === 'object' && Object.keys(payload).length > 0
        ? (payload as Record<string, unknown>)
        : undefined;
    p.resolve(ack);
  }

  async waitForConnection(timeoutMs = 5000): Promise<WebSocket> {
    return waitUntil(
      () => [...this.connections].reverse().find((c) => c.readyState === WebSocket.OPEN),
      timeoutMs,
      'a Socket Mode connection',
    );
  }

  /** Sends an envelope to the newest connection; resolves when the app acks its envelope_id. */
  async deliver(
    type: string,
    payload: Record<string, unknown>,
    responseUrlId: string | undefined,
    acceptsResponsePayload: boolean,
  ): Promise<SocketDelivery> {
    const ws = await this.waitForConnection();
    const envelopeId = randomUUID();
    const envelope = { envelope_id: envelopeId, type, payload, accepts_response_payload: acceptsResponsePayload };
    const acked = new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`fake slack: envelope ${envelopeId} (${type}) not acked within ${this.ackTimeoutMs} ms`));
      }, this.ackTimeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer });
    });
    this.sent.push(envelope);
    ws.send(JSON.stringify(envelope));
    const ack = await acked;
    const responses = (): ResponseUrlPost[] =>
      responseUrlId ? this.state.responsePosts.filter((r) => r.id === responseUrlId) : [];
    return {
      envelopeId,
      payload,
      ack,
      responses,
      waitForResponses: (count = 1, timeoutMs = 5000) =>
        waitUntil(() => responses().length >= count && responses(), timeoutMs, `${count} response_url post(s)`),
    };
  }

  /** Sends Slack's `disconnect` message (the client reconnects through apps.connections.open). */
  sendDisconnect(reason = 'refresh_requested'): void {
    for (const ws of this.connections) {
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } }));
    }
  }

  async close(): Promise<void> {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`fake slack closed before envelope ${id} was acked`));
    }
    this.pending.clear();
    for (const ws of this.connections) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
