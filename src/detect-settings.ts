import { DEFAULT_DETECT_OPTIONS, type DetectOptions } from './domain/detect/options.js';

/** The settings detection reads (config.ts validates them; .env.example documents them). */
export const DETECT_KEYS = ['DAILY_STREAK_MILESTONES', 'WEEKLY_STREAK_MILESTONES', 'TOKEN_MILESTONES', 'LAB_TABLE', 'SWEEP_SIZE'] as const;
export type DetectKey = (typeof DETECT_KEYS)[number];

/**
 * The detection options from the environment, for a command that reads no other setting
 * (`replay --file`): with none of DETECT_KEYS set (empty counts as unset, as in loadConfig) they
 * are the defaults, and config.ts with its schema library is never loaded.
 */
export async function detectSettings(env: Record<string, string | undefined> = process.env): Promise<DetectOptions> {
  if (DETECT_KEYS.every((k) => (env[k] ?? '').trim() === '')) return DEFAULT_DETECT_OPTIONS;
  return (await import('./config.js')).loadDetectOptions(env);
}
