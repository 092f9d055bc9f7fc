import { entryEvent, type Rule } from './context.js';

/** The leader of P has led k consecutive periods ending with P, and k is a streak milestone. */
export const streak: Rule = {
  type: 'streak',
  charts: ['daily', 'weekly'],
  detect(ctx) {
    const leader = ctx.chart.entries[0];
    const milestones = ctx.chart.chart === 'daily' ? ctx.options.dailyStreaks : ctx.options.weeklyStreaks;
    if (!leader || !milestones.includes(ctx.leaderStreak)) return [];
    return [entryEvent(ctx, 'streak', leader, { milestone: ctx.leaderStreak })];
  },
};
