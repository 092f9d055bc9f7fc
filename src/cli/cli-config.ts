import { loadConfig, type Config } from '../config.js';

/** Config for one-shot CLI commands: routine log lines stay off the terminal unless LOG_LEVEL asks. */
export function cliConfig(): Config {
  const config = loadConfig();
  return config.explicit.has('LOG_LEVEL') ? config : { ...config, LOG_LEVEL: 'warn' };
}
