import { describe, expect, test } from 'vitest';
import type { Row } from '../../src/domain/rows.js';
import { D, START, days, gap, move, numbered, pick, ranking, run } from './history-builder.js';

const M = numbered(13); // m01 = 1000 … m13 = 880
/** 10 days ranked m01..m13; `at` gives other orders (or other rows) on the days listed. */
const base = (at: Record<number, Record<string, number>> = {}, n = 10) => days(START, n, (i) => at[i] ?? ranking(M));

function moves(rows: Row[]): string[] {
  return pick(run(rows), { type: 'rank_change' }).map((e) => {
    expect(e.id).toBe(`rank_change:daily:${e.period}:${e.subject}:${e.rank}`);
    expect(e.milestone).toBe(e.rank);
    return `${e.day.slice(5)} ${e.subject} ${e.previous!.rank}->${e.rank}`;
  });
}
const d = (i: number) => D(i).slice(5);

describe('rank_change on the daily chart', () => {
  test.each([
    { given: 'the same order every day', rows: base(), then: [] },
    { given: 'm05 up to rank 2 on day 7 (3 places; the others move 1)', rows: base({ 7: ranking(move(M, 5, 2)) }), then: [`${d(7)} m05 5->2`, `${d(8)} m05 2->5`] },
    { given: 'm05 up to rank 3 (2 places)', rows: base({ 7: ranking(move(M, 5, 3)) }), then: [] },
    { given: 'm01 down to rank 4', rows: base({ 7: ranking(move(M, 1, 4)) }), then: [`${d(7)} m01 1->4`, `${d(8)} m01 4->1`] },
    { given: 'm10 and m11 swap (crossing 10 both ways)', rows: base({ 7: ranking(move(M, 11, 10)) }), then: [`${d(7)} m10 10->11`, `${d(7)} m11 11->10`, `${d(8)} m10 11->10`, `${d(8)} m11 10->11`] },
    { given: 'm11 and m12 swap (below the top 10, 1 place)', rows: base({ 7: ranking(move(M, 12, 11)) }), then: [] },
    { given: 'm13 up to rank 10', rows: base({ 7: ranking(move(M, 13, 10)) }, 8), then: [`${d(7)} m10 10->11`, `${d(7)} m13 13->10`] },
    { given: 'm03 down to rank 13', rows: base({ 7: ranking(move(M, 3, 13)) }, 8), then: [`${d(7)} m03 3->13`, `${d(7)} m11 11->10`] },
    { given: 'a new model x at rank 1 (no rank the day before)', rows: base({ 7: ranking(['x', ...M]) }, 8), then: [`${d(7)} m10 10->11`] },
    { given: 'm01 missing on day 7 (no rank that day)', rows: base({ 7: ranking(M.slice(1)) }, 8), then: [`${d(7)} m11 11->10`] },
    { given: 'a gap day 7, m05 up to rank 2 on day 8', rows: gap(base({ 8: ranking(move(M, 5, 2)) }), D(7)), then: [`${d(9)} m05 2->5`] },
    { given: 'm05 at rank 2 on day 6 only (warm-up silences day 6)', rows: base({ 6: ranking(move(M, 5, 2)) }), then: [`${d(7)} m05 2->5`] },
    { given: '`other` far above every model', rows: base({ 7: { ...ranking(M), other: 1_000_000 } }, 8), then: [] },
    { given: "'a' and 'B' tied, then 'a' drops 3 places", rows: base({ 7: { ...ranking(M, 1000), a: 1010, B: 1010 }, 8: { ...ranking(M, 1000), a: 975, B: 1010 } }, 9), then: [`${d(7)} m09 9->11`, `${d(7)} m10 10->12`, `${d(8)} a 2->5`] },
  ])('given $given, then $then', ({ rows, then }) => {
    expect(moves(rows)).toEqual(then);
  });
});
