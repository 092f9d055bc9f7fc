import { ConfigError } from '../config.js';

/**
 * A store that cannot be used as it stands: unreachable, refusing credentials, damaged, or holding
 * the other kind of data. A ConfigError, so the CLI prints it as one line and exits 1.
 */
export class StoreError extends ConfigError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** `redis://:secret@host:6379` → `redis://:***@host:6379`: messages and logs never carry a password. */
export function redactUrl(storeUrl: string): string {
  try {
    const url = new URL(storeUrl);
    if (!url.password) return storeUrl;
    url.password = '***';
    return url.toString();
  } catch {
    return storeUrl.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/** How long opening a store may take before start-up gives up with a message. */
export const CONNECT_TIMEOUT_MS = 10_000;

export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
