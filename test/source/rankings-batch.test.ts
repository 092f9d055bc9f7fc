/**
 * The plain check that lets `replay --file` skip zod accepts nothing the schema rejects, and
 * readRankingsBatch answers exactly as toRankingsBatch (same batch, same error) either way.
 */
import { describe, expect, test } from 'vitest';
import { toRankingsBatch } from '../../src/source/openrouter-schemas.js';
import { buildHistory } from '../../src/domain/history.js';
import { plainRankingsBody, readRankingsBatch, readRankingsHistory } from '../../src/source/rankings-batch.js';

const row = { date: '2026-04-04', model_permaslug: 'qwen/qwen3.6-plus-04-02', total_tokens: '1571944155326' };
const meta = { as_of: '2026-04-05T03:00:00.000Z', version: 'v1', start_date: '2026-04-04', end_date: '2026-04-04' };
const body = (m: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ data: [row], meta: { ...meta, ...m }, ...extra });

const outcome = async (f: () => unknown) => {
  try {
    return { ok: await f() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('plainRankingsBody ⊆ rankingsDailySchema', () => {
  test.each([
    ['a well-formed body', body(), true],
    ['an offset instead of Z', body({ as_of: '2026-04-05T05:30:00+02:30' }), true],
    ['no fraction of a second', body({ as_of: '2026-04-05T03:00:00Z' }), true],
    ['unknown fields (stripped)', body({ extra: 1 }, { more: true }), true],
    ['a leap day', body({ as_of: '2028-02-29T00:00:00Z' }), true],
    ['no zone', body({ as_of: '2026-04-05T03:00:00' }), false],
    ['no seconds', body({ as_of: '2026-04-05T03:00Z' }), false],
    ['hour 24', body({ as_of: '2026-04-05T24:00:00Z' }), false],
    ['offset +24:00', body({ as_of: '2026-04-05T03:00:00+24:00' }), false],
    ['a day that does not exist', body({ as_of: '2026-02-30T03:00:00Z' }), false],
    ['not a leap year', body({ as_of: '2100-02-29T03:00:00Z' }), false],
    ['a bad start_date', body({ start_date: '2026-4-4' }), false],
    ['a numeric version', body({ version: 1 }), false],
    ['no meta', { data: [row] }, false],
    ['data not an array', { data: {}, meta }, false],
    ['an array body', [row], false],
    ['null', null, false],
  ])('%s: plain %s', async (_name, b, plain) => {
    expect(plainRankingsBody(b) !== null).toBe(plain);
    const direct = await outcome(() => toRankingsBatch(b, 'the file'));
    if (plain) expect(direct).toHaveProperty('ok');
    expect(await outcome(() => readRankingsBatch(b, 'the file'))).toEqual(direct);
    // replay's one pass from the body to history: the history of the same rows, or the same error.
    const history = await outcome(async () => {
      const batch = await toRankingsBatch(b, 'the file');
      return buildHistory(batch.rows, batch.meta.endDate);
    });
    expect(await outcome(() => readRankingsHistory(b, 'the file'))).toEqual(history);
  });

  test('a bad row is named the same way on the plain path', async () => {
    const b = { data: [row, { ...row, total_tokens: '12x' }], meta };
    expect(plainRankingsBody(b)).not.toBeNull();
    await expect(readRankingsBatch(b, 'the file')).rejects.toThrow('the file sent malformed rankings: row 2 has bad total_tokens');
    await expect(readRankingsHistory(b, 'the file')).rejects.toThrow('the file sent malformed rankings: row 2 has bad total_tokens');
  });
});
