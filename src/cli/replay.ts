import { readFile } from 'node:fs/promises';
import { headline } from '../domain/alert-text.js';
import { isDay } from '../domain/calendar.js';
import { detectRange } from '../domain/detect/detect.js';
import { buildHistory, type History } from '../domain/history.js';
import { labelModel, type ModelName } from '../domain/names.js';
import { cliConfig } from './cli-config.js';
import { toRankingsBatch } from '../source/openrouter-schemas.js';
import { bundledNames } from './bundled-names.js';
import { CliError } from './user-error.js';

export interface ReplayOptions {
  file?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

/** The JSON replacer of eventToJson: exact token figures as decimal strings. */
const exactTokens = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/**
 * Prints every event of the range, with all history before it as context. A range without
 * events says so through `note` (stderr: stdout stays one event per line); a backwards range
 * is a CliError, so the exit code is not 0.
 */
export async function replay(opts: ReplayOptions, write: (line: string) => void, note: (line: string) => void = write): Promise<number> {
  for (const flag of ['from', 'to'] as const) {
    if (opts[flag] !== undefined && !isDay(opts[flag])) throw new CliError(`--${flag} wants a UTC day like 2026-04-04, got ${JSON.stringify(opts[flag])}`);
  }
  if (opts.from && opts.to && opts.from > opts.to) throw new CliError(`--from ${opts.from} is after --to ${opts.to}: the range runs backwards (swap them)`);
  const { history, names } = opts.file ? await fromFile(opts.file) : await fromStore();
  const config = cliConfig();
  const events = detectRange(history, { from: opts.from, to: opts.to }, config.detect);
  const name = (slug: string) => labelModel(slug, names).name;
  // The line eventToJson describes, stringified once (no stringify → parse → stringify per event).
  for (const e of events) write(opts.json ? JSON.stringify(e, exactTokens) : `${e.day} · ${headline(e, name, config.detect.labs)}`);
  if (events.length === 0) note(noEvents(history, opts));
  return events.length;
}

/** `no events in 2026-05-01 to 2026-05-03 (history is complete 2025-01-01 to 2026-04-12, UTC)`. */
function noEvents(history: History, opts: ReplayOptions): string {
  const range = opts.from && opts.to ? (opts.from === opts.to ? `on ${opts.from}` : `in ${opts.from} to ${opts.to}`) : opts.from ? `from ${opts.from} on` : opts.to ? `up to ${opts.to}` : 'in the whole history';
  const span = history.first && history.completeThrough ? `history is complete ${history.first} to ${history.completeThrough}, UTC` : 'no complete day in history';
  return `no events ${range} (${span})`;
}

async function fromFile(path: string): Promise<{ history: History; names: ReadonlyMap<string, ModelName> }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not JSON: ${(error as Error).message}`);
  }
  try {
    const batch = toRankingsBatch(body, path);
    // A file is complete up to its meta.end_date.
    return { history: buildHistory(batch.rows, batch.meta.endDate), names: bundledNames() };
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

async function fromStore(): Promise<{ history: History; names: ReadonlyMap<string, ModelName> }> {
  const { openRuntime } = await import('../runtime.js');
  const runtime = await openRuntime(cliConfig(), { readOnly: true });
  try {
    const history = await runtime.history.history();
    if (history.first === null) throw new CliError('the store has no history yet: run `rankwatch backfill` first, or pass --file');
    return { history, names: new Map([...bundledNames(), ...(await runtime.history.names())]) };
  } finally {
    await runtime.close();
  }
}
