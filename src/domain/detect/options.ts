import { BUNDLED_LABS, type LabTable } from '../labs.js';

/** Milestone lists, the lab table and the sweep size; each configurable (see .env.example). */
export interface DetectOptions {
  readonly dailyStreaks: readonly number[];
  readonly weeklyStreaks: readonly number[];
  readonly tokenMilestones: readonly bigint[];
  /** Which lab each model belongs to, and each lab's region (the lab charts, sweeps). */
  readonly labs: LabTable;
  /** How many models from the top of the weekly chart, all from one region, make a sweep week. */
  readonly sweepSize: number;
}

const B = 1_000_000_000n;
const T = 1_000_000_000_000n;

export const DEFAULT_DETECT_OPTIONS: DetectOptions = {
  dailyStreaks: [3, 4, 5, 7, 10, 14, 21, 30, 50, 75, 100, 150, 200, 250, 300, 365],
  weeklyStreaks: [2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 26, 39, 52],
  tokenMilestones: [10n * B, 25n * B, 50n * B, 100n * B, 250n * B, 500n * B, T, 2n * T, 5n * T, 10n * T],
  labs: BUNDLED_LABS,
  sweepSize: 5,
};

const UNITS: Record<string, bigint> = { '': 1n, K: 1_000n, M: 1_000_000n, B, T };

/** `10B`, `1.5T`, `250000000000` → exact tokens; undefined when unreadable. */
export function parseTokenAmount(text: string): bigint | undefined {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*([KMBT]?)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNITS[m[3].toUpperCase()];
  const frac = m[2] ?? '';
  const scaled = BigInt(m[1] + frac) * unit;
  const divisor = 10n ** BigInt(frac.length);
  return scaled % divisor === 0n ? scaled / divisor : undefined;
}
