import { describe, expect, test } from 'vitest';
import { figures, headline } from '../../src/domain/alert-text.js';
import { makeEvent } from '../../src/domain/events.js';

const T = 1_000_000_000_000n;
const B = 1_000_000_000n;
const NAMES: Record<string, string> = { 'qwen/qwen3.6-plus-04-02': 'Qwen3.6 Plus', 'xiaomi/mimo-v2-pro-20260318': 'MiMo-V2-Pro', 'anthropic/claude-4.6-sonnet-20260217': 'Claude Sonnet 4.6' };
const name = (slug: string) => NAMES[slug] ?? slug;
const QWEN = 'qwen/qwen3.6-plus-04-02';
const MIMO = 'xiaomi/mimo-v2-pro-20260318';

describe('the sentences of the new events', () => {
  test.each([
    {
      given: 'a sweep in its 5th week',
      event: makeEvent({ type: 'sweep', chart: 'weekly', period: '2026-W14', day: '2026-04-05', subject: 'CN', milestone: 5, tokens: 9n * T, region: 'CN', top: 6, rival: { region: 'US', tokens: 3n * T } }),
      then: 'The top 6 models on the weekly chart (2026-W14) are all from China, for the 5th straight week',
    },
    {
      given: 'a sweep that starts',
      event: makeEvent({ type: 'sweep', chart: 'weekly', period: '2026-W14', day: '2026-04-05', subject: 'US', milestone: 1, tokens: 9n * T, region: 'US', top: 5 }),
      then: 'The top 5 models on the weekly chart (2026-W14) are all from the United States',
    },
    {
      given: 'a launch record',
      event: makeEvent({ type: 'launch_record', chart: 'daily', period: '2026-04-08', day: '2026-04-08', subject: QWEN, tokens: 71n * T / 10n, previous: { subject: MIMO, tokens: 29n * T / 10n, day: '2026-03-24' } }),
      then: "Qwen3.6 Plus has the strongest launch ever: 7.10T tokens in its first 7 days, ahead of MiMo-V2-Pro's 2.90T",
    },
    {
      given: 'a new daily leader at 1.9x the runner-up',
      event: makeEvent({ type: 'new_leader', chart: 'daily', period: '2026-04-03', day: '2026-04-03', subject: QWEN, tokens: 1414n * B, rank: 1, previous: { subject: MIMO, tokens: 700n * B, streak: 4 }, runnerUp: { subject: MIMO, tokens: 745n * B } }),
      then: "Qwen3.6 Plus takes #1 on the daily chart with 1.41T tokens, ending MiMo-V2-Pro's 4-day reign, nearly double the second-place model (1.9x)",
    },
    {
      given: 'a record day at 1.2x the runner-up (no margin phrase)',
      event: makeEvent({ type: 'record_day', chart: 'daily', period: '2026-04-04', day: '2026-04-04', subject: QWEN, tokens: 1200n * B, rank: 1, runnerUp: { subject: MIMO, tokens: 1000n * B } }),
      then: 'Qwen3.6 Plus sets the all-time record: 1.20T tokens in one day',
    },
    {
      given: 'a record day at 3.5x the runner-up',
      event: makeEvent({ type: 'record_day', chart: 'daily', period: '2026-04-04', day: '2026-04-04', subject: QWEN, tokens: 3500n * B, rank: 1, runnerUp: { subject: MIMO, tokens: 1000n * B } }),
      then: 'Qwen3.6 Plus sets the all-time record: 3.50T tokens in one day, 3.5x the second-place model',
    },
    {
      given: 'a new leader of the weekly lab chart',
      event: makeEvent({ type: 'new_leader', chart: 'labs_weekly', period: '2026-W14', day: '2026-04-05', subject: 'qwen', tokens: 13n * T, rank: 1, region: 'CN', previous: { subject: 'anthropic', tokens: 6n * T }, runnerUp: { subject: 'anthropic', tokens: 6n * T } }),
      then: 'Alibaba (Qwen) takes #1 on the weekly lab chart (2026-W14) with 13.0T tokens, ahead of Anthropic, more than double the second-place lab (2.2x)',
    },
    {
      given: 'an 8-week lab streak',
      event: makeEvent({ type: 'streak', chart: 'labs_weekly', period: '2026-W14', day: '2026-04-05', subject: 'anthropic', milestone: 8, tokens: 6n * T, rank: 1, region: 'US' }),
      then: 'Anthropic leads the weekly lab chart (2026-W14) for an 8th straight week',
    },
    {
      given: 'a lab missing from the table (shown by its slug)',
      event: makeEvent({ type: 'new_leader', chart: 'labs_daily', period: '2026-04-05', day: '2026-04-05', subject: 'newlab', tokens: 6n * T, rank: 1, debut: true, previous: { subject: 'qwen', tokens: 5n * T } }),
      then: 'newlab debuts at #1 on the daily lab chart with 6.00T tokens, ahead of Alibaba (Qwen)',
    },
  ])('given $given, then "$then"', ({ event, then }) => {
    expect(headline(event, name)).toBe(then);
  });

  test('the figures of a sweep and of a launch record', () => {
    const s = makeEvent({ type: 'sweep', chart: 'weekly', period: '2026-W14', day: '2026-04-05', subject: 'CN', milestone: 5, tokens: 9n * T, region: 'CN', top: 6, rival: { region: 'US', tokens: 3n * T } });
    expect(figures(s, name)).toEqual([
      ['Tokens (top 6)', '9.00T'],
      ['Best other region', 'the United States: 3.00T (its top 6)'],
      ['Weeks in a row', '5'],
      ['Period', '2026-W14'],
    ]);
    const l = makeEvent({ type: 'launch_record', chart: 'daily', period: '2026-04-08', day: '2026-04-08', subject: QWEN, tokens: 71n * T / 10n, rank: 1, previous: { subject: MIMO, tokens: 29n * T / 10n, day: '2026-03-24' } });
    expect(figures(l, name)).toEqual([
      ['Tokens (first 7 days)', '7.10T'],
      ['Rank', '#1'],
      ['Launch', '2026-04-02 to 2026-04-08 (UTC)'],
      ['Previous record', 'MiMo-V2-Pro (2.90T)'],
      ['Set on', '2026-03-24'],
      ['Period', '2026-04-08 (UTC)'],
    ]);
  });
});
