import { entryTokens, isLabChart } from '../charts.js';
import { entryEvent, runnerUp, type Rule } from './context.js';

/**
 * The leader of P differs from the leader of the period just before (which must be in history).
 * On the lab charts the leader is a lab; its region comes along when the lab table knows it.
 */
export const newLeader: Rule = {
  type: 'new_leader',
  charts: ['daily', 'weekly', 'monthly', 'trending', 'labs_daily', 'labs_weekly', 'labs_monthly'],
  detect(ctx) {
    const { chart, previous, previousLeaderStreak, earlier } = ctx;
    const leader = chart.entries[0];
    const before = previous?.entries[0];
    if (!leader || !previous || !before || before.model === leader.model) return [];
    const labs = isLabChart(chart.chart);
    const firstDay = labs ? earlier.labFirstDay(leader.model) : earlier.model(leader.model)?.firstDay;
    const region = labs ? ctx.regionOf(leader.model) : undefined;
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
        ...runnerUp(chart),
        ...(region ? { region } : {}),
      }),
    ];
  },
};
