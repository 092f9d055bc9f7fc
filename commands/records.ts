import { z } from 'zod';
import type { ChartBook } from '../src/domain/chart-book.js';
import type { ChartName } from '../src/domain/charts.js';
import type { History } from '../src/domain/history.js';
import { formatTokens } from '../src/domain/format.js';
import { regionName } from '../src/domain/labs.js';
import { attribution } from '../src/domain/names.js';
import type { Command } from './command.js';
import { chartData, type LoadedView } from './guards.js';
import { noExtra } from './options.js';
import type { Reply, Table } from './reply.js';

const schema = z.object({ _extra: noExtra });

/** The best single day of any model, and of the platform (`other` included); the first to set it keeps it. */
function bestDays(history: History): { model?: { slug: string; tokens: bigint; day: string }; platform?: { tokens: bigint; day: string } } {
  let model: { slug: string; tokens: bigint; day: string } | undefined;
  let platform: { tokens: bigint; day: string } | undefined;
  for (const d of history.days.values()) {
    if (!platform || d.platform > platform.tokens) platform = { tokens: d.platform, day: d.day };
    for (const [slug, tokens] of d.models) if (!model || tokens > model.tokens) model = { slug, tokens, day: d.day };
  }
  return { ...(model ? { model } : {}), ...(platform ? { platform } : {}) };
}

/** The longest run at #1 on a chart, with the periods it spanned; ongoing when it includes the latest. */
function longestReign(view: LoadedView, chart: ChartName): string {
  const book: ChartBook = view.book;
  const list = book.list(chart);
  let at = -1;
  let length = 0;
  list.forEach((c, i) => {
    const k = book.leaderStreak(c);
    if (k > length) (at = i), (length = k);
  });
  if (at < 0) return '—';
  const last = list[at];
  const first = list[at - length + 1];
  const unit = chart === 'daily' ? 'day' : 'week';
  const span = first === last ? last.period : `${first.period} to ${last.period}`;
  const ongoing = at === list.length - 1 ? ', ongoing' : '';
  return `${view.label(last.entries[0].model).name}: ${length} ${unit}${length === 1 ? '' : 's'} (${span}${ongoing})`;
}

/** A round threshold reads better without trailing zeros: `1T`, `250B`. */
const threshold = (t: bigint) => formatTokens(t).replace(/\.0+(?=[A-Z]$)/, '');

function milestones(view: LoadedView): Table | undefined {
  const firsts = view.events.filter((e) => e.type === 'milestone' && e.firstEver).sort((a, b) => a.milestone! - b.milestone!);
  if (firsts.length === 0) return undefined;
  const rows = firsts.map((e) => [threshold(BigInt(e.milestone!)), view.label(e.subject).name, e.day]);
  return {
    columns: ['Tokens in a day', 'First model', 'Day (UTC)'],
    align: ['right', 'left', 'left'],
    rows,
    narrow: { columns: ['In a day', 'First', 'UTC day'], align: ['right', 'left', 'left'], rows },
  };
}

/** The strongest first 7 days of models that launched inside history (top 5). */
function launches(view: LoadedView): string {
  const top = view.book.launches().slice(0, 5);
  if (top.length === 0) return 'No launch inside the history yet.';
  return top.map((l, i) => `${i + 1}. ${view.label(l.model).name}: ${formatTokens(l.tokens)} (${l.first} to ${l.seventh})`).join('\n');
}

/** The longest runs of weeks whose top N (at least the sweep size) were all from one region (top 3). */
function sweeps(view: LoadedView): string {
  const top = view.book.sweeps().slice(0, 3);
  if (top.length === 0) return 'No region has held the top of a weekly chart yet.';
  return top.map((s) => `${regionName(s.region)}: ${s.weeks} week${s.weeks === 1 ? '' : 's'} (${s.from === s.to ? s.from : `${s.from} to ${s.to}`}; up to the top ${s.top})`).join('\n');
}

export const records: Command<typeof schema> = {
  name: 'records',
  description: 'All-time records: best days, longest reigns, strongest launches, longest sweeps, milestones',
  options: [],
  personal: false,
  schema,
  async run(_options, ctx) {
    const view = await chartData(ctx);
    const best = bestDays(view.book.history);
    const table = milestones(view);
    const fields: Reply['fields'] = [
      { label: 'Best model day', value: best.model ? `${view.label(best.model.slug).name}: ${formatTokens(best.model.tokens)} on ${best.model.day}` : '—' },
      { label: 'Best platform day', value: best.platform ? `${formatTokens(best.platform.tokens)} on ${best.platform.day}` : '—' },
      { label: 'Longest daily reign', value: longestReign(view, 'daily') },
      { label: 'Longest weekly reign', value: longestReign(view, 'weekly') },
      { label: 'Strongest launches (first 7 days)', value: launches(view) },
      { label: 'Longest sweeps (one region holds the top of the weekly chart)', value: sweeps(view) },
    ];
    return {
      title: `All-time records, through ${view.book.history.completeThrough} (UTC)`,
      fields,
      ...(table ? { table } : { text: 'No token milestone reached yet.' }),
      footer: attribution(view.meta.asOf, view.meta.source),
    };
  },
};
