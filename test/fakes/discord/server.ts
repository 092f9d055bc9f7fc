// The fake Discord REST server: node:http on 127.0.0.1, request pipeline and recorder.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERR, apiError, lowerHeaders, parseBody, readRaw, writeReply, type Reply } from './http.js';
import { matchRoute } from './routes.js';
import type { RateLimiter } from './rate-limits.js';
import type { FakeState } from './state.js';
import type { FakeGateway } from './gateway.js';
import type { InteractionRegistry } from './interactions.js';
import type { RecordedRequest } from './types.js';

export class FakeRestServer {
  readonly requests: RecordedRequest[] = [];
  private server!: Server;
  port = 0;

  constructor(
    private readonly state: FakeState,
    private readonly limiter: RateLimiter,
    private readonly gateway: FakeGateway,
    private readonly interactions: InteractionRegistry,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        // eslint-disable-next-line no-console
        console.error('fake discord: handler crashed', err);
        if (!res.headersSent) writeReply(res, apiError(500, 0, `500: Internal Server Error (${String(err)})`));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.split('/').map(safeDecode).join('/');
    const query = Object.fromEntries(url.searchParams);
    const headers = lowerHeaders(req);
    const raw = await readRaw(req);

    if (method === 'GET' && path.startsWith('/attachments/')) {
      const file = this.state.attachments.get(path);
      const reply: Reply = file
        ? { status: 200, body: file.data, headers: { 'Content-Type': file.contentType } }
        : { status: 404, body: Buffer.from('Not Found'), headers: { 'Content-Type': 'text/plain' } };
      return writeReply(res, reply);
    }

    const m = /^\/api(?:\/v\d+)?(\/.*)?$/.exec(path);
    const route = m?.[1] ?? path;
    const parsed = await parseBody(raw, headers['content-type']);
    // Recorded before the handler runs (status filled in after), so anything a handler settles sees it.
    const record: RecordedRequest = {
      at: Date.now(), method, path, route, query, headers, body: parsed.body, files: parsed.files, status: 0, responseBody: undefined,
    };
    this.requests.push(record);
    const reply = m ? await this.pipeline(method, route, path, query, headers, parsed) : ERR.notFound();
    this.limiter.noteStatus(reply.status, reply.headers);
    record.status = reply.status;
    record.responseBody = reply.body;
    writeReply(res, reply);
  }

  private async pipeline(
    method: string, route: string, path: string, query: Record<string, string>,
    headers: Record<string, string>, parsed: Awaited<ReturnType<typeof parseBody>>,
  ): Promise<Reply> {
    const banned = this.limiter.banned();
    if (banned) return banned;
    if (this.state.noBot && headers.authorization !== undefined) return ERR.unauthorized();

    const { def, params, allowed } = matchRoute(method, route);
    if (!def) {
      const { headers: rl } = this.limiter.take('default', 'unknown', route, 'anon');
      return { ...(allowed.length ? ERR.methodNotAllowed() : ERR.notFound()), headers: rl };
    }
    const major = def.major?.(params) ?? 'global';
    const identity = def.auth ? `bot:${this.state.token}` : 'anon';
    const peek = this.limiter.take(def.bucket, `${def.method} ${def.template}`, major, identity, false).headers;

    if (def.auth && (this.state.tokenRevoked || headers.authorization !== `Bot ${this.state.token}`)) return { ...ERR.unauthorized(), headers: peek };

    const fault = this.limiter.takeFault(method, route, path, peek);
    if (fault) return fault;

    if (def.auth) {
      const globalLimited = this.limiter.takeGlobal(this.state.token);
      if (globalLimited) return globalLimited;
    }
    const bucket = this.limiter.take(def.bucket, `${def.method} ${def.template}`, major, identity);
    if (bucket.limited) return bucket.limited;
    if (parsed.error) return withHeaders(parsed.error, bucket.headers);

    const reply = await def.handler({
      method, route, params, query, headers, body: parsed.body, files: parsed.files,
      state: this.state, gateway: this.gateway, interactions: this.interactions,
    });
    return withHeaders(reply, bucket.headers);
  }
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...headers, ...(reply.headers ?? {}) } };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
