import { addDays, daysBetween } from '../domain/calendar.js';
import type { ChartBook } from '../domain/chart-book.js';
import { CHART_LABELS as CAPITAL, entryTokens, type Chart } from '../domain/charts.js';
import { PLATFORM, type ChartEvent } from '../domain/events.js';
import { formatTokens } from '../domain/format.js';
import { leaderboard, type LeaderboardRow } from '../domain/leaderboard.js';
import type { LeaderboardPicture, MomentPicture, ModelPicture, RacePicture } from './picture.js';

type Name = (slug: string) => string;

function move(row: LeaderboardRow): string {
  if (row.previousRank === undefined) return '';
  if (row.previousRank === null) return 'new';
  const moved = row.previousRank - row.rank;
  return moved > 0 ? `▲${moved}` : moved < 0 ? `▼${-moved}` : '=';
}

function change(row: LeaderboardRow): string {
  if (row.changePermille == null) return '';
  return `${row.changePermille >= 0 ? '+' : '−'}${Math.abs(row.changePermille / 10).toFixed(1)}%`;
}

/** The top `limit` of one chart as bars, each with its figure and its move against the period before. */
export function leaderboardPicture(book: ChartBook, chart: Chart, limit: number, name: Name, footer: string): LeaderboardPicture {
  const board = leaderboard(book, chart, limit);
  const span = chart.from === chart.to ? `${chart.period} (UTC)` : `${chart.period}, ${chart.from} to ${chart.to} (UTC)`;
  return {
    kind: 'leaderboard',
    title: `${CAPITAL[chart.chart]} chart · top ${board.rows.length}`,
    subtitle: chart.chart === 'trending' ? `${span} · tokens above the 3 weeks before` : `${span} · tokens`,
    footer,
    bars: board.rows.map((r) => ({ rank: r.rank, name: name(r.model), tokens: Number(r.tokens), figure: formatTokens(r.tokens), move: move(r), change: change(r) })),
  };
}

/** One model's daily tokens over the last `days` days (or its whole history when shorter), days at #1 marked, best day labelled. */
export function modelPicture(book: ChartBook, slug: string, name: Name, footer: string, days = 90): ModelPicture {
  const history = book.history;
  const last = book.latest('daily')?.day ?? history.completeThrough!;
  let first = addDays(last, -(days - 1));
  for (const d of history.days.values()) {
    if (!d.models.has(slug)) continue;
    if (d.day > first) first = d.day;
    break;
  }
  const range = [...daysBetween(first, last)];
  const tokens = range.map((d) => {
    const t = history.days.get(d)?.models.get(slug);
    return t === undefined ? null : Number(t);
  });
  const atOne = range.map((d) => book.find('daily', d)?.entries[0]?.model === slug);
  let best = -1;
  tokens.forEach((t, i) => {
    if (t !== null && (best < 0 || t > tokens[best]!)) best = i;
  });
  const ones = atOne.filter(Boolean).length;
  return {
    kind: 'model',
    title: name(slug),
    subtitle: `Daily tokens, ${first} to ${last} (UTC)${ones ? ` · ${ones} day${ones === 1 ? '' : 's'} at #1` : ''}`,
    footer,
    days: range,
    tokens,
    atOne,
    best,
    bestLabel: best < 0 ? '' : `Best ${formatTokens(BigInt(tokens[best]!))} · ${range[best]}`,
  };
}

/** How many periods of `chart` make `weeks` weeks (at least 2). */
export function racePeriods(chart: RaceChart, weeks: number): number {
  return chart === 'daily' ? weeks * 7 : chart === 'monthly' ? Math.max(2, Math.round(weeks / 4.345)) : weeks;
}

export const RACE_CHARTS = ['weekly', 'daily', 'monthly'] as const;
export type RaceChart = (typeof RACE_CHARTS)[number];
const UNIT: Record<RaceChart, [string, string]> = { daily: ['day', 'Daily'], weekly: ['week', 'Weekly'], monthly: ['month', 'Monthly'] };

/** The race's figures: the top `top` models by tokens over the last `periods` periods of `chart`. */
export function raceStandings(book: ChartBook, chart: RaceChart, periods: number, top = 10) {
  const charts = book.list(chart).slice(-periods);
  const totals = new Map<string, bigint>();
  for (const c of charts) for (const e of c.entries) totals.set(e.model, (totals.get(e.model) ?? 0n) + e.value);
  const leaders = [...totals].sort((a, b) => (a[1] === b[1] ? (a[0] < b[0] ? -1 : 1) : a[1] > b[1] ? -1 : 1)).slice(0, top);
  return { charts, leaders: leaders.map(([model, tokens]) => ({ model, tokens })) };
}

/** The top 10 models' tokens per period over the last `periods` periods, as on the rankings page. */
export function racePicture(book: ChartBook, chart: RaceChart, periods: number, name: Name, footer: string): RacePicture {
  const { charts, leaders } = raceStandings(book, chart, periods);
  const [unit, capital] = UNIT[chart];
  const span = charts.length ? `${charts[0].from} to ${charts.at(-1)!.to} (UTC)` : `no complete ${unit} yet`;
  return {
    kind: 'race',
    title: `Top ${leaders.length} models, last ${charts.length} ${unit}${charts.length === 1 ? '' : 's'}`,
    subtitle: `${capital} tokens, ${span}`,
    footer,
    weeks: charts.map((c) => (chart === 'monthly' ? c.period : c.from.slice(5))),
    series: leaders.map(({ model }) => ({
      name: name(model),
      values: charts.map((c) => {
        const e = c.entries.find((x) => x.model === model);
        return e ? Number(entryTokens(c, e.value)) : 0;
      }),
    })),
  };
}

/** The moment of a `new_leader` or `record_day` alert: the subject against the one it beat, daily, over the 14 days to the event. */
export function momentPicture(book: ChartBook, e: Pick<ChartEvent, 'day' | 'subject'> & { readonly previous?: { readonly subject?: string } }, headline: string, name: Name, footer: string, days = 14): MomentPicture {
  const range = [...daysBetween(addDays(e.day, -(days - 1)), e.day)];
  const line = (slug: string) => ({
    name: slug === PLATFORM ? 'All models' : name(slug),
    values: range.map((d) => {
      const day = book.history.days.get(d);
      const t = slug === PLATFORM ? day?.platform : day?.models.get(slug);
      return t === undefined ? null : Number(t);
    }),
  });
  const other = e.previous?.subject;
  return {
    kind: 'moment',
    title: headline,
    subtitle: `Daily tokens, ${range[0]} to ${e.day} (UTC)`,
    footer,
    days: range,
    series: [line(e.subject), ...(other && other !== e.subject ? [line(other)] : [])],
  };
}
