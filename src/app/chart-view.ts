import type { ChartView } from '../../commands/services.js';
import { ChartBook } from '../domain/chart-book.js';
import type { DetectOptions } from '../domain/detect/options.js';
import { labelModel, type ModelName } from '../domain/names.js';
import type { HistoryStore } from '../store/history-store.js';

/**
 * Builds the ChartView commands read, once per stored history version (a sync changes it), so a
 * command answers from memory. `fallbackNames` (the bundled catalogue) fills names the store lacks.
 */
export function chartViews(history: HistoryStore, detectOptions: DetectOptions, fallbackNames: ReadonlyMap<string, ModelName> = new Map()) {
  let cached: { key: string; view: Promise<ChartView> } | null = null;
  return async function current(): Promise<ChartView> {
    const meta = await history.meta();
    const key = `${meta?.syncedAt}|${meta?.asOf}|${meta?.completeThrough}`;
    if (cached?.key !== key) cached = { key, view: build() };
    return cached.view;
    async function build(): Promise<ChartView> {
      const h = await history.history();
      const names = new Map([...fallbackNames, ...(await history.names())]);
      const models = new Set<string>();
      for (const day of h.days.values()) for (const m of day.models.keys()) models.add(m);
      const labels = new Map<string, ReturnType<typeof labelModel>>();
      // One walk of the charts gives both (it was two: 295 ms on the first command after start).
      const { book, events } = ChartBook.withEvents(h, detectOptions);
      return {
        book,
        names,
        meta,
        events,
        models: [...models].sort(),
        label(slug) {
          let l = labels.get(slug);
          if (!l) labels.set(slug, (l = labelModel(slug, names)));
          return l;
        },
      };
    }
  };
}
