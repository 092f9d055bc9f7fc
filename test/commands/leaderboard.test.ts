import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { AS_OF, openWorld, type World } from './world.js';

let world: World;
beforeAll(async () => (world = await openWorld()));
afterAll(() => world.close());

const text = (cmd: string, line: string) => world.run(cmd, parseCommandText(REGISTRY.get(cmd)!, line));

describe('/leaderboard', () => {
  it('given no options, then it shows the latest complete daily chart with the attribution', async () => {
    const reply = await world.run('leaderboard', {});
    expect(reply.title).toBe('Daily chart, 2026-04-05 (UTC)');
    expect(reply.footer).toBe(`Source: OpenRouter (openrouter.ai/rankings), as of ${AS_OF}`);
    expect(reply.ephemeral).toBeUndefined();
    expect(reply.table!.rows).toHaveLength(8);
    expect(reply.table!.columns).toEqual(['#', 'Model', 'Tokens', 'Change', 'At #1']);
    expect(reply.table!.rows.map((r) => r.join(' | '))).toMatchInlineSnapshot(`
      [
        "1 | Qwen3.6 Plus | 1.84T | = +3.3% | 18d",
        "2 | Claude Sonnet 4.6 | 940B | = +1.0% | ",
        "3 | Gemini 3 Flash Preview | 402B | = +0.7% | ",
        "4 | GPT-5.4 | 336B | = +1.2% | ",
        "5 | Qwen3.6 Plus (free) | 220B | = +2.3% | ",
        "6 | DeepSeek V4 Flash | 182B | = −1.0% | ",
        "7 | minimax-m2.5 | 154B | = +0.6% | ",
        "8 | Grok 4.1 Fast | 150B | = +0.0% | ",
      ]
    `);
  });

  it('given `weekly` typed as text, then it shows the last complete week', async () => {
    const reply = await text('leaderboard', 'weekly limit:3');
    expect(reply.title).toBe('Weekly chart, 2026-W14 (2026-03-30 to 2026-04-05, UTC)');
    expect(reply.table!.rows.map((r) => r.slice(0, 3))).toEqual([
      ['1', 'Qwen3.6 Plus', '11.6T'],
      ['2', 'Claude Sonnet 4.6', '6.37T'],
      ['3', 'Gemini 3 Flash Preview', '2.75T'],
    ]);
  });

  it('given a date, then the period covering it is shown; a bare date typed first is taken as the date', async () => {
    expect((await world.run('leaderboard', { chart: 'weekly', date: '2026-03-11', limit: 2 })).title).toBe('Weekly chart, 2026-W11 (2026-03-09 to 2026-03-15, UTC)');
    const reply = await text('leaderboard', '2026-03-10 2');
    expect(reply.title).toBe('Daily chart, 2026-03-10 (UTC)');
    expect(reply.table!.rows.map((r) => r[1])).toEqual(['Claude Sonnet 4.6', 'Gemini 3 Flash Preview']);
  });

  it('given the trending chart, then it explains the value', async () => {
    const reply = await world.run('leaderboard', { chart: 'trending', limit: 1 });
    expect(reply.title).toBe('Trending chart, 2026-04-05 (UTC)');
    expect(reply.text).toContain('above the weekly average');
  });

  it.each([
    ['trending 2026-04-03', 'Trending chart, 2026-04-03 (UTC)'],
    ['trending 2026-03-29', 'Trending chart, 2026-03-29 (UTC)'],
    ['2026-W12', 'Weekly chart, 2026-W12 (2026-03-16 to 2026-03-22, UTC)'],
    ['weekly 2026-W12 2', 'Weekly chart, 2026-W12 (2026-03-16 to 2026-03-22, UTC)'],
  ])('given `%s` typed, then the title is %s', async (line, title) => {
    expect((await text('leaderboard', line)).title).toBe(title);
  });

  it.each([
    ['hourly', '"hourly" is neither a chart nor a date. Charts: daily, weekly, monthly, trending'],
    ['trending 2026-03-20', 'No complete trending chart covers 2026-03-20. Trending charts cover 2026-03-23 to 2026-04-05 (UTC), one a day'],
    ['weekly 2026-03-11 3 soon', 'unexpected text "soon"'],
    ['weekly 2026-03-11 soon 3', 'unexpected text "soon 3"'],
    ['2026-04', 'No complete monthly chart covers 2026-04. There is no complete monthly chart yet.'],
  ])('given `%s` typed, then the private answer says %s', async (line, message) => {
    const reply = await text('leaderboard', line);
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toContain(message);
  });

  it.each([
    [{ date: '2026-02-30' }, '"2026-02-30" is not a UTC day like 2026-04-04. Daily charts cover 2026-03-02 to 2026-04-05 (UTC).'],
    [{ date: 'yesterday' }, '"yesterday" is neither a chart nor a date. Charts: daily, weekly, monthly, trending, labs_daily, labs_weekly, labs_monthly. A date is a UTC day like 2026-04-04, a month like 2026-04 (monthly charts) or a week like 2026-W14 (weekly charts).'],
    [{ date: '2026-04-06' }, 'No complete daily chart covers 2026-04-06. Daily charts cover 2026-03-02 to 2026-04-05 (UTC).'],
    [{ chart: 'monthly' }, 'There is no complete monthly chart yet.'],
    [{ chart: 'weekly', date: '2026-01-01' }, 'No complete weekly chart covers 2026-01-01. Weekly charts cover 2026-03-02 to 2026-04-05 (UTC).'],
    [{ chart: 'hourly' }, '/leaderboard: `chart`: want one of daily, weekly, monthly, trending, labs_daily, labs_weekly, labs_monthly. Try /help leaderboard.'],
    [{ limit: 26 }, '/leaderboard: `limit`: want a whole number from 1 to 25. Try /help leaderboard.'],
    [{ limit: 'ten' }, '/leaderboard: `limit`: want a whole number from 1 to 25. Try /help leaderboard.'],
  ])('given %j, then it answers privately: %s', async (raw, message) => {
    expect(await world.run('leaderboard', raw)).toEqual({ text: message, ephemeral: true });
  });

  it('given an empty store, then it says there is no data yet', async () => {
    const empty = await openWorld({ empty: true });
    try {
      expect((await empty.run('leaderboard', {})).text).toMatch(/^No chart data yet/);
    } finally {
      await empty.close();
    }
  });
});
