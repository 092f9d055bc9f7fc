/**
 * Why a chat adapter could not start, as the supervisor needs to know it:
 * - `refused`: the platform refused the credentials (or the app's configuration); the process
 *   stops with this message, which names the setting to fix;
 * - `unreachable`: a network fault or an outage; retried with backoff while everything else runs.
 */
export class AdapterStartError extends Error {
  constructor(
    readonly kind: 'refused' | 'unreachable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AdapterStartError';
  }

  static refused(message: string, cause?: unknown): AdapterStartError {
    return new AdapterStartError('refused', message, { cause });
  }

  static unreachable(platform: string, cause: unknown): AdapterStartError {
    const why = (cause as { code?: string })?.code ?? (cause as Error)?.message ?? String(cause);
    return new AdapterStartError('unreachable', `cannot reach ${platform} (${why})`, { cause });
  }
}
