import { describe, expect, test } from 'vitest';
import type { Row } from '../../src/domain/rows.js';
import { checkBatch, checkFresh, checkKeepsHistory, CLOCK_TOLERANCE_MS, MAX_TOKENS_PER_ROW } from '../../src/source/check-batch.js';
import type { RankingsBatch } from '../../src/source/source.js';

const row = (date: string, model: string, tokens: bigint = 1n): Row => ({ date, model, tokens });
const batch = (startDate: string, endDate: string, rows: Row[] = [], asOf = '2026-04-11T02:00:00.000Z'): RankingsBatch => ({ rows, meta: { asOf, version: 'v1', startDate, endDate } });
const NOW = new Date('2026-04-11T12:00:00.000Z');

describe('checkBatch: the answer against the request', () => {
  test('given the window asked and rows inside it, then the batch passes as it is', () => {
    const b = batch('2026-04-07', '2026-04-10', [row('2026-04-07', 'a'), row('2026-04-10', 'other')]);
    expect(checkBatch(b, { start: '2026-04-07', end: '2026-04-10' }, 'OpenRouter')).toBe(b);
  });

  test('given a start before the data, then only its documented clamping to 2025-01-01 is accepted', () => {
    expect(() => checkBatch(batch('2025-01-01', '2025-01-10'), { start: '2024-12-01', end: '2025-01-10' }, 'OpenRouter')).not.toThrow();
    expect(() => checkBatch(batch('2025-01-02', '2025-01-10'), { start: '2024-12-01', end: '2025-01-10' }, 'OpenRouter')).toThrow(/answered window 2025-01-02\.\.2025-01-10 for 2024-12-01\.\.2025-01-10/);
  });

  test.each([
    ['an earlier start', '2025-01-01', '2026-04-10', /^OpenRouter answered window 2025-01-01\.\.2026-04-10 for 2026-04-07\.\.2026-04-10$/],
    ['a later start', '2026-04-08', '2026-04-10', /answered window 2026-04-08\.\.2026-04-10 for/],
    ['an earlier end', '2026-04-07', '2026-04-09', /answered window 2026-04-07\.\.2026-04-09 for/],
    ['a later end', '2026-04-07', '2030-01-01', /answered through 2030-01-01, after the 2026-04-10 asked for/],
  ])('given %s than asked, then malformed, naming both windows', (_, start, end, message) => {
    expect(() => checkBatch(batch(start, end), { start: '2026-04-07', end: '2026-04-10' }, 'OpenRouter')).toThrow(expect.objectContaining({ kind: 'malformed', message: expect.stringMatching(message) }));
  });

  test.each([
    ['before', '2026-04-06'],
    ['after', '2026-04-11'],
  ])('given a row %s the window, then malformed, naming the row', (_, date) => {
    const b = batch('2026-04-07', '2026-04-10', [row('2026-04-08', 'a'), row(date, 'b/x')]);
    expect(() => checkBatch(b, { start: '2026-04-07', end: '2026-04-10' }, 'OpenRouter')).toThrow(`OpenRouter sent a row for ${date} (b/x), outside the window 2026-04-07..2026-04-10 it answered`);
  });

  test('given a figure at the plausibility bound, then it passes; one token more, then malformed', () => {
    const ok = batch('2026-04-07', '2026-04-07', [row('2026-04-07', 'a', MAX_TOKENS_PER_ROW)]);
    expect(() => checkBatch(ok, { start: '2026-04-07', end: '2026-04-07' }, 'OpenRouter')).not.toThrow();
    const absurd = batch('2026-04-07', '2026-04-07', [row('2026-04-07', 'a', MAX_TOKENS_PER_ROW + 1n)]);
    expect(() => checkBatch(absurd, { start: '2026-04-07', end: '2026-04-07' }, 'OpenRouter')).toThrow(/10000000000000001 tokens for a on 2026-04-07, past the plausible 10000000000000000 a day/);
  });
});

describe('checkFresh: the answer against our clock', () => {
  test('given the last finished day and an as_of within the tolerance ahead of us, then it passes', () => {
    const ahead = new Date(NOW.getTime() + CLOCK_TOLERANCE_MS).toISOString();
    expect(() => checkFresh(batch('2026-04-07', '2026-04-10', [], ahead), NOW, 'OpenRouter')).not.toThrow();
  });

  test('given an end after the last finished UTC day, then malformed', () => {
    expect(() => checkFresh(batch('2026-04-07', '2026-04-11'), NOW, 'OpenRouter')).toThrow(/answered through 2026-04-11, after the last finished UTC day 2026-04-10 by our clock/);
  });

  test('given an as_of a millisecond past the tolerance, then malformed: a future as_of would skip the settle wait', () => {
    const ahead = new Date(NOW.getTime() + CLOCK_TOLERANCE_MS + 1).toISOString();
    expect(() => checkFresh(batch('2026-04-07', '2026-04-10', [], ahead), NOW, 'OpenRouter')).toThrow(expect.objectContaining({ kind: 'malformed', message: expect.stringMatching(/as of 2026-04-11T12:10:00.001Z, in the future/) }));
  });
});

describe('checkKeepsHistory: the answer against the stored days', () => {
  const window = { start: '2026-04-07', end: '2026-04-10' };
  const held = new Map([['2026-04-07', 3], ['2026-04-08', 3], ['2026-04-09', 2]]);

  test('given every stored day answered (one with fewer rows) and a new day, then it passes', () => {
    expect(() => checkKeepsHistory(window, [row('2026-04-07', 'a'), row('2026-04-08', 'a'), row('2026-04-09', 'a'), row('2026-04-10', 'a')], held, 'OpenRouter')).not.toThrow();
  });

  test('given nothing stored in the window, then an empty answer passes: a gap at the source', () => {
    expect(() => checkKeepsHistory(window, [], new Map(), 'OpenRouter')).not.toThrow();
  });

  test('given an empty answer where history exists, then contradicts_history, saying what is kept', () => {
    expect(() => checkKeepsHistory(window, [], held, 'OpenRouter')).toThrow(
      expect.objectContaining({ kind: 'contradicts_history', message: 'OpenRouter answered no rows for 2026-04-07..2026-04-10, where the store holds 3 day(s) (2026-04-07..2026-04-09); keeping the stored history' }),
    );
  });

  test('given a stored day missing from the answer, then contradicts_history, naming the day', () => {
    expect(() => checkKeepsHistory(window, [row('2026-04-07', 'a'), row('2026-04-09', 'a')], held, 'OpenRouter')).toThrow(
      'OpenRouter answered no rows for 2026-04-08 in 2026-04-07..2026-04-10, which the store holds (3 rows); keeping the stored history',
    );
  });
});
