/**
 * Freshness and replay checks for signed inbound requests (Discord HTTP interactions, Slack HTTP
 * mode). A signature proves who sent a request, not that it is the first time we see it: a
 * captured request would verify again. So a request must be dated within 5 minutes of our clock
 * (either way, which also bounds clock skew), and a signature accepted once in that window is
 * refused after. Memory is bounded: an entry lives only while its timestamp is still fresh.
 */

/** How far a request's timestamp may be from our clock, either way (Slack's documented rule). */
export const SIGNATURE_WINDOW_S = 5 * 60;
/** Enough for ~30 signed requests a second sustained over the 10-minute life of an entry. */
const DEFAULT_CAPACITY = 20_000;

/** A request timestamp header (seconds since the epoch) that is within the window of `nowMs`. */
export function isFresh(timestamp: string | undefined, nowMs: number): boolean {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= SIGNATURE_WINDOW_S;
}

/**
 * The signatures accepted while they are fresh. Call `firstUse` only *after* the signature has
 * been verified: recording unverified signatures would let anyone who saw a genuine request in
 * flight get it refused, by sending its signature on a garbage body first.
 */
export class ReplayGuard {
  /** signature → epoch ms after which its timestamp is stale anyway. Insertion-ordered. */
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** True (and recorded) the first time; false for a signature already accepted and still fresh. */
  firstUse(signature: string, timestampS: number, nowMs: number): boolean {
    this.sweep(nowMs);
    const until = this.seen.get(signature);
    if (until !== undefined && until >= nowMs) return false;
    if (this.seen.size >= this.capacity) {
      // Only verified requests get here, so a full set means real traffic beyond the capacity;
      // forgetting the oldest (which expires first, give or take skew) beats refusing new ones.
      this.seen.delete(this.seen.keys().next().value!);
    }
    this.seen.set(signature, (timestampS + SIGNATURE_WINDOW_S) * 1000);
    return true;
  }

  /** How many signatures are held (for tests and metrics). */
  get size(): number {
    return this.seen.size;
  }

  /** Drops stale entries, at most once a minute (the capacity bounds memory in between). */
  private sweep(nowMs: number): void {
    if (nowMs < this.nextSweep) return;
    for (const [signature, until] of this.seen) if (until < nowMs) this.seen.delete(signature);
    this.nextSweep = nowMs + 60_000;
  }
}
