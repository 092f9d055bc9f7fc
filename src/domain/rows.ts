import { isDay } from './calendar.js';

/** One row of OpenRouter's rankings-daily data: a model's tokens on one UTC day. */
export interface Row {
  readonly date: string;
  /** The model's permaslug, or the reserved `other`. */
  readonly model: string;
  readonly tokens: bigint;
}

/** `other` sums everything outside a day's top 50: it counts only in the platform total. */
export const OTHER = 'other';

/**
 * A response or file that breaks the row rules; names the first bad row so it can be found. The
 * message counts rows from 1, as a person counts them in the file; `index` is the 0-based position.
 */
export class BadRowsError extends Error {
  constructor(
    readonly index: number,
    readonly reason: string,
    readonly row: unknown,
  ) {
    super(`row ${index + 1} ${reason}: ${preview(row)}`);
    this.name = 'BadRowsError';
  }
}

function preview(row: unknown): string {
  const text = JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(row);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

const DIGITS = /^\d+$/;

/** Exact tokens from a decimal string or a safe non-negative integer; anything else is undefined. */
export function parseTokens(value: unknown): bigint | undefined {
  // Up to 15 digits a double is exact, and BigInt of a number is about twice as fast as of a string.
  if (typeof value === 'string') return DIGITS.test(value) ? (value.length <= 15 ? BigInt(+value) : BigInt(value)) : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  return undefined;
}

/** Why a raw row is bad, or its exact tokens when it is good. */
function checkRow(raw: unknown, validDays: Set<string>): string | bigint {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'is not an object';
  const r = raw as Record<string, unknown>;
  if (!('date' in r)) return 'has no date';
  if (!validDays.has(r.date as string)) {
    if (!isDay(r.date)) return 'has a bad date (want a real UTC day, YYYY-MM-DD)';
    validDays.add(r.date); // ~50 rows share each day: check each date string once
  }
  if (typeof r.model_permaslug !== 'string' || r.model_permaslug.trim() === '') return 'has no model_permaslug';
  if (!('total_tokens' in r)) return 'has no total_tokens';
  const tokens = parseTokens(r.total_tokens);
  return tokens ?? 'has bad total_tokens (want a string of digits or a safe non-negative integer)';
}

/**
 * Checks raw rankings-daily rows in order and hands each good one to `take`, which answers
 * false for a (date, model) it already has. The first bad row or duplicate throws BadRowsError,
 * so a malformed response can never leave stored history half-written.
 */
export function checkRows(raw: readonly unknown[], take: (date: string, model: string, tokens: bigint) => boolean): void {
  const validDays = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const tokens = checkRow(raw[i], validDays);
    if (typeof tokens === 'string') throw new BadRowsError(i, tokens, raw[i]);
    const { date, model_permaslug: model } = raw[i] as { date: string; model_permaslug: string };
    if (!take(date, model, tokens)) throw new BadRowsError(i, `duplicates (${date}, ${model})`, raw[i]);
  }
}

/** Validates raw rankings-daily rows as a whole (checkRows): one bad row rejects them all. */
export function parseRows(raw: readonly unknown[]): Row[] {
  // The models seen on each day (no joined date+model key per row: ~35k rows in the sample).
  const seen = new Map<string, Set<string>>();
  const rows: Row[] = [];
  checkRows(raw, (date, model, tokens) => {
    let models = seen.get(date);
    if (!models) seen.set(date, (models = new Set()));
    if (models.has(model)) return false;
    models.add(model);
    rows.push({ date, model, tokens });
    return true;
  });
  return rows;
}
