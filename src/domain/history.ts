import { OTHER, type Row } from './rows.js';

/** One UTC day of data: every charted model's tokens, and the platform total (`other` included). */
export interface DayData {
  readonly day: string;
  readonly models: ReadonlyMap<string, bigint>;
  readonly platform: bigint;
}

/**
 * What detection reads: the days that have data, up to the last complete day.
 * Days after `completeThrough` are still moving at the source and are left out.
 */
export interface History {
  /** The first day of history (the first day with data), or null when empty. */
  readonly first: string | null;
  /** The last complete day; null when there is no data. */
  readonly completeThrough: string | null;
  readonly days: ReadonlyMap<string, DayData>;
}

/**
 * Builds history from validated rows in any order. `completeThrough` defaults to the last day
 * that has data (a replay file is complete up to its `meta.end_date`).
 */
export function buildHistory(rows: Iterable<Row>, completeThrough?: string): History {
  const byDay = new Map<string, { models: Map<string, bigint>; platform: bigint }>();
  for (const row of rows) {
    if (completeThrough !== undefined && row.date > completeThrough) continue;
    let day = byDay.get(row.date);
    if (!day) byDay.set(row.date, (day = { models: new Map(), platform: 0n }));
    day.platform += row.tokens;
    if (row.model !== OTHER) day.models.set(row.model, row.tokens);
  }
  const sorted = [...byDay.keys()].sort();
  const days = new Map<string, DayData>();
  for (const d of sorted) days.set(d, { day: d, ...byDay.get(d)! });
  const last = sorted.at(-1) ?? null;
  return {
    first: sorted[0] ?? null,
    completeThrough: last === null ? null : (completeThrough ?? last),
    days,
  };
}
