import { describe, expect, test } from 'vitest';
import type { LoadedView } from '../../commands/guards.js';
import { findChart } from '../../commands/leaderboard-period.js';
import { ChartBook } from '../../src/domain/chart-book.js';
import type { ChartName } from '../../src/domain/charts.js';
import { days, history } from '../domain/history-builder.js';

/** 2026-03-01 to 2026-05-09: March and April complete, weeks 2026-W10 to 2026-W19. */
const book = ChartBook.from(history(days('2026-03-01', 70, (i) => ({ a: 100 + 20 * i, b: 900 - 5 * i }))));
const view = { book } as unknown as LoadedView;
const period = (name: ChartName, date?: string) => findChart(view, name, date).period;
const refusal = (name: ChartName, date?: string) => {
  try {
    findChart(view, name, date);
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
};

describe('/leaderboard periods: a day, a month, a week', () => {
  test.each<[ChartName, string | undefined, string]>([
    ['daily', '2026-04-03', '2026-04-03'],
    ['monthly', '2026-04', '2026-04'],
    ['monthly', '2026-04-17', '2026-04'],
    ['labs_monthly', '2026-03', '2026-03'],
    ['weekly', '2026-W14', '2026-W14'],
    ['weekly', '2026-w14', '2026-W14'],
    ['weekly', '2026-04-01', '2026-W14'],
    ['trending', '2026-04-03', '2026-04-03'],
    ['trending', '2026-03-28', '2026-03-28'],
    ['trending', '2026-03-25', '2026-03-28'],
    ['trending', undefined, '2026-05-09'],
  ])('given %s %s, then the chart of %s', (name, date, expected) => {
    expect(period(name, date)).toBe(expected);
  });

  test.each<[ChartName, string, string]>([
    ['daily', 'hourly', '"hourly" is neither a chart nor a date. Charts: daily, weekly, monthly, trending, labs_daily, labs_weekly, labs_monthly. A date is a UTC day like 2026-04-04, a month like 2026-04 (monthly charts) or a week like 2026-W14 (weekly charts).'],
    ['daily', '2026-04', '"2026-04" is a month; the daily chart takes a UTC day like 2026-04-04. Try /leaderboard monthly 2026-04.'],
    ['trending', '2026-W14', '"2026-W14" is a week; the trending chart takes a UTC day like 2026-04-04. Try /leaderboard weekly 2026-W14.'],
    ['monthly', '2026-05', 'No complete monthly chart covers 2026-05. Monthly charts cover 2026-03-01 to 2026-04-30 (UTC).'],
    ['trending', '2026-03-20', 'No complete trending chart covers 2026-03-20. Trending charts cover 2026-03-22 to 2026-05-09 (UTC), one a day: the 7 days to it.'],
    ['daily', '2026-4-3', '"2026-4-3" is not a period. A date is a UTC day like 2026-04-04, a month like 2026-04 (monthly charts) or a week like 2026-W14 (weekly charts).'],
  ])('given %s %s, then it is refused: %s', (name, date, message) => {
    expect(refusal(name, date)).toBe(message);
  });
});
