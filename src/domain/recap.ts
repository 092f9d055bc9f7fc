import type { AlertMessage } from './alert-message.js';
import { headline } from './alert-text.js';
import type { ChartBook } from './chart-book.js';
import { CHART_LABELS, type Chart } from './charts.js';
import type { ChartEvent } from './events.js';
import { formatTokens } from './format.js';
import { leaderboard, type LeaderboardRow } from './leaderboard.js';
import { attribution, RANKINGS_URL, type DataSource } from './names.js';

/** Event lines a recap shows at most; the rest are counted in one last line (a Slack section holds 3,000 characters). */
export const RECAP_MAX_LINES = 15;

export interface RecapInput {
  readonly book: ChartBook;
  /** Every event in history; the recap keeps the period's that `wants` says the destination gets. */
  readonly events: readonly ChartEvent[];
  readonly every: 'daily' | 'weekly';
  /** Whether the destination would get this event as an instant alert (its types, charts, subscriptions). */
  readonly wants: (e: ChartEvent) => boolean;
  readonly name: (permaslug: string) => string;
  readonly destKey: string;
  readonly asOf: string;
  readonly source?: DataSource;
}

/** `▲2 +3.1%`, `▼1 −0.4%`, `= +0.2%`, `new` (as /leaderboard shows a move). */
export function moveText(row: LeaderboardRow): string {
  if (row.previousRank === undefined) return '';
  if (row.previousRank === null) return 'new';
  const moved = row.previousRank - row.rank;
  const places = moved > 0 ? `▲${moved}` : moved < 0 ? `▼${-moved}` : '=';
  const pct = row.changePermille == null ? '' : ` ${row.changePermille >= 0 ? '+' : '−'}${Math.abs(row.changePermille / 10).toFixed(1)}%`;
  return `${places}${pct}`;
}

/** The outbox id of a destination's recap of one period: the same whoever builds it, so it is posted once. */
export function recapId(destKey: string, chart: Pick<Chart, 'period'>): string {
  return `digest:${destKey}:${chart.period}`;
}

/**
 * A digest as one alert: the last complete period's top 10 with moves against the period before
 * (as figures), and each of the period's events the destination gets, one line each. Null before
 * the chart has any complete period.
 */
export function recapMessage(i: RecapInput): AlertMessage | null {
  const chart = i.book.latest(i.every);
  if (!chart) return null;
  const board = leaderboard(i.book, chart, 10);
  const events = i.events.filter((e) => e.day >= chart.from && e.day <= chart.to && i.wants(e));
  const lines = events.slice(0, RECAP_MAX_LINES).map((e) => headline(e, i.name, i.book.labs));
  if (events.length > RECAP_MAX_LINES) lines.push(`… and ${events.length - RECAP_MAX_LINES} more (see /records)`);
  if (events.length === 0) lines.push('No alerts in this period.');
  const span = chart.from === chart.to ? `${chart.period} (UTC)` : `${chart.period} (${chart.from} to ${chart.to}, UTC)`;
  const leader = board.rows[0];
  const count = `${events.length} alert${events.length === 1 ? '' : 's'}`;
  const id = recapId(i.destKey, chart);
  return {
    eventId: id,
    headline: `${i.every === 'daily' ? 'Daily' : 'Weekly'} recap, ${span}: ${leader ? `${i.name(leader.model)} leads, ` : ''}${count}`,
    figures: board.rows.map((r) => [`#${r.rank} ${i.name(r.model)}`, [formatTokens(r.tokens), moveText(r)].filter(Boolean).join(' ')]),
    url: RANKINGS_URL,
    linkLabel: `${CHART_LABELS[chart.chart]} chart on OpenRouter`,
    footer: attribution(i.asOf, i.source),
    day: chart.day,
    lines,
    ...(events.length ? { eventIds: events.map((e) => e.id) } : {}),
  };
}
