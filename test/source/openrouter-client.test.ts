import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Row } from '../../src/domain/rows.js';
import { OpenRouterClient, type OpenRouterClientOptions } from '../../src/source/openrouter-client.js';
import { SourceError } from '../../src/source/source.js';
import { startFakeOpenRouter, type FakeOpenRouter, type RankingsBody } from '../fakes/openrouter.js';

const KEY = 'sk-or-v1-test-secret';
const BIG = 2n ** 53n + 1n; // not representable as a JS number
const ROWS: Row[] = [
  { date: '2026-04-04', model: 'other', tokens: 1_210_448_209_113n },
  { date: '2026-04-04', model: 'qwen/qwen3.6-plus-04-02', tokens: BIG },
  { date: '2026-04-04', model: 'anthropic/claude-4.6-sonnet-20260217', tokens: 711_204_998_120n },
  { date: '2026-04-03', model: 'qwen/qwen3.6-plus-04-02', tokens: 951_004_223_871n },
  { date: '2025-01-01', model: 'openai/gpt-4o-2024-11-20', tokens: 12_000_000_000n },
];
const META = { as_of: '2026-04-05T02:14:07.000Z', version: 'v1', start_date: '2026-04-04', end_date: '2026-04-04' };

let fake: FakeOpenRouter;
let sleeps: number[];
let warnings: { obj: object; msg: string }[];

function client(options: Partial<OpenRouterClientOptions> = {}): OpenRouterClient {
  return new OpenRouterClient({
    baseUrl: fake.url,
    apiKey: KEY,
    minIntervalMs: 0,
    sleep: async (ms) => void sleeps.push(ms),
    logger: { warn: (obj, msg) => void warnings.push({ obj, msg }) },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

beforeEach(async () => {
  fake = await startFakeOpenRouter({ rows: ROWS, apiKey: KEY, lastFinishedDay: '2026-04-04', asOf: META.as_of });
  sleeps = [];
  warnings = [];
});
afterEach(() => fake.close());

describe('fetchDaily', () => {
  test('given big totals when fetched then bigints are exact and rows keep the API order', async () => {
    const batch = await client({ baseUrl: `${fake.url}/` }).fetchDaily({ start: '2026-04-03', end: '2026-04-04' });
    expect(batch.rows).toEqual([
      { date: '2026-04-03', model: 'qwen/qwen3.6-plus-04-02', tokens: 951_004_223_871n },
      { date: '2026-04-04', model: 'qwen/qwen3.6-plus-04-02', tokens: 9_007_199_254_740_993n },
      { date: '2026-04-04', model: 'anthropic/claude-4.6-sonnet-20260217', tokens: 711_204_998_120n },
      { date: '2026-04-04', model: 'other', tokens: 1_210_448_209_113n },
    ]);
    expect(batch.meta).toEqual({ asOf: META.as_of, version: 'v1', startDate: '2026-04-03', endDate: '2026-04-04' });
    expect(fake.requests).toMatchObject([
      { path: '/api/v1/datasets/rankings-daily', query: { start_date: '2026-04-03', end_date: '2026-04-04' }, authorization: `Bearer ${KEY}` },
    ]);
  });

  test('given a start before the data when fetched then the clamped window is read back from meta', async () => {
    const batch = await client().fetchDaily({ start: '2024-12-01', end: '2025-01-10' });
    expect(batch.meta).toMatchObject({ startDate: '2025-01-01', endDate: '2025-01-10' });
    expect(batch.rows.map((r) => r.date)).toEqual(['2025-01-01']);
  });

  test.each([
    ['an end before the data', '2024-06-01', '2024-12-31', /end_date/],
    ['a span over 366 days', '2025-01-01', '2026-01-02', /366/],
  ])('given %s when fetched then bad_request carries the API message, not retried', async (_, start, end, message) => {
    const err = await failure(client().fetchDaily({ start, end }));
    expect(err).toMatchObject({ kind: 'bad_request', status: 400 });
    expect(err.message).toMatch(message);
    expect(fake.requests).toHaveLength(1);
  });

  test('given a day that does not exist when sent raw then the fake refuses it with 400', async () => {
    const res = await fetch(`${fake.url}/datasets/rankings-daily?start_date=2026-02-01&end_date=2026-02-30`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 400 } });
    await expect(client().fetchDaily({ start: '2026-02-01', end: '2026-02-30' })).rejects.toMatchObject({ kind: 'bad_request' });
  });

  test('given a bad key when fetched then auth names OPENROUTER_API_KEY, is not retried and never logs the key', async () => {
    const err = await failure(client({ apiKey: 'sk-or-v1-wrong' }).fetchDaily({ start: '2026-04-04', end: '2026-04-04' }));
    expect(err).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(err.message).toContain('OPENROUTER_API_KEY');
    expect(err.message).not.toContain('sk-or-v1-wrong');
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test('given one 429 when fetched then it waits at least 10 s and succeeds', async () => {
    fake.failNext({ status: 429 });
    const batch = await client().fetchDaily({ start: '2026-04-04', end: '2026-04-04' });
    expect(batch.rows).toHaveLength(3);
    expect(sleeps).toEqual([10_000]);
    expect(fake.requests).toHaveLength(2);
    expect(JSON.stringify(warnings)).not.toContain(KEY);
  });

  test('given the per-minute limit spent when fetched then rate_limited', async () => {
    await fake.close();
    fake = await startFakeOpenRouter({ rows: ROWS, apiKey: KEY, ratePerMinute: 2 });
    const c = client({ retries: 0 });
    for (let i = 0; i < 2; i++) await c.fetchDaily({ start: '2026-04-04', end: '2026-04-04' });
    const err = await failure(c.fetchDaily({ start: '2026-04-04', end: '2026-04-04' }));
    expect(err).toMatchObject({ kind: 'rate_limited', status: 429 });
  });

  test('given 500 on every attempt when fetched then server error after 2 s, 4 s, 8 s', async () => {
    fake.failNext({ status: 500, times: 4 });
    const err = await failure(client().fetchDaily({ start: '2026-04-04', end: '2026-04-04' }));
    expect(err).toMatchObject({ kind: 'server', status: 500 });
    expect(sleeps).toEqual([2_000, 4_000, 8_000]);
    expect(fake.requests).toHaveLength(4);
  });

  test('given a hanging response when fetched then timeout, and a retry can succeed', async () => {
    fake.failNext({ status: 200, delayMs: Infinity });
    const err = await failure(client({ timeoutMs: 100, retries: 0 }).fetchDaily({ start: '2026-04-04', end: '2026-04-04' }));
    expect(err.kind).toBe('timeout');
    fake.failNext({ status: 200, delayMs: Infinity });
    const batch = await client({ timeoutMs: 100, retries: 1 }).fetchDaily({ start: '2026-04-04', end: '2026-04-04' });
    expect(batch.rows).toHaveLength(3);
  });

  test('given nothing listening when fetched then network', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const err = await failure(client({ baseUrl: `http://127.0.0.1:${port}/api/v1`, retries: 0 }).fetchDaily({ start: '2026-04-04', end: '2026-04-04' }));
    expect(err.kind).toBe('network');
  });

  test.each([
    ['a window it was not asked', (b: RankingsBody) => ({ ...b, meta: { ...b.meta, start_date: '2025-01-01' } }), /^OpenRouter answered window 2025-01-01\.\.2026-04-04 for 2026-04-03\.\.2026-04-04$/],
    ['an end past the one asked', (b: RankingsBody) => ({ ...b, meta: { ...b.meta, end_date: '2030-01-01' } }), /answered through 2030-01-01, after the 2026-04-04 asked for/],
    ['a row outside its window', (b: RankingsBody) => ({ ...b, data: [...b.data, { date: '2025-01-01', model_permaslug: 'a/old', total_tokens: '5' }] }), /row for 2025-01-01 \(a\/old\), outside the window 2026-04-03\.\.2026-04-04/],
    ['10^30 tokens', (b: RankingsBody) => ({ ...b, data: [{ ...b.data[0]!, total_tokens: `1${'0'.repeat(30)}` }] }), /tokens for qwen\/qwen3\.6-plus-04-02 on 2026-04-03, past the plausible/],
    ['a (date, model) twice', (b: RankingsBody) => ({ ...b, data: [...b.data, b.data[0]!] }), /duplicates \(2026-04-03, qwen\/qwen3\.6-plus-04-02\)/],
  ])('given %s with 200 when fetched then malformed, rejected whole and not retried', async (_, lie, message) => {
    fake.lieNext(lie);
    const err = await failure(client().fetchDaily({ start: '2026-04-03', end: '2026-04-04' }));
    expect(err).toMatchObject({ kind: 'malformed', retryable: false });
    expect(err.message).toMatch(message);
    expect(fake.requests).toHaveLength(1);
  });

  test('given a row with fractional tokens when fetched then the batch is rejected whole, naming the row', async () => {
    const data = [
      { date: '2026-04-04', model_permaslug: 'a/one', total_tokens: '300' },
      { date: '2026-04-04', model_permaslug: 'a/two', total_tokens: '200' },
      { date: '2026-04-04', model_permaslug: 'a/three', total_tokens: '12.5' },
    ];
    fake.failNext({ status: 200, body: { data, meta: META } });
    const err = await failure(client().fetchDaily({ start: '2026-04-04', end: '2026-04-04' }));
    expect(err).toMatchObject({ kind: 'malformed', retryable: false });
    expect(err.message).toMatch(/row 3 has bad total_tokens/);
    expect(err.message).toContain('a/three');
    expect(fake.requests).toHaveLength(1);
  });

  test.each([
    ['an HTML page', { rawBody: '<html><body>Bad gateway</body></html>' }, /not JSON/],
    ['no meta', { body: { data: [] } }, /meta/],
    ['an as_of that is no instant', { body: { data: [], meta: { ...META, as_of: 'yesterday' } } }, /as_of/],
    ['a start_date that is no day', { body: { data: [], meta: { ...META, start_date: '2026-02-30' } } }, /start_date/],
  ])('given %s with 200 when fetched then malformed', async (_, fault, message) => {
    fake.failNext({ status: 200, ...fault });
    const err = await failure(client().fetchDaily({ start: '2026-04-04', end: '2026-04-04' }));
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(message);
  });

  test('given an unknown version and extra fields when fetched then accepted with one warning', async () => {
    const body = { data: [{ date: '2026-04-04', model_permaslug: 'a/one', total_tokens: '7', share: 0.1 }], meta: { ...META, version: 'v2', cursor: 'x' }, links: {} };
    fake.failNext({ status: 200, body, times: 2 });
    const c = client();
    for (let i = 0; i < 2; i++) expect((await c.fetchDaily({ start: '2026-04-04', end: '2026-04-04' })).meta.version).toBe('v2');
    expect(warnings).toEqual([{ obj: { version: 'v2' }, msg: expect.stringMatching(/version/) }]);
  });

  test('given a restatement when fetched again then the new figure comes back', async () => {
    const c = client();
    fake.restate('2026-04-04', 'anthropic/claude-4.6-sonnet-20260217', 711_205_100_000n);
    const batch = await c.fetchDaily({ start: '2026-04-04', end: '2026-04-04' });
    expect(batch.rows[1]).toEqual({ date: '2026-04-04', model: 'anthropic/claude-4.6-sonnet-20260217', tokens: 711_205_100_000n });
  });
});

describe('fetchModels', () => {
  test('given aliases and variants when fetched then aliases are skipped and the base id wins its slug', async () => {
    const models = await client().fetchModels();
    expect(fake.requests[0]).toMatchObject({ path: '/api/v1/models', query: { output_modalities: 'all' } });
    expect(models).toEqual([
      { id: 'qwen/qwen3.6-plus', canonicalSlug: 'qwen/qwen3.6-plus-04-02', name: 'Qwen: Qwen3.6 Plus', created: 1775088000 },
      { id: 'anthropic/claude-sonnet-4.6', canonicalSlug: 'anthropic/claude-4.6-sonnet-20260217', name: 'Anthropic: Claude Sonnet 4.6', created: 1771286400 },
      { id: 'deepseek/deepseek-v4-flash', canonicalSlug: 'deepseek/deepseek-v4-flash', name: 'DeepSeek: DeepSeek V4 Flash' },
      { id: 'google/gemini-3-pro-image', canonicalSlug: 'google/gemini-3-pro-image-20260301', name: 'Google: Gemini 3 Pro Image' },
      { id: 'openai/gpt-image-2', canonicalSlug: 'openai/gpt-image-2', name: 'OpenAI: GPT Image 2' },
    ]);
  });

  test('given a catalogue row without an id when fetched then malformed', async () => {
    fake.failNext({ status: 200, body: { data: [{ name: 'nameless' }] } });
    await expect(client().fetchModels()).rejects.toMatchObject({ kind: 'malformed', message: expect.stringMatching(/data\.0\.id/) });
  });
});

describe('limiter', () => {
  test('given back-to-back calls on both endpoints when made then starts are 3 s apart', async () => {
    let clock = 0;
    const c = client({ minIntervalMs: undefined, now: () => clock, sleep: async (ms) => void (sleeps.push(ms), (clock += ms)) });
    await c.fetchDaily({ start: '2026-04-04', end: '2026-04-04' });
    await c.fetchModels();
    clock += 1_000; // time spent elsewhere counts toward the gap
    await c.fetchDaily({ start: '2026-04-03', end: '2026-04-03' });
    expect(sleeps).toEqual([3_000, 2_000]);
  });

  test('given concurrent calls when made then each waits its own slot', async () => {
    const c = client({ minIntervalMs: 3_000, now: () => 0 });
    await Promise.all([c.fetchModels(), c.fetchModels(), c.fetchDaily({ start: '2026-04-04', end: '2026-04-04' })]);
    expect(sleeps).toEqual([3_000, 6_000]);
  });
});

describe('the fake follows the contract', () => {
  type Body = { data: { model_permaslug: string }[]; meta: Record<string, string> };
  const json = async (res: Response) => (await res.json()) as Body;
  const get = (query: string, key = KEY) => fetch(`${fake.url}/datasets/rankings-daily${query}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });

  test('given no dates when asked then the window is the 30 days before the last finished day', async () => {
    const body = await json(await get(''));
    expect(body.meta).toMatchObject({ start_date: '2026-03-05', end_date: '2026-04-04', version: 'v1' });
    expect(body.data[0]).toEqual({ date: '2026-04-03', model_permaslug: 'qwen/qwen3.6-plus-04-02', total_tokens: '951004223871' });
  });

  test('given no key when asked then 401 with the error body', async () => {
    const res = await get('', '');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 401, message: expect.any(String) } });
  });

  test('given 60 models on a day when asked then the top 50 are shown and the rest folds into other, last', async () => {
    const models = Array.from({ length: 60 }, (_, i) => ({ date: '2026-04-04', model: `m/${String(i).padStart(2, '0')}`, tokens: BigInt(1000 - (i % 30)) }));
    fake.setRows([...models, { date: '2026-04-04', model: 'other', tokens: 5n }, { date: '2026-04-04', model: 'm/zero', tokens: 0n }]);
    const { data } = await json(await get('?start_date=2026-04-04&end_date=2026-04-04'));
    expect(data).toHaveLength(51);
    expect(data.slice(0, 3).map((r) => r.model_permaslug)).toEqual(['m/00', 'm/30', 'm/01']);
    const folded = [...models].sort((a, b) => Number(b.tokens - a.tokens) || a.model.localeCompare(b.model)).slice(50);
    expect(data[50]).toEqual({ date: '2026-04-04', model_permaslug: 'other', total_tokens: String(folded.reduce((s, r) => s + r.tokens, 5n)) });
  });

  test('given the limit spent when asked then 429 without Retry-After', async () => {
    await fake.close();
    fake = await startFakeOpenRouter({ apiKey: KEY, perDay: 1 });
    expect((await get('')).status).toBe(200);
    const res = await get('');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: 429 } });
  });
});
