// Rate limiting (token buckets per tier / channel / webhook) and scripted faults for the fake Slack.
import type { BucketSpec, FaultSpec, RateLimitOptions, TierName, TierSpec } from './types.js';

/** Documented tiers of the methods the fake implements (https://api.slack.com/methods). */
export const METHOD_TIERS: Record<string, TierName> = {
  'auth.test': 4,
  'chat.postEphemeral': 4,
  'chat.update': 3,
  'chat.delete': 3,
  'conversations.open': 3,
  'conversations.info': 3,
  'users.info': 4,
  'apps.connections.open': 1,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
};

/** Sustained rates follow the docs; bursts are generous so ordinary tests never notice them. */
export const DEFAULT_TIERS: Record<TierName, TierSpec> = {
  1: { perMinute: 1, burst: 10 },
  2: { perMinute: 20, burst: 20 },
  3: { perMinute: 50, burst: 50 },
  4: { perMinute: 100, burst: 100 },
};

export const DEFAULT_POST_MESSAGE_BUCKET: BucketSpec = { rate: 1, burst: 3 };
export const DEFAULT_WEBHOOK_BUCKET: BucketSpec = { rate: 1, burst: 1 };

class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly spec: BucketSpec,
    now: number,
  ) {
    this.tokens = spec.burst;
    this.last = now;
  }
  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(now: number): number {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.spec.burst, this.tokens + elapsed * this.spec.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return this.spec.rate > 0 ? (1 - this.tokens) / this.spec.rate : Infinity;
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(
    private readonly opts: RateLimitOptions,
    private readonly now: () => number,
  ) {}

  /** Integer Retry-After for a wait (option override, else ceil, at least 1). */
  retryAfter(waitSeconds: number): number {
    if (this.opts.retryAfter !== undefined) return Math.max(0, Math.floor(this.opts.retryAfter));
    if (!Number.isFinite(waitSeconds)) return 60;
    return Math.max(1, Math.ceil(waitSeconds));
  }

  private takeFrom(key: string, spec: BucketSpec): number | undefined {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(spec, this.now());
      this.buckets.set(key, bucket);
    }
    const wait = bucket.take(this.now());
    return wait > 0 ? this.retryAfter(wait) : undefined;
  }

  /** Per (token, method) tier bucket. Returns Retry-After seconds when limited. */
  takeMethod(token: string, method: string): number | undefined {
    const override = this.opts.methods?.[method];
    if (override === false) return undefined;
    let spec: BucketSpec | undefined;
    if (typeof override === 'object') spec = override;
    else {
      if (this.opts.tiers === false) return undefined;
      const tier = override ?? METHOD_TIERS[method];
      if (!tier) return undefined;
      const t = this.opts.tiers?.[tier] ?? DEFAULT_TIERS[tier];
      spec = { rate: t.perMinute / 60, burst: t.burst };
    }
    return this.takeFrom(`method:${token}:${method}`, spec);
  }

  takePostMessage(channel: string): number | undefined {
    const spec = this.opts.postMessagePerChannel;
    if (spec === false) return undefined;
    return this.takeFrom(`channel:${channel}`, spec ?? DEFAULT_POST_MESSAGE_BUCKET);
  }

  takeWebhook(hookId: string): number | undefined {
    const spec = this.opts.webhookPerHook;
    if (spec === false) return undefined;
    return this.takeFrom(`hook:${hookId}`, spec ?? DEFAULT_WEBHOOK_BUCKET);
  }
}

interface ArmedFault extends FaultSpec {
  remaining: number;
}

export class FaultQueue {
  private readonly faults: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.times ?? 1 });
  }

  /** Consumes and returns the first fault matching the call, if any. */
  take(method: string, channel?: string): FaultSpec | undefined {
    const i = this.faults.findIndex(
      (f) => f.method === method && (f.channel === undefined || f.channel === channel),
    );
    if (i < 0) return undefined;
    const fault = this.faults[i];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(i, 1);
    return fault;
  }

  clear(): void {
    this.faults.length = 0;
  }
}
