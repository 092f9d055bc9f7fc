import { pino } from 'pino';

/** The logging port: pino's shape, so tests can pass a silent or capturing logger. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Structured logs on stderr (stdout stays for command output and the console chat).
 * Secrets never reach a log line: anything named like one is redacted wherever it appears.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['*.token', '*.apiKey', '*.authorization', '*.headers.authorization', 'token', 'apiKey', 'authorization', '*.secret'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
