import { entryTokens, type Chart } from './charts.js';

/** A week whose top N models are all from one region (N at least the sweep size). */
export interface SweepWeek {
  readonly region: string;
  /** N(W): entries from the top, all from `region`, until the first that is not (or is unknown). */
  readonly top: number;
  /** Their combined tokens. */
  readonly tokens: bigint;
  /** The top N models of the strongest other single region that week, combined; absent when no other region is charted. */
  readonly rival?: { readonly region: string; readonly tokens: bigint };
}

/**
 * Whether a weekly chart is a sweep week, per ../shared/spec/stories.md: R is the leader's region,
 * N counts from the top while the region stays R. A leader of unknown region sweeps nothing.
 */
export function sweepOf(chart: Chart, regionOf: (permaslug: string) => string | undefined, size: number): SweepWeek | null {
  const entries = chart.entries;
  const region = entries[0] ? regionOf(entries[0].model) : undefined;
  if (region === undefined) return null;
  let top = 0;
  let tokens = 0n;
  while (top < entries.length && regionOf(entries[top].model) === region) tokens += entryTokens(chart, entries[top++].value);
  if (top < size) return null;
  const rival = strongestOther(chart, regionOf, region, top);
  return { region, top, tokens, ...(rival ? { rival } : {}) };
}

/** For each other known region, its best `n` entries combined; the largest (ties: the code that sorts first). */
function strongestOther(chart: Chart, regionOf: (permaslug: string) => string | undefined, region: string, n: number): SweepWeek['rival'] {
  const sums = new Map<string, { count: number; tokens: bigint }>();
  for (const e of chart.entries) {
    const r = regionOf(e.model);
    if (r === undefined || r === region) continue;
    const s = sums.get(r) ?? { count: 0, tokens: 0n };
    if (s.count < n) sums.set(r, { count: s.count + 1, tokens: s.tokens + entryTokens(chart, e.value) });
  }
  let best: { region: string; tokens: bigint } | undefined;
  for (const [r, s] of [...sums].sort(([a], [b]) => (a < b ? -1 : 1))) if (!best || s.tokens > best.tokens) best = { region: r, tokens: s.tokens };
  return best;
}
