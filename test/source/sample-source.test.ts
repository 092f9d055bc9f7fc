import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SampleSource } from '../../src/source/sample-source.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const RANKINGS = fixture('openrouter-rankings-daily.json');
const MODELS = fixture('openrouter-models.json');
const sample = (revealThrough?: () => string | undefined) => new SampleSource({ rankingsFile: RANKINGS, modelsFile: MODELS, revealThrough });

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'rankwatch-sample-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('SampleSource.fetchDaily', () => {
  test('given a window inside the file when fetched then only its rows, exact, with the file meta', async () => {
    const batch = await sample().fetchDaily({ start: '2026-04-04', end: '2026-04-05' });
    expect(batch.rows.map((r) => [r.date, r.model])).toEqual([
      ['2026-04-04', 'qwen/qwen3.6-plus-04-02:free'],
      ['2026-04-04', 'anthropic/claude-4.6-sonnet-20260217'],
      ['2026-04-04', 'other'],
      ['2026-04-05', 'qwen/qwen3.6-plus-04-02:free'],
      ['2026-04-05', 'deepseek/deepseek-v4-flash'],
      ['2026-04-05', 'other'],
    ]);
    expect(batch.rows[4]!.tokens).toBe(9_007_199_254_740_993n);
    expect(batch.meta).toEqual({ asOf: '2026-04-06T02:14:07.000Z', version: 'v1', startDate: '2026-04-04', endDate: '2026-04-05' });
  });

  test('given a window wider than the file when fetched then meta is the window asked, like the API, with the rows the file has', async () => {
    const batch = await sample().fetchDaily({ start: '2026-03-01', end: '2026-05-01' });
    expect(batch.meta).toMatchObject({ startDate: '2026-03-01', endDate: '2026-05-01' });
    expect(batch.rows).toHaveLength(12);
  });

  test('given a start before the data when fetched then it is clamped forward to 2025-01-01, like the API', async () => {
    expect((await sample().fetchDaily({ start: '2024-12-01', end: '2025-01-10' })).meta).toMatchObject({ startDate: '2025-01-01', endDate: '2025-01-10' });
  });

  test('given a reveal day when fetched then later rows are hidden and the day reads as settled', async () => {
    let through: string | undefined = '2026-04-03';
    const source = sample(() => through);
    const first = await source.fetchDaily({ start: '2026-04-01', end: '2026-04-05' });
    expect(first.rows.map((r) => r.date)).toEqual(['2026-04-02', '2026-04-02', '2026-04-02', '2026-04-03', '2026-04-03', '2026-04-03']);
    expect(first.meta).toMatchObject({ startDate: '2026-04-01', endDate: '2026-04-05', asOf: '2026-04-04T03:00:00.000Z' });
    through = '2026-04-04';
    const next = await source.fetchDaily({ start: '2026-04-04', end: '2026-04-05' });
    expect(next.meta).toMatchObject({ endDate: '2026-04-05', asOf: '2026-04-05T03:00:00.000Z' });
    expect(next.rows).toHaveLength(3);
    through = '2026-09-01';
    expect((await source.fetchDaily({ start: '2026-04-04', end: '2026-04-05' })).meta).toMatchObject({ endDate: '2026-04-05', asOf: '2026-04-06T03:00:00.000Z' });
  });

  test.each([
    ['a day that does not exist', '2026-02-01', '2026-02-30'],
    ['an end before the data', '2024-01-01', '2024-12-31'],
    ['a span over 366 days', '2025-01-01', '2026-01-02'],
  ])('given %s when fetched then bad_request like the API', async (_, start, end) => {
    await expect(sample().fetchDaily({ start, end })).rejects.toMatchObject({ kind: 'bad_request' });
  });

  test('given a file with a bad row when fetched then malformed naming the row and the file', async () => {
    const file = join(dir, 'bad-rows.json');
    const data = [{ date: '2026-04-04', model_permaslug: 'a/one', total_tokens: '1' }, { date: '2026-04-04', model_permaslug: 'a/two', total_tokens: -3 }];
    await writeFile(file, JSON.stringify({ data, meta: { as_of: '2026-04-05T02:00:00Z', version: 'v1', start_date: '2026-04-04', end_date: '2026-04-04' } }));
    const err = new SampleSource({ rankingsFile: file }).fetchDaily({ start: '2026-04-04', end: '2026-04-04' });
    await expect(err).rejects.toMatchObject({ kind: 'malformed', message: expect.stringMatching(/bad-rows\.json.*row 2 has bad total_tokens/) });
  });

  test.each([
    ['a row outside its own window', { date: '2026-04-05', model_permaslug: 'a/late', total_tokens: '1' }, /row for 2026-04-05 \(a\/late\), outside the window 2026-04-04\.\.2026-04-04/],
    ['an absurd figure', { date: '2026-04-04', model_permaslug: 'a/huge', total_tokens: `1${'0'.repeat(30)}` }, /tokens for a\/huge on 2026-04-04, past the plausible/],
  ])('given a file with %s when fetched then malformed naming the file', async (name, bad, message) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    const data = [{ date: '2026-04-04', model_permaslug: 'a/one', total_tokens: '1' }, bad];
    await writeFile(file, JSON.stringify({ data, meta: { as_of: '2026-04-05T02:00:00Z', version: 'v1', start_date: '2026-04-04', end_date: '2026-04-04' } }));
    const err = new SampleSource({ rankingsFile: file }).fetchDaily({ start: '2026-04-04', end: '2026-04-04' });
    await expect(err).rejects.toMatchObject({ kind: 'malformed', message: expect.stringMatching(message) });
    await expect(err).rejects.toThrow(file);
  });

  test('given a missing file when fetched then the error names it, and a file written later is read', async () => {
    const file = join(dir, 'later.json');
    const source = new SampleSource({ rankingsFile: file });
    await expect(source.fetchDaily({ start: '2026-04-04', end: '2026-04-04' })).rejects.toThrow(/later\.json.*npm run sample/);
    await writeFile(file, JSON.stringify({ data: [], meta: { as_of: '2026-04-05T02:00:00Z', version: 'v1', start_date: '2026-04-04', end_date: '2026-04-04' } }));
    expect((await source.fetchDaily({ start: '2026-04-04', end: '2026-04-04' })).rows).toEqual([]);
  });
});

describe('SampleSource.fetchModels', () => {
  test('given the catalogue file when fetched then aliases are skipped and base ids win', async () => {
    expect((await sample().fetchModels()).map((m) => [m.id, m.canonicalSlug])).toEqual([
      ['qwen/qwen3.6-plus', 'qwen/qwen3.6-plus-04-02'],
      ['anthropic/claude-sonnet-4.6', 'anthropic/claude-4.6-sonnet-20260217'],
      ['deepseek/deepseek-v4-flash', 'deepseek/deepseek-v4-flash'],
    ]);
  });
});

const bundled = new URL('../../data/sample/rankings-daily.json', import.meta.url);
describe.skipIf(!existsSync(bundled) || !existsSync(new URL('../../data/sample/models.json', import.meta.url)))('the bundled sample', () => {
  test('given the default files when read then they validate', async () => {
    const source = new SampleSource();
    const models = await source.fetchModels();
    expect(models.length).toBeGreaterThan(0);
    const { meta } = await source.fetchDaily({ start: '2026-01-01', end: '2026-12-31' });
    expect(meta.version).toBe('v1');
  });
});
