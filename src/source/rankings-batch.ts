// A rankings-daily body into a batch, without the schema library when the body is plainly well
// formed (a saved file, the bundled sample): `replay --file` then never loads zod. Anything the
// plain check does not accept goes through the zod schema in openrouter-schemas.ts, which accepts
// everything the plain check accepts, and more, and names the problem when it rejects.
import { isDay } from '../domain/calendar.js';
import { buildHistory, historyFromRaw, type History } from '../domain/history.js';
import { BadRowsError, parseRows } from '../domain/rows.js';
import { SourceError, type RankingsBatch } from './source.js';

export interface RankingsMeta {
  readonly as_of: string;
  readonly version: string;
  readonly start_date: string;
  readonly end_date: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** zod's `z.iso.datetime({ offset: true })`, narrowed: a real day (isDay), then time and zone as zod's pattern has them. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** The body's rows and meta when it is plainly what rankingsDailySchema accepts; otherwise null (ask the schema). */
export function plainRankingsBody(body: unknown): { data: readonly unknown[]; meta: RankingsMeta } | null {
  if (!isObject(body) || !Array.isArray(body.data) || !isObject(body.meta)) return null;
  const { as_of, version, start_date, end_date } = body.meta;
  if (typeof as_of !== 'string' || typeof version !== 'string' || !isDay(start_date) || !isDay(end_date)) return null;
  const instant = INSTANT.exec(as_of);
  if (!instant || !isDay(instant[1])) return null;
  return { data: body.data, meta: { as_of, version, start_date, end_date } };
}

/** Validated rows and meta into a batch: one bad row rejects them all. `from` names the origin in the message. */
export function batchFrom(data: readonly unknown[], meta: RankingsMeta, from: string): RankingsBatch {
  const rows = checked(from, () => parseRows(data));
  const { as_of, version, start_date, end_date } = meta;
  return { rows, meta: { asOf: new Date(as_of).toISOString(), version, startDate: start_date, endDate: end_date } };
}

/** toRankingsBatch (openrouter-schemas.ts), loading the schema only for a body the plain check does not accept. */
export async function readRankingsBatch(body: unknown, from: string): Promise<RankingsBatch> {
  const plain = plainRankingsBody(body);
  if (plain) return batchFrom(plain.data, plain.meta, from);
  return (await import('./openrouter-schemas.js')).toRankingsBatch(body, from);
}

/**
 * The history of a rankings-daily body, complete up to its meta.end_date (a saved file, for
 * `replay --file`): buildHistory of readRankingsBatch's rows, in one pass over the rows when the
 * body is plainly well formed. Same history, same error.
 */
export async function readRankingsHistory(body: unknown, from: string): Promise<History> {
  const plain = plainRankingsBody(body);
  if (!plain) {
    const batch = await (await import('./openrouter-schemas.js')).toRankingsBatch(body, from);
    return buildHistory(batch.rows, batch.meta.endDate);
  }
  return checked(from, () => historyFromRaw(plain.data, plain.meta.end_date));
}

/** Runs a row check; a bad row becomes the SourceError that names `from` and the row. */
function checked<T>(from: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof BadRowsError) throw new SourceError('malformed', `${from} sent malformed rankings: ${err.message}`);
    throw err;
  }
}
