import { makeEvent, type ChartEvent } from '../events.js';
import { warmedUp, type Rule } from './context.js';

/** A model enters the top 10 for the first time in history; the milestone is its rank. */
export const debut: Rule = {
  type: 'debut',
  charts: ['daily'],
  detect(ctx) {
    if (!warmedUp(ctx)) return [];
    const out: ChartEvent[] = [];
    for (const entry of ctx.chart.entries) {
      if (entry.rank > 10) break;
      if (ctx.earlier.model(entry.model)?.everTop10) continue;
      out.push(
        makeEvent({
          type: 'debut',
          chart: 'daily',
          period: ctx.chart.period,
          day: ctx.chart.day,
          subject: entry.model,
          milestone: entry.rank,
          tokens: entry.value,
          rank: entry.rank,
        }),
      );
    }
    return out;
  },
};
