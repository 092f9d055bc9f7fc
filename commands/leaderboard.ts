import { z } from 'zod';
import { isDay } from '../src/domain/calendar.js';
import { CHART_LABELS as CAPITAL, CHART_NAMES, isLabChart, type Chart, type ChartName } from '../src/domain/charts.js';
import { labName } from '../src/domain/labs.js';
import { leaderboard as board, pickChart } from '../src/domain/leaderboard.js';
import { attribution, RANKINGS_URL } from '../src/domain/names.js';
import { leaderboardImage } from '../src/render/images.js';
import { UserError, type Command } from './command.js';
import { chartData, type LoadedView } from './guards.js';
import { chartChoice, noExtra, text, wholeNumber } from './options.js';
import { leaderboardTable } from './views/leaderboard-table.js';


/**
 * Typed text fills options in order, so `/leaderboard 2026-04-04` lands in `chart`: a value that
 * is plainly a day or a number is moved to the option it belongs to.
 */
function placeLoose(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const r = { ...(raw as Record<string, unknown>) };
  const shape = (v: unknown) => (typeof v !== 'string' ? null : /^\d{4}-\d{2}-\d{2}$/.test(v) ? 'date' : /^\d{1,3}$/.test(v) ? 'limit' : null);
  const misplaced = [['chart', r.chart], ['date', r.date]].filter(([key, v]) => shape(v) !== null && shape(v) !== key);
  for (const [key] of misplaced) delete r[key as string];
  for (const [key, v] of misplaced) r[(r[shape(v)!] === undefined ? shape(v) : key) as string] = v;
  return r;
}

const schema = z.preprocess(
  placeLoose,
  z.object({ chart: chartChoice.default('daily'), date: text, limit: wholeNumber(1, 25).default(10), _extra: noExtra }),
);

/** `Daily chart, 2026-04-04 (UTC)`; weeks show their days too. */
export function chartTitle(chart: Chart): string {
  const span = chart.chart === 'weekly' || chart.chart === 'labs_weekly' ? `${chart.period} (${chart.from} to ${chart.to}, UTC)` : `${chart.period} (UTC)`;
  return `${CAPITAL[chart.chart]} chart, ${span}`;
}

function range(view: LoadedView, name: ChartName): string {
  const list = view.book.list(name);
  if (list.length === 0) return `There is no complete ${name} chart yet.`;
  return `${CAPITAL[name]} charts cover ${list[0].from} to ${list.at(-1)!.to} (UTC).`;
}

function findChart(view: LoadedView, name: ChartName, date: string | undefined): Chart {
  if (date !== undefined && !isDay(date)) throw new UserError('bad_option', `"${date}" is not a UTC day like 2026-04-04. ${range(view, name)}`);
  const chart = pickChart(view.book, name, date);
  if (chart) return chart;
  const what = date ? `No complete ${name} chart covers ${date}.` : '';
  throw new UserError('no_data', `${what} ${range(view, name)}`.trim());
}

export const leaderboard: Command<typeof schema> = {
  name: 'leaderboard',
  description: "A chart's top models, or labs (labs_daily, labs_weekly, labs_monthly) with their share",
  options: [
    { name: 'chart', description: 'Which chart (default daily; labs_* rank labs, with share of the period)', type: 'string', choices: CHART_NAMES },
    { name: 'date', description: 'A UTC day the period covers, YYYY-MM-DD (default the latest)', type: 'string' },
    { name: 'limit', description: 'How many rows (1-25, default 10)', type: 'integer', min: 1, max: 25 },
  ],
  personal: false,
  schema,
  async run({ chart: name, date, limit }, ctx) {
    const view = await chartData(ctx);
    const chart = findChart(view, name, date);
    const labs = isLabChart(name);
    const nameOf = labs ? (lab: string) => labName(lab, view.book.labs) : (slug: string) => view.label(slug).name;
    const table = leaderboardTable(board(view.book, chart, limit), nameOf);
    const note = name === 'trending' ? 'Tokens in the 7 days to ' + chart.to + ' above the weekly average of the 3 weeks before.' : labs ? "Each lab's models added up; share of all tokens in the period (other included)." : undefined;
    return {
      title: chartTitle(chart),
      ...(note ? { text: note } : {}),
      table,
      url: RANKINGS_URL,
      footer: attribution(view.meta.asOf, view.meta.source),
      image: leaderboardImage(view, chart, limit, nameOf),
    };
  },
};
