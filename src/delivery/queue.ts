import type { PendingDelivery } from '../store/outbox-store.js';

/**
 * What the pipeline hands its alerts to: the in-process Deliverer (one process, the default) or
 * BullDelivery (a fleet on REDIS_URL). Both read and settle the same durable outbox.
 */
export interface DeliveryQueue {
  /** Loads what a previous run left unsent (after a crash, a kill, or a stop). */
  resume(): Promise<number>;
  enqueue(items: readonly PendingDelivery[]): void | Promise<void>;
  /** Deliveries owed: queued, waiting out a backoff or a pause, or in flight. */
  pendingCount(): number;
  /** Sends under way right now. */
  inFlight(): number;
  /** Resolves when nothing is owed any more. */
  idle(): Promise<void>;
  /** True when nothing could be delivered within `horizonMs` that has not been. */
  settledWithin(horizonMs: number): boolean;
  /** Stops taking new sends and waits for those in flight; the rest stay parked in the outbox. */
  stop(): Promise<void>;
}
