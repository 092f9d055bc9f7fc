/**
 * When things happen, as delivery sees it: the wall clock and one-shot timers. Real timers in
 * production; tests hand in a manual clock so a 24-hour outage takes milliseconds.
 */
export interface Timers {
  now(): number;
  /** Runs `fn` after `ms`; the returned function cancels it. Timers never hold the process open. */
  after(ms: number, fn: () => void): () => void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref();
    return () => clearTimeout(t);
  },
};

/** Resolves after `ms` on `timers`, or at once when `signal` aborts. */
export function sleep(timers: Timers, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const cancel = timers.after(ms, () => (signal?.removeEventListener('abort', onAbort), resolve()));
    const onAbort = () => (cancel(), resolve());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
