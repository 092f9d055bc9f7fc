import type { types } from '@slack/bolt';
import { followedName, isLabKey } from '../../../commands/lab-follow.js';
import type { ChartView } from '../../../commands/services.js';
import { formatTokens } from '../../domain/format.js';
import { leaderboard } from '../../domain/leaderboard.js';
import { attribution } from '../../domain/names.js';
import { literal, plain, truncate } from './mrkdwn.js';

/** Action ids of the Home tab's buttons; none matches handlers.ts's reply-button pattern. */
export const HOME_FOLLOW = 'home.follow';
export const HOME_STOP = 'home.stop';

/** Slack: a Home tab holds at most 100 blocks. */
export const HOME_BLOCKS = 100;
/** Follow buttons under the leaderboard: enough to be useful, few enough to read on a phone. */
const FOLLOW_BUTTONS = 5;
/** A button's value is at most 2000 characters; a longer key would name the wrong thing if cut. */
const MAX_VALUE = 2000;

type Block = types.KnownBlock;

const section = (text: string, accessory?: types.Button): Block => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) }, ...(accessory ? { accessory } : {}) });
const header = (text: string): Block => ({ type: 'header', text: plain(text, 150) });
const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button => ({ type: 'button', text: plain(text, 75), action_id: actionId, value, ...(style ? { style } : {}) });

/** `1. Qwen3.6 Plus · 1.42T`: one short line per model, which reads on a 360 px screen. */
function board(view: ChartView, followed: ReadonlySet<string>): Block[] {
  const chart = view.meta && view.book.history.completeThrough !== null ? view.book.latest('daily') : undefined;
  if (!chart) return [header('Daily chart'), section('No chart data yet: the first sync has not finished.')];
  const rows = leaderboard(view.book, chart, 10).rows;
  const lines = rows.map((r) => `${r.rank}. ${literal(view.label(r.model).name)} · ${formatTokens(r.tokens)}`);
  const offers = rows.filter((r) => !followed.has(r.model) && r.model.length <= MAX_VALUE).slice(0, FOLLOW_BUTTONS);
  const elements = offers.map((r, i) => button(`Follow ${truncate(view.label(r.model).name, 60)}`, `${HOME_FOLLOW}#${i}`, r.model));
  return [
    header(`Daily chart, ${chart.period} (UTC)`),
    section(lines.join('\n') || 'Nothing charted that day.'),
    ...(elements.length ? [{ type: 'actions', block_id: 'home_follow', elements } as Block] : []),
  ];
}

/** One section per subscription, each with its Stop button; past the block limit, a pointer to /rankwatch subscriptions. */
function subscriptionBlocks(view: ChartView, keys: readonly string[], room: number): Block[] {
  if (keys.length === 0) return [section('None yet. Follow a model above, or type `/rankwatch subscribe <model>`.')];
  const shown = keys.length > room ? keys.slice(0, room - 1) : keys;
  const blocks = shown.map((key) => {
    const name = literal(followedName(view, key));
    const what = isLabKey(key) ? name : `${name}\n${literal(key)}`;
    return section(what, key.length <= MAX_VALUE ? button('Stop', HOME_STOP, key, 'danger') : undefined);
  });
  const more = keys.length - shown.length;
  if (more > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `and ${more} more: \`/rankwatch subscriptions\` lists them, \`/rankwatch unsubscribe <model>\` stops one.` }] });
  return blocks;
}

/**
 * The App Home tab: the current daily top 10 with Follow buttons for models the person does not
 * follow, then what they follow by DM with a Stop button each. `notice` (mrkdwn, already literal)
 * is the answer to the click that led here (subscribed, stopped, or why not), shown at the top.
 */
export function homeView(view: ChartView, subscriptions: readonly string[], notice?: string): types.HomeView {
  const top: Block[] = notice ? [section(notice), { type: 'divider' }] : [];
  const followed = new Set(subscriptions);
  const head = [...top, ...board(view, followed), { type: 'divider' } as Block, header('Your subscriptions (by DM)')];
  const foot: Block[] = [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(literal(view.meta ? `${attribution(view.meta.asOf, view.meta.source)}. Dates are UTC days.` : 'Dates are UTC days.'), 3000) }] }];
  const room = HOME_BLOCKS - head.length - foot.length;
  return { type: 'home', blocks: [...head, ...subscriptionBlocks(view, subscriptions, room), ...foot] };
}
