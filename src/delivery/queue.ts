import type { PendingDelivery } from '../store/outbox-store.js';

/**
 * What the pipeline hands the deliveries the outbox owes to: the in-process lanes (Deliverer,
 * without REDIS_URL) or BullMQ jobs shared by a fleet (BullDelivery). Same outbox, same semantics:
 * each destination gets its alerts once and in order, destinations run in parallel.
 */
export interface DeliveryQueue {
  /** Queues what the outbox still owes (after a crash, a kill, or a stop); returns how many. */
  resume(): Promise<number>;
  /** Queues deliveries already written to the outbox. Await it: on Redis it is a round trip. */
  enqueue(items: readonly PendingDelivery[]): void | Promise<void>;
  /** Deliveries owed: queued, waiting out a backoff or a pause, or in flight (may lag ~1 s on Redis). */
  pendingCount(): number;
  /** Sends under way in this process right now. */
  inFlight(): number;
  /** Resolves when nothing is owed any more. */
  idle(): Promise<void>;
  /** True when nothing is in flight or ready and nothing will be tried again within `horizonMs`. */
  settledWithin(horizonMs: number): boolean;
  /** Stops taking new sends and waits for those in flight; the rest stay owed. */
  stop(): Promise<void>;
}
