// The CLI entry's part of the settings that loads no schema library: ConfigError and `.env`.
// config.ts (zod) loads only when a command reads settings.
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
