import type { DestinationFailure, PendingDelivery } from '../store/outbox-store.js';

/** How long delivery keeps trying, and how it spaces its tries. */
export interface RetryPolicy {
  /** First wait after a failure; doubles with each failure in a row. */
  readonly baseBackoffMs: number;
  /** The longest wait between two tries of one destination. */
  readonly maxBackoffMs: number;
  /** An alert still failing this long after it was owed, at a destination failing this long, is dropped. */
  readonly giveUpMs: number;
  /** Longest a single send may take before it counts as failed (a hanging destination). */
  readonly sendTimeoutMs: number;
  /** First wait before trying a platform again whose token was refused; doubles up to maxBackoffMs. */
  readonly pauseProbeMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseBackoffMs: 1000,
  maxBackoffMs: 10 * 60_000,
  giveUpMs: 24 * 3600_000,
  sendTimeoutMs: 15_000,
  pauseProbeMs: 30_000,
};

/** `baseMs` after the first failure, doubling with each one in a row, never past `maxMs`: every retry loop's wait. */
export function cappedBackoff(baseMs: number, maxMs: number, failures: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
}

/** A delivery's backoff, never shorter than what the platform asked for (Retry-After). */
export function backoffMs(policy: RetryPolicy, attempts: number, retryAfterMs = 0): number {
  return Math.max(cappedBackoff(policy.baseBackoffMs, policy.maxBackoffMs, attempts), retryAfterMs);
}

/** The failure record after one more failed try at `now`. */
export function nextFailure(policy: RetryPolicy, prev: DestinationFailure | null, reason: string, now: number, retryAfterMs?: number): DestinationFailure {
  const attempts = (prev?.attempts ?? 0) + 1;
  return { since: prev?.since ?? new Date(now).toISOString(), attempts, reason, nextAt: new Date(now + backoffMs(policy, attempts, retryAfterMs)).toISOString() };
}

/**
 * True when `item` has been owed for the whole give-up window at a destination that has failed for
 * all of it: at least `giveUpMs` of outage for this very alert, however long the lane's queue.
 */
export function shouldGiveUp(policy: RetryPolicy, failure: DestinationFailure, item: PendingDelivery, now: number): boolean {
  const owedSince = item.createdAt ? Date.parse(item.createdAt.split('#')[0]) : now;
  return now - Date.parse(failure.since) >= policy.giveUpMs && now - owedSince >= policy.giveUpMs;
}
