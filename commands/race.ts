import { z } from 'zod';
import { formatTokens } from '../src/domain/format.js';
import { attribution, RANKINGS_URL } from '../src/domain/names.js';
import { raceImage } from '../src/render/images.js';
import { RACE_CHARTS, racePeriods, raceStandings } from '../src/render/picture-data.js';
import { UserError, type Command } from './command.js';
import { chartData } from './guards.js';
import { choice, noExtra, wholeNumber } from './options.js';

/** `/race 8` means eight weeks: a bare number typed first is the weeks, not the chart. */
function placeLoose(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const r = { ...(raw as Record<string, unknown>) };
  if (typeof r.chart === 'string' && /^\s*\d+\s*$/.test(r.chart) && r.weeks === undefined) (r.weeks = r.chart), delete r.chart;
  return r;
}

const schema = z.preprocess(
  placeLoose,
  z.object({ chart: choice(RACE_CHARTS).default('weekly'), weeks: wholeNumber(2, 52).default(12), _extra: noExtra }),
);

const UNIT = { daily: 'days', weekly: 'weeks', monthly: 'months' } as const;

export const race: Command<typeof schema> = {
  name: 'race',
  description: "The top 10 models' tokens week by week (a stacked chart), like the rankings page",
  options: [
    { name: 'chart', description: 'Per week (default), day or month', type: 'string', choices: RACE_CHARTS },
    { name: 'weeks', description: 'How many weeks back (2-52, default 12)', type: 'integer', min: 2, max: 52 },
  ],
  personal: false,
  schema,
  async run({ chart, weeks }, ctx) {
    const view = await chartData(ctx);
    const periods = racePeriods(chart, weeks);
    const { charts, leaders } = raceStandings(view.book, chart, periods);
    if (charts.length === 0) throw new UserError('no_data', `There is no complete ${chart} chart yet.`);
    const latest = charts.at(-1)!;
    const now = new Map(latest.entries.map((e) => [e.model, e]));
    return {
      title: `Top ${leaders.length} models over the last ${charts.length} ${UNIT[chart]}`,
      text: `${charts[0].from} to ${latest.to} (UTC). Tokens over the whole span, and in ${latest.period}.`,
      table: {
        columns: ['#', 'Model', 'Tokens', latest.period],
        align: ['right', 'left', 'right', 'right'],
        rows: leaders.map((l, i) => [String(i + 1), view.label(l.model).name, formatTokens(l.tokens), now.has(l.model) ? formatTokens(now.get(l.model)!.value) : '—']),
      },
      url: RANKINGS_URL,
      footer: attribution(view.meta.asOf, view.meta.source),
      image: raceImage(view, chart, periods),
    };
  },
};
