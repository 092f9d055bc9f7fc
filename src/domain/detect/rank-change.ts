import type { ChartEvent } from '../events.js';
import { entryEvent, warmedUp, type Rule } from './context.js';

const BIG_MOVE = 3;
const TOP = 10;

/** A model ranked on P and the day before moved 3+ places, or crossed into or out of the top 10. */
export const rankChange: Rule = {
  type: 'rank_change',
  charts: ['daily'],
  detect(ctx) {
    if (!warmedUp(ctx) || !ctx.previous) return [];
    const before = new Map<string, number>();
    for (const e of ctx.previous.entries) before.set(e.model, e.rank);
    const out: ChartEvent[] = [];
    for (const entry of ctx.chart.entries) {
      const was = before.get(entry.model);
      if (was === undefined) continue;
      const crossed = (entry.rank <= TOP) !== (was <= TOP);
      if (Math.abs(entry.rank - was) < BIG_MOVE && !crossed) continue;
      out.push(entryEvent(ctx, 'rank_change', entry, { milestone: entry.rank, previous: { rank: was } }));
    }
    return out;
  },
};
