import { makeEvent, PLATFORM, type ChartEvent } from '../events.js';
import { entryEvent, runnerUp, warmedUp, type Rule } from './context.js';

/**
 * The leader's tokens beat every single-day value of every model before; separately, the
 * platform total (`other` included) beats every earlier day's total. The model's record carries
 * the runner-up of the day; the platform's has none (the platform total is not a ranking).
 */
export const recordDay: Rule = {
  type: 'record_day',
  charts: ['daily'],
  detect(ctx) {
    if (!warmedUp(ctx)) return [];
    const { chart, earlier, platform } = ctx;
    const out: ChartEvent[] = [];
    const leader = chart.entries[0];
    const best = earlier.record;
    if (leader && best && leader.value > best.tokens) {
      out.push(entryEvent(ctx, 'record_day', leader, { previous: { subject: best.subject, tokens: best.tokens, day: best.day }, ...runnerUp(chart) }));
    }
    const platformBest = earlier.platformRecord;
    if (platformBest && platform > platformBest.tokens) {
      out.push(
        makeEvent({
          type: 'record_day',
          chart: 'daily',
          period: chart.period,
          day: chart.day,
          subject: PLATFORM,
          tokens: platform,
          previous: { tokens: platformBest.tokens, day: platformBest.day },
        }),
      );
    }
    return out;
  },
};
