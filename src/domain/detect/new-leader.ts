import { entryTokens } from '../charts.js';
import { makeEvent } from '../events.js';
import type { Rule } from './context.js';

/** The leader of P differs from the leader of the period just before (which must be in history). */
export const newLeader: Rule = {
  type: 'new_leader',
  charts: ['daily', 'weekly', 'monthly', 'trending'],
  detect({ chart, previous, previousLeaderStreak, earlier }) {
    const leader = chart.entries[0];
    const before = previous?.entries[0];
    if (!leader || !previous || !before || before.model === leader.model) return [];
    const firstDay = earlier.model(leader.model)?.firstDay;
    return [
      makeEvent({
        type: 'new_leader',
        chart: chart.chart,
        period: chart.period,
        day: chart.day,
        subject: leader.model,
        tokens: entryTokens(chart, leader.value),
        rank: 1,
        previous: {
          subject: before.model,
          tokens: entryTokens(previous, before.value),
          ...(previousLeaderStreak >= 2 ? { streak: previousLeaderStreak } : {}),
        },
        // Its first day on any chart falls inside P (for trending, P is the day itself): it debuted at #1.
        ...(firstDay === undefined || firstDay >= (chart.chart === 'trending' ? chart.day : chart.from) ? { debut: true as const } : {}),
      }),
    ];
  },
};
