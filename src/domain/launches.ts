import { addDays } from './calendar.js';
import type { DayData, History } from './history.js';

/** A model's first 7 days: its first day with a value and the 6 after (a missing day counts 0). */
export interface Launch {
  readonly model: string;
  readonly first: string;
  /** The 7th day, when the launch completes. */
  readonly seventh: string;
  readonly tokens: bigint;
}

export const LAUNCH_DAYS = 7;

/**
 * Follows launches one day at a time. Only models first seen after the first day of history
 * launch (one already there on day one may have launched before). A launch completes on its 7th
 * day whether or not that day has data; `record` is the strongest completed before today.
 */
export class LaunchTracker {
  private readonly seen = new Set<string>();
  private readonly open = new Map<string, { first: string; seventh: string; tokens: bigint }>();
  private today: Launch[] = [];
  /** The strongest launch completed on an earlier day; the first to set it keeps it. */
  record: Launch | null = null;

  constructor(private readonly firstDay: string) {}

  /** Adds the day's figures; returns the launches whose 7th day it is, by permaslug. */
  begin(day: string, data: DayData | undefined): readonly Launch[] {
    // forEach, not for-of: before the code is optimised, for-of allocates an entry per model.
    data?.models.forEach((tokens, model) => {
      if (!this.seen.has(model)) {
        this.seen.add(model);
        if (day > this.firstDay) this.open.set(model, { first: day, seventh: addDays(day, LAUNCH_DAYS - 1), tokens: 0n });
      }
      const open = this.open.get(model);
      if (open) open.tokens += tokens;
    });
    const today: Launch[] = [];
    for (const [model, l] of this.open) if (l.seventh === day) today.push({ model, ...l });
    for (const l of today) this.open.delete(l.model);
    this.today = today.sort((a, b) => (a.model < b.model ? -1 : 1));
    return this.today;
  }

  /** Folds today's completed launches into the record, once the day has been judged. */
  end(): void {
    for (const l of this.today) if (!this.record || l.tokens > this.record.tokens) this.record = l;
    this.today = [];
  }
}

/** Every completed launch in history, in the order they completed (for /records). */
export function allLaunches(history: History): Launch[] {
  const out: Launch[] = [];
  if (history.first === null || history.completeThrough === null) return out;
  const tracker = new LaunchTracker(history.first);
  for (let day = history.first; day <= history.completeThrough; day = addDays(day, 1)) {
    out.push(...tracker.begin(day, history.days.get(day)));
    tracker.end();
  }
  return out;
}
