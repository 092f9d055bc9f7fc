import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_WIDTH, textTable } from '../../src/adapters/console/text-table.js';
import { renderReply as discordReply } from '../../src/adapters/discord/render.js';
import { renderReply as slackReply } from '../../src/adapters/slack/render.js';
import { openWorld, type World } from '../commands/world.js';

let world: World;
beforeAll(async () => (world = await openWorld()));
afterAll(() => world.close());

/** The lines inside the ``` blocks of a message's text. */
function codeLines(text: string): string[] {
  return [...text.matchAll(/```\n([\s\S]*?)\n```/g)].flatMap((m) => m[1].split('\n'));
}
const unescapeSlack = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const chars = (s: string) => [...s].length;

/** Every table a person can ask for: each chart at its longest, the lab charts, records, the race. */
const ASKS: [string, Record<string, unknown>][] = [
  ['leaderboard', { limit: 25 }],
  ['leaderboard', { chart: 'weekly', limit: 25 }],
  ['leaderboard', { chart: 'trending', limit: 25 }],
  ['leaderboard', { chart: 'labs_daily', limit: 25 }],
  ['leaderboard', { chart: 'labs_weekly', limit: 25 }],
  ['records', {}],
  ['race', { chart: 'daily' }],
];

describe(`tables in chat read on a 360 px phone: every line at most ${PHONE_WIDTH} characters`, () => {
  it.each(ASKS)('given /%s %j, then Discord and Slack code blocks stay within the width, with every row kept', async (name, options) => {
    const reply = await world.run(name, options);
    expect(reply.table, `${name} has a table`).toBeDefined();
    const discord = codeLines(discordReply(reply).embeds![0].description!);
    const slackText = slackReply(reply).blocks.map((b) => (b.type === 'section' ? (b.text?.text ?? '') : '')).join('\n');
    const slack = codeLines(slackText).map(unescapeSlack);
    for (const lines of [discord, slack]) {
      expect(lines.length).toBe(reply.table!.rows.length + 2);
      for (const line of lines) expect(chars(line), line).toBeLessThanOrEqual(PHONE_WIDTH);
    }
  });

  it('given the daily chart, then the phone layout is rank, name, tokens and places moved', async () => {
    const reply = await world.run('leaderboard', { limit: 3 });
    expect(codeLines(discordReply(reply).embeds![0].description!)).toEqual([
      '# Model                  Tokens ±',
      '─ ────────────────────── ────── ─',
      '1 Qwen3.6 Plus            1.84T =',
      '2 Claude Sonnet 4.6        940B =',
      '3 Gemini 3 Flash Preview   402B =',
    ]);
  });

  it('given a name too long for the width, then the name is cut, the figures never are', () => {
    const table = { columns: ['#', 'Model', 'Tokens'], align: ['right', 'left', 'right'] as const, rows: [['12', 'A very long model name that goes on (free)', '1.41T']] };
    const text = textTable({ ...table, align: [...table.align] }, { width: PHONE_WIDTH, gap: 1 });
    expect(text.split('\n').at(-1)).toBe('12 A very long model name…  1.41T');
    expect(Math.max(...text.split('\n').map(chars))).toBeLessThanOrEqual(PHONE_WIDTH);
  });

  it('given the console, then the full table stays as it was', async () => {
    const reply = await world.run('leaderboard', { limit: 1 });
    expect(textTable(reply.table!).split('\n')[0]).toBe('#  Model         Tokens   Change  At #1');
  });
});
