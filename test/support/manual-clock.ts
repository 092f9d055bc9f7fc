import type { Timers } from '../../src/delivery/timers.js';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A clock for long outages: time moves only when the test moves it, and timers fire in order as it
 * passes them. Real I/O (HTTP to the stand-ins) still happens in real time between jumps, so each
 * jump first waits until `busy()` says the system has settled.
 */
export class ManualClock implements Timers {
  private pending: Pending[] = [];
  private seq = 0;

  constructor(private t: number) {}

  now(): number {
    return this.t;
  }

  readonly date = (): Date => new Date(this.t);

  after(ms: number, fn: () => void): () => void {
    const entry = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.pending.push(entry);
    return () => void (this.pending = this.pending.filter((p) => p !== entry));
  }

  /** Moves time forward by `ms`, firing every timer due on the way, each after the system settles. */
  async advance(ms: number, busy: () => boolean = () => false): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await this.settle(busy);
      const next = this.pending.filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
    await this.settle(busy);
  }

  /** Jumps from timer to timer until `done()` holds or `maxMs` of clock time have passed. */
  async runUntil(done: () => boolean, maxMs: number, busy: () => boolean = () => false): Promise<boolean> {
    const end = this.t + maxMs;
    for (;;) {
      await this.settle(busy);
      if (done()) return true;
      const next = this.pending.sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next || next.at > end) return done();
      this.pending = this.pending.filter((p) => p !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
  }

  private async settle(busy: () => boolean): Promise<void> {
    await realSleep(2);
    for (let i = 0; i < 2000 && busy(); i++) await realSleep(5);
  }
}
