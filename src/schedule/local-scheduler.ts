import type { Timers } from '../delivery/timers.js';

/** How long one timer waits at most: long waits are re-checked, so a clock jump or a sleeping host never skips a run. */
const MAX_WAIT_MS = 3600_000;

/**
 * Runs jobs at wall-clock times computed by `next(after)` (src/schedule/local-time.ts), on the
 * injected Timers: real timers in production, the manual clock in tests. Why not node-cron's own
 * timezone schedule: it skips a day whose time falls in the spring-forward gap (02:30 in New York
 * on 2026-03-08 never fires; test/schedule/local-time.test.ts shows it), and it runs on the global
 * setTimeout and Date, which only global fake timers can move, and those stop the stand-ins' real
 * HTTP. Each job is keyed (one per destination and kind); arming a key again replaces it.
 */
export class LocalScheduler {
  private readonly jobs = new Map<string, { cancel: () => void; signature: string }>();
  private stopped = false;

  constructor(
    private readonly timers: Timers,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** The armed keys and what they were armed with (for reconciling with the stored prefs). */
  signature(key: string): string | undefined {
    return this.jobs.get(key)?.signature;
  }

  keys(): string[] {
    return [...this.jobs.keys()];
  }

  /**
   * Runs `run(due)` at each instant `next` gives, from now on. `signature` says what the job was
   * armed with: arming the same key with the same signature leaves it as it is.
   */
  arm(key: string, signature: string, next: (after: Date) => Date, run: (due: Date) => Promise<void>): void {
    if (this.stopped || this.jobs.get(key)?.signature === signature) return;
    this.cancel(key);
    const job = { cancel: () => {}, signature };
    this.jobs.set(key, job);
    const wait = (due: Date) => {
      const left = due.getTime() - this.timers.now();
      if (left > 0) return void (job.cancel = this.timers.after(Math.min(left, MAX_WAIT_MS), () => wait(due)));
      job.cancel = () => {};
      void run(due)
        .catch((error: unknown) => this.onError(key, error))
        .finally(() => {
          // Runs missed while the host slept are not replayed one by one: the next is the first after now.
          if (this.jobs.get(key) === job) wait(next(new Date(Math.max(due.getTime(), this.timers.now() - 1))));
        });
    };
    wait(next(new Date(this.timers.now())));
  }

  cancel(key: string): void {
    this.jobs.get(key)?.cancel();
    this.jobs.delete(key);
  }

  stop(): void {
    this.stopped = true;
    for (const key of this.keys()) this.cancel(key);
  }
}
