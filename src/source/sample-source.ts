// The bundled sample as a RankingsSource, so the bot runs (and the console demo replays) without a key.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { addDays, dayNumber, isDay } from '../domain/calendar.js';
import { answeredWindow, checkBatch } from './check-batch.js';
import { toModelInfos, toRankingsBatch } from './openrouter-schemas.js';
import { DATA_START, MAX_WINDOW_DAYS, SourceError, type ModelInfo, type RankingsBatch, type RankingsSource } from './source.js';
import { shipped } from '../paths.js';

export interface SampleSourceOptions {
  /** A rankings-daily response body saved to a file. Default `data/sample/rankings-daily.json`. */
  readonly rankingsFile?: string | URL;
  /** A `/models` response body saved to a file. Default `data/sample/models.json`. */
  readonly modelsFile?: string | URL;
  /**
   * The last day to show, asked on every read: the console demo moves it forward to replay the last
   * days one at a time. Later rows are hidden, and `as_of` becomes 03:00Z the next day so the
   * revealed day reads as settled. `undefined` shows the whole file.
   */
  readonly revealThrough?: () => string | undefined;
}

const DEFAULT_RANKINGS = shipped('data/sample/rankings-daily.json');
const DEFAULT_MODELS = shipped('data/sample/models.json');

/** Serves saved OpenRouter answers, validated once with the same schema as the live client. */
export class SampleSource implements RankingsSource {
  readonly name = 'the sample data';
  private batch?: Promise<RankingsBatch>;
  private models?: Promise<ModelInfo[]>;

  constructor(private readonly options: SampleSourceOptions = {}) {}

  async fetchDaily({ start, end }: { start: string; end: string }): Promise<RankingsBatch> {
    const all = await this.all();
    const reveal = this.options.revealThrough?.();
    const last = reveal !== undefined && reveal < all.meta.endDate ? reveal : all.meta.endDate;
    // Answers like the API: the window asked (an early start clamped forward), with the rows the
    // file has in it; days it lacks are simply empty, as a gap at the source would be.
    checkWindow(start, end);
    const window = answeredWindow({ start, end });
    const batch = {
      rows: all.rows.filter((r) => r.date >= window.start && r.date <= window.end && r.date <= last),
      meta: { ...all.meta, asOf: reveal === undefined ? all.meta.asOf : `${addDays(last, 1)}T03:00:00.000Z`, startDate: window.start, endDate: window.end },
    };
    return checkBatch(batch, { start, end }, this.name);
  }

  /** The last day the sample has (its meta.end_date), whatever is revealed. */
  async lastDay(): Promise<string> {
    return (await this.all()).meta.endDate;
  }

  /** The whole file, checked against its own meta: every row inside its window, no figure past belief. */
  private all(): Promise<RankingsBatch> {
    const file = this.options.rankingsFile ?? DEFAULT_RANKINGS;
    const parse = (body: unknown, from: string) => {
      const batch = toRankingsBatch(body, from);
      return checkBatch(batch, { start: batch.meta.startDate, end: batch.meta.endDate }, from);
    };
    return (this.batch ??= this.load(file, parse, () => (this.batch = undefined)));
  }

  async fetchModels(): Promise<ModelInfo[]> {
    const file = this.options.modelsFile ?? DEFAULT_MODELS;
    return [...(await (this.models ??= this.load(file, toModelInfos, () => (this.models = undefined))))];
  }

  /** Reads and validates a file; a failure is not cached, so a file written later is picked up. */
  private async load<T>(file: string | URL, parse: (body: unknown, from: string) => T, forget: () => void): Promise<T> {
    const path = file instanceof URL ? fileURLToPath(file) : file;
    try {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        throw new Error(`cannot read the sample data at ${path} (${code}): run \`npm run sample\` to generate it`);
      }
      return parse(parseJson(text, path), `the sample file ${path}`);
    } catch (err) {
      forget();
      throw err;
    }
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SourceError('malformed', `the sample file ${path} is not JSON: ${(err as Error).message}`);
  }
}

/** The API's 400s, so code that works against the sample does not break against OpenRouter. */
function checkWindow(start: string, end: string): void {
  if (!isDay(start) || !isDay(end)) throw new SourceError('bad_request', `not a UTC day window: ${start}..${end}`, 400);
  if (end < DATA_START) throw new SourceError('bad_request', `end_date must not be before ${DATA_START}`, 400);
  const first = start < DATA_START ? DATA_START : start;
  if (dayNumber(end) - dayNumber(first) + 1 > MAX_WINDOW_DAYS) throw new SourceError('bad_request', `the window may span at most ${MAX_WINDOW_DAYS} days`, 400);
}
