import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Where adapters mount their inbound routes. */
export interface HttpRoutes {
  route(method: string, path: string, handler: Handler): void;
}

/**
 * The one HTTP server on HTTP_PORT: every inbound route the adapters need (Discord interactions,
 * Slack events) plus `GET /healthz` and `GET /metrics`, so one port serves a load balancer.
 */
export class HttpServer implements HttpRoutes {
  private readonly routes = new Map<string, Handler>();
  private server: Server | null = null;

  constructor(private readonly logger: Logger) {}

  route(method: string, path: string, handler: Handler): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const handler = this.routes.get(`${req.method} ${path}`);
    if (!handler) {
      const known = [...this.routes.keys()].some((k) => k.endsWith(` ${path}`));
      res.writeHead(known ? 405 : 404, { 'content-type': 'text/plain' }).end(known ? 'method not allowed' : 'not found');
      return;
    }
    try {
      await handler(req, res);
    } catch (error) {
      this.logger.error({ err: error, path }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
