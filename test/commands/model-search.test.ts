import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestModels as suggestViaDispatch } from '../../commands/dispatch.js';
import { resolveModel, suggestModels } from '../../commands/model-search.js';
import type { ChartView } from '../../commands/services.js';
import { addDays } from '../../src/domain/calendar.js';
import { ChartBook } from '../../src/domain/chart-book.js';
import { buildHistory } from '../../src/domain/history.js';
import { labelModel, type ModelName } from '../../src/domain/names.js';
import type { Row } from '../../src/domain/rows.js';
import { member, openWorld, QWEN, type World } from './world.js';

let world: World;
beforeAll(async () => (world = await openWorld()));
afterAll(() => world.close());

/** A view of `n` models over 30 days, named like the catalogue (vendor: family version size). */
function bigView(n: number, extra: Row[] = [], names = new Map<string, ModelName>()): ChartView {
  const vendors = ['openai', 'anthropic', 'google', 'qwen', 'deepseek', 'meta-llama', 'mistralai', 'x-ai', 'z-ai', 'moonshotai'];
  const rows: Row[] = [...extra];
  for (let m = 0; m < n; m++) {
    const vendor = vendors[m % vendors.length];
    const slug = `${vendor}/model-${m}.${m % 7}-${m % 3 ? 'instruct' : 'flash'}-2026${String(m).padStart(4, '0')}`;
    names.set(slug, { id: slug.replace(/-2026\d+$/, ''), name: `${vendor}: Model ${m}.${m % 7} ${m % 3 ? 'Instruct' : 'Flash'}` });
    for (let d = 0; d < 30; d++) rows.push({ date: addDays('2026-03-01', d), model: slug, tokens: BigInt((n - m) * 1_000_000 + d) });
  }
  const history = buildHistory(rows);
  const models = [...new Set(rows.map((r) => r.model))].sort();
  return { book: ChartBook.from(history), names, meta: null, events: [], models, label: (s) => labelModel(s, names) };
}

describe('suggestModels (autocomplete)', () => {
  it('given nothing typed, then it offers the current top models by rank', async () => {
    const choices = await suggestViaDispatch(world.ctx(member('u')), '', 3);
    expect(choices).toEqual([
      { name: 'Qwen3.6 Plus — #1 today', value: QWEN },
      { name: 'Claude Sonnet 4.6 — #2 today', value: 'anthropic/claude-4.6-sonnet-20260217' },
      { name: 'Gemini 3 Flash Preview — #3 today', value: 'google/gemini-3-flash-preview-20251217' },
    ]);
  });

  it('given a partial name, then whole and prefix matches come first, then by rank; gone models say when last seen', async () => {
    const view = await world.services.charts();
    expect(suggestModels(view, 'qwen').map((c) => c.name)).toEqual(['Qwen3.6 Plus — #1 today', 'Qwen3.6 Plus (free) — #5 today']);
    expect(suggestModels(view, 'kimi')).toEqual([{ name: 'Kimi K2.5 — last charted 2026-03-21', value: 'moonshotai/kimi-k2.5-0127' }]);
    expect(suggestModels(view, 'fla').map((c) => c.value)).toEqual(['google/gemini-3-flash-preview-20251217', 'deepseek/deepseek-v4-flash']);
  });

  it('given 150 models and names past 100 characters, then at most 25 choices come back, each within Discord limits', () => {
    const long = `vendor/${'x'.repeat(120)}`;
    const names = new Map<string, ModelName>([['vendor/long-name', { id: 'vendor/long-name', name: `Vendor: ${'Very long model name '.repeat(8)}` }]]);
    const view = bigView(150, [{ date: '2026-03-30', model: long, tokens: 10n ** 15n }, { date: '2026-03-30', model: 'vendor/long-name', tokens: 10n ** 14n }], names);
    for (const partial of ['', 'model', 'flash', 'very long', 'x']) {
      const choices = suggestModels(view, partial);
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThanOrEqual(1);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
    }
    expect(suggestModels(view, 'very long')[0].name).toMatch(/^Very long model name .*… — #2 today$/);
    expect(suggestModels(view, 'x').some((c) => c.value === long)).toBe(false);
    expect(suggestModels(view, '', 40)).toHaveLength(25);
  });

  it('given 150 models, then p99 of one suggestion or resolution is under 20 ms', () => {
    const view = bigView(150);
    const partials = ['', 'm', 'mo', 'model 1', 'model 12.5', 'flash', 'instruct', 'openai', 'qwen/model', 'mdoel 3', 'x-ai model 99', 'z'];
    const times: number[] = [];
    for (let i = 0; i < 600; i++) {
      const t0 = performance.now();
      suggestModels(view, partials[i % partials.length]);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length * 0.99)]).toBeLessThan(20);
    expect(resolveModel(view, 'google model 2.2 instruct')).toBe('google/model-2.2-instruct-20260002');
    expect(resolveModel(view, 'Model 2.2 Instruct')).toBe('google/model-2.2-instruct-20260002');
  });
});
