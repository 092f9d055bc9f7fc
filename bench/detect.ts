import { readFileSync } from 'node:fs';
import { addDays, dayNumber } from '../src/domain/calendar.js';
import { detect } from '../src/domain/detect/detect.js';
import { buildHistory } from '../src/domain/history.js';
import type { Row } from '../src/domain/rows.js';
import { toRankingsBatch } from '../src/source/openrouter-schemas.js';
import { median, report } from './report.js';

export const SAMPLE = 'data/sample/rankings-daily.json';

export function sampleRows(): { rows: Row[]; endDate: string } {
  const batch = toRankingsBatch(JSON.parse(readFileSync(SAMPLE, 'utf8')), SAMPLE);
  return { rows: [...batch.rows], endDate: batch.meta.endDate };
}

/** The sample repeated `k` times back to back (later copies shifted in time, figures nudged). */
function stretched(rows: Row[], k: number): Row[] {
  const span = dayNumber(rows.at(-1)!.date) - dayNumber(rows[0].date) + 1;
  const out: Row[] = [];
  for (let copy = 0; copy < k; copy++) {
    for (const r of rows) out.push({ date: addDays(r.date, copy * span), model: r.model, tokens: r.tokens + BigInt(copy * 1_000_003) });
  }
  return out;
}

function time(rows: Row[], runs: number): { ms: number; events: number; days: number } {
  const history = buildHistory(rows);
  let events = 0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    events = detect(history).length;
    times.push(performance.now() - t);
  }
  return { ms: median(times), events, days: history.days.size };
}

export function benchDetect(): void {
  const { rows } = sampleRows();
  let base = 0;
  for (const k of [1, 2, 4]) {
    const input = k === 1 ? rows : stretched(rows, k);
    const r = time(input, 7);
    if (k === 1) base = r.ms;
    // Linear: k times the history takes about k times as long (the ratio stays near k).
    report(`detection ${k}x history`, {
      rows: input.length,
      days: r.days,
      events: r.events,
      'detect ms (median of 7, warm)': r.ms.toFixed(1),
      [`ms / 1x ms (linear: ~${k})`]: (r.ms / base).toFixed(2),
      goal: k === 1 ? '< 150 ms' : `linear (~${k})`,
      met: k === 1 ? (r.ms < 150 ? 'yes' : 'NO') : r.ms / base < k * 1.5 ? 'yes' : 'NO',
    });
  }
  // The whole `replay --json` process is measured in bench/startup.ts.
}
