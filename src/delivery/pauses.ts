import type { HealthBoard } from '../health/health.js';
import type { Logger } from '../logger.js';
import type { Destination } from './destination.js';
import { cappedBackoff, type RetryPolicy } from './retry-policy.js';
import type { Timers } from './timers.js';

interface Pause {
  readonly since: string;
  reason: string;
  attempts: number;
  /** Lanes waiting for the platform, oldest first. */
  readonly parked: Set<string>;
  /** The one lane let through to see whether the token works again. */
  probe: string | null;
  cancel: () => void;
}

/** The token a destination is sent with: bot destinations share their platform's; webhooks carry their own. */
export function tokenOf(dest: Destination): string | null {
  if (dest.kind === 'discord-channel' || dest.kind === 'discord-dm') return 'discord';
  if (dest.kind === 'slack-channel' || dest.kind === 'slack-dm') return 'slack';
  return null;
}

/**
 * Platforms whose token was refused. Their deliveries wait (nothing dropped, nothing disabled):
 * one lane at a time probes, with capped exponential backoff; any answer that is not "token
 * refused" ends the pause and releases every waiting lane. Logged at error once per pause.
 */
export class PlatformPauses {
  private readonly paused = new Map<string, Pause>();

  constructor(private readonly o: { timers: Timers; policy: RetryPolicy; logger: Logger; health: HealthBoard; release: (laneKeys: string[]) => void }) {}

  isPaused(token: string): boolean {
    return this.paused.has(token);
  }

  /** True when the lane may send now; otherwise it is parked until the platform answers again. */
  admit(token: string, laneKey: string): boolean {
    const p = this.paused.get(token);
    if (!p || p.probe === laneKey) return true;
    p.parked.add(laneKey);
    return false;
  }

  pause(token: string, reason: string, laneKey: string): void {
    let p = this.paused.get(token);
    if (!p) {
      p = { since: new Date(this.o.timers.now()).toISOString(), reason, attempts: 0, parked: new Set(), probe: null, cancel: () => {} };
      this.paused.set(token, p);
      this.o.logger.error({ platform: token, reason }, `${token} refused its token: every ${token} delivery waits (none is dropped or disabled) until it works again; fix the token and restart`);
    }
    p.reason = reason;
    p.attempts++;
    p.probe = null;
    p.parked.add(laneKey);
    const wait = cappedBackoff(this.o.policy.pauseProbeMs, this.o.policy.maxBackoffMs, p.attempts);
    const at = new Date(this.o.timers.now() + wait);
    this.o.health.report(`${token} delivery`, 'paused', { detail: `token refused: ${reason}; ${p.parked.size} destination(s) waiting`, retryAt: at });
    p.cancel();
    p.cancel = this.o.timers.after(wait, () => this.probe(token));
  }

  /** The platform answered something other than "token refused": the token works. */
  answered(token: string): void {
    const p = this.paused.get(token);
    if (!p) return;
    p.cancel();
    this.paused.delete(token);
    this.o.logger.info({ platform: token, waiting: p.parked.size }, `${token} accepts its token again; delivery resumes`);
    this.o.health.report(`${token} delivery`, 'ok');
    this.o.release([...p.parked]);
  }

  stop(): void {
    for (const p of this.paused.values()) p.cancel();
  }

  private probe(token: string): void {
    const p = this.paused.get(token);
    const first = p?.parked.values().next();
    if (!p || !first || first.done) return;
    p.parked.delete(first.value);
    p.probe = first.value;
    this.o.release([first.value]);
  }
}
