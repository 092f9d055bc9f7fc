/**
 * One send at a time per key, each started at least `intervalMs` after the previous one was posted. Slack allows about one
 * message per second per channel (chat.postMessage) and per incoming webhook; waiting here
 * keeps a burst of alerts to one channel from turning into 429s.
 */
export class Pacer {
  private readonly lanes = new Map<string, { tail: Promise<unknown>; nextAt: number; pending: number }>();

  constructor(
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { tail: Promise.resolve(), nextAt: 0, pending: 0 }));
    const current = lane;
    current.pending += 1;
    const result = current.tail.then(async () => {
      const wait = current.nextAt - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        const value = await task();
        // Counted from the answer: Slack saw the request before we saw its answer, so the gap
        // Slack measures is never under the interval.
        current.nextAt = this.now() + this.intervalMs;
        return value;
      } catch (error) {
        // A refused post (Slack down, channel gone) posted nothing: only a rate limit spaces the
        // next try here; the deliverer's own backoff spaces retries after any other failure.
        current.nextAt = this.now() + ((error as { retryAfterMs?: number })?.retryAfterMs ? this.intervalMs : 0);
        throw error;
      }
    });
    current.tail = result.then(
      () => this.settle(key, current),
      () => this.settle(key, current),
    );
    return result;
  }

  /**
   * Forgets an idle lane once its interval has passed, so the map holds only busy channels. The
   * check runs again until the interval is really over: a timer that fires early or late must
   * not drop a lane a newer send has just moved forward (that send's successor would go at once).
   */
  private settle(key: string, lane: { pending: number; nextAt: number }): void {
    lane.pending -= 1;
    if (lane.pending > 0) return;
    const check = () => {
      if (lane.pending > 0 || this.lanes.get(key) !== lane) return;
      const left = lane.nextAt - this.now();
      if (left > 0) return void setTimeout(check, left).unref();
      this.lanes.delete(key);
    };
    setTimeout(check, Math.max(0, lane.nextAt - this.now())).unref();
  }
}
