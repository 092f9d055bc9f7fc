import { isLabChart } from '../charts.js';
import { entryEvent, type Rule } from './context.js';

/** The leader of P has led k consecutive periods ending with P, and k is a streak milestone (labs_weekly: the weekly ones). */
export const streak: Rule = {
  type: 'streak',
  charts: ['daily', 'weekly', 'labs_weekly'],
  detect(ctx) {
    const leader = ctx.chart.entries[0];
    const milestones = ctx.chart.chart === 'daily' ? ctx.options.dailyStreaks : ctx.options.weeklyStreaks;
    if (!leader || !milestones.includes(ctx.leaderStreak)) return [];
    const region = isLabChart(ctx.chart.chart) ? ctx.regionOf(leader.model) : undefined;
    return [entryEvent(ctx, 'streak', leader, { milestone: ctx.leaderStreak, ...(region ? { region } : {}) })];
  },
};
