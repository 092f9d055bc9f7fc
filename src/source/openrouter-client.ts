// The RankingsSource backed by OpenRouter's Data API (see shared/spec/openrouter.md).
import { isDay } from '../domain/calendar.js';
import { checkBatch } from './check-batch.js';
import { apiErrorSchema, toModelInfos, toRankingsBatch } from './openrouter-schemas.js';
import { SourceError, type ModelInfo, type RankingsBatch, type RankingsSource } from './source.js';

/** Just what the client logs through; pino's logger fits. */
export interface SourceLogger {
  warn(obj: object, msg: string): void;
}

export interface OpenRouterClientOptions {
  /** `https://openrouter.ai/api/v1` (`OPENROUTER_API_URL`); a trailing slash is fine. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly fetch?: typeof fetch;
  /** Per attempt, covering headers and body. Default 30 s. */
  readonly timeoutMs?: number;
  /** Extra attempts after the first, for retryable failures only. Default 3. */
  readonly retries?: number;
  /** First backoff; doubles each retry (2 s, 4 s, 8 s). Default 2000. */
  readonly backoffMs?: number;
  /** The least wait after a 429: the API sends no Retry-After. Default 10 s. */
  readonly rateLimitedBackoffMs?: number;
  /** Least gap between request starts, across every endpoint. Default 3 s (20/min, under the 30/min cap). */
  readonly minIntervalMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds, for the limiter. */
  readonly now?: () => number;
  readonly logger?: SourceLogger;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads OpenRouter's daily rankings and model catalogue, with bounded retries and a request limiter. */
export class OpenRouterClient implements RankingsSource {
  readonly name = 'OpenRouter';
  private readonly base: string;
  private readonly opts: Required<Omit<OpenRouterClientOptions, 'logger'>> & { logger?: SourceLogger };
  private nextSlot = -Infinity;
  private readonly warnedVersions = new Set<string>();

  constructor(options: OpenRouterClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    // `??` rather than a spread, so an explicit `undefined` still gets the default.
    this.opts = {
      baseUrl: this.base,
      apiKey: options.apiKey,
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: options.timeoutMs ?? 30_000,
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 2_000,
      rateLimitedBackoffMs: options.rateLimitedBackoffMs ?? 10_000,
      minIntervalMs: options.minIntervalMs ?? 3_000,
      sleep: options.sleep ?? defaultSleep,
      now: options.now ?? (() => performance.now()),
      logger: options.logger,
    };
  }

  async fetchDaily({ start, end }: { start: string; end: string }): Promise<RankingsBatch> {
    if (!isDay(start) || !isDay(end)) throw new SourceError('bad_request', `not a UTC day window: ${start}..${end}`);
    // Both dates always sent: the defaults move with the clock; the resolved window comes back in meta.
    const body = await this.get(`/datasets/rankings-daily?start_date=${start}&end_date=${end}`);
    // Refused whole unless it answers the window asked: a body that parses can still lie about it.
    const batch = checkBatch(toRankingsBatch(body, this.name), { start, end }, this.name);
    const { version } = batch.meta;
    if (version !== 'v1' && !this.warnedVersions.has(version)) {
      this.warnedVersions.add(version);
      this.opts.logger?.warn({ version }, 'OpenRouter rankings-daily answered an unknown version; reading it as v1');
    }
    return batch;
  }

  async fetchModels(): Promise<ModelInfo[]> {
    return toModelInfos(await this.get('/models?output_modalities=all'), 'OpenRouter');
  }

  private async get(path: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.takeSlot();
        return await this.once(path);
      } catch (err) {
        if (!(err instanceof SourceError) || !err.retryable || attempt >= this.opts.retries) throw err;
        const delayMs = this.backoff(err, attempt);
        this.opts.logger?.warn({ path: path.split('?')[0], kind: err.kind, status: err.status, attempt: attempt + 1, delayMs }, 'OpenRouter request failed; retrying');
        await this.opts.sleep(delayMs);
      }
    }
  }

  private backoff(err: SourceError, attempt: number): number {
    const delay = this.opts.backoffMs * 2 ** attempt;
    return err.kind === 'rate_limited' ? Math.max(delay, this.opts.rateLimitedBackoffMs) : delay;
  }

  /** Reserves the next start slot synchronously, so concurrent callers queue instead of bursting. */
  private async takeSlot(): Promise<void> {
    const now = this.opts.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + this.opts.minIntervalMs;
    if (at > now) await this.opts.sleep(at - now);
  }

  private async once(path: string): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      const res = await this.opts.fetch(this.base + path, {
        headers: { Authorization: `Bearer ${this.opts.apiKey}`, Accept: 'application/json' },
        signal: controller.signal,
      });
      const text = await res.text();
      if (!res.ok) throw statusError(res.status, text);
      return parseJson(text);
    } catch (err) {
      if (err instanceof SourceError) throw err;
      // Our own abort is the timeout; any other fetch failure is the connection (DNS, refused, reset).
      if (controller.signal.aborted) throw new SourceError('timeout', `OpenRouter did not answer within ${this.opts.timeoutMs} ms`);
      throw new SourceError('network', `could not reach OpenRouter at ${this.base}: ${describe(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function statusError(status: number, text: string): SourceError {
  if (status === 401) return new SourceError('auth', 'OpenRouter rejected the API key (401): check OPENROUTER_API_KEY', status);
  if (status === 429) return new SourceError('rate_limited', 'OpenRouter rate limit reached (429): 30 requests a minute, 500 a day', status);
  if (status >= 500) return new SourceError('server', `OpenRouter server error (${status})`, status);
  const message = apiMessage(text);
  if (status === 400) return new SourceError('bad_request', `OpenRouter refused the request (400): ${message}`, status);
  const hint = status === 404 ? '; check OPENROUTER_API_URL' : '';
  return new SourceError('bad_request', `OpenRouter answered ${status}: ${message}${hint}`, status);
}

function apiMessage(text: string): string {
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.error.message;
  } catch {
    // Not JSON: fall through to a preview of the raw text.
  }
  return preview(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError('malformed', `OpenRouter sent a body that is not JSON: ${preview(text)}`);
  }
}

const preview = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);

function describe(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
}
