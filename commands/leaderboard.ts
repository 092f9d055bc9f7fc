import { z } from 'zod';
import { CHART_LABELS as CAPITAL, CHART_NAMES, isLabChart, type Chart } from '../src/domain/charts.js';
import { labName } from '../src/domain/labs.js';
import { leaderboard as board } from '../src/domain/leaderboard.js';
import { attribution, RANKINGS_URL } from '../src/domain/names.js';
import { leaderboardImage } from '../src/render/images.js';
import type { Command } from './command.js';
import { chartData } from './guards.js';
import { findChart, periodShape } from './leaderboard-period.js';
import { chartChoice, noExtra, text, wholeNumber } from './options.js';
import { leaderboardTable } from './views/leaderboard-table.js';

/**
 * Typed text fills options in order, so `/leaderboard 2026-04-04` lands in `chart`: a value that
 * is plainly a day or a number is moved to the option it belongs to.
 */
function placeLoose(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const r = { ...(raw as Record<string, unknown>) };
  // Typed text gives the last text option every word left: `2026-04-01 3 soon` arrives as date
  // `2026-04-01 3`, limit `soon`. The date is one word; a number after it is the limit; the rest is extra.
  if (typeof r.date === 'string' && /\s/.test(r.date.trim())) {
    const [date, ...more] = r.date.trim().split(/\s+/);
    if (typeof r.limit === 'string') more.push(r.limit);
    r.date = date;
    r.limit = /^\d{1,3}$/.test(more[0]) ? more.shift() : undefined;
    if (r.limit === undefined) delete r.limit;
    if (more.length > 0) r._extra = [more.join(' '), r._extra].filter(Boolean).join(' ');
  }
  const shape = (v: unknown) => (periodShape(v) ? 'date' : typeof v === 'string' && /^\d{1,3}$/.test(v) ? 'limit' : null);
  const misplaced = [['chart', r.chart], ['date', r.date]].filter(([key, v]) => shape(v) !== null && shape(v) !== key);
  for (const [key] of misplaced) delete r[key as string];
  for (const [key, v] of misplaced) r[(r[shape(v)!] === undefined ? shape(v) : key) as string] = v;
  // A month or a week names its chart: `/leaderboard 2026-04` is the monthly chart of April.
  const keyed = periodShape(r.date);
  if (r.chart === undefined && (keyed === 'month' || keyed === 'week')) r.chart = keyed === 'month' ? 'monthly' : 'weekly';
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

/** Trending explains its value, and says so when the day asked has no chart of its own. */
function trendingNote(chart: Chart, date: string | undefined): string {
  const value = `Tokens in the 7 days to ${chart.to} above the weekly average of the 3 weeks before.`;
  return date && chart.period !== date ? `${date} has no trending chart of its own; this is the first 7-day window that holds it. ${value}` : value;
}

export const leaderboard: Command<typeof schema> = {
  name: 'leaderboard',
  description: "A chart's top models, or labs (labs_daily, labs_weekly, labs_monthly) with their share",
  options: [
    { name: 'chart', description: 'Which chart (default daily; labs_* rank labs, with share of the period)', type: 'string', choices: CHART_NAMES },
    { name: 'date', description: 'A UTC day the period covers, YYYY-MM-DD; or a month YYYY-MM, a week YYYY-Www (default the latest)', type: 'string' },
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
    const note = name === 'trending' ? trendingNote(chart, date) : labs ? "Each lab's models added up; share of all tokens in the period (other included)." : undefined;
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
