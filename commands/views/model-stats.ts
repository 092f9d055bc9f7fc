import { addDays } from '../../src/domain/calendar.js';
import type { ChartName } from '../../src/domain/charts.js';
import type { ChartBook } from '../../src/domain/chart-book.js';

/** One model's record, read from the chart book: what the /model card shows. */
export interface ModelStats {
  /** The latest complete day that has a chart. */
  readonly day: string;
  /** Rank and tokens on that day, when it was charted. */
  readonly today?: { readonly rank: number; readonly tokens: bigint; readonly platform: bigint };
  /** The 7 days ending with `day`, oldest first; null where it was not charted. */
  readonly week: readonly (bigint | null)[];
  readonly daysAtOne: number;
  readonly weeksAtOne: number;
  readonly best?: { readonly tokens: bigint; readonly day: string };
  readonly firstSeen?: string;
}

function periodsLed(book: ChartBook, chart: ChartName, slug: string): number {
  return book.list(chart).filter((c) => c.entries[0]?.model === slug).length;
}

export function modelStats(book: ChartBook, slug: string): ModelStats {
  const { days, completeThrough } = book.history;
  // The latest day with a chart: a gap day at the end of history would show every model as absent.
  const day = book.latest('daily')?.day ?? completeThrough!;
  let best: ModelStats['best'];
  let firstSeen: string | undefined;
  for (const d of days.values()) {
    const tokens = d.models.get(slug);
    if (tokens === undefined) continue;
    firstSeen ??= d.day;
    if (!best || tokens > best.tokens) best = { tokens, day: d.day };
  }
  const entry = book.find('daily', day)?.entries.find((e) => e.model === slug);
  const week = Array.from({ length: 7 }, (_, i) => days.get(addDays(day, i - 6))?.models.get(slug) ?? null);
  return {
    day,
    ...(entry ? { today: { rank: entry.rank, tokens: entry.value, platform: days.get(day)!.platform } } : {}),
    week,
    daysAtOne: periodsLed(book, 'daily', slug),
    weeksAtOne: periodsLed(book, 'weekly', slug),
    ...(best ? { best } : {}),
    ...(firstSeen ? { firstSeen } : {}),
  };
}

const BARS = '▁▂▃▄▅▆▇█';
/** Shown for a day the model was not charted. */
export const GAP = '·';

/**
 * `▁▃▅█·▆▇`: the week's lowest day at ▁, its highest at █ (the shape of the trend; the figures
 * beside it give the scale); `·` where there is no figure; a flat week sits at ▄.
 */
export function sparkline(values: readonly (bigint | null)[]): string {
  const present = values.filter((v): v is bigint => v !== null);
  const min = present.reduce((m, v) => (v < m ? v : m), present[0] ?? 0n);
  const max = present.reduce((m, v) => (v > m ? v : m), 0n);
  const top = BigInt(BARS.length - 1);
  return values
    .map((v) => (v === null ? GAP : max === min ? BARS[3] : BARS[Number(((v - min) * top + (max - min) / 2n) / (max - min))]))
    .join('');
}
