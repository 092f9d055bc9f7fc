import type { ChartEvent } from '../events.js';
import { entryEvent, warmedUp, type Rule } from './context.js';

/**
 * A model's tokens reach a threshold for the first time in its history; only the largest such
 * threshold per model per day. `firstEver` when no model had reached it on any earlier day.
 */
export const milestone: Rule = {
  type: 'milestone',
  charts: ['daily'],
  detect(ctx) {
    if (!warmedUp(ctx)) return [];
    const { chart, earlier, options } = ctx;
    const out: ChartEvent[] = [];
    for (const entry of chart.entries) {
      const before = earlier.model(entry.model)?.best ?? 0n;
      // A threshold t is reached when before < t <= value: none can be when value <= before (most days).
      if (entry.value <= before) continue;
      let reached: bigint | undefined;
      for (const t of options.tokenMilestones) if (entry.value >= t && before < t && (reached === undefined || t > reached)) reached = t;
      if (reached === undefined) continue;
      const everBefore = earlier.record?.tokens ?? 0n;
      out.push(entryEvent(ctx, 'milestone', entry, { milestone: Number(reached), ...(everBefore < reached ? { firstEver: true as const } : {}) }));
    }
    return out;
  },
};
