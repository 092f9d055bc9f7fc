import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/** A settings file that cannot be used; the message names the file (config.ts turns it into a ConfigError). */
export class EnvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

/** Names another settings file than `./.env` (read from the environment only, never from a file). */
export const ENV_FILE_VARIABLE = 'RANKWATCH_ENV_FILE';

const SETTING = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/;
const QUOTES = new Set(['"', "'", '`']);

/**
 * The first line that is neither blank, a comment nor `NAME=value`, or null. Node's parseEnv
 * never complains: it glues a stray line onto the next name or drops it, so a typo would
 * silently unset a setting. A quoted value may run over lines up to its closing quote, as
 * parseEnv reads it.
 */
function badLine(text: string): number | null {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(#|$)/.test(lines[i])) continue;
    const m = SETTING.exec(lines[i]);
    if (!m) return i + 1;
    const value = m[1].trim();
    const quote = value[0];
    if (!QUOTES.has(quote) || value.indexOf(quote, 1) > 0) continue;
    const close = lines.findIndex((l, j) => j > i && l.includes(quote));
    if (close > 0) i = close;
  }
  return null;
}

function read(file: string, named: boolean): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    if (!named && code === 'ENOENT') return null;
    throw new EnvFileError(named ? `${ENV_FILE_VARIABLE} names ${file}, which cannot be read (${code})` : `${file} cannot be read (${code})`);
  }
}

/**
 * Reads `.env` from `cwd` (or the file RANKWATCH_ENV_FILE names) into `env`, under it: a
 * variable the environment already has, even empty, is never replaced, so a deployment's real
 * environment always wins over a file left on disk. A missing `.env` is fine; a missing named
 * file or a malformed line is an EnvFileError naming the file (and line, never its text: values
 * are secrets). Returns the file read, or null.
 */
export function loadEnvFile(env: Record<string, string | undefined>, cwd: string): string | null {
  const named = env[ENV_FILE_VARIABLE]?.trim() || undefined;
  const file = resolve(cwd, named ?? '.env');
  const text = read(file, named !== undefined);
  if (text === null) return null;
  const bad = badLine(text);
  if (bad !== null) throw new EnvFileError(`${file} line ${bad} is not NAME=value (fix or comment it out with #)`);
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] === undefined && value !== undefined) env[name] = value;
  }
  return file;
}
