/**
 * A tiny builder of synthetic histories for the detection tests: rows by day, gap days, `other`,
 * restatements, and a seeded random history for the properties that must hold on any input.
 */
import { addDays } from '../../src/domain/calendar.js';
import { walkCharts, type Chart, type ChartName } from '../../src/domain/charts.js';
import { detect } from '../../src/domain/detect/detect.js';
import { DEFAULT_DETECT_OPTIONS, type DetectOptions } from '../../src/domain/detect/options.js';
import type { ChartEvent, EventType } from '../../src/domain/events.js';
import { BUNDLED_LABS, type LabTable } from '../../src/domain/labs.js';
import { buildHistory, type History } from '../../src/domain/history.js';
import type { Row } from '../../src/domain/rows.js';

/** One day's rows: model permaslug (or `other`) to tokens; an undefined entry is no row. */
export type DayRows = Readonly<Record<string, bigint | number | undefined>>;

/** A Monday (ISO week 2026-W10); most tests count days from here. */
export const START = '2026-03-02';

/** The i-th day after `start` (0 is `start` itself). */
export const D = (i: number, start: string = START): string => addDays(start, i);

export function rowsOn(date: string, dayRows: DayRows): Row[] {
  return Object.entries(dayRows).flatMap(([model, tokens]) => (tokens === undefined ? [] : [{ date, model, tokens: BigInt(tokens) }]));
}

/** `n` consecutive days from `start`; `fn` gives the day's rows, or null for a gap day (no rows at all). */
export function days(start: string, n: number, fn: (i: number, date: string) => DayRows | null): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < n; i++) {
    const date = addDays(start, i);
    const dayRows = fn(i, date);
    if (dayRows) out.push(...rowsOn(date, dayRows));
  }
  return out;
}

/** Replaces every row of `date` (a restatement, or a day added). */
export function setDay(rows: readonly Row[], date: string, dayRows: DayRows): Row[] {
  return [...rows.filter((r) => r.date !== date), ...rowsOn(date, dayRows)];
}

/** Sets some models' tokens on `date`, keeping the day's other rows. */
export function patchDay(rows: readonly Row[], date: string, dayRows: DayRows): Row[] {
  return [...rows.filter((r) => r.date !== date || !(r.model in dayRows)), ...rowsOn(date, dayRows)];
}

/** Removes some models' rows from `date` (they are off that day's chart). */
export function dropModels(rows: readonly Row[], date: string, ...models: string[]): Row[] {
  return rows.filter((r) => r.date !== date || !models.includes(r.model));
}

/** Makes each date a gap day: no rows at all. */
export function gap(rows: readonly Row[], ...dates: string[]): Row[] {
  return rows.filter((r) => !dates.includes(r.date));
}

/** A day whose ranking is `models` in order: the first gets `top` tokens, each next one 10 fewer. */
export function ranking(models: readonly string[], top = 1000): Record<string, number> {
  return Object.fromEntries(models.map((m, i) => [m, top - 10 * i]));
}

/** `m01` … `mNN`. */
export const numbered = (n: number): string[] => Array.from({ length: n }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);

/** Moves the model at rank `from` to rank `to` (ranks count from 1). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from - 1, 1);
  out.splice(to - 1, 0, item);
  return out;
}

export function options(o: Partial<DetectOptions> = {}): DetectOptions {
  return { ...DEFAULT_DETECT_OPTIONS, ...o };
}

export function history(rows: Iterable<Row>, completeThrough?: string): History {
  return buildHistory(rows, completeThrough);
}

/** `detect(buildHistory(rows, completeThrough), options)`. */
export function run(rows: Iterable<Row>, o: Partial<DetectOptions> & { completeThrough?: string } = {}): ChartEvent[] {
  const { completeThrough, ...rest } = o;
  return detect(buildHistory(rows, completeThrough), options(rest));
}

export interface EventFilter {
  type?: EventType;
  chart?: ChartName;
  day?: string;
  subject?: string;
}

export function pick(events: readonly ChartEvent[], f: EventFilter): ChartEvent[] {
  return events.filter(
    (e) =>
      (f.type === undefined || e.type === f.type) &&
      (f.chart === undefined || e.chart === f.chart) &&
      (f.day === undefined || e.day === f.day) &&
      (f.subject === undefined || e.subject === f.subject),
  );
}

export const idsOf = (events: readonly ChartEvent[]): string[] => events.map((e) => e.id);

/** Ids of the events of one type (and chart) in `rows`. */
export function ids(rows: Iterable<Row>, f: EventFilter, o: Parameters<typeof run>[1] = {}): string[] {
  return idsOf(pick(run(rows, o), f));
}

/** Every chart of history, keyed `chart:period`, with its ranked entries. */
export function charts(rows: Iterable<Row>, completeThrough?: string, labs?: LabTable): Map<string, Chart> {
  const out = new Map<string, Chart>();
  for (const { charts: cs } of walkCharts(buildHistory(rows, completeThrough), labs)) for (const c of cs) out.set(`${c.chart}:${c.period}`, c);
  return out;
}

/** A small deterministic PRNG (mulberry32), so random histories are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(list: readonly T[], seed: number): T[] {
  const r = rng(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A lab table with a region for each lab of RANDOM_MODELS (a-f from CN, g-l from US), so random histories sweep. */
export const RANDOM_LABS: LabTable = {
  aliases: {},
  labs: Object.fromEntries('abcdefghijkl'.split('').map((l, i) => [l, { name: `Lab ${l.toUpperCase()}`, region: i < 6 ? 'CN' : 'US' }])),
};

/** A lab table for the story tests: labs by region, `x` with no region, `n` missing from the table. */
export const TEST_LABS: LabTable = {
  aliases: { cn2: 'cn' },
  labs: {
    ...BUNDLED_LABS.labs,
    cn: { name: 'China Lab', region: 'CN' },
    cnb: { name: 'China Lab B', region: 'CN' },
    us: { name: 'US Lab', region: 'US' },
    usb: { name: 'US Lab B', region: 'US' },
    fr: { name: 'French Lab', region: 'FR' },
    x: { name: 'Stealth' },
  },
};

/** Permaslugs that exercise code-unit order: upper case sorts before lower case. */
export const RANDOM_MODELS = ['a/alpha', 'a/Alpha', 'B/beta', 'b/beta', 'c/gamma', 'd/delta', 'e/eps', 'f/zeta', 'g/eta', 'h/theta', 'i/iota', 'j/kappa', 'k/lambda', 'l/mu'];

/**
 * A seeded random history: each model has a strength (the first ones lead for runs of days, so
 * streaks happen) and a first day (later ones debut after the warm-up); token counts grow and come
 * in whole billions (so ties and the default token milestones happen); `other` and gap days too.
 */
export function randomRows(seed: number, start = '2026-02-02', n = 120): Row[] {
  const r = rng(seed);
  const strength = RANDOM_MODELS.map((_, k) => (k === 0 ? 13 : k === 1 ? 12.5 : 24 / (k + 1) + 2));
  const firstDay = RANDOM_MODELS.map((_, k) => (k < 9 ? 0 : 6 * k + Math.floor(r() * 10)));
  return days(start, n, (i) => {
    if (i > 0 && r() < 0.04) return null;
    const out: Record<string, bigint> = {};
    RANDOM_MODELS.forEach((m, k) => {
      if (i < firstDay[k] || r() < 0.1) return;
      const boost = k >= 9 && r() < 0.2 ? 4 : 1;
      out[m] = BigInt(Math.floor(strength[k] * boost * (0.5 + r()) * (1 + i / 8))) * 1_000_000_000n;
    });
    if (r() < 0.9) out.other = BigInt(Math.floor(r() * 200)) * 1_000_000_000n;
    return out;
  });
}
