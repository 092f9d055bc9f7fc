import { describe, expect, test } from 'vitest';
import { canFire, neverFires, reachOf } from '../../src/domain/alert-reach.js';
import { CHART_NAMES, type ChartName } from '../../src/domain/charts.js';
import { EVENT_TYPES, type EventType } from '../../src/domain/events.js';

/** The "chart(s)" column of events.md's and stories.md's tables, written out by hand. */
const SPEC: Record<EventType, readonly ChartName[]> = {
  new_leader: ['daily', 'weekly', 'monthly', 'trending', 'labs_daily', 'labs_weekly', 'labs_monthly'],
  streak: ['daily', 'weekly', 'labs_weekly'],
  record_day: ['daily'],
  milestone: ['daily'],
  personal_best: ['daily'],
  debut: ['daily'],
  rank_change: ['daily'],
  sweep: ['weekly'],
  launch_record: ['daily'],
};

describe('which type can come from which chart', () => {
  const cases = EVENT_TYPES.flatMap((type) => CHART_NAMES.map((chart) => [type, chart, SPEC[type].includes(chart)] as const));
  test.each(cases)('given %s on %s, then it can fire: %s', (type, chart, expected) => {
    expect(canFire(type, chart)).toBe(expected);
  });
});

describe('a combination that can never fire', () => {
  test('given streak on trending, then the reason names where streak comes from and what trending has', () => {
    expect(neverFires(['streak'], ['trending'])).toBe(
      'streak never comes from the trending chart (streak comes only from daily, weekly, labs_weekly; trending has only new_leader)',
    );
  });

  test.each([
    [['record_day', 'sweep'], ['monthly', 'labs_daily']],
    [['debut'], ['weekly']],
    [['sweep'], ['daily', 'labs_weekly']],
  ] as const)('given types %j on charts %j, then it is refused', (types, charts) => {
    expect(neverFires(types, charts)).toMatch(/never come/);
  });

  test.each([
    [['streak'], ['trending', 'daily']],
    [['new_leader'], ['labs_monthly']],
    [EVENT_TYPES, CHART_NAMES],
  ] as const)('given types %j on charts %j, then some pair fires', (types, charts) => {
    expect(neverFires(types, charts)).toBeNull();
  });

  test('given streak and sweep on daily and trending, then sweep and trending are idle', () => {
    expect(reachOf(['streak', 'sweep'], ['daily', 'trending'])).toEqual({ pairs: 1, idleTypes: ['sweep'], idleCharts: ['trending'] });
  });
});
