import { checkRows, OTHER, type Row } from './rows.js';

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

interface DayBuild {
  readonly models: Map<string, bigint>;
  platform: bigint;
  /** Whether the day has its `other` row. */
  other: boolean;
}

/**
 * Builds history from validated rows in any order. `completeThrough` defaults to the last day
 * that has data (a replay file is complete up to its `meta.end_date`).
 */
export function buildHistory(rows: Iterable<Row>, completeThrough?: string): History {
  const byDay = new Map<string, DayBuild>();
  for (const row of rows) {
    if (completeThrough !== undefined && row.date > completeThrough) continue;
    const day = dayIn(byDay, row.date);
    day.platform += row.tokens;
    if (row.model !== OTHER) day.models.set(row.model, row.tokens);
  }
  return finish(byDay, completeThrough);
}

/**
 * buildHistory(parseRows(raw), completeThrough) in one pass, without the rows in between (the
 * path of `replay --file`): the same history, and the same BadRowsError for the same first bad row.
 */
export function historyFromRaw(raw: readonly unknown[], completeThrough?: string): History {
  const byDay = new Map<string, DayBuild>();
  checkRows(raw, (date, model, tokens) => addRow(byDay, date, model, tokens));
  return finish(byDay, completeThrough);
}

/** Adds one row to its day; false when the day already has that model (or its `other`). */
function addRow(byDay: Map<string, DayBuild>, date: string, model: string, tokens: bigint): boolean {
  const day = dayIn(byDay, date);
  if (model === OTHER) {
    if (day.other) return false;
    day.other = true;
  } else {
    if (day.models.has(model)) return false;
    day.models.set(model, tokens);
  }
  day.platform += tokens;
  return true;
}

function dayIn(byDay: Map<string, DayBuild>, date: string): DayBuild {
  let day = byDay.get(date);
  if (!day) byDay.set(date, (day = { models: new Map(), platform: 0n, other: false }));
  return day;
}

/** The days up to `completeThrough` (later ones are still moving at the source), in order. */
function finish(byDay: Map<string, DayBuild>, completeThrough: string | undefined): History {
  const sorted = [...byDay.keys()].filter((d) => completeThrough === undefined || d <= completeThrough).sort();
  const days = new Map<string, DayData>();
  for (const d of sorted) {
    const { models, platform } = byDay.get(d)!;
    days.set(d, { day: d, models, platform });
  }
  const last = sorted.at(-1) ?? null;
  return {
    first: sorted[0] ?? null,
    completeThrough: last === null ? null : (completeThrough ?? last),
    days,
  };
}
