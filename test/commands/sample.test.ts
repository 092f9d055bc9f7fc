/**
 * The commands over the bundled sample (real OpenRouter shapes and names), when it has been
 * generated (`npm run sample`); skipped with the reason otherwise.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelIndex } from '../../commands/model-index.js';
import { resolveModel, suggestModels } from '../../commands/model-search.js';
import type { ChartView } from '../../commands/services.js';
import { chartViews } from '../../src/app/chart-view.js';
import { DEFAULT_DETECT_OPTIONS } from '../../src/domain/detect/options.js';
import { toModelInfos, toRankingsBatch } from '../../src/source/openrouter-schemas.js';
import { KeyvHistoryStore } from '../../src/store/keyv-history-store.js';
import { openKeyv } from '../../src/store/open-keyv.js';

const RANKINGS = new URL('../../data/sample/rankings-daily.json', import.meta.url);
const MODELS = new URL('../../data/sample/models.json', import.meta.url);
const present = existsSync(RANKINGS);

describe.skipIf(!present)('model search over the bundled sample', () => {
  let view: ChartView;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankwatch-sample-'));
    const kv = await openKeyv(`sqlite://${join(dir, 'store.sqlite')}`);
    close = async () => (await kv.disconnect(), rmSync(dir, { recursive: true, force: true }));
    const store = new KeyvHistoryStore(kv);
    const batch = toRankingsBatch(JSON.parse(readFileSync(RANKINGS, 'utf8')), 'the sample');
    const { rows, meta } = batch;
    await store.saveBatch({ rows, start: meta.startDate, end: meta.endDate, asOf: meta.asOf, completeThrough: meta.endDate }, meta.asOf);
    if (existsSync(MODELS)) await store.saveNames(toModelInfos(JSON.parse(readFileSync(MODELS, 'utf8')), 'the sample'), meta.asOf);
    view = await chartViews(store, DEFAULT_DETECT_OPTIONS)();
  });
  afterAll(() => close?.());

  it('given each model of the latest day, then its display name resolves back to it', () => {
    const index = modelIndex(view);
    for (const e of view.book.latest('daily')!.entries) {
      const { name } = view.label(e.model);
      if (!index.sharedNames.has(name)) expect(resolveModel(view, name)).toBe(e.model);
    }
  });

  it('given typing one letter at a time, then every answer has at most 25 valid choices and p99 stays under 20 ms', () => {
    const names = view.book.latest('daily')!.entries.slice(0, 20).map((e) => view.label(e.model).name);
    const times: number[] = [];
    for (const name of names) {
      for (let i = 0; i <= name.length; i++) {
        const t0 = performance.now();
        const choices = suggestModels(view, name.slice(0, i));
        times.push(performance.now() - t0);
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const c of choices) expect(c.name.length <= 100 && c.value.length <= 100).toBe(true);
      }
    }
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length * 0.99)]).toBeLessThan(20);
  });
});
