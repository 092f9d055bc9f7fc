import type { ChartEvent } from '../events.js';
import { entryEvent, warmedUp, type Rule } from './context.js';

/** A model enters the top 10 for the first time in history; the milestone is its rank. */
export const debut: Rule = {
  type: 'debut',
  charts: ['daily'],
  detect(ctx) {
    if (!warmedUp(ctx)) return [];
    const out: ChartEvent[] = [];
    for (const entry of ctx.chart.entries) {
      if (entry.rank > 10) break;
      if (!ctx.earlier.model(entry.model)?.everTop10) out.push(entryEvent(ctx, 'debut', entry, { milestone: entry.rank }));
    }
    return out;
  },
};
