import { addDays, dayOf } from '../domain/calendar.js';
import type { Row } from '../domain/rows.js';
import { planWindows } from '../source/windows.js';
import { DATA_START, type RankingsSource } from '../source/source.js';
import { checkFresh, checkKeepsHistory } from '../source/check-batch.js';
import type { HistoryMeta, HistoryStore } from '../store/history-store.js';
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

/**
 * One sync: backfill when the store is empty, else re-read the last few days. Stores whole or not at
 * all: an answer that lies about its window, its time or the days the store holds is refused whole.
 */
export async function syncOnce(deps: SyncDeps, opts: SyncOptions): Promise<SyncResult> {
  const meta = await deps.history.meta();
  const lastFinished = addDays(dayOf(deps.clock()), -1);
  if (meta) checkStoredDates(meta, lastFinished);
  const start = meta ? maxDay(DATA_START, addDays(meta.completeThrough, -opts.resyncDays)) : DATA_START;
  if (start > lastFinished) throw new Error(`the clock reads ${deps.clock().toISOString()}, before OpenRouter's data begins (${DATA_START}); check the system clock`);
  const { rows, resolved } = await readWindows(deps, planWindows(start, lastFinished), opts);
  if (meta) checkKeepsHistory(resolved, rows, await deps.history.daysHeld(resolved.start, resolved.end), sourceName(deps));
  const settled = lastSettledDay(resolved.end, resolved.asOf, opts.settleMinutes);
  // Completeness never moves backwards: an event, once emitted for a day, is never retracted.
  const completeThrough = meta && meta.completeThrough > settled ? meta.completeThrough : settled;
  await deps.history.saveBatch({ rows, start: resolved.start, end: resolved.end, asOf: resolved.asOf, completeThrough }, deps.clock().toISOString());
  const requests = resolved.requests + (await refreshNames(deps));
  deps.logger.info({ rows: rows.length, completeThrough, asOf: resolved.asOf }, 'sync stored');
  return { firstSync: meta === null, previousCompleteThrough: meta?.completeThrough ?? null, completeThrough, asOf: resolved.asOf, rows: rows.length, requests };
}

/** Reads each window in turn; every answer is checked against our clock before it is kept. */
async function readWindows(deps: SyncDeps, windows: { start: string; end: string }[], opts: SyncOptions) {
  const rows: Row[] = [];
  let resolved = { start: windows[0]!.start, end: windows[0]!.end, asOf: '', requests: windows.length };
  for (const [i, w] of windows.entries()) {
    const batch = await deps.source.fetchDaily(w);
    checkFresh(batch, deps.clock(), sourceName(deps));
    rows.push(...batch.rows);
    resolved = { ...resolved, start: i === 0 ? batch.meta.startDate : resolved.start, end: batch.meta.endDate, asOf: batch.meta.asOf };
    opts.onProgress?.(`window ${i + 1}/${windows.length}: ${batch.meta.startDate}..${batch.meta.endDate}, ${batch.rows.length} rows`);
  }
  return { rows, resolved };
}

/**
 * A store written from a future-dated answer, before answers were checked, would make every later
 * sync plan nothing to read. Stop with what is wrong and how to get out, rather than guess.
 */
function checkStoredDates(meta: HistoryMeta, lastFinished: string): void {
  const [field, day] = meta.completeThrough > lastFinished ? ['complete through', meta.completeThrough] : ['holding data for', meta.lastDay];
  if (day <= lastFinished) return;
  throw new Error(
    `the stored history claims to be ${field} ${day}, after the last finished UTC day ${lastFinished} by this machine's clock: ` +
      'either the clock is wrong, or an earlier version stored a future-dated answer. Check the clock; if it is right, restore the store ' +
      'from a backup, or move it (STORE_URL) aside and run `rankwatch backfill` (alert settings and subscriptions live in that store too)',
  );
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

const sourceName = (deps: SyncDeps) => deps.source.name ?? 'the rankings source';
const maxDay = (a: string, b: string) => (a > b ? a : b);
