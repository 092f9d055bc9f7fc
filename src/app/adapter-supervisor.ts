import type { ChatAdapter } from '../adapters/adapter.js';
import { destinationKey, type Destination } from '../delivery/destination.js';
import type { OutboxStore } from '../store/outbox-store.js';
import { AdapterStartError } from '../adapters/start-error.js';
import { cappedBackoff } from '../delivery/retry-policy.js';
import { sleep, type Timers } from '../delivery/timers.js';
import type { HealthBoard } from '../health/health.js';
import type { Logger } from '../logger.js';

export interface AdapterSupervision {
  /** Resolves once every adapter has connected, failed its first try, or taken `firstWaitMs`. */
  readonly firstTry: Promise<void>;
  stop(): void;
}

/**
 * Starts every chat adapter on its own: one that cannot reach its platform is retried with
 * bounded backoff in the background (polling, delivery and the other adapters go on); one whose
 * credentials are refused is fatal (`onFatal`), since retrying a refused token helps nobody.
 */
export function superviseAdapters(
  adapters: readonly ChatAdapter[],
  o: { health: HealthBoard; logger: Logger; timers: Timers; onFatal: (error: AdapterStartError) => void; firstWaitMs?: number; retryBaseMs?: number; retryMaxMs?: number },
): AdapterSupervision {
  const stopping = new AbortController();
  const firsts = adapters.map((adapter) => {
    let firstDone: () => void = () => {};
    const first = new Promise<void>((resolve) => (firstDone = resolve));
    void (async () => {
      for (let attempt = 1; !stopping.signal.aborted; attempt++) {
        o.health.report(adapter.name, attempt === 1 ? 'starting' : 'retrying');
        try {
          await adapter.start();
          o.health.report(adapter.name, 'ok');
          return firstDone();
        } catch (error) {
          const failure = error instanceof AdapterStartError ? error : AdapterStartError.unreachable(adapter.name, error);
          if (failure.kind === 'refused') {
            o.health.report(adapter.name, 'failed', { detail: failure.message });
            o.logger.error({ adapter: adapter.name, err: error }, failure.message);
            o.onFatal(failure);
            return firstDone();
          }
          const wait = cappedBackoff(o.retryBaseMs ?? 2_000, o.retryMaxMs ?? 5 * 60_000, attempt);
          const retryAt = new Date(o.timers.now() + wait);
          o.health.report(adapter.name, 'retrying', { detail: failure.message, retryAt });
          o.logger.error({ adapter: adapter.name, err: error, attempt, retryAt: retryAt.toISOString() }, `${failure.message}; retrying at ${retryAt.toISOString()}`);
          firstDone();
          await sleep(o.timers, wait, stopping.signal);
        }
      }
    })();
    return Promise.race([first, sleep(o.timers, o.firstWaitMs ?? 10_000, stopping.signal)]);
  });
  return { firstTry: Promise.all(firsts).then(() => undefined), stop: () => stopping.abort() };
}

/** At start, every configured webhook still failing from an earlier run is said once more (log and health). */
export async function reportFailingWebhooks(dests: readonly Destination[], o: { outbox: OutboxStore; health: HealthBoard; logger: Logger }): Promise<void> {
  for (const dest of dests) {
    const failure = await o.outbox.failure(dest);
    if (!failure) continue;
    const key = destinationKey(dest);
    o.logger.error({ dest: key, since: failure.since, attempts: failure.attempts, reason: failure.reason, nextAt: failure.nextAt }, 'configured webhook has been failing since an earlier run; its alerts are kept and retried (remove it from the *_WEBHOOK_URLS variable to stop)');
    o.health.report(`webhook ${key}`, 'retrying', { detail: failure.reason, retryAt: failure.nextAt, critical: false });
  }
}
