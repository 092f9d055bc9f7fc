import { makeEvent, type ChartEvent } from '../events.js';
import { warmedUp, type Rule } from './context.js';

/**
 * A launch (a model's first 7 days) beats every launch completed on an earlier day, and there
 * was one. Announced on the 7th day, which has data (the rule runs on the daily chart only).
 */
export const launchRecord: Rule = {
  type: 'launch_record',
  charts: ['daily'],
  detect(ctx) {
    const { completing, record } = ctx.launches;
    if (!warmedUp(ctx) || !record || completing.length === 0) return [];
    const { chart } = ctx;
    const out: ChartEvent[] = [];
    for (const launch of completing) {
      if (launch.tokens <= record.tokens) continue;
      const rank = chart.entries.find((e) => e.model === launch.model)?.rank;
      out.push(
        makeEvent({
          type: 'launch_record',
          chart: 'daily',
          period: chart.period,
          day: chart.day,
          subject: launch.model,
          tokens: launch.tokens,
          ...(rank !== undefined ? { rank } : {}),
          previous: { subject: record.model, tokens: record.tokens, day: record.seventh },
        }),
      );
    }
    return out;
  },
};
