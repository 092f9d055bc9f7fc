import { SourceError, type SourceErrorKind } from '../source/source.js';

const KINDS: Record<SourceErrorKind, string> = {
  auth: 'OpenRouter refused OPENROUTER_API_KEY (401)',
  rate_limited: 'OpenRouter rate limit reached (429)',
  server: 'OpenRouter server error (5xx)',
  timeout: 'OpenRouter did not answer in time',
  network: 'cannot reach OpenRouter',
  bad_request: 'OpenRouter refused the request (4xx)',
  malformed: 'OpenRouter answered data that failed validation',
  contradicts_history: 'OpenRouter answered data that contradicts stored history (kept the stored days)',
};

/**
 * What went wrong with a sync, in words safe for anyone to read: the kind of failure, never a URL
 * or a raw message (which can carry a host, a key or a store path). The full error goes to the log.
 */
export function describeSyncError(error: unknown): string {
  if (error instanceof SourceError) return KINDS[error.kind] ?? `OpenRouter error (${error.kind})`;
  return 'sync failed inside rankwatch (store or internal error; see the log)';
}
