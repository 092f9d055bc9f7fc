/**
 * The first command after start builds its view with ONE walk of the charts: the book and the
 * events come from the same walk (it was two, 295 ms on the sample). walkCharts is spied on.
 */
import { describe, expect, it, vi } from 'vitest';
import { chartViews } from '../../src/app/chart-view.js';
import { ChartBook } from '../../src/domain/chart-book.js';
import { CHART_NAMES } from '../../src/domain/charts.js';
import * as charts from '../../src/domain/charts.js';
import { detect } from '../../src/domain/detect/detect.js';
import { DEFAULT_DETECT_OPTIONS } from '../../src/domain/detect/options.js';
import { buildHistory } from '../../src/domain/history.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { days } from '../domain/history-builder.js';

vi.mock('../../src/domain/charts.js', async (original) => {
  const real = await original<typeof import('../../src/domain/charts.js')>();
  return { ...real, walkCharts: vi.fn(real.walkCharts) };
});

// 70 days, three models trading places, so every chart (trending, weekly, monthly, labs) has periods and events.
const history = buildHistory(days('2026-01-05', 70, (i) => ({ 'qwen/a': 1000 + ((i * 37) % 400), 'openai/b': 1200 - ((i * 53) % 500), 'x-ai/c': 900 + i * 5, other: 50 })));

function store(): HistoryStore {
  const meta = { syncedAt: '2026-03-16T03:00:00.000Z', asOf: '2026-03-16T03:00:00.000Z', completeThrough: history.completeThrough! };
  return { meta: async () => meta, history: async () => history, names: async () => new Map() } as unknown as HistoryStore;
}

describe('the chart view of a history version', () => {
  it('given a fresh view, when the first command reads it (and a second), then the charts were walked once', async () => {
    const walk = vi.mocked(charts.walkCharts);
    walk.mockClear();
    const current = chartViews(store(), DEFAULT_DETECT_OPTIONS);
    const view = await current();
    await current();
    expect(walk).toHaveBeenCalledTimes(1);
    expect(view.events.length).toBeGreaterThan(0);
  });

  it('given one walk, then the book and the events are those of a separate book and detection', () => {
    const { book, events } = ChartBook.withEvents(history, DEFAULT_DETECT_OPTIONS);
    const alone = ChartBook.from(history, DEFAULT_DETECT_OPTIONS);
    expect(events).toEqual(detect(history, DEFAULT_DETECT_OPTIONS));
    for (const name of CHART_NAMES) {
      expect(book.list(name)).toEqual(alone.list(name));
      expect(book.list(name).map((c) => book.leaderStreak(c))).toEqual(alone.list(name).map((c) => alone.leaderStreak(c)));
    }
    expect(book.list('trending').length).toBeGreaterThan(0);
    expect(book.list('labs_monthly').length).toBeGreaterThan(0);
  });
});
