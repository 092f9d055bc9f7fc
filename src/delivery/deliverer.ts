import type { Logger } from '../logger.js';
import type { OutboxStore, PendingDelivery } from '../store/outbox-store.js';
import { destinationKey, type Destination } from './destination.js';
import { DeliveryError, type Notifier } from './notifier.js';
import { idempotencyKey, settleDead, type DeadEnds } from './dead-ends.js';

export interface DelivererOptions {
  readonly outbox: OutboxStore;
  readonly notifiers: readonly Notifier[];
  readonly deadEnds: DeadEnds;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Attempts per delivery before it is given up (and recorded as dropped, with the reason). */
  readonly maxAttempts?: number;
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /**
   * Destinations served at once; each destination's alerts go out one at a time, in order. A lane
   * holds its slot while its platform makes it wait (Slack's 1/s per channel, Discord's channel
   * buckets), so this is large: the notifiers, not this number, enforce the platforms' limits.
   */
  readonly concurrency?: number;
}

interface Lane {
  readonly queue: PendingDelivery[];
  running: boolean;
}

/**
 * Sends what the outbox owes. One lane per destination keeps its alerts in order; lanes run in
 * parallel up to `concurrency`. Platform rate limits are the notifiers' job (they wait, never drop).
 */
export class Deliverer {
  private readonly lanes = new Map<string, Lane>();
  private readonly waiting: string[] = [];
  private readonly remaining = new Map<string, number>();
  private active = 0;
  private stopping = false;
  private wake = new AbortController();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: DelivererOptions) {}

  /** Loads what a previous run left unsent (after a crash, a kill, or a stop). */
  async resume(): Promise<number> {
    const pending = await this.o.outbox.pending();
    this.enqueue(pending);
    return pending.length;
  }

  enqueue(items: readonly PendingDelivery[]): void {
    for (const item of items) {
      const key = destinationKey(item.dest);
      let lane = this.lanes.get(key);
      if (!lane) this.lanes.set(key, (lane = { queue: [], running: false }));
      lane.queue.push(item);
      this.remaining.set(item.alert.eventId, (this.remaining.get(item.alert.eventId) ?? 0) + 1);
      if (!lane.running && !this.waiting.includes(key)) this.waiting.push(key);
    }
    this.pump();
  }

  /** Deliveries queued or in flight. */
  pendingCount(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.queue.length;
    return n;
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.pendingCount() === 0 && this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking new sends and waits for those in flight; the rest stay parked in the outbox. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.abort();
    while (this.active > 0) await new Promise((r) => setTimeout(r, 10));
    this.lanes.clear();
    this.waiting.length = 0;
    this.notifyIdle();
  }

  private pump(): void {
    const limit = this.o.concurrency ?? 256;
    while (!this.stopping && this.active < limit && this.waiting.length > 0) {
      const key = this.waiting.shift()!;
      const lane = this.lanes.get(key);
      if (!lane || lane.running || lane.queue.length === 0) continue;
      lane.running = true;
      this.active++;
      void this.runLane(key, lane).finally(() => {
        lane.running = false;
        this.active--;
        if (lane.queue.length === 0) this.lanes.delete(key);
        else if (!this.stopping) this.waiting.push(key);
        this.pump();
        this.notifyIdle();
      });
    }
  }

  private notifyIdle(): void {
    if (this.pendingCount() > 0 || this.active > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async runLane(key: string, lane: Lane): Promise<void> {
    let attempts = 0;
    while (!this.stopping && lane.queue.length > 0) {
      const item = lane.queue[0];
      const outcome = await this.attempt(item, ++attempts);
      if (outcome === 'retry') {
        await this.backoff(attempts, item);
        continue;
      }
      attempts = 0;
      if (outcome === 'dead') {
        const rest = lane.queue.splice(0);
        await settleDead(this.o, rest, this.o.clock().toISOString());
        for (const r of rest) await this.done(r);
      } else {
        lane.queue.shift();
        await this.done(item);
      }
    }
    void key;
  }

  /** One send. Returns what the lane does next. */
  private async attempt(item: PendingDelivery, attempt: number): Promise<'done' | 'dead' | 'retry'> {
    const { alert, dest } = item;
    const at = () => this.o.clock().toISOString();
    if (await this.o.outbox.isSettled(alert.eventId, dest)) return 'done';
    const notifier = this.o.notifiers.find((n) => n.handles(dest));
    if (!notifier) {
      this.o.logger.warn({ dest: destinationKey(dest), event: alert.eventId }, 'no notifier for this destination (its platform is not configured); alert dropped');
      await this.o.outbox.settle(alert.eventId, dest, { sent: false, reason: 'platform not configured', at: at() });
      return 'done';
    }
    try {
      await notifier.send(dest, alert, idempotencyKey(alert.eventId, dest));
      await this.o.outbox.settle(alert.eventId, dest, { sent: true, at: at() });
      return 'done';
    } catch (error) {
      return this.failed(item, error, attempt);
    }
  }

  private async failed(item: PendingDelivery, error: unknown, attempt: number): Promise<'done' | 'dead' | 'retry'> {
    const { alert, dest } = item;
    const failure = error instanceof DeliveryError ? error.failure : 'retry';
    const reason = (error as Error)?.message ?? String(error);
    const log = { dest: destinationKey(dest), event: alert.eventId, failure, attempt, reason };
    if (failure === 'gone' || failure === 'forbidden') {
      await this.o.deadEnds.disable(dest, `${failure === 'gone' ? 'gone' : 'forbidden'}: ${reason}`);
      return 'dead';
    }
    const max = this.o.maxAttempts ?? 8;
    if (failure === 'invalid' || attempt >= max) {
      this.o.logger.error(log, failure === 'invalid' ? 'alert rejected by the platform; dropped' : `gave up after ${attempt} attempts`);
      await this.o.outbox.settle(alert.eventId, dest, { sent: false, reason: failure === 'invalid' ? `rejected: ${reason}` : `gave up after ${attempt} attempts: ${reason}`, at: this.o.clock().toISOString() });
      return 'done';
    }
    this.o.logger.warn(log, 'delivery failed; will retry');
    (item as { retryAfterMs?: number }).retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    return 'retry';
  }

  private async backoff(attempt: number, item: PendingDelivery): Promise<void> {
    const base = this.o.baseBackoffMs ?? 1000;
    const exp = Math.min(this.o.maxBackoffMs ?? 300_000, base * 2 ** (attempt - 1));
    const ms = Math.max(exp, (item as { retryAfterMs?: number }).retryAfterMs ?? 0);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }

  private async done(item: PendingDelivery): Promise<void> {
    const id = item.alert.eventId;
    const left = (this.remaining.get(id) ?? 1) - 1;
    if (left > 0) return void this.remaining.set(id, left);
    this.remaining.delete(id);
    if (!this.stopping) await this.o.outbox.complete(id);
  }
}

export type { Destination };
