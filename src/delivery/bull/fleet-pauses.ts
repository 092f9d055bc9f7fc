import type { Redis } from 'ioredis';
import type { HealthBoard } from '../../health/health.js';
import type { Logger } from '../../logger.js';
import { cappedBackoff, type RetryPolicy } from '../retry-policy.js';
import type { Keys } from './keys.js';

const jitter = (ms: number) => Math.floor(Math.random() * ms);

/**
 * Platforms whose token was refused, for the whole fleet (a hash in Redis): every bot delivery of
 * that platform waits, none is dropped or disabled; once the wait is over one send (holding the
 * probe key) tries the token, with capped exponential backoff between tries. Any answer that is
 * not "token refused" lifts the pause for every worker.
 */
export class FleetPauses {
  /** Tokens this process has seen paused (its health board says so until it sees them lifted). */
  private readonly seen = new Set<string>();

  constructor(private readonly o: { redis: Redis; keys: Keys; policy: RetryPolicy; logger: Logger; health: HealthBoard; now: () => number }) {}

  /** 0 when this send may go now (no pause, or it is the probe); otherwise how long to wait. */
  async admit(token: string, jobId: string): Promise<number> {
    const p = await this.o.redis.hgetall(this.o.keys.pause(token));
    if (!p.nextAt) {
      if (this.seen.delete(token)) this.lifted(token, 'another worker saw it work');
      return 0;
    }
    this.note(token, p.reason ?? '', Number(p.nextAt));
    const wait = Number(p.nextAt) - this.o.now();
    if (wait > 0) return wait + jitter(250);
    const probe = await this.o.redis.set(this.o.keys.probe(token), jobId, 'PX', this.o.policy.sendTimeoutMs + 5_000, 'NX');
    return probe === 'OK' ? 0 : 1_000 + jitter(500);
  }

  /** The platform refused the token: (re)starts the pause; returns how long this send waits. */
  async refused(token: string, reason: string): Promise<number> {
    const key = this.o.keys.pause(token);
    const now = this.o.now();
    const attempts = await this.o.redis.hincrby(key, 'attempts', 1);
    const wait = cappedBackoff(this.o.policy.pauseProbeMs, this.o.policy.maxBackoffMs, attempts);
    await this.o.redis.multi().hsetnx(key, 'since', new Date(now).toISOString()).hset(key, 'reason', reason, 'nextAt', String(now + wait)).del(this.o.keys.probe(token)).exec();
    if (attempts === 1) this.o.logger.error({ platform: token, reason }, `${token} refused its token: every ${token} delivery waits (none is dropped or disabled) until it works again; fix the token and restart`);
    this.note(token, reason, now + wait);
    return wait + jitter(250);
  }

  /** The platform answered something other than "token refused". */
  async answered(token: string): Promise<void> {
    if (!this.seen.has(token)) return;
    await this.o.redis.del(this.o.keys.pause(token), this.o.keys.probe(token));
    this.seen.delete(token);
    this.lifted(token, 'it answered');
  }

  private note(token: string, reason: string, nextAt: number): void {
    this.seen.add(token);
    this.o.health.report(`${token} delivery`, 'paused', { detail: `token refused: ${reason}; its deliveries wait (fleet-wide)`, retryAt: new Date(nextAt) });
  }

  private lifted(token: string, why: string): void {
    this.o.logger.info({ platform: token, why }, `${token} accepts its token again; delivery resumes`);
    this.o.health.report(`${token} delivery`, 'ok');
  }
}
