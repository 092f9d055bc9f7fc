import type { ChartBook } from './chart-book.js';
import { entryTokens, type Chart, type ChartName } from './charts.js';

export interface LeaderboardRow {
  readonly rank: number;
  readonly model: string;
  readonly tokens: bigint;
  /** Rank in the period before; null when it was not charted then (new), undefined when there is no period before. */
  readonly previousRank?: number | null;
  /** Change of tokens against the period before, in tenths of a percent (rounded). */
  readonly changePermille?: number | null;
  /** Consecutive periods at #1, for the leader. */
  readonly streak?: number;
}

export interface Leaderboard {
  readonly chart: Chart;
  readonly rows: readonly LeaderboardRow[];
  readonly hasPrevious: boolean;
}

/** The top `limit` of one period, with change against the period before and the leader's streak. */
export function leaderboard(book: ChartBook, chart: Chart, limit: number): Leaderboard {
  const previous = book.previous(chart);
  const before = new Map(previous?.entries.map((e) => [e.model, e]) ?? []);
  const rows = chart.entries.slice(0, limit).map((e): LeaderboardRow => {
    const was = before.get(e.model);
    const tokens = entryTokens(chart, e.value);
    const change = was && was.value > 0n ? Number(((e.value - was.value) * 1000n) / was.value) : null;
    return {
      rank: e.rank,
      model: e.model,
      tokens,
      ...(previous ? { previousRank: was?.rank ?? null, changePermille: change } : {}),
      ...(e.rank === 1 ? { streak: book.leaderStreak(chart) } : {}),
    };
  });
  return { chart, rows, hasPrevious: previous !== undefined };
}

/** Finds the chart a person asked for: the period covering `day`, or the latest one. */
export function pickChart(book: ChartBook, name: ChartName, day?: string): Chart | undefined {
  return day ? book.find(name, day) : book.latest(name);
}
