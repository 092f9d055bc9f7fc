import type { DayData } from './history.js';

/**
 * The rolling sums behind the trending chart, moved one day at a time. The spec's value is
 * 3*S(D-6..D) - (S(D-13..D-7) + S(D-20..D-14) + S(D-27..D-21)), kept integer; the three earlier
 * weeks only ever appear summed, so two windows suffice: `current` = S(D-6..D) and
 * `earlier` = S(D-27..D-7), and each day moves two days across their edges (4 passes, not 8).
 */
/** A running sum, boxed so that adding to it is one map lookup (get), not two (get, then set). */
interface Sum {
  value: bigint;
}

export class TrendingWindows {
  private readonly current = new Map<string, Sum>();
  private readonly earlier = new Map<string, Sum>();
  /** The last 28 days' data (undefined for a day without data), newest last. */
  private readonly recent: (DayData | undefined)[] = [];

  advance(data: DayData | undefined): void {
    this.recent.push(data);
    add(this.current, data, 1n);
    // D-7 leaves the current week for the earlier three; D-28 leaves those.
    const week = this.recent[this.recent.length - 8];
    add(this.current, week, -1n);
    add(this.earlier, week, 1n);
    add(this.earlier, this.recent[this.recent.length - 29], -1n);
    if (this.recent.length > 28) this.recent.shift();
  }

  /** The tripled trending value of every model in the current window. */
  values(): Map<string, bigint> {
    const out = new Map<string, bigint>();
    for (const [model, current] of this.current) out.set(model, 3n * current.value - (this.earlier.get(model)?.value ?? 0n));
    return out;
  }
}

/** Adds (sign 1) or takes away (sign -1) a day; a sum taken back to zero leaves the window. */
function add(sums: Map<string, Sum>, data: DayData | undefined, sign: bigint): void {
  if (!data) return;
  for (const [model, tokens] of data.models) {
    const sum = sums.get(model);
    if (sign > 0n) {
      if (sum) sum.value += tokens;
      else sums.set(model, { value: tokens });
    } else {
      const next = (sum?.value ?? 0n) - tokens;
      if (next === 0n) sums.delete(model);
      else if (sum) sum.value = next;
      else sums.set(model, { value: next });
    }
  }
}
