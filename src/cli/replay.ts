import { readFile } from 'node:fs/promises';
import { isDay } from '../domain/calendar.js';
import { detectRange } from '../domain/detect/detect.js';
import type { DetectOptions } from '../domain/detect/options.js';
import type { History } from '../domain/history.js';
import type { ModelName } from '../domain/names.js';
import { detectSettings } from '../config-env.js';
import { readRankingsHistory } from '../source/rankings-batch.js';
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
  // A file replay reads only the detection settings; the store's needs the store's (cliConfig).
  if (opts.from && opts.to && opts.from > opts.to) throw new CliError(`--from ${opts.from} is after --to ${opts.to}: the range runs backwards (swap them)`);
  const { history, names, detect } = opts.file ? await fromFile(opts.file) : await fromStore();
  const events = detectRange(history, { from: opts.from, to: opts.to }, detect);
  if (opts.json) {
    // The line eventToJson describes, stringified once (no stringify → parse → stringify per event).
    for (const e of events) write(JSON.stringify(e, exactTokens));
    if (events.length === 0) note(noEvents(history, opts));
    return events.length;
  }
  // Sentences need names (the bundled catalogue under the store's); --json does not load them.
  const [{ headline }, { labelModel }, known] = await Promise.all([import('../domain/alert-text.js'), import('../domain/names.js'), names()]);
  const name = (slug: string) => labelModel(slug, known).name;
  for (const e of events) write(`${e.day} · ${headline(e, name, detect.labs)}`);
  if (events.length === 0) note(noEvents(history, opts));
  return events.length;
}

/** `no events in 2026-05-01 to 2026-05-03 (history is complete 2025-01-01 to 2026-04-12, UTC)`. */
function noEvents(history: History, opts: ReplayOptions): string {
  const range = opts.from && opts.to ? (opts.from === opts.to ? `on ${opts.from}` : `in ${opts.from} to ${opts.to}`) : opts.from ? `from ${opts.from} on` : opts.to ? `up to ${opts.to}` : 'in the whole history';
  const span = history.first && history.completeThrough ? `history is complete ${history.first} to ${history.completeThrough}, UTC` : 'no complete day in history';
  return `no events ${range} (${span})`;
}

interface Replayed {
  history: History;
  names: () => Promise<ReadonlyMap<string, ModelName>>;
  detect: DetectOptions;
}

const bundled = async () => (await import('./bundled-names.js')).bundledNames();

async function fromFile(path: string): Promise<Replayed> {
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
  let history: History;
  try {
    // A file is complete up to its meta.end_date.
    history = await readRankingsHistory(body, path);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return { history, names: bundled, detect: await detectSettings() };
}

async function fromStore(): Promise<Replayed> {
  const [{ openRuntime }, { cliConfig }] = await Promise.all([import('../runtime.js'), import('./cli-config.js')]);
  const config = cliConfig();
  const runtime = await openRuntime(config, { readOnly: true });
  try {
    const history = await runtime.history.history();
    if (history.first === null) throw new CliError('the store has no history yet: run `rankwatch backfill` first, or pass --file');
    const stored = await runtime.history.names();
    return { history, names: async () => new Map([...(await bundled()), ...stored]), detect: config.detect };
  } finally {
    await runtime.close();
  }
}
