import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
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

/** The catalogue's OpenAI names that tripped the old matching, and a few others; ranked in this order. */
const CATALOGUE: [slug: string, name: string][] = [
  ['openai/gpt-5.4-20260305', 'OpenAI: GPT-5.4'],
  ['anthropic/claude-4.6-sonnet-20260217', 'Anthropic: Claude Sonnet 4.6'],
  ['openai/gpt-5.4-mini-20260305', 'OpenAI: GPT-5.4 Mini'],
  ['google/gemini-3-flash-preview-20251217', 'Google: Gemini 3 Flash Preview'],
  ['openai/gpt-4.1', 'OpenAI: GPT-4.1'],
  ['openai/gpt-4o-mini', 'OpenAI: GPT-4o-mini'],
  ['qwen/qwen3.6-plus-04-02', 'Qwen: Qwen3.6 Plus'],
  ['openai/o4-mini', 'OpenAI: o4 Mini'],
  ['openai/gpt-oss-120b', 'OpenAI: gpt-oss-120b'],
  ['deepseek/deepseek-v4-flash', 'DeepSeek: DeepSeek V4 Flash'],
];

function catalogueView(extra: [string, string][] = []): ChartView {
  const all = [...CATALOGUE, ...extra];
  const names = new Map<string, ModelName>(all.map(([slug, name]) => [slug, { id: slug.replace(/-20\d{6}$/, ''), name }]));
  const rows: Row[] = all.map(([model], i) => ({ date: '2026-03-01', model, tokens: BigInt(1000 - i) }));
  return { book: ChartBook.from(buildHistory(rows)), names, meta: null, events: [], models: all.map(([s]) => s).sort(), label: (s) => labelModel(s, names) };
}

describe('model search: typed words start words of a name, whole and prefix matches first', () => {
  const offers = (view: ChartView, typed: string) => suggestModels(view, typed).map((c) => c.name.replace(/ — .*$/, ''));

  test.each([
    { typed: 'gpt-4o', then: ['GPT-4o-mini'] },
    { typed: 'gpt 4o', then: ['GPT-4o-mini'] },
    { typed: 'GPT4O', then: ['GPT-4o-mini'] },
    { typed: 'gpt-5.4', then: ['GPT-5.4', 'GPT-5.4 Mini'] },
    { typed: 'gpt 4', then: ['GPT-4.1', 'GPT-4o-mini', 'GPT-5.4', 'GPT-5.4 Mini'] },
    { typed: 'gpt', then: ['GPT-5.4', 'GPT-5.4 Mini', 'GPT-4.1', 'GPT-4o-mini', 'gpt-oss-120b'] },
    { typed: 'o4', then: ['o4 Mini'] },
    { typed: 'o', then: ['o4 Mini', 'GPT-5.4', 'GPT-5.4 Mini', 'GPT-4.1', 'GPT-4o-mini', 'gpt-oss-120b'] },
    { typed: 'mini', then: ['GPT-5.4 Mini', 'GPT-4o-mini', 'o4 Mini'] },
    { typed: 'mini 5', then: ['GPT-5.4 Mini'] },
    { typed: 'openai mini', then: ['GPT-5.4 Mini', 'GPT-4o-mini', 'o4 Mini'] },
    { typed: 'flash gemini', then: ['Gemini 3 Flash Preview'] },
    { typed: 'sonnet 4.6', then: ['Claude Sonnet 4.6'] },
    { typed: 'qwen 3.6', then: ['Qwen3.6 Plus'] },
    { typed: 'oss', then: ['gpt-oss-120b'] },
    { typed: 'pen', then: [] },
    { typed: 'wen', then: [] },
    { typed: 'openai', then: ['GPT-5.4', 'GPT-5.4 Mini', 'GPT-4.1', 'GPT-4o-mini', 'o4 Mini', 'gpt-oss-120b'] },
    { typed: 'sonet 4.6', then: ['Claude Sonnet 4.6'] },
  ])('given `$typed` typed, then the offers are $then', ({ typed, then }) => {
    expect(offers(catalogueView(), typed)).toEqual(then);
  });

  test('given GPT-4o on the chart too, then `gpt-4o` is it exactly, GPT-4o-mini next, and /model resolves it', () => {
    const view = catalogueView([['openai/gpt-4o', 'OpenAI: GPT-4o']]);
    expect(offers(view, 'gpt-4o')).toEqual(['GPT-4o', 'GPT-4o-mini']);
    expect(resolveModel(view, 'gpt-4o')).toBe('openai/gpt-4o');
  });

  test('given `gpt-4o` while GPT-4o is not charted, then /model takes the one prefix match, never GPT-5.4', () => {
    expect(resolveModel(catalogueView(), 'gpt-4o')).toBe('openai/gpt-4o-mini');
    expect(() => resolveModel(catalogueView(), 'gpt 4.2')).toThrow('No charted model matches "gpt 4.2". Did you mean GPT-4.1');
  });
});
