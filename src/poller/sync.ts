import { addDays, dayOf } from '../domain/calendar.js';
import type { Row } from '../domain/rows.js';
import { planWindows } from '../source/windows.js';
import { DATA_START, type RankingsSource } from '../source/source.js';
import type { HistoryStore } from '../store/history-store.js';
import type { Logger } from '../logger.js';

export interface SyncDeps {
  readonly source: RankingsSource;
  readonly history: HistoryStore;
  readonly clock: () => Date;
  readonly logger: Logger;
}

export interface SyncOptions {
  /** How long after a day's end its figures count as settled. */
  readonly settleMinutes: number;
  /** How many settled days every sync re-reads, to pick up restatements. */
  readonly resyncDays: number;
  readonly onProgress?: (message: string) => void;
}

export interface SyncResult {
  /** True when the store was empty: this sync was the silent backfill. */
  readonly firstSync: boolean;
  readonly previousCompleteThrough: string | null;
  readonly completeThrough: string;
  readonly asOf: string;
  readonly rows: number;
  readonly requests: number;
}

const NAMES_MAX_AGE_MS = 24 * 3600_000;

/**
 * The last complete day: on or before the source's last finished day, and settled — `as_of`
 * at least `settleMinutes` past the day's end, since figures keep moving for ~2 h after midnight.
 */
export function lastSettledDay(endDate: string, asOf: string, settleMinutes: number): string {
  const settled = addDays(dayOf(new Date(Date.parse(asOf) - settleMinutes * 60_000)), -1);
  return settled < endDate ? settled : endDate;
}

/** One sync: backfill when the store is empty, else re-read the last few days. Stores whole or not at all. */
export async function syncOnce(deps: SyncDeps, opts: SyncOptions): Promise<SyncResult> {
  const meta = await deps.history.meta();
  const lastFinished = addDays(dayOf(deps.clock()), -1);
  const start = meta ? maxDay(DATA_START, addDays(meta.completeThrough, -opts.resyncDays)) : DATA_START;
  const windows = planWindows(start, lastFinished);
  const rows: Row[] = [];
  let resolved = { start, end: lastFinished, asOf: '' };
  for (const [i, w] of windows.entries()) {
    const batch = await deps.source.fetchDaily(w);
    rows.push(...batch.rows);
    resolved = { start: i === 0 ? batch.meta.startDate : resolved.start, end: batch.meta.endDate, asOf: batch.meta.asOf };
    opts.onProgress?.(`window ${i + 1}/${windows.length}: ${batch.meta.startDate}..${batch.meta.endDate}, ${batch.rows.length} rows`);
  }
  const settled = lastSettledDay(resolved.end, resolved.asOf, opts.settleMinutes);
  // Completeness never moves backwards: an event, once emitted for a day, is never retracted.
  const completeThrough = meta && meta.completeThrough > settled ? meta.completeThrough : settled;
  await deps.history.saveBatch({ rows, start: resolved.start, end: resolved.end, asOf: resolved.asOf, completeThrough }, deps.clock().toISOString());
  const requests = windows.length + (await refreshNames(deps));
  deps.logger.info({ rows: rows.length, completeThrough, asOf: resolved.asOf }, 'sync stored');
  return { firstSync: meta === null, previousCompleteThrough: meta?.completeThrough ?? null, completeThrough, asOf: resolved.asOf, rows: rows.length, requests };
}

/** Refreshes display names once a day; a failure only delays names, it never fails the sync. */
async function refreshNames(deps: SyncDeps): Promise<number> {
  const fetchedAt = await deps.history.namesFetchedAt();
  if (fetchedAt && deps.clock().getTime() - Date.parse(fetchedAt) < NAMES_MAX_AGE_MS) return 0;
  try {
    await deps.history.saveNames(await deps.source.fetchModels(), deps.clock().toISOString());
  } catch (error) {
    deps.logger.warn({ err: error }, 'model names not refreshed; keeping the names already known');
  }
  return 1;
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
