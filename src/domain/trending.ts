import { addDays } from './calendar.js';
import type { DayData } from './history.js';

/**
 * The four rolling 7-day sums behind the trending chart, moved one day at a time:
 * value = 3*S(D-6..D) - (S(D-13..D-7) + S(D-20..D-14) + S(D-27..D-21)), so all stays integer.
 */
export class TrendingWindows {
  private readonly sums = [new Map<string, bigint>(), new Map<string, bigint>(), new Map<string, bigint>(), new Map<string, bigint>()];
  /** The last 28 days' data (undefined for a day without data), newest last. */
  private readonly recent: (DayData | undefined)[] = [];

  advance(data: DayData | undefined): void {
    this.recent.push(data);
    this.add(0, data, 1n);
    // The days that just crossed a window boundary move one window back (or out).
    for (let w = 1; w <= 4; w++) {
      const crossed = this.recent[this.recent.length - 1 - 7 * w];
      if (!crossed) continue;
      this.add(w - 1, crossed, -1n);
      if (w < 4) this.add(w, crossed, 1n);
    }
    if (this.recent.length > 28) this.recent.shift();
  }

  private add(window: number, data: DayData | undefined, sign: bigint): void {
    if (!data) return;
    const sums = this.sums[window];
    for (const [model, tokens] of data.models) {
      const next = (sums.get(model) ?? 0n) + sign * tokens;
      if (next === 0n && sign < 0n) sums.delete(model);
      else sums.set(model, next);
    }
  }

  /** The tripled trending value of every model in the current window. */
  values(): Map<string, bigint> {
    const [s0, s1, s2, s3] = this.sums;
    const out = new Map<string, bigint>();
    for (const [model, current] of s0) {
      out.set(model, 3n * current - ((s1.get(model) ?? 0n) + (s2.get(model) ?? 0n) + (s3.get(model) ?? 0n)));
    }
    return out;
  }

  windowStart(day: string): string {
    return addDays(day, -6);
  }
}
