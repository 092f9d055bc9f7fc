import type { Row } from '../domain/rows.js';

/** What the source says about the window it answered (`meta` of rankings-daily). */
export interface BatchMeta {
  /** When the figures were read at the source (ISO instant). */
  readonly asOf: string;
  readonly version: string;
  /** The resolved window, both inclusive. */
  readonly startDate: string;
  readonly endDate: string;
}

/** One validated rankings-daily answer. */
export interface RankingsBatch {
  readonly rows: readonly Row[];
  readonly meta: BatchMeta;
}

/** A model from the catalogue: how to name it and link to it. */
export interface ModelInfo {
  /** The id used in URLs: https://openrouter.ai/<id>. */
  readonly id: string;
  readonly canonicalSlug: string;
  /** `Qwen: Qwen3.6 Plus`. */
  readonly name: string;
  /** Unix seconds. */
  readonly created?: number;
}

/** The port the poller reads from: OpenRouter's Data API or the bundled sample. */
export interface RankingsSource {
  /** Names the origin in error messages (`OpenRouter`, `the sample data`). */
  readonly name?: string;
  /**
   * Daily rows for `start`..`end` (UTC days, inclusive; at most 366 days), checked against the request:
   * meta is the window asked for (a start before DATA_START clamped forward) and every row lies in it.
   */
  fetchDaily(window: { start: string; end: string }): Promise<RankingsBatch>;
  /** The model catalogue (aliases already skipped). */
  fetchModels(): Promise<ModelInfo[]>;
}

/**
 * `malformed`: the answer breaks the contract (shape, window, rows, figures, dates).
 * `contradicts_history`: a well-formed answer that would drop days the store holds.
 */
export type SourceErrorKind = 'auth' | 'rate_limited' | 'server' | 'timeout' | 'network' | 'bad_request' | 'malformed' | 'contradicts_history';

/** A failed read from the source. `retryable` says whether backing off and trying again can help. */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }

  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'timeout' || this.kind === 'network';
  }
}

/** The first day OpenRouter has data for. */
export const DATA_START = '2025-01-01';
/** The widest window one request may ask for. */
export const MAX_WINDOW_DAYS = 366;
