import type { ChartEvent } from '../events.js';
import { entryEvent, warmedUp, type Rule } from './context.js';

const MIN_EARLIER_DAYS = 7;

/** A top-10 model beats every one of its (at least 7) earlier days. */
export const personalBest: Rule = {
  type: 'personal_best',
  charts: ['daily'],
  detect(ctx) {
    if (!warmedUp(ctx)) return [];
    const out: ChartEvent[] = [];
    for (const entry of ctx.chart.entries) {
      if (entry.rank > 10) break;
      const stats = ctx.earlier.model(entry.model);
      if (!stats || stats.days < MIN_EARLIER_DAYS || entry.value <= stats.best) continue;
      out.push(entryEvent(ctx, 'personal_best', entry, { previous: { tokens: stats.best, day: stats.bestDay } }));
    }
    return out;
  },
};
