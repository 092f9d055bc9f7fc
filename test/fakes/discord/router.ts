// Tiny router: route definitions and path matching for the fake Discord REST API.
import type { Reply } from './http.js';
import type { BucketKind } from './rate-limits.js';
import type { RecordedFile } from './types.js';
import type { FakeState } from './state.js';
import type { FakeGateway } from './gateway.js';
import type { InteractionRegistry } from './interactions.js';

export interface Ctx {
  method: string;
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
  state: FakeState;
  gateway: FakeGateway;
  interactions: InteractionRegistry;
}

export interface RouteDef {
  method: string;
  /** Template like `/channels/:channel/messages`; params become named groups. */
  template: string;
  /** Requires `Authorization: Bot <token>` (and counts towards the global limit). */
  auth: boolean;
  bucket: BucketKind;
  /** Param naming the top-level resource for the bucket key (channel, guild, webhook id/token). */
  major?: (p: Record<string, string>) => string;
  handler: (ctx: Ctx) => Reply | Promise<Reply>;
}

export function route(
  method: string, template: string, handler: RouteDef['handler'],
  opts: Partial<Pick<RouteDef, 'auth' | 'bucket' | 'major'>> = {},
): RouteDef {
  return { method, template, handler, auth: opts.auth ?? true, bucket: opts.bucket ?? 'default', major: opts.major };
}

export interface RouteMatch {
  def?: RouteDef;
  params: Record<string, string>;
  /** Methods whose route matches the path (for 405). */
  allowed: string[];
}

/** Compile route templates; returns a matcher for (method, versionless decoded path). */
export function compileRoutes(routes: RouteDef[]): (method: string, path: string) => RouteMatch {
  const compiled = routes.map((def) => {
    const names: string[] = [];
    const src = def.template
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:(\w+)/g, (_, n: string) => (names.push(n), '([^/]+)'));
    return { def, re: new RegExp(`^${src}/?$`), names };
  });
  return (method, path) => {
    const allowed: string[] = [];
    for (const c of compiled) {
      const m = c.re.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => (params[n] = m[i + 1]!));
      if (c.def.method === method) return { def: c.def, params, allowed };
      allowed.push(c.def.method);
    }
    return { params: {}, allowed };
  };
}
