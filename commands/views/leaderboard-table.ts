import { formatShare, formatTokens } from '../../src/domain/format.js';
import type { Leaderboard, LeaderboardRow } from '../../src/domain/leaderboard.js';
import type { Table } from '../reply.js';

/** Places moved since the period before: `▲2`, `▼1`, `=`, `new`; blank without a period before. */
function move(row: LeaderboardRow): string {
  if (row.previousRank === undefined) return '';
  if (row.previousRank === null) return 'new';
  const moved = row.previousRank - row.rank;
  return moved > 0 ? `▲${moved}` : moved < 0 ? `▼${-moved}` : '=';
}

function change(row: LeaderboardRow): string {
  if (row.previousRank === undefined) return '';
  if (row.previousRank === null) return 'new';
  const places = move(row);
  const pct = row.changePermille == null ? '' : ` ${row.changePermille >= 0 ? '+' : '−'}${Math.abs(row.changePermille / 10).toFixed(1)}%`;
  return `${places}${pct}`;
}

/**
 * The leaderboard as a table: rank, model, tokens, change against the period before, streak at
 * #1. A lab chart names labs and adds each one's share of the period's platform total. Its narrow
 * form, for phones, keeps rank, name, tokens (share) and places moved.
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
      narrow: {
        columns: ['#', 'Lab', 'Tokens', 'Share', '±'],
        align: ['right', 'left', 'right', 'right', 'right'],
        rows: board.rows.map((r) => [String(r.rank), name(r.model), formatTokens(r.tokens), formatShare(r.tokens, total), move(r)]),
      },
    };
  }
  const tokens = board.chart.chart === 'trending' ? 'Trend' : 'Tokens';
  return {
    columns: ['#', 'Model', tokens, 'Change', 'At #1'],
    align: ['right', 'left', 'right', 'right', 'right'],
    rows: board.rows.map((r) => [String(r.rank), name(r.model), formatTokens(r.tokens), change(r), r.streak ? `${r.streak}${unit}` : '']),
    narrow: {
      columns: ['#', 'Model', tokens, '±'],
      align: ['right', 'left', 'right', 'right'],
      rows: board.rows.map((r) => [String(r.rank), name(r.model), formatTokens(r.tokens), move(r)]),
    },
  };
}
