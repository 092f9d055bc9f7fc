import type { ChartName } from './charts.js';
import { RULES } from './detect/rules.js';
import type { EventType } from './events.js';

/**
 * Which charts each event type can come from: read off the detection rules themselves (each rule
 * names its charts), so this table can never disagree with what is detected. events.md and
 * stories.md list the same (test/domain/alert-reach.test.ts checks every type × chart).
 */
export function chartsOfType(type: EventType): readonly ChartName[] {
  return RULES.find((r) => r.type === type)?.charts ?? [];
}

/** True when an event of `type` can ever come from `chart`. */
export function canFire(type: EventType, chart: ChartName): boolean {
  return chartsOfType(type).includes(chart);
}

/** The types that can come from `chart`, in the given order. */
export function typesOnChart(chart: ChartName, among: readonly EventType[]): EventType[] {
  return among.filter((t) => canFire(t, chart));
}

/** What a channel's types × charts can and cannot receive. */
export interface Reach {
  /** Pairs that can fire. */
  readonly pairs: number;
  /** Chosen types that fire on none of the chosen charts. */
  readonly idleTypes: readonly EventType[];
  /** Chosen charts on which none of the chosen types fires. */
  readonly idleCharts: readonly ChartName[];
}

export function reachOf(types: readonly EventType[], charts: readonly ChartName[]): Reach {
  let pairs = 0;
  for (const t of types) for (const c of charts) if (canFire(t, c)) pairs++;
  return {
    pairs,
    idleTypes: types.filter((t) => !charts.some((c) => canFire(t, c))),
    idleCharts: charts.filter((c) => !types.some((t) => canFire(t, c))),
  };
}

const list = (items: readonly string[]) => items.join(', ');

/** `streak comes only from daily, weekly, labs_weekly` for each type. */
function whereEach(types: readonly EventType[]): string {
  return types.map((t) => `${t} comes only from ${list(chartsOfType(t))}`).join('; ');
}

/**
 * Why this combination can never fire, naming what would, or null when some pair can.
 * `streak` × `trending` → "streak never comes from the trending chart (streak comes only from
 * daily, weekly, labs_weekly; trending has only new_leader)".
 */
export function neverFires(types: readonly EventType[], charts: readonly ChartName[]): string | null {
  if (reachOf(types, charts).pairs > 0) return null;
  const chartsSay = charts.map((c) => {
    const there = RULES.filter((r) => r.charts.includes(c)).map((r) => r.type);
    return `${c} has only ${list(there)}`;
  });
  const chartWord = charts.length > 1 ? 'charts' : 'chart';
  return `${list(types)} never ${types.length > 1 ? 'come' : 'comes'} from the ${list(charts)} ${chartWord} (${whereEach(types)}; ${chartsSay.join('; ')})`;
}
