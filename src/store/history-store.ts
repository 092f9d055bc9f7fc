import type { History } from '../domain/history.js';
import type { Row } from '../domain/rows.js';
import type { DataSource, ModelName } from '../domain/names.js';
import type { ModelInfo } from '../source/source.js';

/**
 * One sync's validated data: every day it has rows for is replaced by them. A day of the window
 * without rows is kept as stored: a re-read may restate history, never erase it.
 */
export interface SyncBatch {
  readonly rows: readonly Row[];
  /** The window the source answered; every row lies inside it, at most one per (date, model). */
  readonly start: string;
  readonly end: string;
  readonly asOf: string;
  /** The last day that is complete (settled) after this sync. */
  readonly completeThrough: string;
}

/** Where the stored history stands. */
export interface HistoryMeta {
  readonly completeThrough: string;
  readonly asOf: string;
  /** The last day with data (may be after completeThrough: not yet settled). */
  readonly lastDay: string;
  readonly syncedAt: string;
  /** Where the history came from (absent: OpenRouter); attributions say "sample data" for the bundled sample. */
  readonly source?: DataSource;
}

export type { ModelName } from '../domain/names.js';

/** The port for chart history. */
export interface HistoryStore {
  /** Stores a sync's batch whole or not at all. */
  saveBatch(batch: SyncBatch, syncedAt: string): Promise<void>;
  meta(): Promise<HistoryMeta | null>;
  /** The stored days of `start`..`end` that have rows, with how many: what a re-read must not drop. */
  daysHeld(start: string, end: string): Promise<ReadonlyMap<string, number>>;
  /** Complete history, ready for detection. */
  history(): Promise<History>;
  /** Every stored row, including days not yet complete. */
  rows(): Promise<Row[]>;
  /** Adds names from the catalogue; names never disappear once resolved. */
  saveNames(models: readonly ModelInfo[], fetchedAt: string): Promise<void>;
  names(): Promise<ReadonlyMap<string, ModelName>>;
  namesFetchedAt(): Promise<string | null>;
}
