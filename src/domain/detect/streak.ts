import { entryTokens } from '../charts.js';
import { makeEvent } from '../events.js';
import type { Rule } from './context.js';

/** The leader of P has led k consecutive periods ending with P, and k is a streak milestone. */
export const streak: Rule = {
  type: 'streak',
  charts: ['daily', 'weekly'],
  detect({ chart, leaderStreak, options }) {
    const leader = chart.entries[0];
    const milestones = chart.chart === 'daily' ? options.dailyStreaks : options.weeklyStreaks;
    if (!leader || !milestones.includes(leaderStreak)) return [];
    return [
      makeEvent({
        type: 'streak',
        chart: chart.chart,
        period: chart.period,
        day: chart.day,
        subject: leader.model,
        milestone: leaderStreak,
        tokens: entryTokens(chart, leader.value),
        rank: 1,
      }),
    ];
  },
};
