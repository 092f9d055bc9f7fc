import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

const RANK: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function text(parts: unknown[]): { msg: string; err?: unknown } {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : stringify(p)))
    .join(' ');
  return { msg: msg || (err instanceof Error ? err.message : ''), err };
}

/**
 * Bolt's (and its WebClient's) log lines through rankwatch's logger, warn and above by default:
 * Bolt is chatty at info (every socket reconnect, every retry).
 */
export function boltLogger(logger: Logger, initial: LogLevel = LogLevel.WARN): BoltLogger {
  let level = initial;
  const emit = (at: LogLevel, parts: unknown[]) => {
    if (RANK[at] < RANK[level]) return;
    const { msg, err } = text(parts);
    const obj = { component: 'slack', ...(err ? { err } : {}) };
    if (at === LogLevel.ERROR) logger.error(obj, msg);
    else if (at === LogLevel.WARN) logger.warn(obj, msg);
    else if (at === LogLevel.INFO) logger.info(obj, msg);
    else logger.debug(obj, msg);
  };
  return {
    debug: (...m: unknown[]) => emit(LogLevel.DEBUG, m),
    info: (...m: unknown[]) => emit(LogLevel.INFO, m),
    warn: (...m: unknown[]) => emit(LogLevel.WARN, m),
    error: (...m: unknown[]) => emit(LogLevel.ERROR, m),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
