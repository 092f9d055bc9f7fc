// Rate limiting, scripted faults and the invalid-request ("Cloudflare ban") counter.
import { createHash } from 'node:crypto';
import type { Reply } from './http.js';
import type { FaultSpec, RateLimitConfig, RateLimitRule } from './types.js';

export type BucketKind = 'channelMessages' | 'webhookExecute' | 'default';

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  channelMessages: { limit: 5, windowMs: 5000 },
  webhookExecute: { limit: 5, windowMs: 2000 },
  global: { limit: 50, windowMs: 1000 },
  default: { limit: 50, windowMs: 1000 },
  invalidRequestLimit: 10_000,
  banRetryAfter: 1,
};

interface Window {
  count: number;
  resetAt: number;
}

const RATE_LIMITED = 'You are being rate limited.';
const secs = (ms: number) => (Math.max(ms, 1) / 1000).toFixed(3);

export interface BucketResult {
  headers: Record<string, string>;
  /** A 429 reply when the bucket is exhausted. */
  limited?: Reply;
}

export class RateLimiter {
  config: RateLimitConfig;
  private windows = new Map<string, Window>();
  private faults: Array<FaultSpec & { left: number }> = [];

  constructor(config?: Partial<RateLimitConfig>) {
    this.config = { ...DEFAULT_RATE_LIMITS, ...(config ?? {}) };
  }

  configure(config: Partial<RateLimitConfig>): void {
    this.config = { ...this.config, ...config };
    this.windows.clear();
  }

  reset(): void {
    this.windows.clear();
    this.faults = [];
  }

  private window(key: string, rule: RateLimitRule, now: number): Window {
    let w = this.windows.get(key);
    if (!w || now >= w.resetAt) {
      w = { count: 0, resetAt: now + rule.windowMs };
      this.windows.set(key, w);
    }
    return w;
  }

  /** Consume one request from the bucket (kind, route template, top-level id, identity). */
  take(kind: BucketKind, template: string, major: string, identity: string, consume = true): BucketResult {
    const rule = this.config[kind];
    const now = Date.now();
    const hash = createHash('sha1').update(`${kind} ${template}`).digest('hex').slice(0, 32);
    const w = this.window(`${identity}|${hash}|${major}`, rule, now);
    const exhausted = w.count >= rule.limit;
    if (consume && !exhausted) w.count++;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(rule.limit),
      'X-RateLimit-Remaining': String(Math.max(0, rule.limit - w.count)),
      'X-RateLimit-Reset': (w.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': secs(w.resetAt - now),
      'X-RateLimit-Bucket': hash,
    };
    if (!consume || !exhausted) return { headers };
    const retryAfter = Number(secs(w.resetAt - now));
    return {
      headers,
      limited: {
        status: 429,
        headers: { ...headers, 'Retry-After': String(retryAfter), 'X-RateLimit-Scope': 'user' },
        body: { message: RATE_LIMITED, retry_after: retryAfter, global: false },
      },
    };
  }

  /** The per-token global limit; returns a global 429 when exceeded. */
  takeGlobal(token: string): Reply | undefined {
    const now = Date.now();
    const w = this.window(`global|${token}`, this.config.global, now);
    if (w.count < this.config.global.limit) {
      w.count++;
      return undefined;
    }
    const retryAfter = Number(secs(w.resetAt - now));
    return {
      status: 429,
      headers: { 'Retry-After': String(retryAfter), 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' },
      body: { message: RATE_LIMITED, retry_after: retryAfter, global: true },
    };
  }

  addFault(spec: FaultSpec): void {
    this.faults.push({ ...spec, left: spec.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  pendingFaults(): number {
    return this.faults.reduce((n, f) => n + f.left, 0);
  }

  /** If a scripted fault matches, consume it and return its reply. */
  takeFault(method: string, route: string, path: string, bucketHeaders: Record<string, string>): Reply | undefined {
    const idx = this.faults.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === method) &&
        (typeof f.path === 'string' ? f.path === route || f.path === path : f.path.test(route) || f.path.test(path)),
    );
    if (idx < 0) return undefined;
    const f = this.faults[idx]!;
    if (--f.left <= 0) this.faults.splice(idx, 1);
    return faultReply(f, bucketHeaders);
  }

  /** Count 401/403/429 (except shared-scope 429s) towards the invalid-request limit. */
  noteStatus(status: number, headers: Record<string, string> | undefined): void {
    if (status !== 401 && status !== 403 && status !== 429) return;
    if (headers?.['X-RateLimit-Scope'] === 'shared') return;
    const w = this.window('invalid', { limit: this.config.invalidRequestLimit, windowMs: 600_000 }, Date.now());
    w.count++;
  }

  /** Once too many invalid requests were made: a Cloudflare-style 429 with an empty body. */
  banned(): Reply | undefined {
    const w = this.windows.get('invalid');
    if (!w || Date.now() >= w.resetAt || w.count < this.config.invalidRequestLimit) return undefined;
    return { status: 429, headers: { 'Retry-After': String(this.config.banRetryAfter) } };
  }
}

function faultReply(f: FaultSpec, bucketHeaders: Record<string, string>): Reply {
  const headers: Record<string, string> = { ...(f.headers ?? {}) };
  let body = f.body;
  if (f.status === 429) {
    const retryAfter = f.retryAfter ?? 0.1;
    // A per-route 429 looks like an exhausted bucket (Remaining 0, Reset-After = retryAfter). That is also what
    // makes @discordjs/rest emit `rateLimited`: it only emits while waiting on a bucket it knows is exhausted
    // (a 429 with Remaining > 0 is treated as a silent "sublimit" sleep).
    const now = Date.now();
    Object.assign(headers, f.global ? {} : {
      ...bucketHeaders,
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': ((now + retryAfter * 1000) / 1000).toFixed(3),
      'X-RateLimit-Reset-After': retryAfter.toFixed(3),
    }, {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Scope': f.global ? 'global' : 'user',
    }, f.headers ?? {});
    if (f.global) headers['X-RateLimit-Global'] = 'true';
    if (body === undefined) body = { message: RATE_LIMITED, retry_after: retryAfter, global: !!f.global };
  } else {
    Object.assign(headers, bucketHeaders, f.headers ?? {});
    if (body === undefined) body = defaultFaultBody(f.status);
  }
  return { status: f.status, headers, body: body === null ? undefined : body };
}

function defaultFaultBody(status: number): unknown {
  switch (status) {
    case 401: return { message: '401: Unauthorized', code: 0 };
    case 403: return { message: 'Missing Permissions', code: 50013 };
    case 404: return { message: '404: Not Found', code: 0 };
    case 400: return { message: 'Bad Request', code: 0 };
    default: return status >= 500 ? { message: `${status}: Internal Server Error`, code: 0 } : { message: `${status}`, code: 0 };
  }
}
