import { z } from 'zod';
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

/** A comma-separated list of positive whole numbers, sorted and de-duplicated. */
export const streakListSchema = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
    const nums = parts.map(Number);
    if (parts.length === 0 || nums.some((n) => !Number.isInteger(n) || n < 2)) {
      ctx.addIssue({ code: 'custom', message: 'want whole numbers of 2 or more, comma-separated (e.g. 3,5,10)' });
      return z.NEVER;
    }
    return [...new Set(nums)].sort((a, b) => a - b);
  });

/** A comma-separated list of token amounts such as `10B,1T`. */
export const tokenListSchema = z.string().transform((s, ctx) => {
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  const values = parts.map(parseTokenAmount);
  if (parts.length === 0 || values.some((v) => v === undefined || v <= 0n)) {
    ctx.addIssue({ code: 'custom', message: 'want token amounts, comma-separated (e.g. 10B,500B,1T)' });
    return z.NEVER;
  }
  return [...new Set(values as bigint[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
});
