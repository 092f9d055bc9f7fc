// The bundled sample against the real record (test/fixtures/openrouter-real/, see its README.md):
// the charts agree day by day and week by week, and a replay tells what really happened in the
// spring of 2026. The checks here read the CSVs themselves, not the generator's code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectRange } from '../src/domain/detect/detect.js';
import { buildHistory } from '../src/domain/history.js';
import { toRankingsBatch } from '../src/source/openrouter-schemas.js';

interface Row { date: string; model_permaslug: string; total_tokens: string }

const sample = JSON.parse(readFileSync(new URL('../data/sample/rankings-daily.json', import.meta.url), 'utf8')) as { data: Row[]; meta: unknown };

function csv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(`fixtures/openrouter-real/${name}`, import.meta.url), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, k) => [cols[k], v])));
}
const realDaily = csv('daily-top10.csv');
const realWeekly = csv('weekly-top10.csv');

const addDays = (date: string, n: number) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const WINDOW = { first: '2026-03-30', last: '2026-04-27' };
/** A week whose days all lie in the daily file's window: its `:free` keys are the daily file's merged slugs. */
const merges = (monday: string) => monday >= WINDOW.first && addDays(monday, 6) <= WINDOW.last;

const byDay = new Map<string, Row[]>();
for (const r of sample.data) if (r.model_permaslug !== 'other') byDay.set(r.date, [...(byDay.get(r.date) ?? []), r]);

/** The sample's weekly chart: sums per slug over the ISO week, tokens descending, ties by slug. */
function sampleWeek(monday: string): [string, bigint][] {
  const sums = new Map<string, bigint>();
  for (let k = 0; k < 7; k++) for (const r of byDay.get(addDays(monday, k)) ?? []) sums.set(r.model_permaslug, (sums.get(r.model_permaslug) ?? 0n) + BigInt(r.total_tokens));
  return [...sums].sort((a, b) => (a[1] !== b[1] ? (a[1] > b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
}

describe('the sample agrees with the real record', () => {
  const days = [...new Set(realDaily.map((r) => r.date))];

  it('has each day of daily-top10.csv as its top 10: same models, same order, same figures', () => {
    expect(days).toHaveLength(26);
    for (const date of days) {
      const want = realDaily.filter((r) => r.date === date).sort((a, b) => Number(a.rank) - Number(b.rank)).map((r) => [r.model_permaslug, r.total_tokens]);
      const got = (byDay.get(date) ?? []).slice(0, 10).map((r) => [r.model_permaslug, r.total_tokens]);
      expect(got, date).toEqual(want);
    }
  });

  it('has one row per model in the daily window: no `:free` variant beside a merged slug', () => {
    for (let d = WINDOW.first; d <= WINDOW.last; d = addDays(d, 1)) {
      const slugs = (byDay.get(d) ?? []).map((r) => r.model_permaslug);
      const both = slugs.filter((s) => s.endsWith(':free') && slugs.includes(s.slice(0, -5)));
      expect(both, d).toEqual([]);
      expect(slugs.filter((s) => s.startsWith('qwen/qwen3.6-plus') && s.endsWith(':free')), d).toEqual([]);
    }
  });

  const weeks = [...new Set(realWeekly.map((r) => r.week_start))];
  it.each(weeks)('has the weekly top of the week of %s: same models, same order, totals as published', (monday) => {
    const want = realWeekly.filter((r) => r.week_start === monday).sort((a, b) => Number(a.rank) - Number(b.rank));
    const got = sampleWeek(monday).slice(0, want.length);
    want.forEach((w, k) => {
      const slug = merges(monday) ? w.model_permaslug.replace(/:free$/, '') : w.model_permaslug;
      const [gotSlug, gotTokens] = got[k];
      expect(gotSlug, `${monday} #${k + 1}`).toBe(slug);
      const value = BigInt(w.total_tokens);
      const onFile = realDaily.filter((r) => r.model_permaslug === slug && r.date >= monday && r.date <= addDays(monday, 6));
      if (merges(monday) && slug !== w.model_permaslug && onFile.length === 7) {
        // A merged slug on file all 7 days: its daily sums are the weekly figure (free + paid, while
        // the weekly page showed the free variant alone: Step 3.5 Flash, 1.32T against 1.26T).
        expect(gotTokens, `${monday} ${slug}`).toBe(onFile.reduce((s, r) => s + BigInt(r.total_tokens), 0n));
      } else if (w.precision.startsWith('exact')) {
        expect(gotTokens, `${monday} ${slug}`).toBe(value);
      } else {
        const unit = 10n ** BigInt(w.total_tokens.length - 3);
        const diff = gotTokens * 2n - value * 2n;
        expect(diff >= -unit && diff < unit, `${monday} ${slug}: ${gotTokens} is not ${w.total_tokens} to 3 significant figures`).toBe(true);
      }
    });
  });

  it('gives Qwen3.6 Plus the week of 2026-03-30 with its daily sums, 4.6025T (published 4.60T)', () => {
    expect(sampleWeek('2026-03-30')[0]).toEqual(['qwen/qwen3.6-plus-04-02', 4_602_505_412_335n]);
  });
});

describe('a replay of the sample tells the real spring of 2026', () => {
  const batch = toRankingsBatch(sample, 'the bundled sample');
  const history = buildHistory(batch.rows, batch.meta.endDate);
  const april = detectRange(history, { from: WINDOW.first, to: WINDOW.last });

  it('has the real sequence of daily leaders, 2026-03-30..04-27', () => {
    const leaders = april.filter((e) => e.type === 'new_leader' && e.chart === 'daily')
      .map((e) => [e.day, e.subject, e.tokens, e.previous?.subject, e.previous?.streak]);
    expect(leaders).toEqual([
      ['2026-04-03', 'qwen/qwen3.6-plus-04-02', 1_414_068_737_321n, 'xiaomi/mimo-v2-pro-20260318', 16],
      ['2026-04-08', 'anthropic/claude-4.6-opus-20260205', 193_025_136_420n, 'qwen/qwen3.6-plus-04-02', 5],
      ['2026-04-11', 'deepseek/deepseek-v3.2-20251201', 176_913_280_549n, 'anthropic/claude-4.6-opus-20260205', 3],
      ['2026-04-13', 'anthropic/claude-4.6-opus-20260205', 221_267_573_287n, 'deepseek/deepseek-v3.2-20251201', 2],
      ['2026-04-16', 'anthropic/claude-4.6-sonnet-20260217', 222_024_085_230n, 'anthropic/claude-4.6-opus-20260205', 3],
      ['2026-04-18', 'deepseek/deepseek-v3.2-20251201', 171_590_807_297n, 'anthropic/claude-4.6-sonnet-20260217', 2],
      ['2026-04-20', 'anthropic/claude-4.6-sonnet-20260217', 210_591_824_628n, 'deepseek/deepseek-v3.2-20251201', 2],
      ['2026-04-22', 'moonshotai/kimi-k2.6-20260420', 282_035_945_131n, 'anthropic/claude-4.6-sonnet-20260217', 2],
    ]);
    // Every day of the file: the sample's leader is the file's #1.
    for (const r of realDaily.filter((x) => x.rank === '1')) expect(byDay.get(r.date)![0].model_permaslug, r.date).toBe(r.model_permaslug);
  });

  it('has the real record days: Qwen3.6 Plus 1.41T on 04-03 (the first 1T day), its best 1.57T on 04-04', () => {
    const records = april.filter((e) => e.type === 'record_day' && e.chart === 'daily' && e.subject !== 'platform').map((e) => [e.day, e.subject, e.tokens]);
    expect(records).toEqual([
      ['2026-03-30', 'xiaomi/mimo-v2-pro-20260318', 713_180_287_948n],
      ['2026-04-01', 'xiaomi/mimo-v2-pro-20260318', 749_649_983_904n],
      ['2026-04-03', 'qwen/qwen3.6-plus-04-02', 1_414_068_737_321n],
      ['2026-04-04', 'qwen/qwen3.6-plus-04-02', 1_571_944_155_326n],
    ]);
    const firstT = april.filter((e) => e.type === 'milestone' && e.firstEver && e.milestone === 1e12);
    expect(firstT.map((e) => [e.day, e.subject])).toEqual([['2026-04-03', 'qwen/qwen3.6-plus-04-02']]);
    const streaks = april.filter((e) => e.type === 'streak' && e.chart === 'daily' && e.subject === 'qwen/qwen3.6-plus-04-02');
    expect(streaks.map((e) => [e.day, e.milestone])).toEqual([['2026-04-05', 3], ['2026-04-06', 4], ['2026-04-07', 5]]);
  });

  it('has the weekly leaders of weekly-top10.csv, with their week counts', () => {
    const mondays = [...new Set(realWeekly.map((r) => r.week_start))];
    const reigns: [string, number][] = [];
    for (const monday of mondays) {
      const top = realWeekly.find((r) => r.week_start === monday && r.rank === '1')!.model_permaslug;
      const slug = merges(monday) ? top.replace(/:free$/, '') : top;
      expect(sampleWeek(monday)[0][0], monday).toBe(slug);
      if (reigns.at(-1)?.[0] === slug) reigns.at(-1)![1]++;
      else reigns.push([slug, 1]);
    }
    expect(reigns).toEqual([
      ['x-ai/grok-code-fast-1', 2],
      ['x-ai/grok-4.1-fast:free', 1],
      ['x-ai/grok-code-fast-1', 5],
      ['anthropic/claude-4.5-sonnet-20250929', 1],
      ['anthropic/claude-4.5-opus-20251124', 1],
      ['anthropic/claude-4.5-sonnet-20250929', 2],
      ['moonshotai/kimi-k2.5-0127', 1],
      ['minimax/minimax-m2.5-20260211', 5],
      ['xiaomi/mimo-v2-pro-20260318', 2],
      ['qwen/qwen3.6-plus-04-02', 2],
      ['anthropic/claude-4.6-sonnet-20260217', 1],
      ['moonshotai/kimi-k2.6-20260420', 1],
      ['tencent/hy3-preview-20260421:free', 2],
    ]);
    // The detector says the same: the two 5-week reigns end on these Sundays.
    const winter = detectRange(history, { from: '2025-11-10', to: '2026-05-10' });
    const ended = winter.filter((e) => e.type === 'new_leader' && e.chart === 'weekly' && e.previous?.streak === 5 && e.day > '2025-12-01');
    expect(ended.map((e) => [e.day, e.previous?.subject])).toEqual([
      ['2026-01-11', 'x-ai/grok-code-fast-1'],
      ['2026-03-22', 'minimax/minimax-m2.5-20260211'],
    ]);
  });
});
