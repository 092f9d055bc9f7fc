import { describe, expect, test } from 'vitest';
import { buildHistory, historyFromRaw } from '../../src/domain/history.js';
import { BadRowsError, parseRows } from '../../src/domain/rows.js';

const row = (date: unknown, model: unknown, total_tokens: unknown) => ({ date, model_permaslug: model, total_tokens });
const GOOD = [row('2026-03-02', 'x/a', '100'), row('2026-03-02', 'other', 5)];
/** A second bad row after the first: the message must name the first. */
const ALSO_BAD = row('2026-13-01', 'x/z', 'nope');

/** parseRows's error; historyFromRaw (the one-pass path of `replay --file`) must throw the same. */
function rejection(raw: unknown[]): BadRowsError {
  const thrown = (f: () => unknown): BadRowsError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(BadRowsError);
      return e as BadRowsError;
    }
    throw new Error('the rows were accepted');
  };
  const e = thrown(() => parseRows(raw));
  const onePass = thrown(() => historyFromRaw(raw));
  expect({ index: onePass.index, message: onePass.message, row: onePass.row }).toEqual({ index: e.index, message: e.message, row: e.row });
  return e;
}

describe('parseRows rejects the whole input, naming the first bad row', () => {
  test.each([
    { given: 'a missing date', bad: { model_permaslug: 'x/b', total_tokens: '1' }, reason: 'has no date' },
    { given: 'a missing model_permaslug', bad: { date: '2026-03-02', total_tokens: '1' }, reason: 'has no model_permaslug' },
    { given: 'an empty model_permaslug', bad: row('2026-03-02', ' ', '1'), reason: 'has no model_permaslug' },
    { given: 'a missing total_tokens', bad: { date: '2026-03-02', model_permaslug: 'x/b' }, reason: 'has no total_tokens' },
    { given: 'a day that does not exist (2026-02-30)', bad: row('2026-02-30', 'x/b', '1'), reason: 'bad date' },
    { given: 'a date not in YYYY-MM-DD', bad: row('2026-3-2', 'x/b', '1'), reason: 'bad date' },
    { given: 'a timestamp for a date', bad: row('2026-03-02T00:00:00Z', 'x/b', '1'), reason: 'bad date' },
    { given: 'a date that is a number', bad: row(20260302, 'x/b', '1'), reason: 'bad date' },
    { given: 'negative tokens (number)', bad: row('2026-03-02', 'x/b', -5), reason: 'bad total_tokens' },
    { given: 'negative tokens (string)', bad: row('2026-03-02', 'x/b', '-5'), reason: 'bad total_tokens' },
    { given: 'fractional tokens "12.5"', bad: row('2026-03-02', 'x/b', '12.5'), reason: 'bad total_tokens' },
    { given: 'fractional tokens 12.5', bad: row('2026-03-02', 'x/b', 12.5), reason: 'bad total_tokens' },
    { given: 'a JSON number of 2^53', bad: row('2026-03-02', 'x/b', 2 ** 53), reason: 'bad total_tokens' },
    { given: 'a JSON number above 2^53', bad: row('2026-03-02', 'x/b', 1e20), reason: 'bad total_tokens' },
    { given: 'non-numeric tokens "abc"', bad: row('2026-03-02', 'x/b', 'abc'), reason: 'bad total_tokens' },
    { given: 'an empty token string', bad: row('2026-03-02', 'x/b', ''), reason: 'bad total_tokens' },
    { given: 'digits with spaces " 12"', bad: row('2026-03-02', 'x/b', ' 12'), reason: 'bad total_tokens' },
    { given: 'an exponent "1e3"', bad: row('2026-03-02', 'x/b', '1e3'), reason: 'bad total_tokens' },
    { given: 'hex "0x10"', bad: row('2026-03-02', 'x/b', '0x10'), reason: 'bad total_tokens' },
    { given: 'null tokens', bad: row('2026-03-02', 'x/b', null), reason: 'bad total_tokens' },
    { given: 'NaN tokens', bad: row('2026-03-02', 'x/b', Number.NaN), reason: 'bad total_tokens' },
    { given: 'a boolean for tokens', bad: row('2026-03-02', 'x/b', true), reason: 'bad total_tokens' },
    { given: 'a row that is not an object', bad: 'x/b,2026-03-02,1', reason: 'is not an object' },
    { given: 'a row that is null', bad: null, reason: 'is not an object' },
    { given: 'a duplicate (date, model)', bad: row('2026-03-02', 'x/a', '7'), reason: 'duplicates (2026-03-02, x/a)' },
    { given: 'a duplicate `other`', bad: row('2026-03-02', 'other', '7'), reason: 'duplicates (2026-03-02, other)' },
  ])('given $given as the third row, then all is rejected naming row 3 (counting from 1)', ({ bad, reason }) => {
    const e = rejection([...GOOD, bad, ALSO_BAD]);
    expect(e.index).toBe(2);
    expect(e.row).toBe(bad);
    expect(e.message).toMatch(/^row 3 /);
    expect(e.message).toContain(reason);
    if (bad !== null && typeof bad === 'object') expect(e.message).toContain(JSON.stringify(bad).slice(0, 20));
  });

  test('given the first row bad, then it is row 1 that is named (index 0)', () => {
    const e = rejection([row('2026-02-29', 'x/a', '1'), ...GOOD]);
    expect(e.index).toBe(0);
    expect(e.message).toMatch(/^row 1 has a bad date/);
  });

  test('given the same model on two days, then it is not a duplicate', () => {
    expect(parseRows([row('2026-03-02', 'x/a', '1'), row('2026-03-03', 'x/a', '1')])).toHaveLength(2);
  });
});

describe('parseRows accepts digit strings and safe non-negative integers, exactly', () => {
  test.each([
    { given: '"0"', tokens: '0', want: 0n },
    { given: 'a decimal string', tokens: '1234567', want: 1_234_567n },
    { given: 'a string above 2^53', tokens: '9007199254740993', want: 9_007_199_254_740_993n },
    { given: 'a string far above 2^64', tokens: '123456789012345678901234567890', want: 123_456_789_012_345_678_901_234_567_890n },
    { given: 'leading zeros', tokens: '007', want: 7n },
    { given: 'the number 0', tokens: 0, want: 0n },
    { given: 'a safe integer', tokens: 42, want: 42n },
    { given: 'Number.MAX_SAFE_INTEGER', tokens: Number.MAX_SAFE_INTEGER, want: 9_007_199_254_740_991n },
  ])('given total_tokens $given, then tokens are $want', ({ tokens, want }) => {
    expect(parseRows([row('2026-02-28', 'x/a', tokens)])).toEqual([{ date: '2026-02-28', model: 'x/a', tokens: want }]);
  });

  test('given a leap day and `other`, then both rows come back in input order', () => {
    expect(parseRows([row('2024-02-29', 'other', '5'), row('2024-02-29', 'qwen/qwen3.6-plus-04-02', 3)])).toEqual([
      { date: '2024-02-29', model: 'other', tokens: 5n },
      { date: '2024-02-29', model: 'qwen/qwen3.6-plus-04-02', tokens: 3n },
    ]);
  });
});

describe('historyFromRaw is buildHistory(parseRows(raw)) in one pass', () => {
  test.each([
    { given: 'rows of two days with `other`, out of order', raw: [row('2026-03-03', 'x/a', '4'), row('2026-03-02', 'other', 5), row('2026-03-02', 'x/a', '100'), row('2026-03-03', 'x/b', 0)] },
    { given: 'a row after completeThrough', raw: [row('2026-03-02', 'x/a', '1'), row('2026-03-04', 'x/a', '9')], completeThrough: '2026-03-03' },
    { given: 'only rows after completeThrough', raw: [row('2026-03-04', 'x/a', '9')], completeThrough: '2026-03-03' },
    { given: 'no rows', raw: [] },
  ])('given $given, then the history is the same', ({ raw, completeThrough }) => {
    expect(historyFromRaw(raw, completeThrough)).toEqual(buildHistory(parseRows(raw), completeThrough));
  });

  test('given a duplicate on a day after completeThrough, then it is refused all the same', () => {
    const raw = [row('2026-03-02', 'x/a', '1'), row('2026-03-04', 'x/a', '9'), row('2026-03-04', 'x/a', '9')];
    expect(() => historyFromRaw(raw, '2026-03-03')).toThrow('row 3 duplicates (2026-03-04, x/a)');
  });
});
