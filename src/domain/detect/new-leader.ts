import { entryTokens } from '../charts.js';
import { entryEvent, type Rule } from './context.js';

/** The leader of P differs from the leader of the period just before (which must be in history). */
export const newLeader: Rule = {
  type: 'new_leader',
  charts: ['daily', 'weekly', 'monthly', 'trending'],
  detect(ctx) {
    const { chart, previous, previousLeaderStreak, earlier } = ctx;
    const leader = chart.entries[0];
    const before = previous?.entries[0];
    if (!leader || !previous || !before || before.model === leader.model) return [];
    const firstDay = earlier.model(leader.model)?.firstDay;
    const periodStart = chart.chart === 'trending' ? chart.day : chart.from;
    return [
      entryEvent(ctx, 'new_leader', leader, {
        previous: {
          subject: before.model,
          tokens: entryTokens(previous, before.value),
          ...(previousLeaderStreak >= 2 ? { streak: previousLeaderStreak } : {}),
        },
        // Its first day on any chart falls inside P (for trending, P is the day itself): it debuted at #1.
        ...(firstDay === undefined || firstDay >= periodStart ? { debut: true as const } : {}),
      }),
    ];
  },
};
