import { formatShare, formatTokens } from '../../src/domain/format.js';
import type { Leaderboard, LeaderboardRow } from '../../src/domain/leaderboard.js';
import type { Table } from '../reply.js';

function change(row: LeaderboardRow): string {
  if (row.previousRank === undefined) return '';
  if (row.previousRank === null) return 'new';
  const moved = row.previousRank - row.rank;
  const places = moved > 0 ? `▲${moved}` : moved < 0 ? `▼${-moved}` : '=';
  const pct = row.changePermille == null ? '' : ` ${row.changePermille >= 0 ? '+' : '−'}${Math.abs(row.changePermille / 10).toFixed(1)}%`;
  return `${places}${pct}`;
}

/**
 * The leaderboard as a table: rank, model, tokens, change against the period before, streak at
 * #1. A lab chart names labs and adds each one's share of the period's platform total.
 */
export function leaderboardTable(board: Leaderboard, name: (slug: string) => string): Table {
  const c = board.chart.chart;
  const unit = c === 'weekly' || c === 'labs_weekly' ? 'w' : c === 'monthly' || c === 'labs_monthly' ? 'mo' : 'd';
  const total = board.chart.platform;
  if (total !== undefined) {
    return {
      columns: ['#', 'Lab', 'Tokens', 'Share', 'Change', 'At #1'],
      align: ['right', 'left', 'right', 'right', 'right', 'right'],
      rows: board.rows.map((r) => [String(r.rank), name(r.model), formatTokens(r.tokens), formatShare(r.tokens, total), change(r), r.streak ? `${r.streak}${unit}` : '']),
    };
  }
  return {
    columns: ['#', 'Model', board.chart.chart === 'trending' ? 'Trend' : 'Tokens', 'Change', 'At #1'],
    align: ['right', 'left', 'right', 'right', 'right'],
    rows: board.rows.map((r) => [String(r.rank), name(r.model), formatTokens(r.tokens), change(r), r.streak ? `${r.streak}${unit}` : '']),
  };
}
