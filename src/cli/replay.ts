import { readFile } from 'node:fs/promises';
import { isDay } from '../domain/calendar.js';
import { detectRange } from '../domain/detect/detect.js';
import type { DetectOptions } from '../domain/detect/options.js';
import { buildHistory, type History } from '../domain/history.js';
import type { ModelName } from '../domain/names.js';
import { detectSettings } from '../config-env.js';
import { readRankingsBatch } from '../source/rankings-batch.js';
import { CliError } from './user-error.js';

export interface ReplayOptions {
  file?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

/** The JSON replacer of eventToJson: exact token figures as decimal strings. */
const exactTokens = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** Prints every event of the range, with all history before it as context. */
export async function replay(opts: ReplayOptions, write: (line: string) => void): Promise<number> {
  for (const flag of ['from', 'to'] as const) {
    if (opts[flag] !== undefined && !isDay(opts[flag])) throw new CliError(`--${flag} wants a UTC day like 2026-04-04, got ${JSON.stringify(opts[flag])}`);
  }
  // A file replay reads only the detection settings; the store's needs the store's (cliConfig).
  const { history, names, detect } = opts.file ? await fromFile(opts.file) : await fromStore();
  const events = detectRange(history, { from: opts.from, to: opts.to }, detect);
  if (opts.json) {
    // The line eventToJson describes, stringified once (no stringify → parse → stringify per event).
    for (const e of events) write(JSON.stringify(e, exactTokens));
    return events.length;
  }
  // Sentences need names (the bundled catalogue under the store's); --json does not load them.
  const [{ headline }, { labelModel }, known] = await Promise.all([import('../domain/alert-text.js'), import('../domain/names.js'), names()]);
  const name = (slug: string) => labelModel(slug, known).name;
  for (const e of events) write(`${e.day} · ${headline(e, name, detect.labs)}`);
  return events.length;
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
    const batch = await readRankingsBatch(body, path);
    // A file is complete up to its meta.end_date.
    history = buildHistory(batch.rows, batch.meta.endDate);
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
