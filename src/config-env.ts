// The part of the settings that loads no schema library: ConfigError, `.env`, and the detection
// settings when none is set. config.ts (zod) loads only when a command reads settings; these two
// files are the only ones that read process.env (test/architecture.test.ts).
import { DEFAULT_DETECT_OPTIONS, type DetectOptions } from './domain/detect/options.js';
import { EnvFileError, loadEnvFile } from './env-file.js';

/** A start-up setting that cannot be used; the message names the variable to fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Merges `.env` (or the file RANKWATCH_ENV_FILE names) under process.env, once, in the CLI
 * entry before any command runs, so loadConfig() sees the file and the environment wins.
 * Returns the file read, or null when there is none.
 */
export function loadEnvironment(cwd: string): string | null {
  try {
    return loadEnvFile(process.env, cwd);
  } catch (error) {
    throw error instanceof EnvFileError ? new ConfigError(error.message) : error;
  }
}

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
