// A stand-in for OpenRouter's Data API on 127.0.0.1, built from shared/spec/openrouter.md rather than
// from the client, so the client's mistakes are not copied into it.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, dayNumber, isDay } from '../../src/domain/calendar.js';
import { OTHER, type Row } from '../../src/domain/rows.js';

/** Written out rather than imported: the contract's fact, not the client's constant. */
const DATA_START = '2025-01-01';
const TOP = 50;

export interface FakeModel {
  id: string;
  canonical_slug?: string | null;
  name: string;
  created?: number;
  [field: string]: unknown;
}
export interface FakeOpenRouterOptions {
  rows?: readonly Row[];
  asOf?: string;
  apiKey?: string;
  /** The last finished UTC day: the default `end_date`. */
  lastFinishedDay?: string;
  ratePerMinute?: number;
  perDay?: number;
  models?: readonly FakeModel[];
  /** Wall clock in ms, for the rate limits. */
  now?: () => number;
}
/** A scripted answer for the next `times` requests (any endpoint); `delayMs: Infinity` never answers. */
export interface Fault {
  status: number;
  body?: unknown;
  times?: number;
  delayMs?: number;
  /** Sent as-is (an HTML error page, truncated JSON). */
  rawBody?: string;
}
/** A rankings-daily body as the stand-in sends it, for `lieNext` to rewrite. */
export interface RankingsBody {
  data: { date: string; model_permaslug: string; total_tokens: string }[];
  meta: { as_of: string; version: string; start_date: string; end_date: string };
}
/** Turns the honest answer into a lying one: it must still be a body a client would parse. */
export type Lie = (honest: RankingsBody) => unknown;

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  at: number;
}

/** A small catalogue with the awkward cases: an alias, a variant listed first, no canonical_slug, an image model. */
export const FAKE_MODELS: readonly FakeModel[] = [
  { id: 'qwen/qwen3.6-plus:free', canonical_slug: 'qwen/qwen3.6-plus-04-02', name: 'Qwen: Qwen3.6 Plus (free)', created: 1775088000 },
  { id: 'qwen/qwen3.6-plus', canonical_slug: 'qwen/qwen3.6-plus-04-02', name: 'Qwen: Qwen3.6 Plus', created: 1775088000, context_length: 1000000 },
  { id: 'anthropic/claude-sonnet-4.6', canonical_slug: 'anthropic/claude-4.6-sonnet-20260217', name: 'Anthropic: Claude Sonnet 4.6', created: 1771286400 },
  { id: '~anthropic/claude-sonnet-latest', canonical_slug: 'anthropic/claude-4.6-sonnet-20260217', name: 'Anthropic: Claude Sonnet Latest' },
  { id: 'deepseek/deepseek-v4-flash', name: 'DeepSeek: DeepSeek V4 Flash', pricing: { prompt: '0.0000001' } },
  { id: 'google/gemini-3-pro-image', canonical_slug: 'google/gemini-3-pro-image-20260301', name: 'Google: Gemini 3 Pro Image', architecture: { output_modalities: ['image', 'text'] } },
  { id: 'openai/gpt-image-2', canonical_slug: 'openai/gpt-image-2', name: 'OpenAI: GPT Image 2', architecture: { output_modalities: ['image'] } },
];

const key = (date: string, model: string) => `${date}\u0000${model}`;
const byTokens = (a: Row, b: Row) => (a.tokens === b.tokens ? (a.model < b.model ? -1 : a.model > b.model ? 1 : 0) : a.tokens > b.tokens ? -1 : 1);

/** One day as the API shows it: top 50 by tokens, the rest folded into `other`, pinned last; zero rows left out. */
function showDay(date: string, rows: Row[]): Row[] {
  const models = rows.filter((r) => r.model !== OTHER && r.tokens > 0n).sort(byTokens);
  let rest = rows.find((r) => r.model === OTHER)?.tokens ?? 0n;
  for (const r of models.slice(TOP)) rest += r.tokens;
  const shown = models.slice(0, TOP);
  return rest > 0n ? [...shown, { date, model: OTHER, tokens: rest }] : shown;
}

type Window = { start: string; end: string } | { error: string };

function resolveWindow(q: URLSearchParams, lastFinishedDay: string): Window {
  const end = q.get('end_date') ?? lastFinishedDay;
  if (!isDay(end)) return { error: `end_date must be a real date in YYYY-MM-DD form, got "${end}"` };
  if (end < DATA_START) return { error: `end_date must not be before ${DATA_START}` };
  const asked = q.get('start_date') ?? addDays(end, -30);
  if (!isDay(asked)) return { error: `start_date must be a real date in YYYY-MM-DD form, got "${asked}"` };
  const start = asked < DATA_START ? DATA_START : asked;
  if (start > end) return { error: 'start_date must not be after end_date' };
  if (dayNumber(end) - dayNumber(start) + 1 > 366) return { error: 'the date range may span at most 366 days' };
  return { start, end };
}

function send(res: ServerResponse, status: number, body: unknown, raw?: string): void {
  const payload = raw ?? JSON.stringify(body);
  const type = raw === undefined ? 'application/json' : 'text/html; charset=utf-8';
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}
const sendError = (res: ServerResponse, code: number, message: string) => send(res, code, { error: { code, message } });

export async function startFakeOpenRouter(options: FakeOpenRouterOptions = {}) {
  const now = options.now ?? Date.now;
  const apiKey = options.apiKey ?? 'test-key';
  const table = new Map<string, Row>();
  const setRows = (rows: readonly Row[]) => {
    table.clear();
    for (const r of rows) table.set(key(r.date, r.model), r);
  };
  setRows(options.rows ?? []);
  let lastFinishedDay = options.lastFinishedDay ?? [...table.values()].reduce((m, r) => (r.date > m ? r.date : m), '2026-04-04');
  let asOf = options.asOf;
  const faults: Fault[] = [];
  const lies: Lie[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const accepted: number[] = [];
  const perDay = new Map<string, number>();

  /** 30 a minute per key (sliding), 500 a UTC day per account; only served requests count. */
  function overLimit(): boolean {
    const t = now();
    while (accepted.length && accepted[0]! <= t - 60_000) accepted.shift();
    const today = new Date(t).toISOString().slice(0, 10);
    if (accepted.length >= (options.ratePerMinute ?? 30) || (perDay.get(today) ?? 0) >= (options.perDay ?? 500)) return true;
    accepted.push(t);
    perDay.set(today, (perDay.get(today) ?? 0) + 1);
    return false;
  }

  function rankings(res: ServerResponse, q: URLSearchParams): void {
    const window = resolveWindow(q, lastFinishedDay);
    if ('error' in window) return sendError(res, 400, window.error);
    const days = new Map<string, Row[]>();
    for (const r of table.values()) if (r.date >= window.start && r.date <= window.end) days.set(r.date, [...(days.get(r.date) ?? []), r]);
    const data = [...days.keys()].sort().flatMap((date) =>
      showDay(date, days.get(date)!).map((r) => ({ date: r.date, model_permaslug: r.model, total_tokens: r.tokens.toString() })),
    );
    const meta = { as_of: asOf ?? `${addDays(lastFinishedDay, 1)}T02:14:07.000Z`, version: 'v1', start_date: window.start, end_date: window.end };
    const lie = lies.shift();
    send(res, 200, lie ? lie({ data, meta }) : { data, meta });
  }

  function catalogue(res: ServerResponse, q: URLSearchParams): void {
    // Without output_modalities=all the API lists only models that can answer in text.
    const all = q.get('output_modalities') === 'all';
    const outputs = (m: FakeModel) => (m.architecture as { output_modalities?: string[] } | undefined)?.output_modalities ?? ['text'];
    send(res, 200, { data: (options.models ?? FAKE_MODELS).filter((m) => all || outputs(m).includes('text')) });
  }

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization, at: now() });
    const fault = faults[0];
    if (fault) {
      if (--fault.times! <= 0) faults.shift();
      const reply = () => send(res, fault.status, fault.body ?? { error: { code: fault.status, message: STATUS_CODES[fault.status] ?? 'Error' } }, fault.rawBody);
      if (fault.delayMs === Infinity) return; // hangs until the client gives up or close()
      if (!fault.delayMs) return reply();
      const timer = setTimeout(() => (timers.delete(timer), reply()), fault.delayMs);
      return void timers.add(timer);
    }
    if (req.method !== 'GET') return sendError(res, 405, 'Method Not Allowed');
    if (url.pathname === '/api/v1/models') return catalogue(res, url.searchParams);
    if (url.pathname !== '/api/v1/datasets/rankings-daily') return sendError(res, 404, 'Not Found');
    if (req.headers.authorization !== `Bearer ${apiKey}`) return sendError(res, 401, 'No auth credentials found or invalid API key');
    if (overLimit()) return sendError(res, 429, 'Rate limit exceeded');
    rankings(res, url.searchParams);
  }

  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    requests,
    setRows,
    /** Moves one figure, as OpenRouter does for the last two or three days. */
    restate: (date: string, model: string, tokens: bigint) => void table.set(key(date, model), { date, model, tokens }),
    setAsOf: (iso: string) => void (asOf = iso),
    setLastFinishedDay: (day: string) => void (lastFinishedDay = day),
    failNext: (fault: Fault) => void faults.push({ ...fault, times: fault.times ?? 1 }),
    /** Ends every scripted fault (an outage is over); answers already hanging stay hung. */
    clearFaults: () => void faults.splice(0),
    /** Rewrites the next served rankings-daily answer (200, after auth and limits), built from the real table. */
    lieNext: (lie: Lie) => void lies.push(lie),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeOpenRouter = Awaited<ReturnType<typeof startFakeOpenRouter>>;
