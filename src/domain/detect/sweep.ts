import { makeEvent } from '../events.js';
import type { Rule } from './context.js';

/**
 * The top N of the weekly chart (N at least the sweep size) are all from one region, for a run
 * of k consecutive sweep weeks: emitted when k is 1 or a weekly streak milestone. Subject: the region.
 */
export const sweep: Rule = {
  type: 'sweep',
  charts: ['weekly'],
  detect(ctx) {
    const s = ctx.sweep;
    if (!s || (s.weeks !== 1 && !ctx.options.weeklyStreaks.includes(s.weeks))) return [];
    const { chart } = ctx;
    return [
      makeEvent({
        type: 'sweep',
        chart: chart.chart,
        period: chart.period,
        day: chart.day,
        subject: s.region,
        milestone: s.weeks,
        tokens: s.tokens,
        region: s.region,
        top: s.top,
        ...(s.rival ? { rival: s.rival } : {}),
      }),
    ];
  },
};
