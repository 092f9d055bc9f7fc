import { leaderboardTable } from '../../commands/views/leaderboard-table.js';
import { textTable } from '../adapters/console/text-table.js';
import { chartPhrase } from '../domain/alert-text.js';
import { isDay } from '../domain/calendar.js';
import { ChartBook } from '../domain/chart-book.js';
import { CHART_NAMES, type ChartName } from '../domain/charts.js';
import { leaderboard, pickChart } from '../domain/leaderboard.js';
import { attribution, labelModel } from '../domain/names.js';
import { loadConfig } from '../config.js';
import { openRuntime } from '../runtime.js';
import { bundledNames } from './bundled-names.js';
import { CliError } from './user-error.js';

export interface LeaderboardOptions {
  chart: string;
  date?: string;
  limit: string;
}

/** Prints one chart from the store as a table. */
export async function printLeaderboard(opts: LeaderboardOptions, write: (text: string) => void): Promise<void> {
  if (!CHART_NAMES.includes(opts.chart as ChartName)) throw new CliError(`--chart wants one of ${CHART_NAMES.join(', ')}, got ${JSON.stringify(opts.chart)}`);
  if (opts.date !== undefined && !isDay(opts.date)) throw new CliError(`--date wants a UTC day like 2026-04-04, got ${JSON.stringify(opts.date)}`);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new CliError(`--limit wants a whole number from 1 to 50, got ${JSON.stringify(opts.limit)}`);
  const runtime = await openRuntime(loadConfig());
  try {
    const history = await runtime.history.history();
    const meta = await runtime.history.meta();
    if (!meta || history.first === null) throw new CliError('the store has no history yet: run `rankwatch backfill` first');
    const book = ChartBook.from(history);
    const chart = pickChart(book, opts.chart as ChartName, opts.date);
    if (!chart) throw new CliError(`no complete ${opts.chart} chart covers ${opts.date ?? 'the stored history'} (history runs ${history.first}..${history.completeThrough})`);
    const names = new Map([...bundledNames(), ...(await runtime.history.names())]);
    const board = leaderboard(book, chart, limit);
    write(`${chartPhrase(chart.chart, chart.period)[0].toUpperCase()}${chartPhrase(chart.chart, chart.period).slice(1)}, ${chart.from === chart.to ? chart.to : `${chart.from}..${chart.to}`} (UTC)\n`);
    write(`${textTable(leaderboardTable(board, (s) => labelModel(s, names).name))}\n${attribution(meta.asOf)}\n`);
  } finally {
    await runtime.close();
  }
}
